// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel config checks: expressions (syntax, LTP's left-to-right
 * evaluation, errors and their columns), config file lines, reading a
 * plain and a gzip-compressed config through KCONFIG_PATH, and
 * .needs_kconfigs ending a test with TCONF that names the option.
 */
#include "test_harness.h"
#include "tst_kconfig.h"

static struct run r;
static char config[128], config_gz[128];

/* The fake kernel config of the table-driven cases */
static const char *const config_text =
	"#\n"
	"# Automatically generated file; DO NOT EDIT.\n"
	"CONFIG_A=y\n"
	"CONFIG_B=m\n"
	"# CONFIG_C is not set\n"
	"CONFIG_D=\"hello\"\n"
	"CONFIG_E=42\n"
	"CONFIG_F=0x10\n";

static const struct {
	const char *name;
	char choice;
	const char *val;
} fake[] = {
	{ "CONFIG_A", 'y', NULL },
	{ "CONFIG_B", 'm', NULL },
	{ "CONFIG_C", 'n', NULL },
	{ "CONFIG_D", 'v', "\"hello\"" },
	{ "CONFIG_E", 'v', "42" },
	{ "CONFIG_F", 'v', "0x10" },
};

static int fake_lookup(const struct tst_kconfig_ref *ref, void *priv)
{
	size_t i;

	(void)priv;
	for (i = 0; i < ARRAY_SIZE(fake); i++) {
		if (strlen(fake[i].name) == ref->name_len &&
		    !strncmp(fake[i].name, ref->name, ref->name_len))
			return tst_kconfig_ref_holds(ref, fake[i].choice,
						     fake[i].val);
	}
	/* Undefined: holds for nothing, not even =n */
	return 0;
}

static int eval(const char *expr)
{
	const char *err = NULL;
	size_t pos = 0;
	int v = tst_kconfig_expr_eval(expr, fake_lookup, NULL, &err, &pos);

	if (v < 0)
		fail_msg("'%s' is invalid: %s at %zu", expr, err, pos);
	return v;
}

static void test_variables(void **state)
{
	(void)state;
	/* A bare option: set to y or m */
	assert_int_equal(eval("CONFIG_A"), 1);
	assert_int_equal(eval("CONFIG_B"), 1);
	assert_int_equal(eval("CONFIG_C"), 0);
	assert_int_equal(eval("CONFIG_D"), 0);
	assert_int_equal(eval("CONFIG_Z"), 0);

	assert_int_equal(eval("CONFIG_A=y"), 1);
	assert_int_equal(eval("CONFIG_A=m"), 0);
	assert_int_equal(eval("CONFIG_B=m"), 1);
	assert_int_equal(eval("CONFIG_B=y"), 0);
	/* =n: "is not set", an undefined option is not */
	assert_int_equal(eval("CONFIG_C=n"), 1);
	assert_int_equal(eval("CONFIG_Z=n"), 0);
	assert_int_equal(eval("CONFIG_A=Y"), 0);

	/* Values compare as written, quotes included */
	assert_int_equal(eval("CONFIG_D=\"hello\""), 1);
	assert_int_equal(eval("CONFIG_D=hello"), 0);
	assert_int_equal(eval("CONFIG_D=\"hell\""), 0);
	assert_int_equal(eval("CONFIG_E=42"), 1);
	assert_int_equal(eval("CONFIG_E=4"), 0);
	assert_int_equal(eval("CONFIG_F=0x10"), 1);
	assert_int_equal(eval("CONFIG_F=16"), 0);
}

