// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the two-thread barrier (tst_fzsync_barrier(), inline in
 * tst_fuzzy_sync.h) with two real threads: lock step over a million
 * crossings spinning and a thousand yielding, and the exit flag.
 *
 * Before each crossing a thread publishes the number of the crossing it
 * is entering; right after a crossing the other thread can only be at
 * that crossing or on its way to the next one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <unistd.h>

#include "fzsync.h"

#define CROSSINGS		1000000
#define YIELD_CROSSINGS		1000
/* In yield mode B stalls before this crossing for this long: A must wait */
#define YIELD_STALL_AT		500
#define YIELD_STALL_US		20000

static unsigned long a_cntr, b_cntr;
static tst_atomic_t bexit;
static unsigned long a_marker, b_marker;
static int yield;
static unsigned long crossings;

struct side {
	unsigned long *ours, *theirs;
	unsigned long *my_marker, *their_marker;
	long violations;
	/* ns A's stalled crossing took */
	int64_t stalled_ns;
};

/* Cross @crossings barriers, checking the other side after each */
static void cross(struct side *s, int stall)
{
	unsigned long n, seen;
	int64_t t;

	for (n = 1; n <= crossings; n++) {
		__atomic_store_n(s->my_marker, n, __ATOMIC_RELAXED);
		if (stall && n == YIELD_STALL_AT)
			usleep(YIELD_STALL_US);
		t = tst_fzsync_now();
		tst_fzsync_barrier(s->ours, s->theirs, &bexit, yield);
		if (n == YIELD_STALL_AT)
			s->stalled_ns = tst_fzsync_now() - t;
		seen = __atomic_load_n(s->their_marker, __ATOMIC_RELAXED);
		if (seen != n && seen != n + 1)
			s->violations++;
	}
}

static void *thread_b(void *arg)
{
	struct side *b = arg;

	cross(b, yield);
	return NULL;
}

static void run_pair(int yielding, unsigned long n, struct side *a,
		     struct side *b)
{
	pthread_t t;

	a_cntr = b_cntr = a_marker = b_marker = 0;
	bexit = 0;
	yield = yielding;
	crossings = n;
	*a = (struct side) { &a_cntr, &b_cntr, &a_marker, &b_marker, 0, 0 };
	*b = (struct side) { &b_cntr, &a_cntr, &b_marker, &a_marker, 0, 0 };
	assert_int_equal(pthread_create(&t, NULL, thread_b, b), 0);
	cross(a, 0);
	assert_int_equal(pthread_join(t, NULL), 0);
}

static void test_barrier_million(void **state)
{
	struct side a, b;

	(void)state;
	run_pair(0, CROSSINGS, &a, &b);
	assert_int_equal(a.violations, 0);
	assert_int_equal(b.violations, 0);
	assert_int_equal(a_cntr, CROSSINGS);
	assert_int_equal(b_cntr, CROSSINGS);
}

/* Yield mode: the same protocol, sched_yield() between checks; A waits
 * through B's stall instead of running ahead */
static void test_barrier_yield(void **state)
{
	struct side a, b;

	(void)state;
	run_pair(1, YIELD_CROSSINGS, &a, &b);
	assert_int_equal(a.violations, 0);
	assert_int_equal(b.violations, 0);
	assert_true(a.stalled_ns >= YIELD_STALL_US * 1000LL * 9 / 10);
	assert_int_equal(a_cntr, YIELD_CROSSINGS);
	assert_int_equal(b_cntr, YIELD_CROSSINGS);
}

static void *set_exit_later(void *arg)
{
	usleep(50000);
	tst_atomic_store(1, (tst_atomic_t *)arg);
	return NULL;
}

/* The other side is gone: waiting ends when exit is set, not before */
static void test_barrier_exit_flag(void **state)
{
	struct tst_fzsync_pair pair = { 0 };
	int64_t t0, waited;
	pthread_t t;
	int spins;

	(void)state;
	a_cntr = b_cntr = 0;
	bexit = 0;
	assert_int_equal(pthread_create(&t, NULL, set_exit_later, &bexit), 0);
	t0 = tst_fzsync_now();
	spins = tst_fzsync_barrier(&a_cntr, &b_cntr, &bexit, 0);
	waited = tst_fzsync_now() - t0;
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_true(spins > 0);
	assert_true(waited >= 40000000);
	assert_true(waited < 5000000000LL);

	/* And run_b tells thread B that the loop has ended */
	tst_atomic_store(1, &pair.exit);
	assert_int_equal(tst_fzsync_run_b(&pair), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_barrier_million),
		cmocka_unit_test(test_barrier_yield),
		cmocka_unit_test(test_barrier_exit_flag),
	};

	return cmocka_run_group_tests_name("barrier", tests, NULL, NULL);
}
