/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Counts a reproducer's race-loop iterations, the same way against LTP's
 * library and against the project's: make bench-ltp builds the test
 * with -include loop_count.h, which wraps tst_fzsync_run_a() and prints,
 * when a loop ends,
 *
 *	bench-loop: iterations=N seconds=S
 *
 * (the loop's iterations and its time from the first iteration's start
 * to the end). The test's own source is unchanged.
 */
#ifndef BENCH_LOOP_COUNT_H
#define BENCH_LOOP_COUNT_H

#include <stdio.h>
#include <time.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

static long bench_loop_iterations;
static struct timespec bench_loop_start;

static inline int bench_loop_run_a(struct tst_fzsync_pair *pair)
{
	struct timespec now;
	int more = tst_fzsync_run_a(pair);

	if (more && !bench_loop_iterations++)
		clock_gettime(CLOCK_MONOTONIC, &bench_loop_start);
	if (more || !bench_loop_iterations)
		return more;

	clock_gettime(CLOCK_MONOTONIC, &now);
	printf("bench-loop: iterations=%ld seconds=%.3f\n",
	       bench_loop_iterations,
	       (now.tv_sec - bench_loop_start.tv_sec) +
	       (now.tv_nsec - bench_loop_start.tv_nsec) / 1e9);
	fflush(stdout);
	bench_loop_iterations = 0;
	return 0;
}

#define tst_fzsync_run_a(pair) bench_loop_run_a(pair)

#endif /* BENCH_LOOP_COUNT_H */
