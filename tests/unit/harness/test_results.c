// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of result counting, the exit status bits, the summary and
 * hints, and the format of tst_res() and tst_brk() messages.
 */
#include "test_harness.h"

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
	/* Neither counts */
	tst_count_result(r, TINFO);
	tst_count_result(r, TDEBUG);
}

static void test_counting(void **state)
{
	struct tst_results r;

	(void)state;
	count(&r, 3, 2, 1, 4, 5);
	assert_int_equal(r.passed, 3);
	assert_int_equal(r.failed, 2);
	assert_int_equal(r.broken, 1);
	assert_int_equal(r.skipped, 4);
	assert_int_equal(r.warnings, 5);

	/* Flags do not change the type */
	memset(&r, 0, sizeof(r));
	tst_count_result(&r, TFAIL | TERRNO);
	tst_count_result(&r, TCONF | TTERRNO);
	tst_count_result(&r, TPASS | TRERRNO);
	assert_int_equal(r.failed, 1);
	assert_int_equal(r.skipped, 1);
	assert_int_equal(r.passed, 1);
}

static void test_exit_status(void **state)
{
	static const struct {
		int p, f, b, s, w, status;
	} cases[] = {
		{ 0, 0, 0, 0, 0, 0 },
		{ 3, 0, 0, 0, 0, 0 },
		{ 1, 1, 0, 0, 0, TFAIL },
		{ 0, 0, 1, 0, 0, TBROK },
		{ 1, 0, 0, 0, 1, TWARN },
		{ 0, 0, 0, 0, 1, TWARN },
		{ 0, 0, 0, 2, 0, TCONF },
		{ 1, 0, 0, 1, 0, 0 },
		{ 0, 1, 0, 1, 0, TFAIL },
		{ 0, 0, 1, 1, 0, TBROK },
		{ 0, 1, 1, 0, 0, TFAIL | TBROK },
		{ 0, 1, 1, 1, 1, TFAIL | TBROK | TWARN },
		{ 0, 0, 0, 1, 1, TWARN | TCONF },
		{ 2, 1, 0, 0, 1, TFAIL | TWARN },
	};
	struct tst_results r;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		count(&r, cases[i].p, cases[i].f, cases[i].b, cases[i].s,
		      cases[i].w);
		if (tst_exit_status(&r) != cases[i].status)
			fail_msg("case %zu: status %d, expected %d", i,
				 tst_exit_status(&r), cases[i].status);
	}
}

static char *capture(void (*print)(FILE *f, const void *arg), const void *arg)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	assert_non_null(f);
	print(f, arg);
	fclose(f);
	return text;
}

static void summary(FILE *f, const void *r)
{
	tst_print_summary(f, r);
}

static void hints(FILE *f, const void *tags)
{
	tst_print_hints(f, tags);
}

static void test_summary_format(void **state)
{
	struct tst_results r;
	char *text;

	(void)state;
	count(&r, 12, 1, 0, 3, 2);
	text = capture(summary, &r);
	assert_string_equal(text,
		"\nSummary:\n"
		"passed   12\n"
		"failed   1\n"
		"broken   0\n"
		"skipped  3\n"
		"warnings 2\n");
	free(text);
}

static void test_hints_format(void **state)
{
	const struct tst_tag tags[] = {
		{ "linux-git", "b024d7b56c77" },
		{ "other", "ignored" },
		{ "CVE", "2025-38563" },
		{},
	};
	const struct tst_tag none[] = { {} };
	char *text;

	(void)state;
	text = capture(hints, tags);
	assert_string_equal(text,
		"\nHINT: This is a regression test for linux kernel, see commit:\n\n"
		"https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=b024d7b56c77\n"
		"\nHINT: This test also guards CVE-2025-38563, see:\n\n"
		"https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2025-38563\n");
	free(text);

	text = capture(hints, none);
	assert_string_equal(text, "");
	free(text);
	text = capture(hints, NULL);
	assert_string_equal(text, "");
	free(text);
}

static int line_a, line_b, line_c, line_d;
static int errno_after;

static void report_plain(void)
{
	line_a = __LINE__ + 1;
	tst_res(TPASS, "value %d", 42);
}

static void report_errnos(void)
{
	errno = EBADF;
	line_a = __LINE__ + 1;
	tst_res(TFAIL | TERRNO, "close(%d)", 7);
	errno_after = errno;

	TST_ERR = ENOENT;
	line_b = __LINE__ + 1;
	tst_res(TINFO | TTERRNO, "open()");

	TST_RET = -EINVAL;
	line_c = __LINE__ + 1;
	tst_res(TCONF | TRERRNO, "syscall");

	/* pthread functions return a positive error */
	TST_RET = EAGAIN;
	line_d = __LINE__ + 1;
	tst_res(TWARN | TRERRNO, "pthread_create()");
}

