// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzzy sync keeps the two threads in lock step.
 *
 * Before each barrier a thread publishes the number of barriers it has
 * entered; right after the barrier the other thread checks that number.
 * A thread can only be at the barrier just crossed or on its way to the
 * next one, so the count it published must be the expected one or one
 * more. Extra tst_fzsync_wait_a/b() points are mixed in, and the loop
 * runs with the random delays switched on early.
 */
#include "tst_test.h"
#include "tst_fuzzy_sync.h"

#define ITERATIONS	200000
/* Barriers per iteration: run, extra wait, start, end */
#define PER_ITER	4

static struct tst_fzsync_pair pair;
static unsigned long a_entered, b_entered;
static tst_atomic_t errors;
static tst_atomic_t b_iterations;

/* Publish that this thread is about to enter its next barrier */
static unsigned long enter(unsigned long *mine)
{
	unsigned long n = __atomic_load_n(mine, __ATOMIC_RELAXED) + 1;

	__atomic_store_n(mine, n, __ATOMIC_RELAXED);
	return n;
}

/* Right after barrier number @n, the other side must be at n or n + 1 */
static void check(const char *who, unsigned long *other, unsigned long n)
{
	unsigned long seen = __atomic_load_n(other, __ATOMIC_RELAXED);

	if (seen != n && seen != n + 1) {
		if (tst_atomic_inc(&errors) <= 5)
			tst_res(TFAIL, "%s: after barrier %lu the other thread had entered %lu",
				who, n, seen);
	}
}

static void *thread_b(void *arg)
{
	unsigned long n;

	for (;;) {
		n = enter(&b_entered);
		if (!tst_fzsync_run_b(&pair))
			break;
		check("B", &a_entered, n);

		n = enter(&b_entered);
		tst_fzsync_wait_b(&pair);
		check("B", &a_entered, n);

		n = enter(&b_entered);
		tst_fzsync_start_race_b(&pair);
		check("B", &a_entered, n);

		n = enter(&b_entered);
		tst_fzsync_end_race_b(&pair);
		check("B", &a_entered, n);
		tst_atomic_inc(&b_iterations);
	}

	return arg;
}

static void run(void)
{
	unsigned long n;
	long iterations = 0;

	a_entered = b_entered = 0;
	tst_atomic_store(0, &b_iterations);
	tst_fzsync_pair_reset(&pair, thread_b);

	for (;;) {
		n = enter(&a_entered);
		if (!tst_fzsync_run_a(&pair))
			break;
		check("A", &b_entered, n);

		n = enter(&a_entered);
		tst_fzsync_wait_a(&pair);
		check("A", &b_entered, n);

		n = enter(&a_entered);
		tst_fzsync_start_race_a(&pair);
		check("A", &b_entered, n);

		n = enter(&a_entered);
		tst_fzsync_end_race_a(&pair);
		check("A", &b_entered, n);
		iterations++;
	}

	if (tst_atomic_load(&errors)) {
		tst_res(TFAIL, "%d lock-step violations in %ld iterations",
			tst_atomic_load(&errors), iterations);
		return;
	}

	/* A runtime shortened with -I or LTP_RUNTIME_MUL may end it first */
	if (tst_atomic_load(&b_iterations) != iterations || !iterations ||
	    (iterations != ITERATIONS && tst_remaining_runtime())) {
		tst_res(TFAIL, "A ran %ld iterations, B %d, expected %d each",
			iterations, tst_atomic_load(&b_iterations), ITERATIONS);
		return;
	}

	if (!tst_fzsync_pair_delaying(&pair)) {
		tst_res(TFAIL, "random delays never started");
		return;
	}

	tst_res(TPASS, "%ld iterations%s, %ld barrier crossings each, in lock step with delays on",
		iterations, iterations < ITERATIONS ? " (the runtime ended the loop)" : "",
		iterations * PER_ITER);
}

static void setup(void)
{
	pair.exec_loops = ITERATIONS;
	pair.min_samples = 100;
	pair.max_dev_ratio = 1.0;
	/* Run all iterations: this test is about the barriers */
	pair.coverage = -1;
	tst_fzsync_pair_init(&pair);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.min_cpus = 2,
	.runtime = 60,
};
