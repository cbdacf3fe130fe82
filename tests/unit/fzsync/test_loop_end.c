// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the rules that end a race loop, with real threads A and
 * B, as LTP's contract states them: a loop ends when exec_loops
 * iterations have run, when its share of the runtime is spent (the
 * runtime of .runtime, -I, LTP_RUNTIME_MUL and .min_runtime), when the
 * test sets pair.exit, or, only when asked for, in quick mode. The line
 * the loop ends with names the reason and the real iteration count.
 *
 * Each scenario runs as a whole test binary would, in a forked process.
 */
#include "unit.h"

#include "tst_fuzzy_sync.h"

static struct run r;
static struct tst_fzsync_pair pair;
/* Iterations B ran; how long each of its sections sleeps, or spins (us) */
static tst_atomic_t b_loops;
static int b_sleep_us, b_spin_us;
/* Set by the scenario: B sets the exit flag after this many iterations */
static int b_exit_after;

static void busy_us(int us)
{
	double end = now_secs() + us / 1e6;

	while (now_secs() < end)
		;
}

static void *thread_b(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		if (b_sleep_us)
			usleep(b_sleep_us);
		if (b_spin_us)
			busy_us(b_spin_us);
		tst_fzsync_end_race_b(&pair);
		if (tst_atomic_inc(&b_loops) == b_exit_after)
			tst_atomic_store(1, &pair.exit);
	}
	return arg;
}

/* One loop; returns A's iterations, @secs its length */
static long race(double *secs)
{
	double t0 = now_secs();
	long n = 0;

	tst_atomic_store(0, &b_loops);
	tst_fzsync_pair_reset(&pair, thread_b);
	while (tst_fzsync_run_a(&pair)) {
		tst_fzsync_start_race_a(&pair);
		tst_fzsync_end_race_a(&pair);
		n++;
	}
	*secs = now_secs() - t0;
	return n;
}

static void init(int exec_loops)
{
	pair = (struct tst_fzsync_pair) {
		.min_samples = 20,
		.max_dev_ratio = 1,
		.exec_loops = exec_loops,
	};
	tst_fzsync_pair_init(&pair);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
}

static void run_loop_test(struct tst_test *t, char **argv, void (*before)(void))
{
	char *plain[] = { "loop_end", NULL };

	t->cleanup = cleanup;
	run_tst_ex(&r, t, argv ? argv : plain, before, NULL);
}

/* The seconds in "Loop ended (runtime of X s spent)" */
static double reported_runtime(void)
{
	const char *p = strstr(r.out, "Loop ended (runtime of ");
	double secs = -1;

	if (p)
		sscanf(p + strlen("Loop ended (runtime of "), "%lfs", &secs);
	return secs;
}

/*
 * exec_loops = N and a generous runtime: exactly N iterations on both
 * sides, and nothing else ends the loop early (no quick mode).
 */
static void exact_loops(void)
{
	double secs;
	long n;

	unsetenv("FZSYNC_COVERAGE");
	init(20000);
	n = race(&secs);
	if (n != 20000 || tst_atomic_load(&b_loops) != 20000)
		tst_res(TFAIL, "A ran %ld, B %d iterations, not 20000", n,
			tst_atomic_load(&b_loops));
	else
		tst_res(TPASS, "20000 iterations on both sides");
}

static void test_exact_loops(void **state)
{
	struct tst_test t = { .test_all = exact_loops, .runtime = 25 };

	(void)state;
	run_loop_test(&t, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "Exceeded execution loops, requesting exit");
	assert_output(&r, "Loop ended (exec_loops = 20000 reached) after 20000 iterations, ");
	assert_no_output(&r, "Quick mode");
}

/* The runtime ends the loop: B sleeps, exec_loops is never reached */
static void timed_loop(void)
{
	double secs;
	long n;

	init(0);
	b_sleep_us = 200;
	n = race(&secs);
	tst_res(TINFO, "ran %ld iterations in %.2fs", n, secs);
	if (n >= TST_FZSYNC_DEF_EXEC_LOOPS || tst_atomic_load(&b_loops) != n)
		tst_res(TFAIL, "A ran %ld, B %d iterations", n,
			tst_atomic_load(&b_loops));
	else
		tst_res(TPASS, "loop of %.2fs", secs);
}