static void report_debug(void)
{
	tst_res(TDEBUG, "hidden detail");
}

static void test_message_format(void **state)
{
	char want[512], *out;

	(void)state;
	out = stderr_of(report_plain);
	/* Basename of the file, like LTP, and exactly one line */
	snprintf(want, sizeof(want), "test_results.c:%d: TPASS: value 42\n",
		 line_a);
	assert_string_equal(out, want);

	out = stderr_of(report_errnos);
	snprintf(want, sizeof(want),
		 "test_results.c:%d: TFAIL: close(7): EBADF (9)\n"
		 "test_results.c:%d: TINFO: open(): ENOENT (2)\n"
		 "test_results.c:%d: TCONF: syscall: EINVAL (22)\n"
		 "test_results.c:%d: TWARN: pthread_create(): EAGAIN (11)\n",
		 line_a, line_b, line_c, line_d);
	assert_string_equal(out, want);
	/* tst_res() leaves errno alone */
	assert_int_equal(errno_after, EBADF);

	tst_res_set_debug(0);
	assert_string_equal(stderr_of(report_debug), "");
	tst_res_set_debug(1);
	assert_non_null(strstr(stderr_of(report_debug), ": TDEBUG: hidden detail\n"));
	tst_res_set_debug(0);
}

static void report_long(void)
{
	static char big[10000];

	memset(big, 'x', sizeof(big) - 1);
	tst_res(TINFO, "%s", big);
}

static void test_long_message(void **state)
{
	char *out;

	(void)state;
	out = stderr_of(report_long);
	/* Cut, but still one line ending in a newline */
	assert_true(strlen(out) > 1000 && strlen(out) <= 4096);
	assert_int_equal(out[strlen(out) - 1], '\n');
	assert_int_equal(count_str(out, "\n"), 1);
}

static void brk_here(void *ttype)
{
	errno = EPERM;
	tst_brk(*(int *)ttype, "stop %s", "here");
}

static void report_some(void)
{
	tst_res(TFAIL, "one");
	tst_res(TFAIL, "two");
	tst_res(TINFO, "not counted");
	tst_res(TPASS | TERRNO, "three");
}

/* tst_res_count(): what was reported so far, by type */
static void test_res_count(void **state)
{
	long fail = tst_res_count(TFAIL), pass = tst_res_count(TPASS);

	(void)state;
	stderr_of(report_some);
	assert_int_equal(tst_res_count(TFAIL), fail + 2);
	assert_int_equal(tst_res_count(TPASS), pass + 1);
	assert_int_equal(tst_res_count(TINFO), 0);
}

static struct run br;

/* tst_brk() outside of a harness run: print, then exit with the type */
static int brk_status(int ttype)
{
	run_forked(&br, brk_here, &ttype, NULL);
	return br.status;
}

static void test_brk_types(void **state)
{
	(void)state;
	assert_int_equal(brk_status(TCONF), TCONF);
	assert_non_null(strstr(br.out, ": TCONF: stop here\n"));
	assert_int_equal(brk_status(TBROK | TERRNO), TBROK);
	assert_non_null(strstr(br.out, ": TBROK: stop here: EPERM (1)\n"));
	assert_int_equal(brk_status(TFAIL), TFAIL);

	/* Not a result tst_brk() takes: TBROK, saying so */
	assert_int_equal(brk_status(TPASS), TBROK);
	assert_non_null(strstr(br.out, ": TBROK: tst_brk with invalid type TPASS: stop here\n"));
	assert_int_equal(brk_status(TINFO), TBROK);
	assert_non_null(strstr(br.out, "tst_brk with invalid type TINFO"));
	assert_int_equal(brk_status(TWARN), TBROK);
}

static void test_type_names(void **state)
{
	(void)state;
	assert_string_equal(tst_res_type_name(TPASS), "TPASS");
	assert_string_equal(tst_res_type_name(TFAIL | TERRNO), "TFAIL");
	assert_string_equal(tst_res_type_name(TBROK), "TBROK");
	assert_string_equal(tst_res_type_name(TWARN), "TWARN");
	assert_string_equal(tst_res_type_name(TINFO), "TINFO");
	assert_string_equal(tst_res_type_name(TCONF), "TCONF");
	assert_string_equal(tst_res_type_name(TDEBUG), "TDEBUG");
	assert_string_equal(tst_res_type_name(3), "???");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counting),
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_summary_format),
		cmocka_unit_test(test_hints_format),
		cmocka_unit_test(test_message_format),
		cmocka_unit_test(test_long_message),
		cmocka_unit_test(test_brk_types),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_res_count),
	};

	return cmocka_run_group_tests_name("harness results", tests, NULL, NULL);
}
