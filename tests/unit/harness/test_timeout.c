// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the runtime and timeout arithmetic, the environment
 * multipliers and the runtime clock of a test function call.
 */
#include "test_harness.h"

static void test_timeout_secs(void **state)
{
	(void)state;
	/* 0 is the default of 30s */
	assert_int_equal(tst_timeout_secs(0, 0, 1), 30);
	assert_int_equal(tst_timeout_secs(0, 100, 1), 130);
	/* The multiplier scales the timeout, not the runtime (LTP's rule) */
	assert_int_equal(tst_timeout_secs(10, 20, 1), 30);
	assert_int_equal(tst_timeout_secs(10, 20, 2.5), 45);
	assert_int_equal(tst_timeout_secs(1, 0, 1.5), 2);
	assert_int_equal(tst_timeout_secs(30, 0, 1.1), 33);
	assert_int_equal(tst_timeout_secs(30, 10, 0.1), 13);
	assert_int_equal(tst_timeout_secs(TST_UNLIMITED_TIMEOUT, 100, 3), -1);
	/* No overflow */
	assert_int_equal(tst_timeout_secs(INT_MAX, INT_MAX, 4), INT_MAX);
}

/* Each expectation is what LTP's library gave for the same struct,
 * options and environment */
static void test_scaled_runtime(void **state)
{
	(void)state;
	assert_int_equal(tst_scaled_runtime(100, 0, 1, -1), 100);
	assert_int_equal(tst_scaled_runtime(100, 0, 0.1, -1), 10);
	/* Single precision, truncated: 10 * 0.7f is 7, 3 * 1.5 is 4,
	 * 100 * 0.29f is 29 */
	assert_int_equal(tst_scaled_runtime(10, 0, 0.7, -1), 7);
	assert_int_equal(tst_scaled_runtime(3, 0, 1.5, -1), 4);
	assert_int_equal(tst_scaled_runtime(10, 0, 1.05, -1), 10);
	assert_int_equal(tst_scaled_runtime(3, 0, 2.3, -1), 6);
	assert_int_equal(tst_scaled_runtime(100, 0, 0.29, -1), 29);
	assert_int_equal(tst_scaled_runtime(100, 0, 0.57, -1), 57);
	/* Not below min_runtime, and never below 1 */
	assert_int_equal(tst_scaled_runtime(100, 30, 0.1, -1), 30);
	assert_int_equal(tst_scaled_runtime(100, 0, 0.001, -1), 1);
	assert_int_equal(tst_scaled_runtime(3, 0, 0.3, -1), 1);
	/* -I replaces .runtime, is scaled and clamped like it */
	assert_int_equal(tst_scaled_runtime(100, 0, 1, 7), 7);
	assert_int_equal(tst_scaled_runtime(10, 0, 2, 3), 6);
	assert_int_equal(tst_scaled_runtime(10, 0, 0.01, 6), 1);
	assert_int_equal(tst_scaled_runtime(10, 4, 1, 1), 4);
	assert_int_equal(tst_scaled_runtime(10, 4, 1, 6), 6);
	assert_int_equal(tst_scaled_runtime(10, 4, 2, 1), 4);
	assert_int_equal(tst_scaled_runtime(100, 30, 0.1, 7), 30);
	/* Only .min_runtime: that is the runtime, scaled; -I is ignored */
	assert_int_equal(tst_scaled_runtime(0, 2, 1, -1), 2);
	assert_int_equal(tst_scaled_runtime(0, 2, 2, -1), 4);
	assert_int_equal(tst_scaled_runtime(0, 2, 1.5, -1), 3);
	assert_int_equal(tst_scaled_runtime(0, 2, 0.01, -1), 2);
	assert_int_equal(tst_scaled_runtime(0, 2, 1, 6), 2);
	assert_int_equal(tst_scaled_runtime(0, 60, 1, 3), 60);
	/* Neither: no runtime, whatever -I says */
	assert_int_equal(tst_scaled_runtime(0, 0, 2, -1), 0);
	assert_int_equal(tst_scaled_runtime(0, 0, 1, 7), 0);
	assert_int_equal(tst_scaled_runtime(INT_MAX, 0, 100, -1), INT_MAX);
}

static void test_env_multiplier(void **state)
{
	char err[128];

	(void)state;
	unsetenv("FZ_UNIT_MUL");
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) == 1);
	setenv("FZ_UNIT_MUL", "", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) == 1);
	setenv("FZ_UNIT_MUL", "2.5", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) == 2.5);
	setenv("FZ_UNIT_MUL", "1", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) == 1);

	/* LTP_TIMEOUT_MUL below 1 is an error */
	setenv("FZ_UNIT_MUL", "0.5", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) < 0);
	assert_string_equal(err, "FZ_UNIT_MUL='0.5' must be a number >= 1");
	/* but fine for LTP_RUNTIME_MUL */
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 0.01, err, sizeof(err)) == 0.5);

	setenv("FZ_UNIT_MUL", "x", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) < 0);
	setenv("FZ_UNIT_MUL", "2x", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) < 0);
	setenv("FZ_UNIT_MUL", "inf", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) < 0);
	setenv("FZ_UNIT_MUL", "nan", 1);
	assert_true(tst_env_multiplier("FZ_UNIT_MUL", 1, err, sizeof(err)) < 0);
	unsetenv("FZ_UNIT_MUL");
}

static void test_hms(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(tst_fmt_hms(30, buf, sizeof(buf)), "0h 00m 30s");
	assert_string_equal(tst_fmt_hms(3723, buf, sizeof(buf)), "1h 02m 03s");
	assert_string_equal(tst_fmt_hms(0, buf, sizeof(buf)), "0h 00m 00s");
	assert_string_equal(tst_fmt_hms(90061, buf, sizeof(buf)), "25h 01m 01s");
}

static void test_remaining_runtime(void **state)
{
	long long ns;

	(void)state;
	tst_runtime_set(2);
	tst_call_start();
	ns = tst_remaining_runtime_ns();
	assert_true(ns > 1900000000LL && ns <= 2000000000LL);
	/* Rounded up: a started second still counts */
	assert_int_equal(tst_remaining_runtime(), 2);
	usleep(300000);
	ns = tst_remaining_runtime_ns();
	assert_true(ns > 1000000000LL && ns < 1750000000LL);
	assert_int_equal(tst_remaining_runtime(), 2);

	/* Each test function call starts the clock again */
	tst_call_start();
	assert_true(tst_remaining_runtime_ns() > 1900000000LL);

	tst_runtime_set(1);
	tst_call_start();
	usleep(1050000);
	assert_true(tst_remaining_runtime_ns() == 0);
	assert_int_equal(tst_remaining_runtime(), 0);
	tst_runtime_set(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeout_secs),
		cmocka_unit_test(test_scaled_runtime),
		cmocka_unit_test(test_env_multiplier),
		cmocka_unit_test(test_hms),
		cmocka_unit_test(test_remaining_runtime),
	};

	return cmocka_run_group_tests_name("harness timeout", tests, NULL, NULL);
}
