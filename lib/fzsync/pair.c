// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pair's life cycle: tunables and private state (init), a race loop's
 * start (reset), each iteration's start and the loop's end (next), thread
 * B, and the end of it all (cleanup).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fzsync.h"

/* How long stopping waits for thread B before cancelling it */
#define JOIN_TIMEOUT_S	10

/*
 * Bounds of the tunables. LTP's: fewer samples than this say nothing
 * about a deviation, fewer loops leave nothing after sampling; alpha and
 * the deviation ratio are shares, and one of a thousand is as small as
 * a float average of ns still resolves.
 */
#define MIN_SAMPLES_LOW		20
#define EXEC_LOOPS_LOW		20
#define SHARE_LOW		0.001f

#define CHK(param, low, high, def, fmt) do { \
	if (!pair->param) \
		pair->param = (def); \
	if (pair->param < (low) || pair->param > (high)) \
		tst_brk(TBROK, "fuzzy sync: " #param " = " fmt \
			" is out of bounds [" fmt ", " fmt "]", \
			pair->param, (low), (high)); \
} while (0)

/* FZSYNC_COVERAGE=k: quick mode with at most a million offsets per bin;
 * 0 or -1 is off, as unset */
#define COVERAGE_MAX	1000000

static uint64_t pick_seed(void)
{
	uint64_t seed;

	if (fzsync_env_u64("FZSYNC_SEED", &seed))
		return seed;

	return (uint64_t)tst_fzsync_now() ^ ((uint64_t)getpid() << 32);
}

/* The private state, calibrated and seeded; kept if it exists */
static void alloc_state(struct tst_fzsync_pair *pair)
{
	struct fzsync_state *st = pair->state;

	if (!st) {
		st = calloc(1, sizeof(*st));
		if (!st)
			tst_brk(TBROK, "fuzzy sync: out of memory");
		pair->state = st;
	}

	st->calib.spin_ns = fzsync_calibrate_spin(pair->yield_in_wait);
	st->calib.clock_ns = fzsync_calibrate_clock();
	st->seed = pick_seed();
}

