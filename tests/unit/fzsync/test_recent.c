// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the last sampling iterations' statistics (recent.c):
 * the quantile of the lengths, the median offset, outliers and the ring.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "recent.h"

static struct fzsync_recent r;

static int setup(void **state)
{
	(void)state;
	memset(&r, 0, sizeof(r));
	return 0;
}

static void test_empty(void **state)
{
	struct fzsync_recent_stats s = fzsync_recent_stats(&r, 0.95f);

	(void)state;
	assert_float_equal(s.len_a, 0, 0);
	assert_float_equal(s.len_b, 0, 0);
	assert_float_equal(s.offset, 0, 0);
}

/* Lengths 1..100: the 95th percentile is 96, the median offset 51 */
static void test_quantiles(void **state)
{
	struct fzsync_recent_stats s;
	int i;

	(void)state;
	for (i = 100; i >= 1; i--)
		fzsync_recent_add(&r, i, 2 * i, i);
	s = fzsync_recent_stats(&r, 0.95f);
	assert_float_equal(s.len_a, 96, 0);
	assert_float_equal(s.len_b, 192, 0);
	assert_float_equal(s.median_a, 51, 0);
	assert_float_equal(s.median_b, 102, 0);
	assert_float_equal(s.offset, 51, 0);
}

/* A few preempted sections do not move the quantile, a long form that
 * one sample in ten takes does */
static void test_outliers_and_long_forms(void **state)
{
	struct fzsync_recent_stats s;
	int i;

	(void)state;
	for (i = 0; i < 500; i++)
		fzsync_recent_add(&r, i % 10 ? 1000 : 4000,
				  i % 100 ? 2000 : 3e6f, -500);
	s = fzsync_recent_stats(&r, 0.95f);
	assert_float_equal(s.len_a, 4000, 0);
	assert_float_equal(s.len_b, 2000, 0);
	assert_float_equal(s.offset, -500, 0);
}

/* Only the last FZSYNC_RECENT samples count */
static void test_ring(void **state)
{
	struct fzsync_recent_stats s;
	int i;

	(void)state;
	for (i = 0; i < 3 * FZSYNC_RECENT; i++)
		fzsync_recent_add(&r, 100, 100, 0);
	for (i = 0; i < FZSYNC_RECENT; i++)
		fzsync_recent_add(&r, 700, 900, 30);
	s = fzsync_recent_stats(&r, 0.95f);
	assert_float_equal(s.len_a, 700, 0);
	assert_float_equal(s.len_b, 900, 0);
	assert_float_equal(s.offset, 30, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_quantiles, setup),
		cmocka_unit_test_setup(test_outliers_and_long_forms, setup),
		cmocka_unit_test_setup(test_ring, setup),
	};

	return cmocka_run_group_tests_name("recent", tests, NULL, NULL);
}
