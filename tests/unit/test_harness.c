// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the harness: options, result aggregation and exit bits,
 * runtime and timeout arithmetic, names, and whole test runs in a forked
 * process (pass, fail, skip, hang, crash, stray children, save_restore,
 * tmpdir, cleanup from a second thread).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tst_internal.h"
#include "tst_timer.h"

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int opts(struct tst_opts *o, const struct tst_option *extra, ...)
{
	char *argv[16] = { "t" }, err[256];
	va_list ap;
	int argc = 1;

	va_start(ap, extra);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);

	return tst_parse_opts(argc, argv, extra, o, err, sizeof(err));
}

static void test_options(void **state)
{
	static char *val, *flag;
	struct tst_option extra[] = {
		{ "v:", &val, "a value" },
		{ "f", &flag, "a flag" },
		{},
	};
	struct tst_option clash[] = { { "i:", &val, "clash" }, {} };
	struct tst_opts o;

	(void)state;
	assert_int_equal(opts(&o, NULL, NULL), 0);
	assert_int_equal(o.iterations, 1);
	assert_int_equal(o.runtime, -1);
	assert_int_equal(o.help, 0);

	assert_int_equal(opts(&o, NULL, "-i", "3", "-I", "5", NULL), 0);
	assert_int_equal(o.iterations, 3);
	assert_int_equal(o.runtime, 5);
	assert_int_equal(opts(&o, NULL, "-i", "0", NULL), 0);
	assert_int_equal(o.iterations, 0);
	assert_int_equal(opts(&o, NULL, "-h", NULL), 0);
	assert_int_equal(o.help, 1);

	assert_int_equal(opts(&o, NULL, "-x", NULL), -1);
	assert_int_equal(opts(&o, NULL, "-i", "abc", NULL), -1);
	assert_int_equal(opts(&o, NULL, "-i", "-2", NULL), -1);
	assert_int_equal(opts(&o, NULL, "-I", "-5", NULL), -1);
	assert_int_equal(opts(&o, NULL, "-I", "0", NULL), -1);
	assert_int_equal(opts(&o, NULL, "-I", NULL), -1);
	assert_int_equal(opts(&o, NULL, "stray", NULL), -1);

	val = flag = NULL;
	assert_int_equal(opts(&o, extra, "-v", "42", "-f", "-i", "2", NULL), 0);
	assert_string_equal(val, "42");
	assert_non_null(flag);
	assert_int_equal(o.iterations, 2);
	assert_int_equal(opts(&o, clash, NULL), -1);
}

static void count(struct tst_results *r, int p, int f, int b, int s, int w)
{
	memset(r, 0, sizeof(*r));
	while (p--)
		tst_count_result(r, TPASS);
	while (f--)
		tst_count_result(r, TFAIL);
	while (b--)
		tst_count_result(r, TBROK);
	while (s--)
		tst_count_result(r, TCONF);
	while (w--)
		tst_count_result(r, TWARN);
	tst_count_result(r, TINFO);
	tst_count_result(r, TDEBUG);
}

static void test_exit_status(void **state)
{
	struct tst_results r;

	(void)state;
	count(&r, 3, 0, 0, 0, 0);
	assert_int_equal(r.passed, 3);
	assert_int_equal(tst_exit_status(&r), 0);
	count(&r, 1, 1, 0, 0, 0);
	assert_int_equal(tst_exit_status(&r), 1);
	count(&r, 0, 0, 1, 0, 0);
	assert_int_equal(tst_exit_status(&r), 2);
	count(&r, 1, 0, 0, 0, 1);
	assert_int_equal(tst_exit_status(&r), 4);
	count(&r, 0, 0, 0, 2, 0);
	assert_int_equal(tst_exit_status(&r), 32);
	count(&r, 1, 0, 0, 1, 0);
	assert_int_equal(tst_exit_status(&r), 0);
	count(&r, 0, 1, 1, 1, 1);
	assert_int_equal(tst_exit_status(&r), 1 | 2 | 4);
	count(&r, 0, 0, 0, 1, 1);
	assert_int_equal(tst_exit_status(&r), 4 | 32);
	count(&r, 0, 0, 0, 0, 0);
	assert_int_equal(tst_exit_status(&r), 0);
	/* Flags do not change the type */
	memset(&r, 0, sizeof(r));
	tst_count_result(&r, TFAIL | TERRNO);
	assert_int_equal(r.failed, 1);
}

