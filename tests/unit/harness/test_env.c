// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whole test runs exercising what the harness sets up around a test:
 * save_restore, the temporary directory, the requirement checks, the
 * environment multipliers and kernel taint (through a fake taint file).
 */
#include <sys/stat.h>
#include <sys/utsname.h>

#include "test_harness.h"

/* A sysctl even root cannot write */
#define READ_ONLY_FILE	"/proc/sys/kernel/osrelease"

static char scratch[128], scratch2[128], taint_file[128];
static struct run r;

static int make_scratch(void **state)
{
	(void)state;
	scratch_path(scratch, sizeof(scratch), "scratch");
	scratch_path(scratch2, sizeof(scratch2), "scratch2");
	scratch_path(taint_file, sizeof(taint_file), "taint");
	write_text(scratch, "original\n");
	write_text(scratch2, "second\n");
	return 0;
}

static int remove_scratch(void **state)
{
	(void)state;
	unlink(scratch);
	unlink(scratch2);
	unlink(taint_file);
	return 0;
}

static char *contents(const char *path)
{
	static char buf[256];

	assert_non_null(read_text(path, buf, sizeof(buf)));
	return buf;
}

static void run_pass(void) { tst_res(TPASS, "fine"); }

static void run_check_value(void)
{
	char buf[64];

	SAFE_FILE_SCANF(scratch, "%63[^\n]", buf);
	if (strcmp(buf, "set by the harness"))
		tst_res(TFAIL, "value during the test: '%s'", buf);
	else
		tst_res(TPASS, "value set during the test");
}

static void run_change_and_brk(void)
{
	SAFE_FILE_PRINTF(scratch, "changed by the test");
	tst_brk(TBROK, "giving up");
}

static void test_save_restore(void **state)
{
	struct tst_path_val sr[] = { { scratch, "set by the harness", 0 }, {} };
	struct tst_path_val only_save[] = { { scratch, NULL, 0 }, {} };
	struct tst_test t = { .test_all = run_check_value, .save_restore = sr };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: value set during the test\n");
	assert_string_equal(contents(scratch), "original");

	/* Restored even when the test breaks */
	write_text(scratch, "original\n");
	t.test_all = run_change_and_brk;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: giving up\n");
	assert_string_equal(contents(scratch), "original");

	/* val NULL: only saved and restored */
	write_text(scratch, "original\n");
	t.save_restore = only_save;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_string_equal(contents(scratch), "original");
}

static void test_save_restore_flags(void **state)
{
	struct tst_path_val missing[] = { { "/nonexistent/file", "1", 0 }, {} };
	struct tst_path_val missing_conf[] = {
		{ "/nonexistent/file", "1", TST_SR_TCONF }, {}
	};
	struct tst_path_val missing_skip[] = {
		{ "/nonexistent/file", "1", TST_SR_SKIP_MISSING }, {}
	};
	struct tst_path_val ro[] = { { READ_ONLY_FILE, "1", 0 }, {} };
	struct tst_path_val ro_conf[] = {
		{ READ_ONLY_FILE, "1", TST_SR_TCONF_RO }, {}
	};
	struct tst_path_val ro_skip[] = {
		{ READ_ONLY_FILE, "1", TST_SR_SKIP }, {}
	};
	/* Missing is not read only: the flags are separate */
	struct tst_path_val ro_conf_missing[] = {
		{ "/nonexistent/file", "1", TST_SR_TCONF_RO }, {}
	};
	struct tst_test t = { .test_all = run_pass };

	(void)state;
	t.save_restore = missing;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: /nonexistent/file is missing\n");

	t.save_restore = missing_conf;
	run_tst(&r, &t);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: /nonexistent/file is missing\n");
	assert_no_output(&r, "TPASS");

	t.save_restore = missing_skip;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: fine\n");

	t.save_restore = ro;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: " READ_ONLY_FILE " is read only\n");

	t.save_restore = ro_conf;
	run_tst(&r, &t);
	assert_status(&r, TCONF);

	t.save_restore = ro_skip;
	run_tst(&r, &t);
	assert_status(&r, 0);

	t.save_restore = ro_conf_missing;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
}

