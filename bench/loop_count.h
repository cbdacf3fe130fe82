/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Counts a reproducer's race-loop iterations, the same way against LTP's
 * library and against the project's: make bench-ltp builds the test
 * and its helpers with -include loop_count.h, which wraps the race
 * loop's calls and
 * prints, when a loop ends,
 *
 *	bench-loop: iterations=N seconds=S work_a_ns=WA segs_a_ns=A0,A1,...
 *	bench-loop-b: iterations=N work_b_ns=WB segs_b_ns=B0,B1,...
 *
 * (the loop's iterations and its time from the first iteration's start
 * to the end; per thread, the mean time per iteration spent in the
 * test's own code, outside the library's calls, in all and per stretch
 * between one library call and the next). The test's own source is
 * unchanged.
 *
 * Every iteration runs each thread's own code once, whatever the
 * library: no library can make an iteration shorter than the longer of
 * the two, so 1 / max(WA, WB) is a ceiling on iterations per second.
 * Each call of the race loop is a barrier in both libraries (LTP's and
 * this project's), so the k-th stretch of A runs beside the k-th of B
 * and no other: the iteration is at least the sum over k of the longer
 * of the two, a tighter ceiling.
 */
#ifndef BENCH_LOOP_COUNT_H
#define BENCH_LOOP_COUNT_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

/* Stretches between library calls kept apart; any further ones are
 * added to the last */
#define BENCH_LOOP_SEGS	8

/* One thread's account: written by that thread only */
struct bench_loop_side {
	long iterations;
	int64_t start_ns;	/* the first iteration's start */
	int64_t left_lib_ns;	/* when the last library call returned */
	int64_t work_ns;	/* sum of the stretches outside the library */
	/* The stretch after the run call is 0, after the next call 1, ... */
	int seg, segs;
	int64_t seg_ns[BENCH_LOOP_SEGS];
};

/*
 * Weak, so that every file of the test built with this header shares
 * them: thread B's loop may be in a helper (libunix_gc.c,
 * libperf_mmap.c) while its racing code is in the test
 */
__attribute__((weak)) struct bench_loop_side bench_loop_a, bench_loop_b;

static inline int64_t bench_loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Entering a library call: the stretch since the last one was the test's */
static inline void bench_loop_enter(struct bench_loop_side *s)
{
	int64_t d;

	if (!s->iterations)
		return;
	d = bench_loop_now() - s->left_lib_ns;
	s->work_ns += d;
	s->seg_ns[s->seg] += d;
	if (s->seg >= s->segs)
		s->segs = s->seg + 1;
}

/* Leaving a call: the next stretch is the next one, 0 after a run call */
static inline void bench_loop_leave(struct bench_loop_side *s, int run)
{
	s->left_lib_ns = bench_loop_now();
	if (run)
		s->seg = 0;
	else if (s->seg < BENCH_LOOP_SEGS - 1)
		s->seg++;
}

/* " NAME=A0,A1,...": the mean of each stretch per iteration */
static inline void bench_loop_print_segs(const struct bench_loop_side *s,
					 const char *name)
{
	int k;

	printf(" %s=", name);
	for (k = 0; k < s->segs; k++)
		printf("%s%.0f", k ? "," : "",
		       (double)s->seg_ns[k] / s->iterations);
}

static inline double bench_loop_work(const struct bench_loop_side *s)
{
	return s->iterations ? (double)s->work_ns / s->iterations : 0;
}

static inline int bench_loop_run_a(struct tst_fzsync_pair *pair)
{
	struct bench_loop_side *s = &bench_loop_a;
	int more;

	bench_loop_enter(s);
	more = tst_fzsync_run_a(pair);
	bench_loop_leave(s, 1);
	if (more && !s->iterations++)
		s->start_ns = s->left_lib_ns;
	if (more || !s->iterations)
		return more;

	printf("bench-loop: iterations=%ld seconds=%.3f work_a_ns=%.0f",
	       s->iterations, (s->left_lib_ns - s->start_ns) / 1e9,
	       bench_loop_work(s));
	bench_loop_print_segs(s, "segs_a_ns");
	printf("\n");
	fflush(stdout);
	*s = (struct bench_loop_side){ 0 };
	return 0;
}

static inline int bench_loop_run_b(struct tst_fzsync_pair *pair)
{
	struct bench_loop_side *s = &bench_loop_b;
	int more;

	bench_loop_enter(s);
	more = tst_fzsync_run_b(pair);
	bench_loop_leave(s, 1);
	if (more) {
		s->iterations++;
		return more;
	}
	if (s->iterations) {
		printf("bench-loop-b: iterations=%ld work_b_ns=%.0f",
		       s->iterations, bench_loop_work(s));
		bench_loop_print_segs(s, "segs_b_ns");
		printf("\n");
		fflush(stdout);
	}
	*s = (struct bench_loop_side){ 0 };
	return 0;
}

/* The calls inside an iteration: library time, not the test's */
#define BENCH_LOOP_WRAP(call, side)					\
static inline void bench_loop_##call(struct tst_fzsync_pair *pair)	\
{									\
	bench_loop_enter(&bench_loop_##side);				\
	tst_fzsync_##call(pair);					\
	bench_loop_leave(&bench_loop_##side, 0);			\
}

BENCH_LOOP_WRAP(start_race_a, a)
BENCH_LOOP_WRAP(end_race_a, a)
BENCH_LOOP_WRAP(wait_a, a)
BENCH_LOOP_WRAP(start_race_b, b)
BENCH_LOOP_WRAP(end_race_b, b)
BENCH_LOOP_WRAP(wait_b, b)

#define tst_fzsync_run_a(pair) bench_loop_run_a(pair)
#define tst_fzsync_run_b(pair) bench_loop_run_b(pair)
#define tst_fzsync_start_race_a(pair) bench_loop_start_race_a(pair)
#define tst_fzsync_end_race_a(pair) bench_loop_end_race_a(pair)
#define tst_fzsync_wait_a(pair) bench_loop_wait_a(pair)
#define tst_fzsync_start_race_b(pair) bench_loop_start_race_b(pair)
#define tst_fzsync_end_race_b(pair) bench_loop_end_race_b(pair)
#define tst_fzsync_wait_b(pair) bench_loop_wait_b(pair)

#endif /* BENCH_LOOP_COUNT_H */