void tst_fzsync_pair_init(struct tst_fzsync_pair *pair)
{
	CHK(avg_alpha, SHARE_LOW, 1.0f, TST_FZSYNC_DEF_AVG_ALPHA, "%g");
	CHK(min_samples, MIN_SAMPLES_LOW, INT_MAX, TST_FZSYNC_DEF_MIN_SAMPLES,
	    "%d");
	CHK(max_dev_ratio, SHARE_LOW, 1.0f, TST_FZSYNC_DEF_MAX_DEV_RATIO, "%g");
	CHK(exec_loops, EXEC_LOOPS_LOW, INT_MAX, TST_FZSYNC_DEF_EXEC_LOOPS,
	    "%d");
	/* Quick mode only when asked for: off, the loop keeps LTP's
	 * contract and runs to exec_loops, the runtime or the exit flag */
	if (!pair->coverage)
		pair->coverage = fzsync_env_int("FZSYNC_COVERAGE", -1,
						COVERAGE_MAX, 0, "0 or -1: off");
	if (pair->coverage <= 0)
		pair->coverage = -1;

	if (tst_ncpus_available() <= 1)
		pair->yield_in_wait = 1;

	alloc_state(pair);
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

/* Returns zero in thread B itself, which must not join itself */
static int stop_b(struct tst_fzsync_pair *pair)
{
	if (!pair->thread_b)
		return 1;

	/* Seq_cst store: B's barrier loops poll it and bail out */
	tst_atomic_store(1, &pair->exit);

	/* Called from thread B's own tst_brk(): the process exits anyway */
	if (pthread_equal(pthread_self(), pair->thread_b))
		return 0;

	join_b(pair);
	pair->thread_b = 0;
	return 1;
}

void fzsync_end_loop(struct tst_fzsync_pair *pair)
{
	struct fzsync_loop *l = &pair->state->loop;

	if (!stop_b(pair) || l->ended)
		return;

	l->ended = 1;
	if (l->phase.exec_loop)
		fzsync_report_end(pair);
	fzsync_stats_record(pair);
	fzsync_unpin(pair);
	fzsync_slack_restore(pair);
}

void tst_fzsync_pair_cleanup(struct tst_fzsync_pair *pair)
{
	if (!pair->state) {
		stop_b(pair);
		return;
	}

	fzsync_end_loop(pair);
	if (pthread_equal(pthread_self(), pair->thread_b))
		return;

	free(pair->state);
	pair->state = NULL;
}

/* The hot fields, from a_cntr to the end of the struct */
static void clear_hot(struct tst_fzsync_pair *pair)
{
	size_t from = offsetof(struct tst_fzsync_pair, a_cntr);

	memset((char *)pair + from, 0, sizeof(*pair) - from);
}

void tst_fzsync_pair_reset(struct tst_fzsync_pair *pair,
			   void *(*run_b)(void *))
{
	struct fzsync_state *st;
	long long runtime_ns;

	/* After cleanup: as new, with the tunables init checked */
	if (!pair->state && pair->min_samples)
		tst_fzsync_pair_init(pair);
	st = fzsync_state_of(pair);

	fzsync_end_loop(pair);

	/* The loop's share: what is left of the call's runtime (TBROK
	 * for a test without one) */
	runtime_ns = tst_remaining_runtime_ns();

	clear_hot(pair);
	st->loop = (struct fzsync_loop) {
		.aim.rand_state = st->seed ? st->seed : 1,
		.pin = { .cpu_a = -1, .cpu_b = -1 },
		.failures_before = tst_res_count(TFAIL) + tst_res_count(TBROK),
	};
	fzsync_phase_start(&st->loop.phase, pair->min_samples,
			   tst_fzsync_now(), runtime_ns);
	fzsync_slack_tighten(pair);

	if (run_b)
		SAFE_PTHREAD_CREATE(&pair->thread_b, NULL, run_b, NULL);
}

int tst_fzsync_pair_next(struct tst_fzsync_pair *pair)
{
	struct fzsync_loop *l = &fzsync_state_of(pair)->loop;
	struct fzsync_phase_in in;
	struct fzsync_phase_change c;

	if (!l->phase.exec_loop)
		fzsync_pin_threads(pair);

	in = (struct fzsync_phase_in) {
		.exec_loops = pair->exec_loops,
		.settled = !l->phase.delaying &&
			   fzsync_timings_settled(&l->timings,
						  pair->max_dev_ratio),
		.covered = l->covered,
		.exit = tst_atomic_load(&pair->exit),
		/*
		 * A's end of the iteration just accounted is a clock read
		 * the loop has already paid for; the test's work after it
		 * delays the time rule by that much. Without it (no
		 * end_race_a() in this iteration), the clock.
		 */
		.now_ns = l->accounted ? pair->a_end : tst_fzsync_now(),
	};
	l->accounted = 0;
	c = fzsync_phase_step(&l->phase, &in);

	if (c.sampling_end != FZSYNC_SAMPLING_GOES_ON) {
		fzsync_start_delays(pair);
		fzsync_report_delays(pair, c.sampling_end);
	}

	if (c.stop == FZSYNC_STOP_NONE)
		return 1;

	fzsync_report_stop(pair);
	/* Release B from its run barrier, then join it */
	tst_atomic_store(1, &pair->exit);
	tst_fzsync_wait_a(pair);
	fzsync_end_loop(pair);
	return 0;
}

int tst_fzsync_pair_delaying(const struct tst_fzsync_pair *pair)
{
	return fzsync_state_of(pair)->loop.phase.delaying;
}

float tst_fzsync_pair_resolution_ns(const struct tst_fzsync_pair *pair)
{
	return fzsync_resolution_ns(&fzsync_state_of(pair)->calib);
}
