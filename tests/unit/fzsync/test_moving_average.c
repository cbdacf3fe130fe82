// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the moving averages (moving_average.c): one average,
 * the ratio of its deviation, and the race's timings settling.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>

#include "fzsync.h"

static void test_stat_first_sample_seeds(void **state)
{
	struct tst_fzsync_stat s = { 123, 45, 0 };

	(void)state;
	fzsync_stat_update(&s, 0.25f, 1000, 1);
	assert_float_equal(s.avg, 1000, 0);
	assert_float_equal(s.avg_dev, 0, 0);
}

static void test_stat_ema_values(void **state)
{
	struct tst_fzsync_stat s;

	(void)state;
	fzsync_stat_update(&s, 0.5f, 100, 1);
	fzsync_stat_update(&s, 0.5f, 200, 0);
	/* avg = 100 + 0.5 * 100; dev = 0.5 * |200 - 150| */
	assert_float_equal(s.avg, 150, 1e-3);
	assert_float_equal(s.avg_dev, 25, 1e-3);
	fzsync_stat_update(&s, 0.5f, 150, 0);
	assert_float_equal(s.avg, 150, 1e-3);
	assert_float_equal(s.avg_dev, 12.5, 1e-3);
}

static void test_stat_converges(void **state)
{
	struct tst_fzsync_stat s;
	int i;

	(void)state;
	fzsync_stat_update(&s, 0.25f, 0, 1);
	for (i = 0; i < 200; i++)
		fzsync_stat_update(&s, 0.25f, 5000, 0);
	assert_float_equal(s.avg, 5000, 1);
	assert_true(s.avg_dev < 1);

	/* Alternating samples: the average sits in the middle, the
	 * deviation near half the spread */
	for (i = 0; i < 400; i++)
		fzsync_stat_update(&s, 0.25f, i & 1 ? 6000 : 4000, 0);
	assert_float_equal(s.avg, 5000, 200);
	assert_float_equal(s.avg_dev, 1000, 200);
}

static void test_stat_ratio(void **state)
{
	struct tst_fzsync_stat s = { .avg = 0, .avg_dev = 50 };

	(void)state;
	fzsync_stat_ratio(&s, 1000);
	assert_float_equal(s.dev_ratio, 0.05, 1e-6);
	/* A scale of zero must not divide by zero */
	fzsync_stat_ratio(&s, 0);
	assert_float_equal(s.dev_ratio, 50, 1e-6);
	fzsync_stat_ratio(&s, -1000);
	assert_float_equal(s.dev_ratio, 0.05, 1e-6);
}

/* Sections of 2000 and 1000 ns, B starting 500 ns after A */
static void add_steady(struct fzsync_timings *t, int n)
{
	while (n--)
		fzsync_timings_add(t, 0.25f, -500, 2000, 1000, 500, 10);
}

static void test_timings(void **state)
{
	struct fzsync_timings t = { 0 };

	(void)state;
	add_steady(&t, 1);
	assert_int_equal(t.samples, 1);
	assert_float_equal(t.diff_ss.avg, -500, 0);
	assert_float_equal(t.diff_sa.avg, 2000, 0);
	assert_float_equal(t.diff_sb.avg, 1000, 0);
	assert_float_equal(t.diff_ab.avg, 500, 0);
	assert_float_equal(t.spins_avg.avg, 10, 0);
	assert_true(fzsync_timings_settled(&t, 0.001f));

	/* An offset is judged against the sections' mean length, 1500:
	 * 300 ns off moves the average by 75 and the deviation to
	 * 0.25 * 225, a ratio of 0.0375 */
	fzsync_timings_add(&t, 0.25f, -200, 2000, 1000, 500, 10);
	assert_float_equal(t.diff_ss.dev_ratio, 0.25f * 225 / 1500, 1e-4);
	assert_true(fzsync_timings_settled(&t, 0.1f));
	assert_false(fzsync_timings_settled(&t, 0.03f));

	/* A few spins more are nothing against the floor of 100 */
	add_steady(&t, 100);
	fzsync_timings_add(&t, 0.25f, -500, 2000, 1000, 500, 30);
	assert_true(t.spins_avg.dev_ratio < 0.1f);
	assert_true(fzsync_timings_settled(&t, 0.1f));

	/* A section that doubles once is a deviation of its own */
	fzsync_timings_add(&t, 0.25f, -500, 4000, 1000, 500, 10);
	assert_false(fzsync_timings_settled(&t, 0.1f));
	add_steady(&t, 100);
	assert_true(fzsync_timings_settled(&t, 0.1f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_first_sample_seeds),
		cmocka_unit_test(test_stat_ema_values),
		cmocka_unit_test(test_stat_converges),
		cmocka_unit_test(test_stat_ratio),
		cmocka_unit_test(test_timings),
	};

	return cmocka_run_group_tests_name("moving_average", tests, NULL, NULL);
}