static void test_runtime_ends(void **state)
{
	struct tst_test t = { .test_all = timed_loop, .runtime = 1 };

	(void)state;
	run_loop_test(&t, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "Exceeded execution time, requesting exit");
	assert_float_equal(reported_runtime(), 1.0, 0.05);
	/* Each iteration ends within a sleep of the deadline */
	assert_true(r.secs >= 1.0 && r.secs < 3.0);
}

/* -I replaces .runtime; below .min_runtime it is raised to it */
static void test_runtime_option(void **state)
{
	struct tst_test t = { .test_all = timed_loop, .runtime = 100 };
	char *short_i[] = { "loop_end", "-I", "1", NULL };

	(void)state;
	run_loop_test(&t, short_i, NULL);
	assert_status(&r, 0);
	assert_float_equal(reported_runtime(), 1.0, 0.05);

	t = (struct tst_test) {
		.test_all = timed_loop, .runtime = 100, .min_runtime = 2
	};
	run_loop_test(&t, short_i, NULL);
	assert_status(&r, 0);
	assert_float_equal(reported_runtime(), 2.0, 0.05);
	assert_true(r.secs >= 2.0);
}

static void set_runtime_mul(void)
{
	setenv("LTP_RUNTIME_MUL", "0.5", 1);
}

/* Only .min_runtime: that is the loop's runtime, LTP_RUNTIME_MUL
 * cannot take it below */
static void test_min_runtime_only(void **state)
{
	struct tst_test t = { .test_all = timed_loop, .min_runtime = 1 };

	(void)state;
	run_loop_test(&t, NULL, set_runtime_mul);
	assert_status(&r, 0);
	assert_float_equal(reported_runtime(), 1.0, 0.05);
}

/*
 * The runtime is per test function call, and a loop gets what is left
 * of it when it starts: after 0.5s of other work, a 0.5s loop.
 */
static void late_loop(unsigned int n)
{
	double call_start = now_secs(), secs;

	init(0);
	b_sleep_us = 200;
	usleep(500000);
	/* What is left of the call's second; the sleep may overshoot on a
	 * loaded machine */
	tst_res(TINFO, "left for the loop: %.3fs", 1 - (now_secs() - call_start));
	race(&secs);
	tst_res(TPASS, "call %u: loop of %.2fs", n, secs);
}

static void test_share_of_runtime(void **state)
{
	struct tst_test t = { .test = late_loop, .tcnt = 2, .runtime = 1 };
	const char *p;
	int calls = 0;

	(void)state;
	run_loop_test(&t, NULL, NULL);
	assert_status(&r, 0);
	for (p = r.out; (p = strstr(p, "left for the loop: ")); p++) {
		double left = -1, secs = -1;

		sscanf(p + strlen("left for the loop: "), "%lfs", &left);
		/* About half of the call's second, and the loop got that */
		assert_in_range((long)(left * 1000), 100, 600);
		p = strstr(p, "Loop ended (runtime of ");
		assert_non_null(p);
		sscanf(p + strlen("Loop ended (runtime of "), "%lfs", &secs);
		assert_float_equal(secs, left, 0.05);
		calls++;
	}
	assert_int_equal(calls, 2);
}

/* Sampling that never settles ends after half of the loop's runtime */
static void unsettled(void)
{
	double t0 = now_secs(), delaying_at = 0;
	long n = 0;

	pair = (struct tst_fzsync_pair) { .min_samples = 20 };
	tst_fzsync_pair_init(&pair);
	t0 = now_secs();
	tst_fzsync_pair_reset(&pair, thread_b);
	while (tst_fzsync_run_a(&pair)) {
		/* The phase changes before an iteration: its start is when */
		double iter_start = now_secs();

		tst_fzsync_start_race_a(&pair);
		/* Sections between 0 and 400us: never within 10% */
		usleep(n++ % 3 * 200);
		tst_fzsync_end_race_a(&pair);
		if (!delaying_at && tst_fzsync_pair_delaying(&pair))
			delaying_at = iter_start - t0;
	}
	tst_res(TINFO, "delays started after %.2fs of %.2fs", delaying_at,
		now_secs() - t0);
	if (delaying_at < 0.45 || delaying_at > 0.7)
		tst_res(TFAIL, "sampling ended after %.2fs, not half of 1s",
			delaying_at);
	else
		tst_res(TPASS, "sampling ended at half of the runtime");
}

