// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Command line options, runtime and timeout arithmetic.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tst_internal.h"

#define BASE_OPTS	"hi:I:"

static int parse_uint(const char *s, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

int tst_parse_opts(int argc, char *argv[], const struct tst_option *extra,
		   struct tst_opts *opts, char *err, size_t err_size)
{
	char optstr[256] = BASE_OPTS;
	const struct tst_option *o;
	long v;
	int c;

	opts->iterations = 1;
	opts->runtime = -1;
	opts->help = 0;

	for (o = extra; o && o->optstr; o++) {
		if (strchr(BASE_OPTS, o->optstr[0])) {
			snprintf(err, err_size,
				 "test option -%c clashes with a harness option",
				 o->optstr[0]);
			return -1;
		}
		if (strlen(optstr) + strlen(o->optstr) >= sizeof(optstr)) {
			snprintf(err, err_size, "too many test options");
			return -1;
		}
		strcat(optstr, o->optstr);
	}

	optind = 1;
	opterr = 0;
	while ((c = getopt(argc, argv, optstr)) != -1) {
		switch (c) {
		case 'h':
			opts->help = 1;
			break;
		case 'i':
			if (parse_uint(optarg, 1000000000, &v)) {
				snprintf(err, err_size,
					 "-i takes a number of iterations >= 0, not '%s'",
					 optarg);
				return -1;
			}
			opts->iterations = v;
			break;
		case 'I':
			if (parse_uint(optarg, INT_MAX, &v) || !v) {
				snprintf(err, err_size,
					 "-I takes a runtime in seconds > 0, not '%s'",
					 optarg);
				return -1;
			}
			opts->runtime = v;
			break;
		case '?':
			if (optopt && strchr(optstr, optopt))
				snprintf(err, err_size, "option -%c needs a value",
					 optopt);
			else
				snprintf(err, err_size, "unknown option -%c",
					 optopt ? optopt : '?');
			return -1;
		default:
			for (o = extra; o && o->optstr; o++) {
				if (o->optstr[0] == c)
					*o->arg = optarg ? optarg : "";
			}
		}
	}

	if (optind < argc) {
		snprintf(err, err_size, "unexpected argument '%s'", argv[optind]);
		return -1;
	}

	return 0;
}

void tst_print_help(FILE *f, const struct tst_test *test)
{
	const struct tst_option *o;
	const struct tst_tag *t;

	fprintf(f, "Options\n-------\n");
	fprintf(f, "-h       Prints this help\n");
	fprintf(f, "-i n     Execute test n times\n");
	fprintf(f, "-I x     Execute test for x seconds (runtime override)\n");
	for (o = test->options; o && o->optstr; o++)
		fprintf(f, "-%c%s  %s\n", o->optstr[0],
			o->optstr[1] == ':' ? " val" : "    ", o->help);

	fprintf(f, "\nEnvironment\n-----------\n");
	fprintf(f, "LTP_TIMEOUT_MUL  multiplies the timeout (>= 1)\n");
	fprintf(f, "LTP_RUNTIME_MUL  multiplies the runtime (> 0)\n");
	fprintf(f, "TMPDIR           where temporary directories go (default /tmp)\n");
	fprintf(f, "FZSYNC_SEED, FZSYNC_CPUS, FZSYNC_PLACEMENT, FZSYNC_COVERAGE, FZSYNC_STATS\n"
		   "                 fuzzy-sync controls, see doc/design.md\n");

	fprintf(f, "\nTest\n----\n");
	fprintf(f, "runtime %ds, timeout %ds%s\n", test->runtime,
		test->timeout ? test->timeout : 30,
		test->needs_root ? ", needs root" : "");
	for (t = test->tags; t && t->name; t++) {
		if (!strcmp(t->name, "linux-git"))
			fprintf(f, "guards linux commit %s\n", t->value);
		else if (!strcmp(t->name, "CVE"))
			fprintf(f, "guards CVE-%s\n", t->value);
		else
			fprintf(f, "%s: %s\n", t->name, t->value);
	}
}

float tst_env_multiplier(const char *name, float min, char *err,
			 size_t err_size)
{
	const char *env = getenv(name);
	char *end;
	float v;

	if (!env || !*env)
		return 1;

	v = strtof(env, &end);
	if (*end || !isfinite(v) || v < min) {
		snprintf(err, err_size, "%s='%s' must be a number >= %g", name,
			 env, min);
		return -1;
	}

	return v;
}

int tst_scaled_runtime(int runtime, int min_runtime, float runtime_mul,
		       int override)
{
	int r;

	if (override > 0)
		return override;

	r = (int)lrintf(runtime * runtime_mul);
	if (runtime && r < 1)
		r = 1;
	if (min_runtime && r < min_runtime)
		r = min_runtime;

	return r;
}

int tst_timeout_secs(int timeout, int runtime, float timeout_mul)
{
	if (timeout == TST_UNLIMITED_TIMEOUT)
		return -1;
	if (!timeout)
		timeout = 30;

	return (int)ceilf((timeout + runtime) * timeout_mul);
}
