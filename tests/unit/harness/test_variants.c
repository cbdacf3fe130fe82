// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * .test_variants: setup, the test and cleanup once per variant, each in
 * a test process of its own, with tst_variant set; results add up, and
 * a tst_brk() in one variant does not stop the next.
 */
#include "test_harness.h"

static struct run r;
SCRATCH_FIXTURES(marker, "variants")

/* Appends "WHAT VARIANT PID;" to the marker */
static void note(const char *what)
{
	char line[64];
	int fd = open(marker, O_WRONLY | O_CREAT | O_APPEND, 0644);

	snprintf(line, sizeof(line), "%s %u %d;", what, tst_variant,
		 (int)getpid());
	if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line))
		tst_brk(TBROK | TERRNO, "Cannot write %s", marker);
	close(fd);
}

static void setup(void) { note("setup"); }
static void cleanup(void) { note("cleanup"); }

static void run(void)
{
	note("run");
	tst_res(TPASS, "variant %u", tst_variant);
}

static void run_conf_1(void)
{
	if (tst_variant == 1)
		tst_brk(TCONF, "variant 1 is not here");
	run();
}

static void test_variants(void **state)
{
	struct tst_test t = {
		.setup = setup, .cleanup = cleanup, .test_all = run,
		.test_variants = 3, .timeout = 5,
	};
	char buf[1024], *s;
	int pids[3], i, pid;
	unsigned int v;

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: variant 0\n");
	assert_output(&r, "TPASS: variant 2\n");
	assert_output(&r, "passed   3\n");

	assert_non_null(read_text(marker, buf, sizeof(buf)));
	for (i = 0, s = buf; i < 3; i++) {
		assert_int_equal(sscanf(s, "setup %u %d;", &v, &pid), 2);
		assert_int_equal(v, i);
		pids[i] = pid;
		s = strchr(s, ';') + 1;
		assert_int_equal(sscanf(s, "run %u %d;", &v, &pid), 2);
		assert_int_equal(v, i);
		assert_int_equal(pid, pids[i]);
		s = strchr(s, ';') + 1;
		assert_int_equal(sscanf(s, "cleanup %u %d;", &v, &pid), 2);
		assert_int_equal(pid, pids[i]);
		s = strchr(s, ';') + 1;
	}
	assert_string_equal(s, "");
	/* A test process of its own per variant */
	assert_int_not_equal(pids[0], pids[1]);
	assert_int_not_equal(pids[1], pids[2]);
}

static void test_variant_brk(void **state)
{
	struct tst_test t = {
		.test_all = run_conf_1, .test_variants = 3, .timeout = 5,
	};

	(void)state;
	run_tst(&r, &t);
	/* TCONF counts only when nothing passed */
	assert_status(&r, 0);
	assert_output(&r, "TPASS: variant 0\n");
	assert_output(&r, "TCONF: variant 1 is not here\n");
	assert_output(&r, "TPASS: variant 2\n");
	assert_output(&r, "passed   2\n");
	assert_output(&r, "skipped  1\n");
}

static void run_segv_0(void)
{
	if (tst_variant == 0)
		raise(SIGSEGV);
	run();
}

static void run_exit_0(void)
{
	if (tst_variant == 0)
		exit(3);
	run();
}

static void run_hang_0(void)
{
	if (tst_variant == 0)
		pause();
	run();
}

/*
 * A test process killed or ending on its own ends the run, as in LTP:
 * the next variant does not run
 */
static void test_variant_killed(void **state)
{
	struct tst_test t = { .test_variants = 2 };
	char *argv[] = { "killed", NULL };

	(void)state;
	t.test_all = run_segv_0;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Test killed by SIGSEGV\n");
	assert_no_output(&r, "variant 1");

	t.test_all = run_exit_0;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Test process exited with 3 before the test ended\n");
	assert_no_output(&r, "variant 1");

	t.test_all = run_hang_0;
	run_tst_ex(&r, &t, argv, shortest_timeout, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Test timed out after 3s");
	assert_no_output(&r, "variant 1");
}

/* Without .test_variants the one variant is 0 */
static void test_no_variants(void **state)
{
	struct tst_test t = { .test_all = run, .timeout = 5 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: variant 0\n");
	assert_output(&r, "passed   1\n");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, make_marker, remove_marker)
	const struct CMUnitTest tests[] = {
		T(test_variants),
		T(test_variant_brk),
		T(test_variant_killed),
		T(test_no_variants),
	};
#undef T

	return cmocka_run_group_tests_name("harness test variants", tests, NULL,
					   NULL);
}
