// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whole test runs through tst_run_tcases(), each in a forked process:
 * results and exit status, iterations, options, the per-call timeout,
 * killing the process group, reaping children, cleanup from threads and
 * stopping the harness with a signal.
 */
#include <pthread.h>

#include "test_harness.h"

static char scratch[128], marker[128];
static struct run r;

static int make_scratch(void **state)
{
	(void)state;
	scratch_path(scratch, sizeof(scratch), "scratch");
	scratch_path(marker, sizeof(marker), "marker");
	unlink(scratch);
	unlink(marker);
	return 0;
}

static int remove_scratch(void **state)
{
	(void)state;
	unlink(scratch);
	unlink(marker);
	return 0;
}

static void run_pass(void) { tst_res(TPASS, "fine"); }
static void run_fail(void) { tst_res(TFAIL, "broken kernel"); }
static void run_conf(void) { tst_brk(TCONF, "not here"); }
static void run_segv(void) { raise(SIGSEGV); }
static void run_nothing(void) { }
static void run_exit(void) { exit(0); }

static void run_case(unsigned int n) { tst_res(TPASS, "case %u", n); }

static void run_warn(void)
{
	tst_res(TPASS, "fine");
	tst_res(TWARN, "odd");
}

static void test_pass(void **state)
{
	struct tst_test t = { .test_all = run_pass, .timeout = 5 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "test_run.c:");
	assert_output(&r, ": TPASS: fine\n");
	assert_output(&r, ": TINFO: Tests timeout after 5s (0h 00m 05s)\n");
	assert_output(&r, "tst_test.c:");
	assert_output(&r, "\nSummary:\npassed   1\nfailed   0\nbroken   0\nskipped  0\nwarnings 0\n");
	assert_no_output(&r, "Runtime per test function call");
}

static void test_result_types(void **state)
{
	struct tst_test t = { .timeout = 5 };

	(void)state;
	t.test_all = run_fail;
	run_tst(&r, &t);
	assert_status(&r, TFAIL);
	assert_output(&r, ": TFAIL: broken kernel\n");
	assert_output(&r, "failed   1\n");

	t.test_all = run_warn;
	run_tst(&r, &t);
	assert_status(&r, TWARN);
	assert_output(&r, "warnings 1\n");

	t.test_all = run_conf;
	run_tst(&r, &t);
	assert_status(&r, TCONF);
	assert_output(&r, ": TCONF: not here\n");
	assert_output(&r, "skipped  1\n");
}

static void test_broken_runs(void **state)
{
	struct tst_test t = { .timeout = 5 };

	(void)state;
	t.test_all = run_segv;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Test killed by SIGSEGV\n");
	assert_output(&r, "broken   1\n");

	t.test_all = run_nothing;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Test haven't reported results!\n");

	t.test_all = run_exit;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Test process exited with 0 before the test ended\n");
}

static void test_bad_struct(void **state)
{
	struct tst_test none = { .timeout = 5 };
	struct tst_test both = {
		.test_all = run_pass, .test = run_case, .tcnt = 1
	};
	struct tst_test no_tcnt = { .test = run_case };
	struct tst_test bad_timeout = { .test_all = run_pass, .timeout = -2 };

	(void)state;
	run_tst(&r, &none);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: No test function specified\n");
	assert_output(&r, "broken   1\n");
	run_tst(&r, &both);
	assert_status(&r, TBROK);
	run_tst(&r, &no_tcnt);
	assert_status(&r, TBROK);
	assert_output(&r, "tcnt");
	run_tst(&r, &bad_timeout);
	assert_status(&r, TBROK);
	assert_output(&r, "Invalid timeout -2");
}

static void setup_note(void) { tst_res(TINFO, "setup ran"); }
static void cleanup_note(void) { tst_res(TINFO, "cleanup ran"); }

static void test_tcnt_iterations(void **state)
{
	struct tst_test t = {
		.test = run_case,
		.tcnt = 3,
		.setup = setup_note,
		.cleanup = cleanup_note,
	};
	char *twice[] = { "tcnt", "-i", "2", NULL };
	char *zero[] = { "tcnt", "-i", "0", NULL };

	(void)state;
	run_tst_ex(&r, &t, twice, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "passed   6\n");
	assert_int_equal(count_str(r.out, "TPASS: case 2\n"), 2);
	assert_int_equal(count_str(r.out, "setup ran"), 1);
	assert_int_equal(count_str(r.out, "cleanup ran"), 1);
	/* Setup first, cleanup after the last call */
	assert_true(strstr(r.out, "setup ran") < strstr(r.out, "TPASS: case 0"));
	assert_true(strstr(r.out, "cleanup ran") >
		    strstr(strstr(r.out, "TPASS: case 2") + 1, "TPASS: case 2"));

	/* -i 0: only setup and cleanup */
	run_tst_ex(&r, &t, zero, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "setup ran");
	assert_output(&r, "cleanup ran");
	assert_output(&r, "passed   0\n");
	assert_no_output(&r, "TPASS");
}