static void test_operators(void **state)
{
	(void)state;
	assert_int_equal(eval("!CONFIG_C"), 1);
	assert_int_equal(eval("!CONFIG_A"), 0);
	assert_int_equal(eval("!CONFIG_Z"), 1);
	assert_int_equal(eval("!!CONFIG_A"), 1);
	assert_int_equal(eval("CONFIG_A & CONFIG_C"), 0);
	assert_int_equal(eval("CONFIG_A | CONFIG_C"), 1);
	assert_int_equal(eval("CONFIG_A&CONFIG_B"), 1);
	assert_int_equal(eval("  CONFIG_A  "), 1);
	assert_int_equal(eval("!(CONFIG_C)"), 1);
	assert_int_equal(eval("(CONFIG_A | CONFIG_C) & !CONFIG_Z"), 1);
	assert_int_equal(eval("CONFIG_A=y | CONFIG_B=y"), 1);
	assert_int_equal(eval("((((CONFIG_A))))"), 1);

	/* One precedence, left to right, as LTP evaluates */
	assert_int_equal(eval("CONFIG_A | CONFIG_B & CONFIG_C"), 0);
	assert_int_equal(eval("CONFIG_C & CONFIG_A | CONFIG_B"), 1);
	assert_int_equal(eval("CONFIG_C | CONFIG_A & CONFIG_C"), 0);
	assert_int_equal(eval("CONFIG_A | (CONFIG_B & CONFIG_C)"), 1);
}

static void assert_invalid(const char *expr, const char *want_err,
			   size_t want_pos)
{
	const char *err = NULL;
	size_t pos = 0;

	if (tst_kconfig_expr_eval(expr, fake_lookup, NULL, &err, &pos) != -1)
		fail_msg("'%s' is valid", expr);
	if (strcmp(err, want_err) || pos != want_pos)
		fail_msg("'%s': '%s' at %zu, expected '%s' at %zu", expr, err,
			 pos, want_err, want_pos);
}

static void test_errors(void **state)
{
	char deep[512];
	int i;

	(void)state;
	assert_invalid("", "Unfinished expression", 0);
	assert_invalid("CONFIG_A | ", "Unfinished expression", 11);
	assert_invalid("!", "Unfinished expression", 1);
	assert_invalid("(CONFIG_A", "Missing )", 0);
	assert_invalid("CONFIG_A)", "Missing (", 8);
	assert_invalid("CONFIG_A=y)", "Missing (", 10);
	assert_invalid("CONFIG_A CONFIG_B", "Expected operation", 9);
	assert_invalid("CONFIG_A = y", "Expected operation", 9);
	assert_invalid("CONFIG_A !CONFIG_B", "Expected operation", 9);
	assert_invalid("CONFIG_A & & CONFIG_B", "Expected variable, ! or (", 11);
	assert_invalid("()", "Expected variable, ! or (", 1);
	assert_invalid("FOO", "Expected CONFIG_ prefix", 0);
	assert_invalid("CONFIG_a", "Unexpected character in variable name", 7);
	assert_invalid("CONFIG_G=", "Missing value", 9);
	assert_invalid("CONFIG_A=y=y", "Invalid character in variable value", 10);
	assert_invalid("CONFIG_D=\"open", "Missing closing \"", 9);

	/* Nesting is bounded: no stack overflow on hostile input */
	for (i = 0; i < 100; i++)
		deep[i] = '(';
	strcpy(deep + i, "CONFIG_A");
	assert_invalid(deep, "Expression nested too deeply", 64);
}

/* Every variable is looked up, in order, also past a decided result */
static char seen[256];

static int record(const struct tst_kconfig_ref *ref, void *priv)
{
	(void)priv;
	snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen), "%.*s%s%.*s;",
		 (int)ref->name_len, ref->name, ref->val ? "=" : "",
		 (int)ref->val_len, ref->val ? ref->val : "");
	return 0;
}

static void test_lookups(void **state)
{
	const char *err;
	size_t pos;

	(void)state;
	seen[0] = 0;
	assert_int_equal(tst_kconfig_expr_eval("CONFIG_X & (CONFIG_Y=m | !CONFIG_Z=\"a b\")",
					       record, NULL, &err, &pos), 0);
	assert_string_equal(seen, "CONFIG_X;CONFIG_Y=m;CONFIG_Z=\"a b\";");
}