static void test_timeouts(void **state)
{
	char err[128];

	(void)state;
	assert_int_equal(tst_timeout_secs(0, 0, 1), 30);
	assert_int_equal(tst_timeout_secs(10, 20, 1), 30);
	assert_int_equal(tst_timeout_secs(10, 20, 2.5f), 75);
	assert_int_equal(tst_timeout_secs(0, 100, 1), 130);
	assert_int_equal(tst_timeout_secs(TST_UNLIMITED_TIMEOUT, 100, 3), -1);

	assert_int_equal(tst_scaled_runtime(100, 0, 1, -1), 100);
	assert_int_equal(tst_scaled_runtime(100, 0, 0.1f, -1), 10);
	assert_int_equal(tst_scaled_runtime(100, 30, 0.1f, -1), 30);
	assert_int_equal(tst_scaled_runtime(100, 0, 0.001f, -1), 1);
	assert_int_equal(tst_scaled_runtime(100, 30, 0.1f, 7), 7);
	assert_int_equal(tst_scaled_runtime(0, 0, 2, -1), 0);

	unsetenv("FZ_TEST_MUL");
	assert_float_equal(tst_env_multiplier("FZ_TEST_MUL", 1, err, sizeof(err)), 1, 0);
	setenv("FZ_TEST_MUL", "2.5", 1);
	assert_float_equal(tst_env_multiplier("FZ_TEST_MUL", 1, err, sizeof(err)), 2.5, 0);
	setenv("FZ_TEST_MUL", "0.5", 1);
	assert_float_equal(tst_env_multiplier("FZ_TEST_MUL", 1, err, sizeof(err)), -1, 0);
	assert_non_null(strstr(err, "FZ_TEST_MUL='0.5' must be a number >= 1"));
	setenv("FZ_TEST_MUL", "x", 1);
	assert_float_equal(tst_env_multiplier("FZ_TEST_MUL", 1, err, sizeof(err)), -1, 0);
	unsetenv("FZ_TEST_MUL");
}

static void test_names(void **state)
{
	char buf[32];
	int v[3];

	(void)state;
	assert_string_equal(tst_strerrno(EBADF), "EBADF");
	assert_string_equal(tst_strerrno(0), "SUCCESS");
	assert_string_equal(tst_strerrno(9999), "???");
	assert_string_equal(tst_strsig(SIGSEGV), "SIGSEGV");
	assert_string_equal(tst_strsig(SIGKILL), "SIGKILL");
	assert_string_equal(tst_taint_names(TST_TAINT_W | TST_TAINT_D, buf, sizeof(buf)), "DW");
	assert_string_equal(tst_taint_names(0, buf, sizeof(buf)), "");
	assert_string_equal(tst_taint_names(TST_TAINT_G | TST_TAINT_L, buf, sizeof(buf)), "GL");

	assert_int_equal(tst_parse_kver("6.18.44-fc-v769", v), 3);
	assert_int_equal(v[0], 6);
	assert_int_equal(v[1], 18);
	assert_int_equal(v[2], 44);
	assert_int_equal(tst_parse_kver("4.17", v), 2);
	assert_int_equal(v[2], 0);
	assert_int_equal(tst_parse_kver("x", v), 0);
	assert_true(tst_kvercmp(2, 6, 0) > 0);
	assert_true(tst_kvercmp(999, 0, 0) < 0);
}

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

/* Whole runs */

static const char *sr_path;
static pid_t stray_pid;
static tst_atomic_t cleanups;
static char tmpdir_seen[PATH_MAX];

static void run_pass(void) { tst_res(TPASS, "fine"); }
static void run_fail(void) { tst_res(TFAIL, "broken kernel"); }
static void run_warn(void) { tst_res(TPASS, "fine"); tst_res(TWARN, "odd"); }
static void run_conf(void) { tst_brk(TCONF, "not here"); }
static void run_hang(void) { pause(); }
static void run_segv(void) { raise(SIGSEGV); }

static void run_stray(void)
{
	int fd[2];

	if (pipe(fd))
		tst_brk(TBROK | TERRNO, "pipe");
	stray_pid = fork();
	if (!stray_pid) {
		pause();
		_exit(0);
	}
	/* Tell the unit test which pid to look for */
	SAFE_FILE_PRINTF(sr_path, "%d", stray_pid);
	tst_res(TPASS, "left a child behind");
}

