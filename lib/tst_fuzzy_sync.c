// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzzy-sync pair life cycle: parameters, reset, loop end, cleanup.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fzsync_internal.h"
#include "fzsync_priv.h"

/* How long cleanup waits for thread B before cancelling it */
#define JOIN_TIMEOUT_S	10

#define CHK(param, low, high, def, fmt) do { \
	if (!pair->param) \
		pair->param = (def); \
	if (pair->param < (low) || pair->param > (high)) \
		tst_brk(TBROK, "fuzzy sync: " #param " = " fmt \
			" is out of bounds [" fmt ", " fmt "]", \
			pair->param, (low), (high)); \
} while (0)

/* FZSYNC_COVERAGE=k: at most a million offsets per bin; -1 never stops early */
#define COVERAGE_MAX	1000000

static uint64_t pick_seed(void)
{
	uint64_t seed;

	if (fzsync_env_u64("FZSYNC_SEED", &seed))
		return seed;

	return (uint64_t)tst_fzsync_now() ^ ((uint64_t)getpid() << 32);
}

void tst_fzsync_pair_init(struct tst_fzsync_pair *pair)
{
	CHK(avg_alpha, 0.001f, 1.0f, 0.25f, "%g");
	CHK(min_samples, 20, INT_MAX, 1024, "%d");
	CHK(max_dev_ratio, 0.001f, 1.0f, 0.1f, "%g");
	CHK(exec_loops, 20, INT_MAX, 3000000, "%d");
	if (!pair->coverage)
		pair->coverage = fzsync_env_int("FZSYNC_COVERAGE", -1,
						COVERAGE_MAX,
						FZSYNC_COVERAGE_DEFAULT,
						"-1: no early stop");
	if (!pair->coverage)
		pair->coverage = -1;

	if (tst_ncpus_available() <= 1)
		pair->yield_in_wait = 1;

	pair->spin_ns = fzsync_calibrate_spin(pair->yield_in_wait);
	pair->clock_ns = fzsync_calibrate_clock();
	pair->seed = pick_seed();
	pair->cpu_a = pair->cpu_b = -1;

	if (!pair->priv) {
		pair->priv = calloc(1, sizeof(*pair->priv));
		if (!pair->priv)
			tst_brk(TBROK, "fuzzy sync: out of memory");
	}
}

void *tst_fzsync_thread_wrapper(void *run_thread)
{
	struct tst_fzsync_run_thread run = *(struct tst_fzsync_run_thread *)run_thread;

	return run.func(run.arg);
}

static void join_b(struct tst_fzsync_pair *pair)
{
	struct timespec deadline;
	int ret;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += JOIN_TIMEOUT_S;
	ret = pthread_timedjoin_np(pair->thread_b, NULL, &deadline);
	if (ret == ETIMEDOUT) {
		tst_res(TWARN, "fuzzy sync: thread B did not stop within %ds, cancelling it",
			JOIN_TIMEOUT_S);
		pthread_cancel(pair->thread_b);
		ret = pthread_join(pair->thread_b, NULL);
	}
	if (ret)
		tst_brk(TBROK, "fuzzy sync: joining thread B failed: %s",
			tst_strerrno(ret));
}

void tst_fzsync_pair_cleanup(struct tst_fzsync_pair *pair)
{
	if (!pair->thread_b)
		return;

	/* Seq_cst store: B's barrier loops poll it and bail out */
	tst_atomic_store(1, &pair->exit);

	/* Called from thread B's own tst_brk(): the process exits anyway */
	if (pthread_equal(pthread_self(), pair->thread_b))
		return;

	join_b(pair);
	pair->thread_b = 0;

	if (pair->priv) {
		fzsync_report(pair);
		fzsync_unplace(pair);
	}
}