static void assert_line(const char *line, int want, const char *name,
			char choice, const char *val)
{
	struct tst_kconfig_ref ref;
	char got = 0;
	int ret = tst_kconfig_parse_line(line, &ref, &got);

	if (ret != want)
		fail_msg("'%s': returned %d, expected %d", line, ret, want);
	if (!want)
		return;
	if (ref.name_len != strlen(name) || strncmp(ref.name, name, ref.name_len))
		fail_msg("'%s': option '%.*s', expected %s", line,
			 (int)ref.name_len, ref.name, name);
	assert_int_equal(got, choice);
	if (val && (ref.val_len != strlen(val) || strncmp(ref.val, val, ref.val_len)))
		fail_msg("'%s': value '%.*s', expected '%s'", line,
			 (int)ref.val_len, ref.val, val);
}

static void test_lines(void **state)
{
	(void)state;
	assert_line("CONFIG_A=y\n", 1, "CONFIG_A", 'y', NULL);
	assert_line("CONFIG_B=m", 1, "CONFIG_B", 'm', NULL);
	assert_line("# CONFIG_C is not set\n", 1, "CONFIG_C", 'n', NULL);
	assert_line("CONFIG_D=\"hello world\"\n", 1, "CONFIG_D", 'v',
		    "\"hello world\"");
	assert_line("CONFIG_E=42  \n", 1, "CONFIG_E", 'v', "42");
	assert_line("CONFIG_YES=yes\n", 1, "CONFIG_YES", 'v', "yes");
	assert_line("#\n", 0, NULL, 0, NULL);
	assert_line("# Automatically generated file\n", 0, NULL, 0, NULL);
	assert_line("# CONFIG_X is set to something\n", 0, NULL, 0, NULL);
	assert_line("\n", 0, NULL, 0, NULL);
	assert_line("CONFIG_NOEQ\n", 0, NULL, 0, NULL);
	assert_line("OTHER=y\n", 0, NULL, 0, NULL);
}

static int make_config(void **state)
{
	char cmd[512];

	(void)state;
	scratch_path(config, sizeof(config), "kconfig");
	scratch_path(config_gz, sizeof(config_gz), "kconfig");
	strcat(config_gz, ".gz");
	write_text(config, config_text);
	snprintf(cmd, sizeof(cmd), "gzip -c %s > %s", config, config_gz);
	assert_int_equal(system(cmd), 0);
	unsetenv("KCONFIG_SKIP_CHECK");
	return 0;
}

static int remove_config(void **state)
{
	(void)state;
	unlink(config);
	unlink(config_gz);
	unsetenv("KCONFIG_PATH");
	return 0;
}

static const char *const *check_list;
static int check_ret;
static struct tst_kconfig_var *read_vars;
static size_t read_n;

static void do_read(void)
{
	tst_kconfig_read(read_vars, read_n);
}

static void do_check(void)
{
	check_ret = tst_kconfig_check(check_list);
}

static int check(const char *path, const char *const *kconfigs, char **out)
{
	setenv("KCONFIG_PATH", path, 1);
	check_list = kconfigs;
	*out = stderr_of(do_check);
	return check_ret;
}

static void test_read_files(void **state)
{
	const char *holds[] = { "CONFIG_A=y", "CONFIG_B", "CONFIG_E=42", NULL };
	const char *fails[] = { "CONFIG_A", "CONFIG_C | CONFIG_Z", NULL };
	const char *paths[] = { config, config_gz };
	struct tst_kconfig_var vars[] = {
		TST_KCONFIG_INIT("CONFIG_A"), TST_KCONFIG_INIT("CONFIG_C"),
		TST_KCONFIG_INIT("CONFIG_D"), TST_KCONFIG_INIT("CONFIG_Z"),
	};
	char *out, want[256];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		assert_int_equal(check(paths[i], holds, &out), 0);
		snprintf(want, sizeof(want), "Parsing kernel config '%s'", paths[i]);
		if (!strstr(out, want))
			fail_msg("'%s' not in:\n%s", want, out);

		assert_int_equal(check(paths[i], fails, &out), 1);
		if (!strstr(out, "Constraint 'CONFIG_C | CONFIG_Z' not satisfied!") ||
		    !strstr(out, "  CONFIG_C is not set\n") ||
		    !strstr(out, "  CONFIG_Z is undefined\n") ||
		    strstr(out, "'CONFIG_A'"))
			fail_msg("unexpected report:\n%s", out);
	}

	setenv("KCONFIG_PATH", config_gz, 1);
	read_vars = vars;
	read_n = ARRAY_SIZE(vars);
	stderr_of(do_read);
	assert_int_equal(vars[0].choice, 'y');
	assert_null(vars[0].val);
	assert_int_equal(vars[1].choice, 'n');
	assert_int_equal(vars[2].choice, 'v');
	assert_string_equal(vars[2].val, "\"hello\"");
	assert_int_equal(vars[3].choice, 0);
	free(vars[2].val);

	setenv("KCONFIG_SKIP_CHECK", "1", 1);
	assert_int_equal(check(config, fails, &out), 0);
	assert_non_null(strstr(out, "Skipping kernel config check as requested"));
	unsetenv("KCONFIG_SKIP_CHECK");
}