static char *opt_val, *opt_flag;

static void run_options(void)
{
	if (opt_val && !strcmp(opt_val, "17") && opt_flag)
		tst_res(TPASS, "got -v %s and -f", opt_val);
	else
		tst_res(TFAIL, "options not seen");
	tst_res(TDEBUG, "a debug line");
}

static void test_options(void **state)
{
	struct tst_option extra[] = {
		{ "v:", &opt_val, "Value" },
		{ "f", &opt_flag, "Flag" },
		{},
	};
	struct tst_test t = { .test_all = run_options, .options = extra };
	char *args[] = { "opts", "-v", "17", "-f", NULL };
	char *debug[] = { "opts", "-v", "17", "-f", "-D", NULL };
	char *help[] = { "opts", "-h", NULL };
	char *bad[] = { "opts", "-q", NULL };
	char *badnum[] = { "opts", "-i", "abc", NULL };

	(void)state;
	run_tst_ex(&r, &t, args, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: got -v 17 and -f\n");
	assert_no_output(&r, "TDEBUG");

	run_tst_ex(&r, &t, debug, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "TDEBUG: a debug line\n");

	run_tst_ex(&r, &t, help, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "-i n     Execute test n times");
	assert_output(&r, "-v val   Value");
	assert_no_output(&r, "Summary:");

	run_tst_ex(&r, &t, bad, NULL, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "opts: unknown option -q\n");
	assert_output(&r, "Options\n-------\n");
	assert_no_output(&r, "Summary:");

	run_tst_ex(&r, &t, badnum, NULL, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "-i takes a number of iterations >= 0, not 'abc'");
}

static void run_hang(void)
{
	pause();
}

static void test_timeout_kills(void **state)
{
	struct tst_test t = { .test_all = run_hang, .timeout = 1 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Test timed out after 1s, killing its process group\n");
	assert_output(&r, "LTP_TIMEOUT_MUL");
	assert_output(&r, "broken   1\n");
	assert_true(r.secs >= 0.9 && r.secs < 4);
}

static void run_short_call(unsigned int n)
{
	usleep(600000);
	tst_res(TPASS, "call %u", n);
}

/* Three calls of 0.6s under a 1s timeout: the timer is per call */
static void test_timeout_per_call(void **state)
{
	struct tst_test t = { .test = run_short_call, .tcnt = 3, .timeout = 1 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "passed   3\n");
	assert_true(r.secs >= 1.8);
}

static void run_sleep_1500ms(void)
{
	usleep(1500000);
	tst_res(TPASS, "slept");
}

static void set_timeout_mul(void)
{
	setenv("LTP_TIMEOUT_MUL", "2", 1);
}

static void test_timeout_multiplier(void **state)
{
	struct tst_test t = { .test_all = run_sleep_1500ms, .timeout = 1 };
	char *argv[] = { "mul", NULL };

	(void)state;
	run_tst_ex(&r, &t, argv, set_timeout_mul, NULL);
	assert_status(&r, 0);
	assert_output(&r, "Tests timeout after 2s (0h 00m 02s)\n");
}

static void run_runtime(void)
{
	long long ns = tst_remaining_runtime_ns();
	int loops = 0;

	if (ns <= 0 || ns > 1000000000LL)
		tst_res(TFAIL, "remaining runtime %lld ns at the start", ns);
	while (tst_remaining_runtime()) {
		usleep(50000);
		loops++;
	}
	tst_res(TPASS, "ran out of runtime after %d loops", loops);
}

static void test_runtime(void **state)
{
	struct tst_test t = {
		.test_all = run_runtime, .runtime = 100, .timeout = 2
	};
	char *argv[] = { "runtime", "-I", "1", NULL };

	(void)state;
	/* -I 1 overrides the 100s, and the timeout is 2 + 1 */
	run_tst_ex(&r, &t, argv, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "Tests timeout after 3s (0h 00m 03s)\n");
	assert_output(&r, "Runtime per test function call is 1s");
	assert_output(&r, "TPASS: ran out of runtime");
	assert_true(r.secs >= 0.9 && r.secs < 3);
}

static void run_report_runtime(void)
{
	tst_res(TPASS, "runtime %us", tst_remaining_runtime());
}

static void run_report_runtime_slowly(void)
{
	usleep(100000);
	run_report_runtime();
}

/* How often @needle is in the run's output */
static int count_output(const struct run *run, const char *needle)
{
	const char *p = run->out;
	int n = 0;

	while ((p = strstr(p, needle))) {
		p++;
		n++;
	}
	return n;
}

/* The runtime a call gets, as LTP's library gives it */
static void assert_runtime(struct tst_test *t, char **argv, const char *want)
{
	t->test_all = run_report_runtime;
	run_tst_ex(&r, t, argv, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, want);
}

static void set_runtime_mul(void)
{
	setenv("LTP_RUNTIME_MUL", "2", 1);
}

static void test_runtime_rules(void **state)
{
	struct tst_test t = { .runtime = 10, .min_runtime = 4 };
	char *plain[] = { "rt", NULL };
	char *short_i[] = { "rt", "-I", "1", NULL };
	char *long_i[] = { "rt", "-I", "6", NULL };

	(void)state;
	assert_runtime(&t, plain, "TPASS: runtime 10s");
	/* -I below .min_runtime is raised to it */
	assert_runtime(&t, short_i, "TPASS: runtime 4s");
	assert_runtime(&t, long_i, "TPASS: runtime 6s");

	/* Only .min_runtime: that is the runtime; -I repeats the calls
	 * for its seconds instead (LTP's older meaning of -I) */
	t = (struct tst_test) { .min_runtime = 2 };
	assert_runtime(&t, plain, "TPASS: runtime 2s");
	assert_int_equal(count_output(&r, "TPASS: runtime 2s"), 1);
	t.test_all = run_report_runtime_slowly;
	run_tst_ex(&r, &t, short_i, NULL, NULL);
	assert_status(&r, 0);
	assert_output(&r, "-I 1: the test sets no .runtime, its test functions repeat for 1s, each call with its .min_runtime");
	assert_true(r.secs >= 1);
	/* A call of 0.1 s: about ten in the second */
	assert_in_range(count_output(&r, "TPASS: runtime 2s"), 5, 11);

	/* -I is scaled by LTP_RUNTIME_MUL too */
	t = (struct tst_test) { .test_all = run_report_runtime, .runtime = 10 };
	run_tst_ex(&r, &t, long_i, set_runtime_mul, NULL);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: runtime 12s");

	/* Neither: asking for the runtime is a broken test, as in LTP */
	t = (struct tst_test) { .test_all = run_report_runtime };
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: the test asks for its remaining runtime but has none");
}

static void run_stray(void)
{
	pid_t pid = fork();

	if (!pid) {
		pause();
		_exit(0);
	}
	/* Tell the unit test which pid to look for */
	SAFE_FILE_PRINTF(scratch, "%d", pid);
	tst_res(TPASS, "left a child behind");
}

static void run_stray_and_hang(void)
{
	run_stray();
	pause();
}

static void assert_gone(pid_t pid)
{
	int i;

	/* Killed: gone, or a zombie until whoever inherited it reaps it */
	for (i = 0; i < 200 && process_alive(pid); i++)
		usleep(10000);
	assert_false(process_alive(pid));
}

static pid_t stray_pid(void)
{
	char buf[32];

	assert_non_null(read_text(scratch, buf, sizeof(buf)));
	assert_true(atoi(buf) > 0);
	return atoi(buf);
}

static void test_kills_process_group(void **state)
{
	struct tst_test t = { .test_all = run_stray, .timeout = 5 };

	(void)state;
	/* A child left behind by a passing test */
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_gone(stray_pid());

	/* and one of a test that timed out */
	unlink(scratch);
	t.test_all = run_stray_and_hang;
	t.timeout = 1;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "timed out");
	assert_gone(stray_pid());
}

static void run_children(void)
{
	pid_t pid;

	if (!SAFE_FORK())
		_exit(7);
	if (!SAFE_FORK())
		tst_brk(TCONF, "child cannot do it");
	pid = SAFE_FORK();
	if (!pid) {
		pause();
		_exit(0);
	}
	kill(pid, SIGKILL);
	/* A child returning from the test function must not run the loop */
	if (!SAFE_FORK())
		return;
	tst_res(TPASS, "forked");
}

static void test_reaps_children(void **state)
{
	struct tst_test t = { .test_all = run_children, .forks_child = 1 };
	char *argv[] = { "children", "-i", "2", NULL };

	(void)state;
	run_tst_ex(&r, &t, argv, NULL, NULL);
	assert_status(&r, TBROK);
	assert_int_equal(count_str(r.out, ") exited with 7\n"), 2);
	assert_output(&r, "TBROK: Child (");
	assert_int_equal(count_str(r.out, ") killed by signal SIGKILL\n"), 2);
	assert_int_equal(count_str(r.out, "TCONF: child cannot do it\n"), 2);
	assert_output(&r, "passed   2\nfailed   0\nbroken   4\nskipped  2\n");
}

static tst_atomic_t cleanups;

static void count_cleanup(void)
{
	/* In a file: the test process is gone afterwards */
	SAFE_FILE_PRINTF(scratch, "%d", tst_atomic_inc(&cleanups));
}

static void *brk_thread(void *arg)
{
	(void)arg;
	tst_brk(TBROK, "from a second thread");
}

static void run_brk_thread(void)
{
	pthread_t t;

	SAFE_PTHREAD_CREATE(&t, NULL, brk_thread, NULL);
	pause();
}

static void test_cleanup_from_thread(void **state)
{
	struct tst_test t = {
		.test_all = run_brk_thread,
		.cleanup = count_cleanup,
		.timeout = 5,
	};
	char buf[16];

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: from a second thread\n");
	assert_string_equal(read_text(scratch, buf, sizeof(buf)), "1");
}

/* Both threads call tst_brk(); cleanup, run by the first, must finish */
static void slow_cleanup(void)
{
	int n = tst_atomic_inc(&cleanups);

	SAFE_FILE_PRINTF(marker, "started");
	usleep(300000);
	SAFE_FILE_PRINTF(scratch, "done %d", n);
}

static void run_brk_both(void)
{
	pthread_t t;
	int i;

	SAFE_PTHREAD_CREATE(&t, NULL, brk_thread, NULL);
	for (i = 0; i < 500 && access(marker, F_OK); i++)
		usleep(1000);
	tst_brk(TBROK, "from the main thread during cleanup");
}

static void test_cleanup_both_threads(void **state)
{
	struct tst_test t = {
		.test_all = run_brk_both,
		.cleanup = slow_cleanup,
		.timeout = 5,
	};
	char buf[16];

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: from a second thread\n");
	assert_output(&r, "TBROK: from the main thread during cleanup\n");
	assert_output(&r, "broken   2\n");
	assert_string_equal(read_text(scratch, buf, sizeof(buf)), "done 1");
}

static void brk_in_cleanup(void)
{
	count_cleanup();
	tst_brk(TBROK, "cleanup gives up");
}

static void test_brk_in_cleanup(void **state)
{
	struct tst_test t = { .test_all = run_conf, .cleanup = brk_in_cleanup };
	char buf[16];

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TCONF: not here\n");
	assert_output(&r, "TBROK: cleanup gives up\n");
	assert_string_equal(read_text(scratch, buf, sizeof(buf)), "1");
}

static void run_wait_for_signal(void)
{
	SAFE_FILE_PRINTF(marker, "running");
	pause();
}

static void send_sigterm(pid_t pid)
{
	int i;

	for (i = 0; i < 500 && access(marker, F_OK); i++)
		usleep(10000);
	kill(pid, SIGTERM);
}

static void test_stopped_by_signal(void **state)
{
	struct tst_path_val sr[] = { { scratch, "set by the harness", 0 }, {} };
	struct tst_test t = {
		.test_all = run_wait_for_signal,
		.save_restore = sr,
		.timeout = 10,
	};
	char *argv[] = { "sigterm", NULL };
	char buf[64];

	(void)state;
	write_text(scratch, "original\n");
	run_tst_ex(&r, &t, argv, NULL, send_sigterm);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Harness got SIGTERM, killing the test's process group\n");
	assert_output(&r, "broken   1\n");
	assert_true(r.secs < 5);
	/* The harness still restored the file */
	assert_string_equal(read_text(scratch, buf, sizeof(buf)), "original");
}

static void test_failure_hints(void **state)
{
	const struct tst_tag tags[] = {
		{ "linux-git", "0123456789ab" },
		{ "CVE", "2024-0001" },
		{},
	};
	struct tst_test t = { .test_all = run_fail, .tags = tags };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, TFAIL);
	assert_output(&r, "HINT: This is a regression test for linux kernel, see commit:\n\n"
		      "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=0123456789ab\n");
	assert_output(&r, "https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2024-0001\n");
	/* Hints, then the summary */
	assert_true(strstr(r.out, "HINT") < strstr(r.out, "Summary:"));

	t.test_all = run_pass;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_no_output(&r, "HINT");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, make_scratch, remove_scratch)
	const struct CMUnitTest tests[] = {
		T(test_pass),
		T(test_result_types),
		T(test_broken_runs),
		T(test_bad_struct),
		T(test_tcnt_iterations),
		T(test_options),
		T(test_timeout_kills),
		T(test_timeout_per_call),
		T(test_timeout_multiplier),
		T(test_runtime),
		T(test_runtime_rules),
		T(test_kills_process_group),
		T(test_reaps_children),
		T(test_cleanup_from_thread),
		T(test_cleanup_both_threads),
		T(test_brk_in_cleanup),
		T(test_stopped_by_signal),
		T(test_failure_hints),
	};
#undef T

	return cmocka_run_group_tests_name("harness runs", tests, NULL, NULL);
}
