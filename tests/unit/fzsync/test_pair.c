// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the pair's life cycle (pair.c): the tunables' bounds and
 * defaults, what reset needs, and a pair used again after cleanup. Runs
 * that end in a TBROK run in a forked test process.
 */
#include <sys/prctl.h>

#include "unit.h"

#include "fzsync.h"

static struct run r;
static struct tst_fzsync_pair vpair;
static struct tst_fzsync_pair rpair_bad;
static void (*set_param)(void);

static void init_pair(void)
{
	tst_fzsync_pair_init(&vpair);
}

static void run_nothing(void)
{
	tst_res(TPASS, "setup passed");
}

static void cleanup_pair(void)
{
	tst_fzsync_pair_cleanup(&vpair);
}

static struct tst_test vtest = {
	.setup = init_pair,
	.test_all = run_nothing,
	.cleanup = cleanup_pair,
	.runtime = 1,
};

static void before_init(void)
{
	memset(&vpair, 0, sizeof(vpair));
	set_param();
}

static void min_samples_low(void) { vpair.min_samples = 10; }
static void avg_alpha_high(void) { vpair.avg_alpha = 1.5f; }
static void max_dev_negative(void) { vpair.max_dev_ratio = -0.5f; }
static void exec_loops_low(void) { vpair.exec_loops = 5; }
static void all_default(void) { }

static void run_with(void (*param)(void))
{
	char *argv[] = { "vtest", NULL };

	set_param = param;
	run_tst_ex(&r, &vtest, argv, before_init, NULL);
}

static void test_params_rejected(void **state)
{
	static const struct {
		void (*set)(void);
		const char *msg;
	} cases[] = {
		{ min_samples_low, "min_samples = 10 is out of bounds [20, " },
		{ avg_alpha_high, "avg_alpha = 1.5 is out of bounds [0.001, 1]" },
		{ max_dev_negative, "max_dev_ratio = -0.5 is out of bounds [0.001, 1]" },
		{ exec_loops_low, "exec_loops = 5 is out of bounds [20, " },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		run_with(cases[i].set);
		assert_status(&r, TBROK);
		assert_output(&r, cases[i].msg);
		assert_output(&r, "TBROK");
	}

	run_with(all_default);
	assert_status(&r, 0);
}

static void test_defaults(void **state)
{
	struct tst_fzsync_pair pair = { 0 };

	(void)state;
	unsetenv("FZSYNC_COVERAGE");
	tst_fzsync_pair_init(&pair);
	assert_float_equal(pair.avg_alpha, TST_FZSYNC_DEF_AVG_ALPHA, 0);
	assert_int_equal(pair.min_samples, TST_FZSYNC_DEF_MIN_SAMPLES);
	assert_float_equal(pair.max_dev_ratio, TST_FZSYNC_DEF_MAX_DEV_RATIO, 0);
	assert_int_equal(pair.exec_loops, TST_FZSYNC_DEF_EXEC_LOOPS);
	/* Quick mode is off unless asked for: LTP's loop contract */
	assert_true(pair.coverage < 0);
	assert_int_equal(pair.yield_in_wait, tst_ncpus_available() <= 1);
	assert_true(tst_fzsync_pair_resolution_ns(&pair) > 0);

	/* Set ones stay; init again does not leak (ASan checks) */
	pair.min_samples = 20;
	pair.avg_alpha = 1;
	tst_fzsync_pair_init(&pair);
	assert_int_equal(pair.min_samples, 20);
	assert_float_equal(pair.avg_alpha, 1, 0);

	/* Cleanup frees, and may be called again */
	tst_fzsync_pair_cleanup(&pair);
	tst_fzsync_pair_cleanup(&pair);
}

static void test_coverage_env(void **state)
{
	struct tst_fzsync_pair pair = { 0 };

	(void)state;
	setenv("FZSYNC_COVERAGE", "3", 1);
	tst_fzsync_pair_init(&pair);
	assert_int_equal(pair.coverage, 3);
	tst_fzsync_pair_cleanup(&pair);

	/* A test's own setting wins */
	pair = (struct tst_fzsync_pair) { .coverage = 5 };
	tst_fzsync_pair_init(&pair);
	assert_int_equal(pair.coverage, 5);
	tst_fzsync_pair_cleanup(&pair);

	/* 0 means off, as a negative value does */
	pair = (struct tst_fzsync_pair) { 0 };
	setenv("FZSYNC_COVERAGE", "0", 1);
	tst_fzsync_pair_init(&pair);
	assert_true(pair.coverage < 0);
	tst_fzsync_pair_cleanup(&pair);
	pair = (struct tst_fzsync_pair) { 0 };
	setenv("FZSYNC_COVERAGE", "-1", 1);
	tst_fzsync_pair_init(&pair);
	assert_true(pair.coverage < 0);
	tst_fzsync_pair_cleanup(&pair);
	unsetenv("FZSYNC_COVERAGE");
}

