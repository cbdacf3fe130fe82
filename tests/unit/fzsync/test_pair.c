// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the fuzzy-sync core: statistics, delay arithmetic, random
 * numbers, calibration, the barrier and parameter validation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <signal.h>
#include <sys/wait.h>

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

static void test_stats_settled(void **state)
{
	struct tst_fzsync_pair pair = { 0 };

	(void)state;
	pair.diff_ss.dev_ratio = 0.05f;
	pair.diff_sa.dev_ratio = 0.1f;
	pair.diff_sb.dev_ratio = 0.02f;
	pair.diff_ab.dev_ratio = 0.09f;
	pair.spins_avg.dev_ratio = 0.0f;
	assert_true(fzsync_stats_settled(&pair, 0.1f));
	pair.spins_avg.dev_ratio = 0.11f;
	assert_false(fzsync_stats_settled(&pair, 0.1f));
	pair.spins_avg.dev_ratio = 0;
	pair.diff_ss.dev_ratio = 2;
	assert_false(fzsync_stats_settled(&pair, 0.1f));
}

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

static void test_calibration(void **state)
{
	float spin_ns = fzsync_calibrate_spin(0);
	int64_t best = INT64_MAX, t;
	int i, spins = 1 << 20;

	(void)state;
	assert_true(spin_ns > 0.01f && spin_ns < 100);
	for (i = 0; i < 5; i++) {
		t = tst_fzsync_now();
		tst_fzsync_spin(spins, 0);
		t = tst_fzsync_now() - t;
		if (t < best)
			best = t;
	}
	/* Generous: the VM may be preempted, but not by a factor of 4 on
	 * the best of five runs */
	assert_in_range(best, (int64_t)(spins * spin_ns / 4),
			(int64_t)(spins * spin_ns * 4));
}

/* Barrier: two threads, a million crossings, lock step throughout */

#define CROSSINGS 1000000

static struct tst_fzsync_pair bpair;
static unsigned long b_marker;
static long b_violations;

static void *barrier_b(void *arg)
{
	unsigned long n, a;

	(void)arg;
	for (n = 1; n <= CROSSINGS; n++) {
		__atomic_store_n(&b_marker, n, __ATOMIC_RELAXED);
		tst_fzsync_wait_b(&bpair);
		/* A entered crossing n and cannot pass n + 1 without us */
		a = __atomic_load_n(&bpair.a_cntr, __ATOMIC_RELAXED);
		if (a != n && a != n + 1)
			b_violations++;
	}

	return NULL;
}

static void test_barrier_million(void **state)
{
	pthread_t t;
	unsigned long n, b;
	long violations = 0;

	(void)state;
	memset(&bpair, 0, sizeof(bpair));
	b_marker = 0;
	b_violations = 0;
	assert_int_equal(pthread_create(&t, NULL, barrier_b, NULL), 0);
	for (n = 1; n <= CROSSINGS; n++) {
		tst_fzsync_wait_a(&bpair);
		b = __atomic_load_n(&b_marker, __ATOMIC_RELAXED);
		if (b != n && b != n + 1)
			violations++;
	}
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(violations, 0);
	assert_int_equal(b_violations, 0);
	assert_int_equal(bpair.a_cntr, CROSSINGS);
	assert_int_equal(bpair.b_cntr, CROSSINGS);
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
	pthread_t t;
	int64_t t0, waited;
	int spins;

	(void)state;
	assert_int_equal(pthread_create(&t, NULL, set_exit_later, &pair.exit), 0);
	t0 = tst_fzsync_now();
	spins = tst_fzsync_barrier(&pair.a_cntr, &pair.b_cntr, &pair.exit, 0);
	waited = tst_fzsync_now() - t0;
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_true(spins > 0);
	assert_true(waited >= 40000000);
	assert_true(waited < 5000000000LL);
	/* And run_b reports the end of the loop */
	assert_int_equal(tst_fzsync_run_b(&pair), 0);
}

/* Yield mode: same protocol, sched_yield() between checks */
static void test_barrier_yield(void **state)
{
	pthread_t t;
	int i;

	(void)state;
	memset(&bpair, 0, sizeof(bpair));
	bpair.yield_in_wait = 1;
	assert_int_equal(pthread_create(&t, NULL, set_exit_later, &bpair.exit), 0);
	for (i = 0; i < 3; i++)
		tst_fzsync_wait_a(&bpair);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(bpair.a_cntr, 3);
}

/* Parameter validation runs a real test through the harness */

static struct tst_fzsync_pair vpair;
static void (*bad_param)(void);

static void setup_bad(void)
{
	bad_param();
	tst_fzsync_pair_init(&vpair);
}

static void run_nothing(void)
{
	tst_res(TPASS, "not reached");
}

static struct tst_test vtest = {
	.setup = setup_bad,
	.test_all = run_nothing,
	.runtime = 1,
};

static void min_samples_low(void) { vpair.min_samples = 10; }
static void avg_alpha_high(void) { vpair.avg_alpha = 1.5f; }
static void max_dev_negative(void) { vpair.max_dev_ratio = -0.5f; }
static void exec_loops_low(void) { vpair.exec_loops = 5; }
static void all_default(void) { }

