// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of ci/runtest.sh on a fake build tree of shell scripts that
 * exit with LTP exit bits. Run from the top of the source tree, as make
 * does; skipped elsewhere.
 */
#include <sys/stat.h>

#include "test_harness.h"

#define RUNTEST "ci/runtest.sh"

static char dir[128];
static struct run r;

static void script(const char *sub, const char *name, const char *body)
{
	char path[512], text[1024];

	snprintf(path, sizeof(path), "%s/bin/%s", dir, sub);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/bin/%s/%s", dir, sub, name);
	snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", body);
	write_text(path, text);
	assert_int_equal(chmod(path, 0755), 0);
}

static int make_tree(void **state)
{
	char path[256];

	(void)state;
	scratch_path(dir, sizeof(dir), "runtest");
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/bin", dir);
	assert_int_equal(mkdir(path, 0755), 0);

	script("a", "t_pass", "echo output of t_pass; exit 0");
	script("a", "t_fail", "exit 1");
	script("b", "t_brok", "exit 2");
	script("b", "t_conf", "exit 32");
	script("b", "t_warn", "exit 4");
	script("c", "t_crash", "kill -SEGV $$");
	script("c/deeper", "t_warnconf", "exit 36");
	script("c/deeper", "t_failbrok", "exit 3");
	/* Arguments arrive as written, a * included */
	script("c", "t_args", "[ $# -eq 2 ] && [ \"$1\" = '*' ] && [ \"$2\" = -x ]");
	/* stdin is /dev/null, so a test cannot eat the runtest file */
	script("c", "t_stdin", "! read -r line");
	return 0;
}

static int remove_tree(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

static void list(const char *name, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_text(path, text);
}

/* ci/runtest.sh -b DIR/bin DIR/FILE [DIR/FILE2] */
static void runtest(const char *file, const char *file2)
{
	char cmd[1024], second[300] = "";
	FILE *p;
	size_t len;
	int status;

	if (file2)
		snprintf(second, sizeof(second), " %s/%s", dir, file2);
	snprintf(cmd, sizeof(cmd), "%s -b %s/bin %s/%s%s 2>&1", RUNTEST, dir,
		 dir, file, second);
	p = popen(cmd, "r");
	assert_non_null(p);
	len = fread(r.out, 1, sizeof(r.out) - 1, p);
	r.out[len] = 0;
	status = pclose(p);
	r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_results(void **state)
{
	(void)state;
	if (access(RUNTEST, X_OK))
		skip();

	list("all",
	     "# Comment\n"
	     "\n"
	     "pass01   t_pass\n"
	     "   # indented comment\n"
	     "fail01\tt_fail\n"
	     "brok01 t_brok\n"
	     "conf01 t_conf\n"
	     "warn01 t_warn\n"
	     "warnconf01 t_warnconf\n"
	     "failbrok01 t_failbrok\n"
	     "crash01 t_crash\n"
	     "args01 t_args * -x\n"
	     "stdin01 t_stdin\n"
	     "missing01 t_not_there\n"
	     "last01 t_pass");
	runtest("all", NULL);
	assert_status(&r, 1);
	assert_output(&r, "output of t_pass\npass01: pass (");
	assert_output(&r, "\nfail01: fail (");
	assert_output(&r, "\nbrok01: brok (");
	assert_output(&r, "\nconf01: conf (");
	assert_output(&r, "\nwarn01: warn (");
	assert_output(&r, "\nwarnconf01: warn (");
	assert_output(&r, "\nfailbrok01: brok (");
	assert_output(&r, "\ncrash01: brok (");
	assert_output(&r, "\nargs01: pass (");
	assert_output(&r, "\nstdin01: pass (");
	assert_output(&r, "\nmissing01: brok (");
	/* A line without a final newline still runs */
	assert_output(&r, "\nlast01: pass (");
	assert_output(&r, "\n4 passed, 7 failed, 1 skipped\n");
}

static void test_all_pass(void **state)
{
	(void)state;
	if (access(RUNTEST, X_OK))
		skip();

	list("one", "pass01 t_pass\n");
	list("two", "conf01 t_conf\npass02 t_args * -x\n");
	runtest("one", "two");
	assert_status(&r, 0);
	assert_output(&r, "pass01: pass");
	assert_output(&r, "pass02: pass");
	assert_output(&r, "\n2 passed, 0 failed, 1 skipped\n");
}

static void test_errors(void **state)
{
	char want[256];
	int status;

	(void)state;
	if (access(RUNTEST, X_OK))
		skip();

	list("bad", "pass01 t_pass\n# fine\nlonely\npass02 t_pass\n");
	runtest("bad", NULL);
	assert_status(&r, 2);
	snprintf(want, sizeof(want), "%s/bad:3: test 'lonely' has no command\n", dir);
	assert_output(&r, want);
	assert_no_output(&r, "pass02");

	runtest("nonexistent", NULL);
	assert_status(&r, 2);
	assert_output(&r, "cannot read");

	status = system(RUNTEST " >/dev/null 2>&1");
	assert_int_equal(WEXITSTATUS(status), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_all_pass),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("ci/runtest.sh", tests, make_tree,
					   remove_tree);
}