/* A KCONFIG_PATH that does not exist is a warning, not the end */
static void test_missing_path(void **state)
{
	const char *list[] = { "CONFIG_A", NULL };
	char *out;

	(void)state;
	check("/nonexistent/kconfig", list, &out);
	assert_non_null(strstr(out, "TWARN: KCONFIG_PATH='/nonexistent/kconfig' does not exist"));
}

static void run_pass(void) { tst_res(TPASS, "ran"); }

static void set_kconfig_path(void)
{
	setenv("KCONFIG_PATH", config, 1);
}

static void run_with(struct tst_test *t)
{
	char *argv[] = { "unit_test", NULL };

	run_tst_ex(&r, t, argv, set_kconfig_path, NULL);
}

static void test_needs_kconfigs(void **state)
{
	struct tst_test t = { .test_all = run_pass, .timeout = 5 };

	(void)state;
	t.needs_kconfigs = (const char *const[]) { "CONFIG_A=y", "CONFIG_B", NULL };
	run_with(&t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: ran");

	t.needs_kconfigs = (const char *const[]) {
		"CONFIG_A", "CONFIG_C=y | CONFIG_Z", NULL
	};
	run_with(&t);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: Kernel config does not satisfy 'CONFIG_C=y | CONFIG_Z': CONFIG_C is not set, CONFIG_Z is undefined\n");
	assert_no_output(&r, "TPASS");

	t.needs_kconfigs = (const char *const[]) { "CONFIG_Y", "!CONFIG_A", NULL };
	run_with(&t);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: Kernel config does not satisfy 'CONFIG_Y': CONFIG_Y is undefined (and 1 more, see above)\n");
	assert_output(&r, "Constraint '!CONFIG_A' not satisfied!");

	/* An invalid expression is the test's bug: TBROK before anything */
	t.needs_kconfigs = (const char *const[]) { "CONFIG_A CONFIG_B", NULL };
	run_with(&t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Invalid kconfig expression 'CONFIG_A CONFIG_B': Expected operation at column 10\n");
	assert_no_output(&r, "TPASS");
}

static void test_kcmdline(void **state)
{
	struct tst_kcmdline_var params[] = {
		TST_KCMDLINE_INIT("fzsync_no_such_parameter"),
		TST_KCMDLINE_INIT(NULL),
	};
	char line[4096], first[256];
	FILE *f = fopen("/proc/cmdline", "r");

	(void)state;
	if (!f || !fgets(line, sizeof(line), f) ||
	    sscanf(line, "%255[^= \n]", first) != 1) {
		if (f)
			fclose(f);
		skip();
	}
	fclose(f);

	params[1].key = first;
	tst_kcmdline_parse(params, ARRAY_SIZE(params));
	assert_false(params[0].found);
	assert_true(params[1].found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_lines),
		cmocka_unit_test_setup_teardown(test_read_files, make_config,
						remove_config),
		cmocka_unit_test_setup_teardown(test_missing_path, make_config,
						remove_config),
		cmocka_unit_test_setup_teardown(test_needs_kconfigs, make_config,
						remove_config),
		cmocka_unit_test(test_kcmdline),
	};

	return cmocka_run_group_tests_name("harness kconfig", tests, NULL, NULL);
}