/* The first file is set, the second breaks: the first is restored */
static void test_save_restore_partial(void **state)
{
	struct tst_path_val sr[] = {
		{ scratch, "first value", 0 },
		{ scratch2, "second value", 0 },
		{ "/nonexistent/file", "1", 0 },
		{},
	};
	struct tst_test t = { .test_all = run_pass, .save_restore = sr };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_no_output(&r, "TPASS");
	assert_string_equal(contents(scratch), "original");
	assert_string_equal(contents(scratch2), "second");
}

static void run_in_tmpdir(void)
{
	char *dir = tst_get_tmpdir();
	char cwd[PATH_MAX];

	if (!dir || !getcwd(cwd, sizeof(cwd)) || strcmp(cwd, dir))
		tst_brk(TBROK, "not in the temporary directory");
	SAFE_FILE_PRINTF(scratch, "%s", dir);
	SAFE_FILE_PRINTF("file", "leftover");
	SAFE_MKDIR("sub", 0755);
	SAFE_FILE_PRINTF("sub/deeper", "leftover");
	free(dir);
	tst_res(TPASS, "in %s", cwd);
}

static void set_tmpdir_tmp(void) { setenv("TMPDIR", "/tmp", 1); }
static void set_tmpdir_relative(void) { setenv("TMPDIR", "relative", 1); }
static void set_tmpdir_missing(void) { setenv("TMPDIR", "/nonexistent", 1); }

static void test_tmpdir(void **state)
{
	struct tst_test t = { .test_all = run_in_tmpdir, .needs_tmpdir = 1 };
	char *argv[] = { "tmpdir", NULL };
	struct stat st;
	char *dir;

	(void)state;
	run_tst_ex(&r, &t, argv, set_tmpdir_tmp, NULL);
	assert_status(&r, 0);
	dir = contents(scratch);
	/* LTP's name: the first three letters of the test */
	assert_true(!strncmp(dir, "/tmp/LTP_tmp", 12) && strlen(dir) == 18);
	/* Removed with everything in it */
	assert_int_equal(stat(dir, &st), -1);
	assert_int_equal(errno, ENOENT);

	run_tst_ex(&r, &t, argv, set_tmpdir_relative, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "TMPDIR='relative' must be an absolute path");

	run_tst_ex(&r, &t, argv, set_tmpdir_missing, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "mkdtemp(/nonexistent/LTP_tmp");
}

/* Removed even when the test crashes */
static void run_tmpdir_crash(void)
{
	char *dir = tst_get_tmpdir();

	SAFE_FILE_PRINTF(scratch, "%s", dir);
	free(dir);
	SAFE_FILE_PRINTF("file", "leftover");
	raise(SIGKILL);
}

static void run_no_tmpdir(void)
{
	char *dir = tst_get_tmpdir();

	if (dir)
		tst_res(TFAIL, "tst_get_tmpdir() gave %s", dir);
	else
		tst_res(TPASS, "no tmpdir");
	free(dir);
}

static void test_tmpdir_crash(void **state)
{
	struct tst_test t = { .test_all = run_tmpdir_crash, .needs_tmpdir = 1 };
	char *argv[] = { "crash", NULL };
	struct stat st;

	(void)state;
	run_tst_ex(&r, &t, argv, set_tmpdir_tmp, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "Test killed by SIGKILL");
	assert_int_equal(stat(contents(scratch), &st), -1);

	t.test_all = run_no_tmpdir;
	t.needs_tmpdir = 0;
	run_tst(&r, &t);
	assert_status(&r, 0);
}

static void drop_root(void)
{
	if (!geteuid() && setresuid(65534, 65534, 65534))
		_exit(99);
}

static void test_requirements(void **state)
{
	struct tst_test t = { .test_all = run_pass };
	char *argv[] = { "req", NULL };
	char want[128];
	struct utsname u;

	(void)state;
	t.needs_root = 1;
	run_tst_ex(&r, &t, argv, drop_root, NULL);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: Test needs root\n");
	assert_output(&r, "skipped  1\n");
	assert_no_output(&r, "TPASS");
	t.needs_root = 0;

	t.min_kver = "999.1";
	run_tst(&r, &t);
	assert_status(&r, TCONF);
	uname(&u);
	snprintf(want, sizeof(want),
		 "TCONF: The test requires kernel 999.1 or newer, this is %s\n",
		 u.release);
	assert_output(&r, want);

	t.min_kver = "2.6";
	run_tst(&r, &t);
	assert_status(&r, 0);

	t.min_kver = "new";
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "Invalid min_kver 'new'");
	t.min_kver = NULL;

	t.min_cpus = 100000;
	run_tst(&r, &t);
	assert_status(&r, TCONF);
	assert_output(&r, "Test needs at least 100000 CPUs online");
	t.min_cpus = 1;
	run_tst(&r, &t);
	assert_status(&r, 0);
}