void tst_fzsync_pair_reset(struct tst_fzsync_pair *pair,
			   void *(*run_b)(void *))
{
	struct fzsync_priv *priv = pair->priv;
	long long runtime_ns;
	int64_t now;

	tst_fzsync_pair_cleanup(pair);

	if (!priv)
		tst_brk(TBROK, "fuzzy sync: tst_fzsync_pair_init() was not called");

	runtime_ns = tst_remaining_runtime_ns();
	if (!runtime_ns && (!tst_test || !tst_test->runtime))
		tst_brk(TBROK, "fuzzy sync needs a time budget: set .runtime in struct tst_test");

	memset(&pair->diff_ss, 0, sizeof(pair->diff_ss));
	memset(&pair->diff_sa, 0, sizeof(pair->diff_sa));
	memset(&pair->diff_sb, 0, sizeof(pair->diff_sb));
	memset(&pair->diff_ab, 0, sizeof(pair->diff_ab));
	memset(&pair->spins_avg, 0, sizeof(pair->spins_avg));
	memset(pair->outcomes, 0, sizeof(pair->outcomes));
	memset(pair->outcomes_delayed, 0, sizeof(pair->outcomes_delayed));
	pair->delay = 0;
	pair->delay_bias = 0;
	pair->sampling = pair->min_samples;
	pair->delaying = 0;
	pair->exec_loop = 0;
	pair->spins = 0;
	pair->overlaps = pair->a_first = pair->b_first = 0;
	pair->a_start = pair->a_end = pair->a_delay_ns = 0;
	pair->b_start = pair->b_end = pair->b_delay_ns = 0;
	pair->aim_ns = pair->offset_ns = 0;
	pair->target_ns = pair->a_start_pub = pair->b_start_pub = 0;
	pair->delay_timed = 0;
	pair->a_cntr = pair->b_cntr = 0;
	pair->rand_state = pair->seed ? pair->seed : 1;
	tst_atomic_store(0, &pair->exit);

	priv->round++;
	priv->sampling_loops = 0;
	priv->iteration_delayed = 0;
	priv->stop = NULL;
	priv->covered = 0;
	priv->reported = 0;
	memset(&priv->ctl, 0, sizeof(priv->ctl));

	now = tst_fzsync_now();
	pair->deadline_ns = now + runtime_ns;
	pair->sampling_deadline_ns = now + runtime_ns / 2;

	if (run_b) {
		pair->run_b.func = run_b;
		pair->run_b.arg = NULL;
		SAFE_PTHREAD_CREATE(&pair->thread_b, NULL,
				    tst_fzsync_thread_wrapper, &pair->run_b);
	}
}

static int stop(struct tst_fzsync_pair *pair, const char *why)
{
	pair->priv->stop = why;
	return 1;
}

int tst_fzsync_pair_check_time(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;
	int64_t now = tst_fzsync_now();

	if (!pair->exec_loop++)
		fzsync_place_threads(pair);

	if (!pair->delaying && now >= pair->sampling_deadline_ns) {
		tst_res(TINFO, "Stopped sampling at %d (out of %d) samples, sampling time reached 50%% of the total time limit",
			pair->exec_loop, pair->min_samples);
		fzsync_start_delays(pair);
	}

	if (now >= pair->deadline_ns) {
		tst_res(TINFO, "Exceeded execution time, requesting exit");
		return stop(pair, "time");
	}

	if (pair->exec_loop > pair->exec_loops) {
		tst_res(TINFO, "Exceeded execution loops, requesting exit");
		return stop(pair, "loops");
	}

	if (priv->covered) {
		tst_res(TINFO, "Offset range covered: each of %d bins of %.0fns holds %d or more iterations, requesting exit",
			priv->ctl.nbins, priv->ctl.bin_ns, pair->coverage);
		return stop(pair, "coverage");
	}

	return 0;
}

static void stat_info(const char *name, const char *unit,
		      const struct tst_fzsync_stat *s)
{
	tst_res(TINFO, "%s: { avg = %8.0f%s, avg_dev = %8.0f%s, dev_ratio = %.2f }",
		name, s->avg, unit, s->avg_dev, unit, s->dev_ratio);
}

void tst_fzsync_pair_info(struct tst_fzsync_pair *pair)
{
	long iterations = pair->overlaps + pair->a_first + pair->b_first;

	tst_res(TINFO, "loop = %d, delay_bias = %d", pair->exec_loop,
		pair->delay_bias);
	stat_info("start_a - start_b", "ns", &pair->diff_ss);
	stat_info("end_a - start_a  ", "ns", &pair->diff_sa);
	stat_info("end_b - start_b  ", "ns", &pair->diff_sb);
	stat_info("end_a - end_b    ", "ns", &pair->diff_ab);
	stat_info("spins            ", "  ", &pair->spins_avg);
	tst_res(TINFO, "delay loop %.3fns/spin%s, clock %.0fns, seed %" PRIu64,
		pair->spin_ns, pair->yield_in_wait ? " (yielding)" : "",
		pair->clock_ns, pair->seed);
	tst_res(TINFO, "sections overlapped in %ld of %ld iterations, A ended first in %ld, B in %ld",
		pair->overlaps, iterations, pair->a_first, pair->b_first);
}