static void run_sr_brk(void)
{
	SAFE_FILE_PRINTF(sr_path, "changed by the test");
	tst_brk(TBROK, "giving up");
}

static void run_tmpdir(void)
{
	char *dir = tst_get_tmpdir();
	char cwd[PATH_MAX];

	if (!dir || !getcwd(cwd, sizeof(cwd)) || strcmp(cwd, dir))
		tst_brk(TBROK, "not in the temporary directory");
	SAFE_FILE_PRINTF(sr_path, "%s", dir);
	SAFE_FILE_PRINTF("file", "leftover");
	free(dir);
	tst_res(TPASS, "in %s", cwd);
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

static void count_cleanup(void)
{
	/* Recorded in a file: the test process is gone afterwards */
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", tst_atomic_inc(&cleanups));
	SAFE_FILE_PRINTF(sr_path, "%s", buf);
}

static void run_tcnt(unsigned int n)
{
	tst_res(TPASS, "case %u", n);
}

static int run_tst(struct tst_test *t, char **argv, char *out, size_t size)
{
	int fds[2], status, argc = 0;
	ssize_t len, total = 0;
	pid_t pid;

	while (argv[argc])
		argc++;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		/* cmocka catches crashes; a test process must not */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		signal(SIGILL, SIG_DFL);
		signal(SIGFPE, SIG_DFL);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		tst_run_tcases(argc, argv, t);
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

static int run_simple(void (*fn)(void), char *out, size_t size)
{
	struct tst_test t = { .test_all = fn, .timeout = 5 };
	char *argv[] = { "simple", NULL };

	return run_tst(&t, argv, out, size);
}

static void test_run_results(void **state)
{
	char out[16384];

	(void)state;
	assert_int_equal(run_simple(run_pass, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "TPASS: fine"));
	assert_non_null(strstr(out, "passed   1\nfailed   0\nbroken   0\nskipped  0\nwarnings 0"));

	assert_int_equal(run_simple(run_fail, out, sizeof(out)), TFAIL);
	assert_non_null(strstr(out, "test_harness.c:"));
	assert_non_null(strstr(out, ": TFAIL: broken kernel"));

	assert_int_equal(run_simple(run_warn, out, sizeof(out)), TWARN);
	assert_int_equal(run_simple(run_conf, out, sizeof(out)), TCONF);
	assert_non_null(strstr(out, "TCONF: not here"));

	assert_int_equal(run_simple(run_segv, out, sizeof(out)), TBROK);
	assert_non_null(strstr(out, "Test killed by SIGSEGV"));
}

static void test_run_tcnt_and_iterations(void **state)
{
	struct tst_test t = { .test = run_tcnt, .tcnt = 3 };
	char *argv[] = { "tcnt", "-i", "2", NULL };
	char *help[] = { "tcnt", "-h", NULL };
	char *bad[] = { "tcnt", "-q", NULL };
	char out[16384];

	(void)state;
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "passed   6\n"));
	assert_non_null(strstr(out, "case 2"));
	assert_int_equal(run_tst(&t, help, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "-i n"));
	assert_int_equal(run_tst(&t, bad, out, sizeof(out)), TBROK);
	assert_non_null(strstr(out, "unknown option -q"));
}

static void test_run_timeout(void **state)
{
	struct tst_test t = { .test_all = run_hang, .timeout = 1 };
	char *argv[] = { "hang", NULL };
	char out[16384];
	int64_t t0 = mono_ns();

	(void)state;
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TBROK);
	assert_non_null(strstr(out, "Test timed out after 1s"));
	assert_true(mono_ns() - t0 < 10000000000LL);
}

static char *read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t len;

	if (!f)
		return NULL;
	len = fread(buf, 1, size - 1, f);
	buf[len] = 0;
	fclose(f);
	return buf;
}

static char scratch[] = "/tmp/fzsync-harness-XXXXXX";

static int setup_scratch(void **state)
{
	int fd = mkstemp(scratch);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	sr_path = scratch;
	return 0;
}

static int teardown_scratch(void **state)
{
	(void)state;
	unlink(scratch);
	return 0;
}

static int process_alive(pid_t pid)
{
	char path[64], buf[256], *state;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (!read_file(path, buf, sizeof(buf)))
		return 0;
	state = strrchr(buf, ')');
	return state && state[2] != 'Z';
}