static int run_vtest(void (*param)(void), char *out, size_t size)
{
	int fds[2], status;
	ssize_t len, total = 0;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		char *argv[] = { "vtest", NULL };

		dup2(fds[1], 2);
		dup2(fds[1], 1);
		close(fds[0]);
		memset(&vpair, 0, sizeof(vpair));
		bad_param = param;
		tst_run_tcases(1, argv, &vtest);
	}
	close(fds[1]);
	while ((len = read(fds[0], out + total, size - 1 - total)) > 0)
		total += len;
	out[total] = 0;
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
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
	char out[8192];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(run_vtest(cases[i].set, out, sizeof(out)), TBROK);
		if (!strstr(out, cases[i].msg))
			fail_msg("expected '%s' in:\n%s", cases[i].msg, out);
		assert_non_null(strstr(out, "TBROK"));
	}

	assert_int_equal(run_vtest(all_default, out, sizeof(out)), 0);
}

static void test_defaults(void **state)
{
	struct tst_fzsync_pair pair = { 0 };

	(void)state;
	tst_fzsync_pair_init(&pair);
	assert_float_equal(pair.avg_alpha, 0.25, 1e-6);
	assert_int_equal(pair.min_samples, 1024);
	assert_float_equal(pair.max_dev_ratio, 0.1, 1e-6);
	assert_int_equal(pair.exec_loops, 3000000);
	assert_true(pair.spin_ns > 0);
	assert_int_equal(pair.yield_in_wait, tst_ncpus_available() <= 1);

	pair.min_samples = 20;
	pair.avg_alpha = 1;
	tst_fzsync_pair_init(&pair);
	assert_int_equal(pair.min_samples, 20);
	assert_float_equal(pair.avg_alpha, 1, 0);
	free(pair.priv);
}

static void test_add_bias_only_while_sampling(void **state)
{
	struct tst_fzsync_pair pair = { 0 };

	(void)state;
	pair.sampling = 10;
	tst_fzsync_pair_add_bias(&pair, 3);
	tst_fzsync_pair_add_bias(&pair, -1);
	assert_int_equal(pair.delay_bias, 2);
	pair.sampling = 0;
	tst_fzsync_pair_add_bias(&pair, 100);
	assert_int_equal(pair.delay_bias, 2);
}

/* Outcomes are counted per phase; the report says if the race crossed */
static void test_outcome_counts(void **state)
{
	struct tst_fzsync_pair pair = { 0 };

	(void)state;
	tst_fzsync_pair_init(&pair);
	pair.sampling = 10;
	tst_fzsync_pair_outcome(&pair, TST_FZSYNC_B_EARLY);
	assert_int_equal(pair.outcomes[TST_FZSYNC_B_EARLY], 1);
	assert_int_equal(pair.outcomes_delayed[TST_FZSYNC_B_EARLY], 0);
	/* While sampling, B_EARLY moves B's start later */
	assert_true(pair.delay_bias > 0);
	assert_false(tst_fzsync_pair_outcome_info(&pair, "a", "hit", "b"));

	fzsync_ctl_start(&pair.priv->ctl, -1000, 1000, 50);
	pair.sampling = 0;
	pair.delaying = 1;
	pair.priv->iteration_delayed = 1;
	tst_fzsync_pair_outcome(&pair, TST_FZSYNC_A_EARLY);
	assert_int_equal(pair.outcomes_delayed[TST_FZSYNC_A_EARLY], 1);
	/* One order only: the delays have not crossed the race yet */
	assert_false(tst_fzsync_pair_outcome_info(&pair, "a", "hit", "b"));
	tst_fzsync_pair_outcome(&pair, TST_FZSYNC_B_EARLY);
	assert_true(tst_fzsync_pair_outcome_info(&pair, "a", "hit", "b"));
	assert_int_equal(pair.outcomes[TST_FZSYNC_B_EARLY], 2);

	memset(pair.outcomes_delayed, 0, sizeof(pair.outcomes_delayed));
	tst_fzsync_pair_outcome(&pair, TST_FZSYNC_HIT);
	assert_true(tst_fzsync_pair_outcome_info(&pair, "a", "hit", "b"));
	free(pair.priv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_first_sample_seeds),
		cmocka_unit_test(test_stat_ema_values),
		cmocka_unit_test(test_stat_converges),
		cmocka_unit_test(test_stat_ratio),
		cmocka_unit_test(test_stats_settled),
		cmocka_unit_test(test_delay_spins),
		cmocka_unit_test(test_delay_clamped),
		cmocka_unit_test(test_rand01),
		cmocka_unit_test(test_calibration),
		cmocka_unit_test(test_barrier_million),
		cmocka_unit_test(test_barrier_exit_flag),
		cmocka_unit_test(test_barrier_yield),
		cmocka_unit_test(test_params_rejected),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_add_bias_only_while_sampling),
		cmocka_unit_test(test_outcome_counts),
	};

	return cmocka_run_group_tests_name("fzsync", tests, NULL, NULL);
}