static void set_bad_timeout_mul(void) { setenv("LTP_TIMEOUT_MUL", "0.05", 1); }
static void set_bad_runtime_mul(void) { setenv("LTP_RUNTIME_MUL", "0", 1); }
static void set_runtime_mul(void) { setenv("LTP_RUNTIME_MUL", "0.5", 1); }

static void test_multipliers(void **state)
{
	struct tst_test t = { .test_all = run_pass };
	char *argv[] = { "mul", "-i", "0", NULL };

	(void)state;
	run_tst_ex(&r, &t, argv, set_bad_timeout_mul, NULL);
	assert_status(&r, TBROK);
	/* LTP's bound: at least 0.1 */
	assert_output(&r, "TBROK: LTP_TIMEOUT_MUL='0.05' must be a number >= 0.1\n");

	run_tst_ex(&r, &t, argv, set_bad_runtime_mul, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "LTP_RUNTIME_MUL='0'");

	t.runtime = 10;
	t.timeout = 20;
	run_tst_ex(&r, &t, argv, set_runtime_mul, NULL);
	assert_status(&r, 0);
	assert_output(&r, "Runtime per test function call is 5s");
	assert_output(&r, "Tests timeout after 25s (0h 00m 25s)\n");
}

static void use_taint_file(void)
{
	tst_taint_set_path(taint_file);
}

static void run_taint(void)
{
	/* O is not watched, W is */
	SAFE_FILE_PRINTF(taint_file, "%d", TST_TAINT_O | TST_TAINT_W);
	tst_res(TPASS, "the test itself passed");
}

static void run_taint_and_die(void)
{
	SAFE_FILE_PRINTF(taint_file, "%d", TST_TAINT_D);
	raise(SIGKILL);
}

static void run_taint_unwatched(void)
{
	SAFE_FILE_PRINTF(taint_file, "%d", TST_TAINT_O);
	tst_res(TPASS, "fine");
}

static void test_taint(void **state)
{
	struct tst_test t = {
		.test_all = run_taint,
		.taint_check = TST_TAINT_W | TST_TAINT_D,
	};
	char *argv[] = { "taint", NULL };

	(void)state;
	write_text(taint_file, "0\n");
	run_tst_ex(&r, &t, argv, use_taint_file, NULL);
	assert_status(&r, TFAIL);
	/* Once, by the test process, after the test's own lines */
	assert_int_equal(count_str(r.out, "TFAIL: Kernel is now tainted: W\n"), 1);
	assert_true(strstr(r.out, "TPASS") < strstr(r.out, "Kernel is now"));

	/* Already tainted: cannot check */
	run_tst_ex(&r, &t, argv, use_taint_file, NULL);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: Kernel is already tainted (W), cannot check for new taint\n");
	assert_no_output(&r, "TPASS");

	/* The test process died: the harness reports it */
	write_text(taint_file, "0\n");
	t.test_all = run_taint_and_die;
	run_tst_ex(&r, &t, argv, use_taint_file, NULL);
	assert_status(&r, TFAIL | TBROK);
	assert_int_equal(count_str(r.out, "TFAIL: Kernel is now tainted: D\n"), 1);

	write_text(taint_file, "0\n");
	t.test_all = run_taint_unwatched;
	run_tst_ex(&r, &t, argv, use_taint_file, NULL);
	assert_status(&r, 0);

	/* No taint file: TCONF */
	unlink(taint_file);
	run_tst_ex(&r, &t, argv, use_taint_file, NULL);
	assert_status(&r, TCONF);
	assert_output(&r, "kernel taint cannot be checked");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, make_scratch, remove_scratch)
	const struct CMUnitTest tests[] = {
		T(test_save_restore),
		T(test_save_restore_flags),
		T(test_save_restore_partial),
		T(test_tmpdir),
		T(test_tmpdir_crash),
		T(test_requirements),
		T(test_multipliers),
		T(test_taint),
	};
#undef T

	return cmocka_run_group_tests_name("harness environment", tests, NULL,
					   NULL);
}
