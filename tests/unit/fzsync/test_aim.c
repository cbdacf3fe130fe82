// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the arithmetic of aimed delays (aim.c): ns to spins,
 * and the random numbers the aims are drawn from.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>

#include "fzsync.h"

static void test_delay_spins(void **state)
{
	(void)state;
	/* > 0 delays B, < 0 delays A */
	assert_int_equal(fzsync_delay_spins(1000, 1), 1000);
	assert_int_equal(fzsync_delay_spins(-1000, 1), -1000);
	/* 4ns per spin: 1000ns is 250 spins */
	assert_int_equal(fzsync_delay_spins(-1000, 4), -250);
	assert_int_equal(fzsync_delay_spins(3000, 0.5f), 6000);
	assert_int_equal(fzsync_delay_spins(0.4f, 1), 0);
}

static void test_delay_clamped(void **state)
{
	(void)state;
	assert_int_equal(fzsync_delay_spins(1e12f, 0.001f), INT_MAX / 2);
	assert_int_equal(fzsync_delay_spins(-1e12f, 0.001f), -(INT_MAX / 2));
}

static void test_rand01(void **state)
{
	uint64_t rs = 1, rs2 = 1;
	double sum = 0;
	float u;
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		u = fzsync_rand01(&rs);
		assert_true(u >= 0 && u < 1);
		sum += u;
	}
	assert_float_equal(sum / 100000, 0.5, 0.01);

	/* Same seed, same sequence */
	rs = 7;
	rs2 = 7;
	for (i = 0; i < 100; i++)
		assert_float_equal(fzsync_rand01(&rs), fzsync_rand01(&rs2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delay_spins),
		cmocka_unit_test(test_delay_clamped),
		cmocka_unit_test(test_rand01),
	};

	return cmocka_run_group_tests_name("aim", tests, NULL, NULL);
}