/* A child the test leaves behind dies with the test's process group */
static void test_run_kills_group(void **state)
{
	char out[16384], buf[64];
	pid_t pid;
	int i;

	(void)state;
	assert_int_equal(run_simple(run_stray, out, sizeof(out)), 0);
	assert_non_null(read_file(sr_path, buf, sizeof(buf)));
	pid = atoi(buf);
	assert_true(pid > 0);
	/* Killed: gone, or a zombie until whoever inherited it reaps it */
	for (i = 0; i < 100 && process_alive(pid); i++)
		usleep(10000);
	assert_false(process_alive(pid));
}

static void test_run_save_restore(void **state)
{
	struct tst_path_val sr[] = { { scratch, "set by the harness", 0 }, {} };
	struct tst_path_val missing[] = {
		{ "/nonexistent/file", "1", TST_SR_TCONF }, {}
	};
	struct tst_path_val skip[] = {
		{ "/nonexistent/file", "1", TST_SR_SKIP }, {}
	};
	struct tst_test t = { .test_all = run_sr_brk, .save_restore = sr };
	char *argv[] = { "sr", NULL };
	char out[16384], buf[128];
	FILE *f = fopen(scratch, "w");

	(void)state;
	assert_non_null(f);
	fputs("original\n", f);
	fclose(f);

	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TBROK);
	assert_non_null(strstr(out, "giving up"));
	assert_string_equal(read_file(scratch, buf, sizeof(buf)), "original");

	t.save_restore = missing;
	t.test_all = run_pass;
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TCONF);
	assert_non_null(strstr(out, "/nonexistent/file is missing"));
	t.save_restore = skip;
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), 0);
}

static void test_run_tmpdir(void **state)
{
	struct tst_test t = { .test_all = run_tmpdir, .needs_tmpdir = 1 };
	char *argv[] = { "tmpdir", NULL };
	char out[16384];
	struct stat st;

	(void)state;
	setenv("TMPDIR", "/tmp", 1);
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), 0);
	assert_non_null(read_file(sr_path, tmpdir_seen, sizeof(tmpdir_seen)));
	assert_non_null(strstr(tmpdir_seen, "/tmp/LTP_tmp"));
	assert_int_equal(stat(tmpdir_seen, &st), -1);

	setenv("TMPDIR", "relative", 1);
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TBROK);
	assert_non_null(strstr(out, "must be an absolute path"));
	unsetenv("TMPDIR");
}

static void test_run_cleanup_once(void **state)
{
	struct tst_test t = {
		.test_all = run_brk_thread,
		.cleanup = count_cleanup,
		.timeout = 5,
	};
	char *argv[] = { "brk", NULL };
	char out[16384], buf[64];

	(void)state;
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TBROK);
	assert_non_null(strstr(out, "from a second thread"));
	assert_string_equal(read_file(sr_path, buf, sizeof(buf)), "1");
}

static void test_run_requirements(void **state)
{
	struct tst_test t = { .test_all = run_pass, .min_kver = "999.1" };
	char *argv[] = { "req", NULL };
	char out[16384];

	(void)state;
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TCONF);
	assert_non_null(strstr(out, "requires kernel 999.1 or newer"));

	t.min_kver = NULL;
	t.min_cpus = 100000;
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TCONF);
	assert_non_null(strstr(out, "at least 100000 CPUs"));

	t.min_cpus = 0;
	setenv("LTP_TIMEOUT_MUL", "0.5", 1);
	assert_int_equal(run_tst(&t, argv, out, sizeof(out)), TBROK);
	assert_non_null(strstr(out, "LTP_TIMEOUT_MUL='0.5'"));
	unsetenv("LTP_TIMEOUT_MUL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_timeouts),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_timer),
		cmocka_unit_test(test_run_results),
		cmocka_unit_test(test_run_tcnt_and_iterations),
		cmocka_unit_test(test_run_timeout),
		cmocka_unit_test(test_run_kills_group),
		cmocka_unit_test(test_run_save_restore),
		cmocka_unit_test(test_run_tmpdir),
		cmocka_unit_test(test_run_cleanup_once),
		cmocka_unit_test(test_run_requirements),
	};

	return cmocka_run_group_tests_name("harness", tests, setup_scratch,
					   teardown_scratch);
}
