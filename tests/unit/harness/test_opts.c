// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the harness's option parsing and help text.
 */
#include "test_harness.h"

static char err[256];

/* Parse "t" followed by the NULL terminated arguments */
static int parse(struct tst_opts *o, const struct tst_option *extra, ...)
{
	char *argv[16] = { "t" };
	va_list ap;
	int argc = 1;

	va_start(ap, extra);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);

	err[0] = 0;
	return tst_parse_opts(argc, argv, extra, o, err, sizeof(err));
}

static void test_defaults(void **state)
{
	struct tst_opts o;

	(void)state;
	assert_int_equal(parse(&o, NULL, NULL), 0);
	assert_int_equal(o.iterations, 1);
	assert_int_equal(o.runtime, -1);
	assert_int_equal(o.help, 0);
	assert_int_equal(o.debug, 0);
}

static void test_iterations_runtime_help(void **state)
{
	struct tst_opts o;

	(void)state;
	assert_int_equal(parse(&o, NULL, "-i", "3", "-I", "5", NULL), 0);
	assert_int_equal(o.iterations, 3);
	assert_int_equal(o.runtime, 5);

	assert_int_equal(parse(&o, NULL, "-i0", NULL), 0);
	assert_int_equal(o.iterations, 0);

	assert_int_equal(parse(&o, NULL, "-h", NULL), 0);
	assert_int_equal(o.help, 1);

	assert_int_equal(parse(&o, NULL, "-D", "-i", "2147483647", NULL), 0);
	assert_int_equal(o.debug, 1);
	assert_int_equal(o.iterations, 2147483647u);

	/* A second parse starts from scratch */
	assert_int_equal(parse(&o, NULL, NULL), 0);
	assert_int_equal(o.iterations, 1);
	assert_int_equal(o.debug, 0);

	/* even after an error in the middle of grouped options */
	assert_int_equal(parse(&o, NULL, "-xD", NULL), -1);
	assert_int_equal(parse(&o, NULL, "-i", "4", NULL), 0);
	assert_int_equal(o.iterations, 4);
	assert_int_equal(o.debug, 0);
}

static void test_bad_values(void **state)
{
	struct tst_opts o;

	(void)state;
	assert_int_equal(parse(&o, NULL, "-i", "abc", NULL), -1);
	assert_string_equal(err, "-i takes a number of iterations >= 0, not 'abc'");
	assert_int_equal(parse(&o, NULL, "-i", "-2", NULL), -1);
	assert_int_equal(parse(&o, NULL, "-i", "3x", NULL), -1);
	assert_int_equal(parse(&o, NULL, "-i", "", NULL), -1);
	assert_int_equal(parse(&o, NULL, "-i", "99999999999999999999", NULL), -1);
	assert_int_equal(parse(&o, NULL, "-i", "2147483648", NULL), -1);

	assert_int_equal(parse(&o, NULL, "-I", "-5", NULL), -1);
	assert_string_equal(err, "-I takes a runtime in seconds > 0, not '-5'");
	assert_int_equal(parse(&o, NULL, "-I", "0", NULL), -1);
	assert_int_equal(parse(&o, NULL, "-I", "1.5", NULL), -1);

	assert_int_equal(parse(&o, NULL, "-I", NULL), -1);
	assert_string_equal(err, "option -I needs a value");
}

static void test_unknown_and_stray(void **state)
{
	struct tst_opts o;

	(void)state;
	assert_int_equal(parse(&o, NULL, "-x", NULL), -1);
	assert_string_equal(err, "unknown option -x");
	assert_int_equal(parse(&o, NULL, "-i", "1", "stray", NULL), -1);
	assert_string_equal(err, "unexpected argument 'stray'");
}

static void test_extra_options(void **state)
{
	static char *val, *flag, *unused;
	struct tst_option extra[] = {
		{ "v:", &val, "A value" },
		{ "f", &flag, "A flag" },
		{ "u", &unused, "Not given" },
		{},
	};
	struct tst_option clash[] = { { "i:", &val, "Clash" }, {} };
	struct tst_option twice[] = {
		{ "v", &val, "One" }, { "v", &flag, "Two" }, {}
	};
	struct tst_option bad[] = { { "vw", &val, "Two letters" }, {} };
	struct tst_option noarg[] = { { "v", NULL, "No pointer" }, {} };
	struct tst_opts o;

	(void)state;
	val = flag = unused = NULL;
	assert_int_equal(parse(&o, extra, "-v", "42", "-f", "-i", "2", NULL), 0);
	assert_string_equal(val, "42");
	assert_string_equal(flag, "");
	assert_null(unused);
	assert_int_equal(o.iterations, 2);

	assert_int_equal(parse(&o, extra, "-v", NULL), -1);
	assert_string_equal(err, "option -v needs a value");

	assert_int_equal(parse(&o, clash, NULL), -1);
	assert_string_equal(err, "test option -i is defined twice");
	assert_int_equal(parse(&o, twice, NULL), -1);
	assert_int_equal(parse(&o, bad, NULL), -1);
	assert_string_equal(err, "invalid test option 'vw'");
	assert_int_equal(parse(&o, noarg, NULL), -1);
}

static void test_help_text(void **state)
{
	static char *val;
	struct tst_option extra[] = { { "v:", &val, "Size of the thing" }, {} };
	const struct tst_tag tags[] = {
		{ "linux-git", "f91072ed1b72" },
		{ "CVE", "2020-14351" },
		{ "known-fail", "on 6.18" },
		{},
	};
	struct tst_test t = {
		.test_all = (void (*)(void))abort,
		.options = extra,
		.tags = tags,
		.runtime = 10,
		.timeout = 60,
	};
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	(void)state;
	assert_non_null(f);
	tst_print_help(f, &t);
	fclose(f);

	assert_non_null(strstr(text, "-i n     Execute test n times"));
	assert_non_null(strstr(text, "-I x     Execute test for x seconds"));
	assert_non_null(strstr(text, "-h       Prints this help"));
	assert_non_null(strstr(text, "-v val   Size of the thing"));
	assert_non_null(strstr(text, "LTP_TIMEOUT_MUL"));
	/* .timeout adds to the default 30s, as in LTP */
	assert_non_null(strstr(text, "Timeout: 90s per test function call"));
	assert_non_null(strstr(text, "Runtime: 10s per test function call"));
	assert_non_null(strstr(text, "\nTags\n----\n"));
	assert_non_null(strstr(text, "linux.git/commit/?id=f91072ed1b72\n"));
	assert_non_null(strstr(text, "cvename.cgi?name=CVE-2020-14351\n"));
	assert_non_null(strstr(text, "known-fail: on 6.18\n"));
	free(text);

	/* No tags, no section; unlimited timeout said so */
	t.tags = NULL;
	t.timeout = TST_UNLIMITED_TIMEOUT;
	text = NULL;
	f = open_memstream(&text, &size);
	tst_print_help(f, &t);
	fclose(f);
	assert_null(strstr(text, "Tags"));
	assert_non_null(strstr(text, "Timeout: unlimited"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_iterations_runtime_help),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_unknown_and_stray),
		cmocka_unit_test(test_extra_options),
		cmocka_unit_test(test_help_text),
	};

	return cmocka_run_group_tests_name("harness options", tests, NULL, NULL);
}