static void test_sampling_half(void **state)
{
	struct tst_test t = { .test_all = unsettled, .runtime = 1 };
	double loop_s = -1, sampling_s = -1;
	const char *p;

	(void)state;
	run_loop_test(&t, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "sampling time reached 50% of the total time limit");

	/* The loop's line ends with its length and its sampling's */
	p = strstr(r.out, " of it sampling");
	assert_non_null(p);
	while (p > r.out && p[-1] != ';')
		p--;
	assert_int_equal(sscanf(p, " %lfs, %lfs", &loop_s, &sampling_s), 2);
	assert_float_equal(loop_s, 1.0, 0.1);
	assert_float_equal(sampling_s, 0.5, 0.1);
}

/* The test sets the exit flag (here thread B): the loop ends */
static void exit_by_test(void)
{
	double secs;
	long n;

	init(0);
	b_exit_after = 100;
	n = race(&secs);
	if (n < 100 || n > 101)
		tst_res(TFAIL, "A ran %ld iterations after B set exit at 100", n);
	else
		tst_res(TPASS, "A ran %ld iterations", n);
}

static void test_exit_ends(void **state)
{
	struct tst_test t = { .test_all = exit_by_test, .runtime = 20 };

	(void)state;
	run_loop_test(&t, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "Exit flag set, ending the loop");
	assert_output(&r, "Loop ended (exit flag set) after 10");
}

static void set_quick(void)
{
	setenv("FZSYNC_COVERAGE", "2", 1);
}

/* Quick mode, asked for: the loop ends once the range is covered */
static void quick_loop(void)
{
	double secs;
	long n;

	init(1000000);
	/* A section long against the clock and steady (a sleep under load
	 * is not): sampling settles, the range is B's 20us */
	pair.min_samples = 200;
	b_spin_us = 20;
	n = race(&secs);
	if (n >= 1000000)
		tst_res(TFAIL, "quick mode ran all %ld iterations", n);
	else
		tst_res(TPASS, "quick mode: %ld iterations", n);
}

static void test_quick_mode(void **state)
{
	struct tst_test t = { .test_all = quick_loop, .runtime = 25 };

	(void)state;
	run_loop_test(&t, NULL, set_quick);
	assert_status(&r, 0);
	assert_output(&r, "Quick mode, coverage 2: each of ");
	assert_output(&r, "Loop ended (quick mode, coverage 2) after ");
}

/*
 * LTP's self-tests leave the loop with cleanup, clear the exit flag and
 * break; the next reset starts afresh. Each loop says how it ended.
 */
static void break_and_again(void)
{
	int round, n;

	init(0);
	for (round = 0; round < 2; round++) {
		tst_fzsync_pair_reset(&pair, thread_b);
		for (n = 0; tst_fzsync_run_a(&pair); n++) {
			tst_fzsync_start_race_a(&pair);
			tst_fzsync_end_race_a(&pair);
			if (n == 99) {
				tst_fzsync_pair_cleanup(&pair);
				tst_atomic_store(0, &pair.exit);
				break;
			}
		}
		if (pair.exit)
			tst_res(TFAIL, "exit set after the break");
	}
	tst_res(TPASS, "two loops left by the test");
}

static void test_break(void **state)
{
	struct tst_test t = { .test_all = break_and_again, .runtime = 20 };
	const char *p = r.out;
	int ends = 0;

	(void)state;
	run_loop_test(&t, NULL, NULL);
	assert_status(&r, 0);
	for (p = r.out; (p = strstr(p, "Loop ended (left by the test) after 100 iterations")); p++)
		ends++;
	assert_int_equal(ends, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_loops),
		cmocka_unit_test(test_runtime_ends),
		cmocka_unit_test(test_runtime_option),
		cmocka_unit_test(test_min_runtime_only),
		cmocka_unit_test(test_share_of_runtime),
		cmocka_unit_test(test_sampling_half),
		cmocka_unit_test(test_exit_ends),
		cmocka_unit_test(test_quick_mode),
		cmocka_unit_test(test_break),
	};

	return cmocka_run_group_tests_name("loop end", tests, NULL, NULL);
}