static void init_bad_coverage(void)
{
	setenv("FZSYNC_COVERAGE", "6x", 1);
	tst_fzsync_pair_init(&rpair_bad);
}

/* Reset: needs init and a runtime */

static struct tst_fzsync_pair rpair;

static void reset_without_init(void)
{
	memset(&rpair, 0, sizeof(rpair));
	tst_fzsync_pair_reset(&rpair, NULL);
}

static void reset_without_runtime(void)
{
	tst_fzsync_pair_init(&rpair);
	tst_fzsync_pair_reset(&rpair, NULL);
}

static void test_reset_needs(void **state)
{
	struct tst_test t = { .test_all = reset_without_init, .runtime = 5 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "tst_fzsync_pair_init() was not called");

	t = (struct tst_test) { .test_all = reset_without_runtime };
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "set .runtime (or .min_runtime) in struct tst_test");

	/* A bad FZSYNC_COVERAGE is named */
	t = (struct tst_test) { .test_all = init_bad_coverage, .runtime = 5 };
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "FZSYNC_COVERAGE='6x' must be an integer from -1 to 1000000 (0 or -1: off)");
}

static void *idle_b(void *arg)
{
	while (tst_fzsync_run_b(&rpair)) {
		tst_fzsync_start_race_b(&rpair);
		tst_fzsync_end_race_b(&rpair);
	}
	return arg;
}

/* Two loops with a cleanup between them, as LTP's tests do */
static void loops_around_cleanup(void)
{
	int round, n;

	rpair = (struct tst_fzsync_pair) { .min_samples = 20, .exec_loops = 50 };
	tst_fzsync_pair_init(&rpair);
	for (round = 0; round < 2; round++) {
		tst_fzsync_pair_reset(&rpair, idle_b);
		for (n = 0; tst_fzsync_run_a(&rpair); n++) {
			tst_fzsync_start_race_a(&rpair);
			tst_fzsync_end_race_a(&rpair);
		}
		if (n != 50)
			tst_res(TFAIL, "loop %d ran %d iterations, not 50", round, n);
		tst_fzsync_pair_cleanup(&rpair);
	}
	tst_res(TPASS, "two loops");
}

static void test_reset_after_cleanup(void **state)
{
	struct tst_test t = { .test_all = loops_around_cleanup, .runtime = 10 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: two loops");
	assert_no_output(&r, "TFAIL");
}

/* Timer slack seen by thread B in its loop */
static long b_slack = -1;

static void *slack_b(void *arg)
{
	while (tst_fzsync_run_b(&rpair)) {
		tst_fzsync_start_race_b(&rpair);
		b_slack = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
		tst_fzsync_end_race_b(&rpair);
	}
	return arg;
}

/* Both race threads sleep with 1 ns of slack; A gets its own back */
static void slack_in_loop(void)
{
	long before = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), in_loop = -1;

	rpair = (struct tst_fzsync_pair) { .min_samples = 20, .exec_loops = 30 };
	tst_fzsync_pair_init(&rpair);
	tst_fzsync_pair_reset(&rpair, slack_b);
	while (tst_fzsync_run_a(&rpair)) {
		tst_fzsync_start_race_a(&rpair);
		in_loop = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
		tst_fzsync_end_race_a(&rpair);
	}
	tst_fzsync_pair_cleanup(&rpair);
	tst_res(TINFO, "slack before %ld, A %ld, B %ld, after %ld", before,
		in_loop, b_slack, (long)prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0));
	if (in_loop == 1 && b_slack == 1 &&
	    prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == before && before != 1)
		tst_res(TPASS, "slack tightened in the loop");
}

static void test_timer_slack(void **state)
{
	struct tst_test t = { .test_all = slack_in_loop, .runtime = 10 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: slack tightened in the loop");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params_rejected),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_coverage_env),
		cmocka_unit_test(test_reset_needs),
		cmocka_unit_test(test_reset_after_cleanup),
		cmocka_unit_test(test_timer_slack),
	};

	return cmocka_run_group_tests_name("pair", tests, NULL, NULL);
}
