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

/*
 * A ring full of delayed iterations at offsets -3000..2110 ns, in a
 * range whose middle is 0; each side's section 1000 ns long but where
 * the scenario says otherwise. Lengths and ends jitter by up to 49 ns.
 */
#define WAITS_MID	0
#define WAITS_LIMIT	1200

static void add_delayed(float (*len_a)(float), float (*len_b)(float))
{
	int i;

	for (i = 0; i < FZSYNC_RECENT; i++) {
		float o = -3000 + 10 * i, jitter = i * 37 % 50;

		fzsync_recent_add(&r, len_a(o) + jitter, len_b(o) + jitter, o);
	}
}

static float fixed(float o)
{
	(void)o;
	return 1000;
}

/* B reads until A has written, 500 ns after A's start */
static float b_waits(float o)
{
	return o < -500 ? 500 - o : 1000;
}

/* A reads until B has written, 700 ns after B's start */
static float a_waits(float o)
{
	return o > 300 ? o + 700 : 1000;
}

/* A's long form, 4000 ns, when B came 200 ns late or more */
static float a_long_form(float o)
{
	return o > 200 ? 4000 : 1000;
}

/* B's long form, 2500 ns, when it came first */
static float b_long_form(float o)
{
	return o < 0 ? 2500 : 1000;
}

static void test_waits(void **state)
{
	(void)state;
	add_delayed(fixed, b_waits);
	assert_true(fzsync_recent_waits(&r, 1, WAITS_LIMIT, WAITS_MID));
	/* A's sections are never long */
	assert_false(fzsync_recent_waits(&r, 0, WAITS_LIMIT, WAITS_MID));

	memset(&r, 0, sizeof(r));
	add_delayed(a_waits, fixed);
	assert_true(fzsync_recent_waits(&r, 0, WAITS_LIMIT, WAITS_MID));
	assert_false(fzsync_recent_waits(&r, 1, WAITS_LIMIT, WAITS_MID));
}

/* A long form of fixed length is not waiting, on either side */
static void test_long_form_does_not_wait(void **state)
{
	(void)state;
	add_delayed(a_long_form, b_long_form);
	assert_false(fzsync_recent_waits(&r, 0, WAITS_LIMIT, WAITS_MID));
	assert_false(fzsync_recent_waits(&r, 1, WAITS_LIMIT, WAITS_MID));
}

/*
 * Noise as in a guest under TCG: B's end after A's start spreads about
 * as much as B's length and drifts 0.2 ns later per ns B started
 * earlier. A waiting B all the same;
 * a long form of fixed length under the same noise is not.
 */
static void add_noisy_b(int waits)
{
	int i;

	for (i = 0; i < FZSYNC_RECENT; i++) {
		float o = -3000 + 10 * i, noise = i * 7919 % 2001 - 1000;
		float end = waits ? 500 - 0.2f * (o + 500) : o + 2500;

		fzsync_recent_add(&r, 1000, o < -500 ? end + noise - o : 1000, o);
	}
}

static void test_waits_with_noise(void **state)
{
	(void)state;
	add_noisy_b(1);
	assert_true(fzsync_recent_waits(&r, 1, WAITS_LIMIT, WAITS_MID));

	memset(&r, 0, sizeof(r));
	add_noisy_b(0);
	assert_false(fzsync_recent_waits(&r, 1, WAITS_LIMIT, WAITS_MID));
}

/* Only the side's own half counts: B's waiting sections all started
 * above a middle of -3001 ns, where they are not B's; and 13 long
 * sections (those over 3400 ns) tell nothing */
static void test_waits_in_own_half(void **state)
{
	(void)state;
	add_delayed(fixed, b_waits);
	assert_true(fzsync_recent_waits(&r, 1, WAITS_LIMIT, WAITS_MID));
	assert_false(fzsync_recent_waits(&r, 1, WAITS_LIMIT, -3001));
	assert_false(fzsync_recent_waits(&r, 1, 3400, WAITS_MID));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_quantiles, setup),
		cmocka_unit_test_setup(test_outliers_and_long_forms, setup),
		cmocka_unit_test_setup(test_ring, setup),
		cmocka_unit_test_setup(test_waits, setup),
		cmocka_unit_test_setup(test_long_form_does_not_wait, setup),
		cmocka_unit_test_setup(test_waits_with_noise, setup),
		cmocka_unit_test_setup(test_waits_in_own_half, setup),
	};

	return cmocka_run_group_tests_name("recent", tests, NULL, NULL);
}
