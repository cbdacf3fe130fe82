// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of tst_timer.h: timespec arithmetic and the stopwatch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"
#include "tst_timer.h"

static void test_timer(void **state)
{
	struct timespec a = { 2, 500000000 }, b = { 1, 700000000 }, d;

	(void)state;
	assert_int_equal(tst_timespec_to_ns(a), 2500000000LL);
	assert_int_equal(tst_timespec_to_ms(a), 2500);
	assert_int_equal(tst_timespec_diff_us(a, b), 800000);
	assert_int_equal(tst_timespec_diff_ms(b, a), -800);
	d = tst_timespec_diff(a, b);
	assert_int_equal(d.tv_sec, 0);
	assert_int_equal(d.tv_nsec, 800000000);
	d = tst_timespec_add_us(b, 400000);
	assert_int_equal(d.tv_sec, 2);
	assert_int_equal(d.tv_nsec, 100000000);
	assert_true(tst_timespec_lt(b, a));
	assert_false(tst_timespec_lt(a, a));
	assert_int_equal(tst_timespec_to_ns(tst_ms_to_timespec(1500)), 1500000000LL);

	tst_timer_start(CLOCK_MONOTONIC);
	assert_false(tst_timer_expired_ms(10000));
	usleep(20000);
	tst_timer_stop();
	assert_true(tst_timer_expired_ms(15));
	assert_in_range(tst_timer_elapsed_ms(), 15, 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timer),
	};

	return cmocka_run_group_tests_name("timer", tests, NULL, NULL);
}
