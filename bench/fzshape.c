// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One case of the side-by-side benchmark against LTP (make bench-ltp).
 *
 * The same source builds against LTP's tst_fuzzy_sync.h and libltp.a and
 * against this project's; it uses only LTP's API (struct tst_test with
 * .runtime, tst_fzsync_pair_init/reset/run_a/run_b/start_race/end_race/
 * cleanup, tst_fzsync_pair_add_bias(), exec_loops). Built with
 * -DFZSYNC_BENCH_PROJECT it also has the project-only feedback mode.
 *
 * A case is a race shape of shapes.h or "empty", the race loop with
 * nothing in it. It runs for the test's runtime (-I SECONDS), the whole
 * race loop from tst_fzsync_pair_reset() to its end, sampling included:
 * what a test gets in that time. Modes:
 *   blind     no feedback
 *   bias      LTP's idiom (tst_fuzzy_sync02.c, cve-2016-7117.c):
 *             tst_fzsync_pair_add_bias(+1) whenever A's section took its
 *             early exit; only for shapes with an early exit
 *   feedback  tst_fzsync_pair_outcome() after every iteration (project)
 *
 * Output, one line on stdout: "fzshape: lib=... case=... mode=..." and
 * key=value pairs: iterations, hits, seconds, when sampling ended
 * (iterations and seconds, -1 if never), hits after sampling, and
 * percentiles of the realised start offsets (B's section start minus
 * A's) after sampling, next to the overlap range [-len_b, +len_a].
 * "-c list" prints the cases instead.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"
#include "shapes.h"

#ifdef FZSYNC_BENCH_PROJECT
# define LIB_NAME "project"
#else
# define LIB_NAME "ltp"
#endif

/* Realised offsets kept for the percentiles: a uniform reservoir */
#define OFFSET_SAMPLES 16384

enum mode { BLIND, BIAS, FEEDBACK };
static const char *const mode_names[] = { "blind", "bias", "feedback" };

static struct tst_fzsync_pair pair;
static char *opt_case, *opt_mode;
static const struct shape *shape;	/* NULL: the empty loop */
static enum mode mode;

/* Written by B in its section, read by A after the end barrier, which
 * orders them (both libraries' barriers are atomic read-modify-writes
 * or release/acquire pairs) */
static struct interval b_crit;
static int64_t b_origin;
/* Set by B once its critical part is over: the "fd" is closed */
static int b_done;

static int64_t offsets[OFFSET_SAMPLES];
static long offsets_seen;
static uint64_t rand_state = 88172645463325252ULL;

/* Whether the library has left sampling and applies its delays, for the
 * report only, never to steer: the project says so through a function,
 * LTP only in its internals */
static int lib_delaying(void)
{
#ifdef FZSYNC_BENCH_PROJECT
	return tst_fzsync_pair_delaying(&pair);
#else
	/* LTP's tst_fzsync_pair_update() sets -1 once it delays */
	return pair.sampling < 0;
#endif
}

static uint64_t xorshift(void)
{
	rand_state ^= rand_state << 13;
	rand_state ^= rand_state >> 7;
	rand_state ^= rand_state << 17;
	return rand_state;
}

static void keep_offset(int64_t off)
{
	long i = offsets_seen++;

	if (i < OFFSET_SAMPLES) {
		offsets[i] = off;
		return;
	}
	i = xorshift() % (uint64_t)offsets_seen;
	if (i < OFFSET_SAMPLES)
		offsets[i] = off;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int64_t percentile(long n, double p)
{
	long i = (long)(p * (n - 1) + 0.5);

	return n ? offsets[i] : 0;
}

static void *thread_b(void *arg)
{
	const struct window *w = &shape->b;
	unsigned int seed = 2;
	int64_t t0;

	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		b_origin = shape_now();
		t0 = shape_section_start(w, &seed);
		shape_critical(w, t0, &b_crit);
		/* Release: A's early-exit check acquires it */
		__atomic_store_n(&b_done, 1, __ATOMIC_RELEASE);
		shape_busy_until(t0 + w->len);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void *empty_b(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void run_empty(void)
{
	long iterations = 0;
	int64_t t0 = shape_now();

	tst_fzsync_pair_reset(&pair, empty_b);
	while (tst_fzsync_run_a(&pair)) {
		tst_fzsync_start_race_a(&pair);
		tst_fzsync_end_race_a(&pair);
		iterations++;
	}

	printf("fzshape: lib=%s case=empty mode=blind iterations=%ld seconds=%.3f\n",
	       LIB_NAME, iterations, (shape_now() - t0) / 1e9);
	fflush(stdout);
	if (iterations)
		tst_res(TPASS, "empty race loop: %ld iterations", iterations);
	else
		tst_res(TFAIL, "empty race loop ran no iteration");
}

/* Which critical part came first: 0 A, 1 B, 2 they overlapped */
static int order(const struct interval *a, const struct interval *b)
{
	if (a->end < b->start)
		return 0;
	if (b->end < a->start)
		return 1;
	return 2;
}

static void report_outcome(int o)
{
#ifdef FZSYNC_BENCH_PROJECT
	static const enum tst_fzsync_outcome outcome[] = {
		TST_FZSYNC_A_EARLY, TST_FZSYNC_B_EARLY, TST_FZSYNC_HIT,
	};

	tst_fzsync_pair_outcome(&pair, outcome[o]);
#else
	(void)o;
#endif
}

static void print_shape(long iterations, long hits, long hits_delayed,
			long sampling_iters, double sampling_s, int64_t start)
{
	const struct shape *s = shape;
	long n = offsets_seen < OFFSET_SAMPLES ? offsets_seen : OFFSET_SAMPLES;
	int64_t lo = -(s->b.len + s->b.jitter), hi = s->a.len + s->a.jitter;
	long in_range = 0, i;

	qsort(offsets, n, sizeof(offsets[0]), cmp_i64);
	for (i = 0; i < n; i++)
		in_range += offsets[i] >= lo && offsets[i] <= hi;

	printf("fzshape: lib=%s case=%s mode=%s iterations=%ld hits=%ld seconds=%.3f "
	       "sampling_iterations=%ld sampling_seconds=%.3f hits_delayed=%ld "
	       "range_lo=%lld range_hi=%lld offset_p1=%lld offset_p50=%lld "
	       "offset_p99=%lld offset_in_range=%.3f ideal=%.6f\n",
	       LIB_NAME, s->name, mode_names[mode], iterations, hits,
	       (shape_now() - start) / 1e9, sampling_iters, sampling_s,
	       hits_delayed, (long long)lo, (long long)hi,
	       (long long)percentile(n, 0.01), (long long)percentile(n, 0.5),
	       (long long)percentile(n, 0.99), n ? (double)in_range / n : 0,
	       shape_uniform_ideal(s));
	fflush(stdout);
}

static void run_shape(void)
{
	const struct shape *s = shape;
	unsigned int seed = 1;
	struct interval a_crit;
	long iterations = 0, hits = 0, hits_delayed = 0, sampling_iters = -1;
	double sampling_s = -1;
	int64_t start, a_origin, t0;
	int o, early, delayed;

	start = shape_now();
	tst_fzsync_pair_reset(&pair, thread_b);
	while (tst_fzsync_run_a(&pair)) {
		delayed = sampling_iters >= 0;
		/* Relaxed: B's previous store came before the end barrier */
		__atomic_store_n(&b_done, 0, __ATOMIC_RELAXED);
		tst_fzsync_start_race_a(&pair);
		a_origin = shape_now();
		t0 = shape_section_start(&s->a, &seed);
		early = s->early_exit &&
			__atomic_load_n(&b_done, __ATOMIC_ACQUIRE);
		if (early) {
			a_crit.start = a_crit.end = shape_now();
		} else {
			shape_critical(&s->a, t0, &a_crit);
			shape_busy_until(t0 + s->a.len);
		}
		tst_fzsync_end_race_a(&pair);

		o = order(&a_crit, &b_crit);
		iterations++;
		hits += o == 2;
		if (delayed) {
			hits_delayed += o == 2;
			keep_offset(b_origin - a_origin);
		} else if (lib_delaying()) {
			/* Give or take the iteration the switch falls in */
			sampling_iters = iterations;
			sampling_s = (shape_now() - start) / 1e9;
		}

		if (mode == FEEDBACK)
			report_outcome(o);
		else if (mode == BIAS && early)
			tst_fzsync_pair_add_bias(&pair, 1);
	}

	print_shape(iterations, hits, hits_delayed, sampling_iters,
		    sampling_s, start);
	if (iterations)
		tst_res(TPASS, "%s/%s: %ld hits in %ld iterations", s->name,
			mode_names[mode], hits, iterations);
	else
		tst_res(TFAIL, "%s/%s ran no iteration", s->name,
			mode_names[mode]);
}

static void list_cases(void)
{
	unsigned int i;

	printf("fzshape: case=empty modes=blind\n");
	for (i = 0; i < SHAPES_COUNT; i++) {
		const struct shape *s = &shapes[i];
		int lo, hi;

		printf("fzshape: case=%s modes=blind%s%s ideal=%.6f hit_period_min_ns=%d hit_chance_max=%.4f hits_s_max=%.1f",
		       s->name,
		       s->early_exit ? ",bias" : "",
#ifdef FZSYNC_BENCH_PROJECT
		       ",feedback",
#else
		       "",
#endif
		       shape_uniform_ideal(s), shape_hit_period_min_ns(s),
		       shape_hit_chance_max(s), shape_hits_per_s_max(s));
		/* Shapes of the same timing look alike to a blind schedule */
		if (shape_window(s, &lo, &hi) && !s->early_exit)
			printf(" timing=%d/%d window_ns=%d:%d", s->a.len, s->b.len,
			       lo, hi);
		printf("\n");
	}
	fflush(stdout);
	tst_res(TPASS, "%zu cases listed", SHAPES_COUNT + 1);
}

static void run(void)
{
	if (!strcmp(opt_case, "list"))
		list_cases();
	else if (!shape)
		run_empty();
	else
		run_shape();
}

static void setup(void)
{
	unsigned int i;

	if (!opt_case)
		tst_brk(TBROK, "-c CASE is required (-c list shows them)");
	for (i = 0; i < SHAPES_COUNT; i++) {
		if (!strcmp(opt_case, shapes[i].name))
			shape = &shapes[i];
	}
	if (!shape && strcmp(opt_case, "empty") && strcmp(opt_case, "list"))
		tst_brk(TBROK, "unknown case '%s' (-c list shows them)", opt_case);

	for (i = 0; opt_mode && i < ARRAY_SIZE(mode_names); i++) {
		if (!strcmp(opt_mode, mode_names[i]))
			break;
	}
	if (opt_mode && i == ARRAY_SIZE(mode_names))
		tst_brk(TBROK, "unknown mode '%s' (blind, bias, feedback)", opt_mode);
	mode = opt_mode ? (enum mode)i : BLIND;
#ifndef FZSYNC_BENCH_PROJECT
	if (mode == FEEDBACK)
		tst_brk(TCONF, "feedback needs the project's tst_fzsync_pair_outcome()");
#endif
	if (mode == BIAS && (!shape || !shape->early_exit))
		tst_brk(TBROK, "bias needs a shape with an early exit");
	if (mode != BLIND && !shape)
		tst_brk(TBROK, "the empty loop runs blind only");

	/* The runtime alone ends the loop, on both sides */
	pair.exec_loops = INT_MAX;
	tst_fzsync_pair_init(&pair);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
	.min_cpus = 2,
	.runtime = 3,
	.options = (struct tst_option[]) {
		{"c:", &opt_case, "Case: a shape name, empty, or list"},
		{"m:", &opt_mode, "Mode: blind (default), bias, feedback"},
		{}
	},
};
