// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Command line options of every test (-h, -i, -I, -D), the test's own
 * options, and the help text.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Leading ':' makes getopt() tell a missing value from an unknown option */
#define BASE_OPTS	":hDi:I:"

static int parse_int(const char *s, long min, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < min || v > INT_MAX)
		return -1;
	*out = v;
	return 0;
}

static int build_optstr(const struct tst_option *extra, char *optstr,
			size_t size, char *err, size_t err_size)
{
	const struct tst_option *o;
	size_t len = strlen(BASE_OPTS);

	memcpy(optstr, BASE_OPTS, len + 1);
	for (o = extra; o && o->optstr; o++) {
		const char *s = o->optstr;

		if (!s[0] || s[0] == ':' || s[0] == '?' || s[0] == '-' ||
		    (s[1] && strcmp(s + 1, ":")) || !o->arg) {
			snprintf(err, err_size, "invalid test option '%s'", s);
			return -1;
		}
		if (strchr(optstr, s[0])) {
			snprintf(err, err_size,
				 "test option -%c is defined twice", s[0]);
			return -1;
		}
		if (len + strlen(s) >= size) {
			snprintf(err, err_size, "too many test options");
			return -1;
		}
		strcpy(optstr + len, s);
		len += strlen(s);
	}

	return 0;
}

int tst_parse_opts(int argc, char *argv[], const struct tst_option *extra,
		   struct tst_opts *opts, char *err, size_t err_size)
{
	const struct tst_option *o;
	char optstr[256];
	long v;
	int c;

	opts->iterations = 1;
	opts->runtime = -1;
	opts->help = 0;
	opts->debug = 0;

	if (build_optstr(extra, optstr, sizeof(optstr), err, err_size))
		return -1;

	/* 0 restarts glibc's getopt() completely, also between calls */
	optind = 0;
	opterr = 0;
	while ((c = getopt(argc, argv, optstr)) != -1) {
		switch (c) {
		case 'h':
			opts->help = 1;
			break;
		case 'D':
			opts->debug = 1;
			break;
		case 'i':
			if (parse_int(optarg, 0, &v)) {
				snprintf(err, err_size,
					 "-i takes a number of iterations >= 0, not '%s'",
					 optarg);
				return -1;
			}
			opts->iterations = v;
			break;
		case 'I':
			if (parse_int(optarg, 1, &v)) {
				snprintf(err, err_size,
					 "-I takes a runtime in seconds > 0, not '%s'",
					 optarg);
				return -1;
			}
			opts->runtime = v;
			break;
		case ':':
			snprintf(err, err_size, "option -%c needs a value",
				 optopt);
			return -1;
		case '?':
			if (optopt)
				snprintf(err, err_size, "unknown option -%c",
					 optopt);
			else
				snprintf(err, err_size, "unknown option %s",
					 argv[optind - 1]);
			return -1;
		default:
			for (o = extra; o && o->optstr; o++) {
				if (o->optstr[0] == c)
					*o->arg = optarg ? optarg : "";
			}
		}
	}

	if (optind < argc) {
		snprintf(err, err_size, "unexpected argument '%s'",
			 argv[optind]);
		return -1;
	}

	return 0;
}

static void print_tags(FILE *f, const struct tst_tag *tags)
{
	const struct tst_tag *t;

	if (!tags || !tags->name)
		return;

	fprintf(f, "\nTags\n----\n");
	for (t = tags; t->name; t++) {
		if (!strcmp(t->name, "linux-git"))
			fprintf(f, "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=%s\n",
				t->value);
		else if (!strcmp(t->name, "CVE"))
			fprintf(f, "https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-%s\n",
				t->value);
		else
			fprintf(f, "%s: %s\n", t->name, t->value);
	}
}

void tst_print_help(FILE *f, const struct tst_test *test)
{
	const struct tst_option *o;
	int timeout = test->timeout ? test->timeout : TST_DEFAULT_TIMEOUT;

	fprintf(f, "Options\n-------\n");
	fprintf(f, "-h       Prints this help\n");
	fprintf(f, "-i n     Execute test n times (0: only setup and cleanup)\n");
	fprintf(f, "-I x     Execute test for x seconds (runtime override)\n");
	fprintf(f, "-D       Prints debug messages (TDEBUG)\n");
	for (o = test->options; o && o->optstr; o++)
		fprintf(f, "-%c%s  %s\n", o->optstr[0],
			o->optstr[1] == ':' ? " val " : "     ",
			o->help ? o->help : "");

	fprintf(f, "\nEnvironment Variables\n---------------------\n");
	fprintf(f, "LTP_TIMEOUT_MUL  Timeout multiplier (must be >= 0.1)\n");
	fprintf(f, "LTP_RUNTIME_MUL  Runtime multiplier (must be >= 0.01)\n");
	fprintf(f, "TMPDIR           Base directory for temporary directories (default /tmp)\n");
	fprintf(f, "FZSYNC_SEED, FZSYNC_CPUS, FZSYNC_PLACEMENT, FZSYNC_COVERAGE, FZSYNC_STATS\n"
		   "                 Fuzzy-sync controls, see doc/design.md (installed:\n"
		   "                 share/doc/fzsync/design.md)\n");

	fprintf(f, "\nTimeout\n-------\n");
	if (test->timeout == TST_UNLIMITED_TIMEOUT)
		fprintf(f, "Timeout: unlimited\n");
	else
		fprintf(f, "Timeout: %ds per test function call, plus the runtime\n",
			timeout);
	if (test->runtime)
		fprintf(f, "Runtime: %ds per test function call\n",
			test->runtime);
	if (test->min_runtime)
		fprintf(f, "Minimal runtime: %ds%s\n", test->min_runtime,
			test->runtime ? "" : ", the runtime of each test function call (-I repeats the calls)");

	print_tags(f, test->tags);
}
