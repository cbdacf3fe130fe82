// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Command line of fzrun.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

/* A week: a longer timeout or grace time is a typo, not a plan */
#define MAX_SECONDS		(7 * 24 * 3600)
/* --max-log above this is a typo: a test's log is not a disk image */
#define MAX_LOG_SIZE		(1024.0 * 1024 * 1024 * 1024)

/* Enough for any reproducer's messages; a flood beyond it is dropped */
#define DEFAULT_MAX_LOG		(16 << 20)
/* --quick without a value: offsets per bin after which a race loop
 * ends; a window one bin wide is missed with a chance below 4^-6,
 * 0.02 % (doc/design.md, "Quick mode") */
#define DEFAULT_QUICK		"6"
/* The library's bound of FZSYNC_COVERAGE */
#define MAX_QUICK		1000000

static void usage(void)
{
	fputs(
"usage: fzrun -f LIST[,LIST...] [options]\n"
"       fzrun --resume DIR [options]\n"
"       fzrun --report DIR\n"
"\n"
"Runs test lists in LTP's runtest format (\"name command [args...]\" per\n"
"line, '#' comments) one test at a time, watching the kernel's health,\n"
"and keeps a crash-safe journal from which results.json (kirk's layout)\n"
"and junit.xml are written.\n"
"\n"
"Selecting tests:\n"
"  -f, --file LIST[,LIST]   runtest files; a bare name is also looked up\n"
"                           in the tree's runtest/ directory (repeatable)\n"
"  -s, --select REGEX       run only tests whose name matches the POSIX\n"
"                           extended regex (repeatable: any of them)\n"
"  -S, --skip-file FILE     do not run the tests named in FILE (one name or\n"
"                           shell pattern per line, '#' comments)\n"
"  -i, --iterations N       run each test N times in a row\n"
"      --shard I/N          run only share I of N: the selected tests are\n"
"                           dealt round robin, so N machines with the same\n"
"                           options split the list exactly\n"
"  -l, --list               print the selected tests and exit\n"
"\n"
"Running:\n"
"  -t, --timeout SECONDS    per-test timeout (default 600, multiplied by\n"
"                           LTP_TIMEOUT_MUL when that is above 1); the whole\n"
"                           test gets SIGTERM, then SIGKILL\n"
"      --kill-grace SECONDS time between SIGTERM and SIGKILL (default 5)\n"
"  -b, --bindir DIR         put every directory under DIR holding\n"
"                           executables in front of PATH (repeatable;\n"
"                           default: the tree's testcases/ or testcases/bin)\n"
"  -K, --known-issues FILE  failures expected on some kernels; lines are\n"
"                           'test-name  kernel-release-regex  reason'\n"
"                           (default: the tree's runtest/known-issues)\n"
"      --no-known-issues    no known issues: every failure fails the run\n"
"      --kmsg-match TEXT    also fail a test when a kernel log line logged\n"
"                           during it contains TEXT (repeatable)\n"
"      --max-log SIZE       keep at most SIZE bytes of each test's output\n"
"                           (K, M, G suffixes; default 16M)\n"
"      --quick[=K]          smoke run for kernels known to be fixed: race\n"
"                           loops end once every offset bin holds K (default\n"
"                           6) iterations, not at their runtime\n"
"                           (FZSYNC_COVERAGE=K in the tests' environment)\n"
"  -v, --verbose            stream the tests' output\n"
"  -q, --quiet              no live progress line, one line per test\n"
"  -o, --output DIR         results directory (default\n"
"                           results/fzrun-YYYYmmdd-HHMMSS)\n"
"\n"
"After a crash:\n"
"      --resume DIR         continue the run in DIR: finished tests are\n"
"                           kept, the one that was running is recorded as\n"
"                           interrupted, the rest run (-t, -v, -q, -b, -K,\n"
"                           --kmsg-match, --max-log, --kill-grace may be\n"
"                           given again)\n"
"      --rerun-interrupted  with --resume: run the tests a stop signal or a\n"
"                           crash interrupted again\n"
"      --report DIR         only rewrite DIR's reports from its journal\n"
"\n"
"Tests run with TMPDIR set to a fresh directory, in a session of their\n"
"own, with LTP_TIMEOUT_MUL, LTP_RUNTIME_MUL and FZSYNC_* passed through.\n"
"New taint bits and kernel log lines such as BUG:, WARNING:, Oops, KASAN:\n"
"make a test fail.\n"
"\n"
"Exit status: 0 every test passed, was skipped (TCONF) or is a known\n"
"issue; 1 some test failed, broke, warned or was interrupted; 2 usage\n"
"or setup error; 3 the run was stopped before its end (see --resume).\n"
"See fzrun(1) and doc/runner.md.\n", stdout);
	exit(FZR_EXIT_OK);
}

static void push(char ***v, int *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static double seconds(const char *opt, const char *s)
{
	double v;

	if (parse_double(s, 0, MAX_SECONDS, &v) || v <= 0)
		die(FZR_EXIT_USAGE, "%s: '%s' is not a positive number of seconds (at most %d)",
		    opt, s, MAX_SECONDS);
	return v;
}

static long count(const char *opt, const char *s, long min, long max)
{
	long v;

	if (parse_long(s, min, max, &v))
		die(FZR_EXIT_USAGE, "%s: '%s' is not a number from %ld to %ld",
		    opt, s, min, max);
	return v;
}

static size_t size_arg(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !isfinite(v) || v < 1)
		goto bad;
	switch (*end) {
	case 'G': case 'g': v *= 1024;
	/* fallthrough */
	case 'M': case 'm': v *= 1024;
	/* fallthrough */
	case 'K': case 'k': v *= 1024;
		end++;
		break;
	}
	if (*end || v > MAX_LOG_SIZE)
		goto bad;
	return v;
bad:
	die(FZR_EXIT_USAGE, "--max-log: '%s' is not a size (e.g. 512K, 16M)", s);
}

/* I/N, 1 <= I <= N */
static void parse_shard(struct cfg *c, const char *arg)
{
	const char *slash = strchr(arg, '/');
	char *i = slash ? strndup(arg, slash - arg) : NULL;
	long si, sn;

	if (!i || parse_long(i, 1, MAX_RUN_TESTS, &si) ||
	    parse_long(slash + 1, 1, MAX_RUN_TESTS, &sn) || si > sn)
		die(FZR_EXIT_USAGE, "--shard: '%s' is not I/N with 1 <= I <= N",
		    arg);
	free(i);
	c->shard_i = si;
	c->shard_n = sn;
}

enum {
	OPT_SHARD = 256, OPT_RESUME, OPT_REPORT, OPT_GRACE, OPT_KMSG,
	OPT_MAXLOG, OPT_NO_KNOWN, OPT_RERUN, OPT_QUICK,
};

static const struct option longopts[] = {
	{ "file", required_argument, NULL, 'f' },
	{ "select", required_argument, NULL, 's' },
	{ "skip-file", required_argument, NULL, 'S' },
	{ "iterations", required_argument, NULL, 'i' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "list", no_argument, NULL, 'l' },
	{ "timeout", required_argument, NULL, 't' },
	{ "kill-grace", required_argument, NULL, OPT_GRACE },
	{ "bindir", required_argument, NULL, 'b' },
	{ "known-issues", required_argument, NULL, 'K' },
	{ "no-known-issues", no_argument, NULL, OPT_NO_KNOWN },
	{ "rerun-interrupted", no_argument, NULL, OPT_RERUN },
	{ "kmsg-match", required_argument, NULL, OPT_KMSG },
	{ "max-log", required_argument, NULL, OPT_MAXLOG },
	{ "quick", optional_argument, NULL, OPT_QUICK },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "output", required_argument, NULL, 'o' },
	{ "resume", required_argument, NULL, OPT_RESUME },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void cfg_parse(struct cfg *c, int argc, char *argv[])
{
	int opt;

	memset(c, 0, sizeof(*c));
	c->iterations = 1;
	c->argc = argc;
	c->argv = argv;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:s:S:i:lt:b:K:vqo:h",
				  longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			push(&c->lists, &c->nlists, optarg);
			c->selection_given = 1;
			break;
		case 's':
			push(&c->select, &c->nselect, optarg);
			c->selection_given = 1;
			break;
		case 'S':
			c->skip_file = xstrdup(optarg);
			c->selection_given = 1;
			break;
		case 'i':
			c->iterations = count("-i", optarg, 1, MAX_ITERATIONS);
			c->selection_given = 1;
			break;
		case OPT_SHARD:
			parse_shard(c, optarg);
			c->selection_given = 1;
			break;
		case 'l':
			c->list_only = 1;
			break;
		case 't':
			c->timeout = seconds("-t", optarg);
			c->timeout_set = 1;
			break;
		case OPT_GRACE:
			c->kill_grace = seconds("--kill-grace", optarg);
			break;
		case 'b':
			push(&c->bindirs, &c->nbindirs, optarg);
			break;
		case 'K':
			c->known_file = xstrdup(optarg);
			break;
		case OPT_NO_KNOWN:
			c->no_known_issues = 1;
			break;
		case OPT_RERUN:
			c->rerun_interrupted = 1;
			break;
		case OPT_KMSG:
			if (!*optarg)
				die(FZR_EXIT_USAGE, "--kmsg-match: empty text");
			push(&c->kmsg_match, &c->nkmsg_match, optarg);
			break;
		case OPT_MAXLOG:
			c->max_log = size_arg(optarg);
			break;
		case OPT_QUICK:
			/* The tests read it; the journal keeps it for --resume */
			count("--quick", optarg ? optarg : DEFAULT_QUICK, 1,
			      MAX_QUICK);
			setenv("FZSYNC_COVERAGE", optarg ? optarg : DEFAULT_QUICK, 1);
			break;
		case 'v':
			c->verbose = 1;
			break;
		case 'q':
			c->quiet_progress = 1;
			break;
		case 'o':
			c->outdir = xstrdup(optarg);
			break;
		case OPT_RESUME:
			c->resume_dir = xstrdup(optarg);
			break;
		case OPT_REPORT:
			c->report_dir = xstrdup(optarg);
			break;
		case 'h':
			usage();
			break;
		case ':':
			die(FZR_EXIT_USAGE, "option '%s' needs a value (see fzrun --help)",
			    argv[optind - 1]);
		default:
			if (optopt)
				die(FZR_EXIT_USAGE, "unknown option '-%c' (see fzrun --help)",
				    optopt);
			die(FZR_EXIT_USAGE, "unknown option '%s' (see fzrun --help)",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		die(FZR_EXIT_USAGE, "unexpected argument '%s'; test lists are given with -f (see fzrun --help)",
		    argv[optind]);
	if (c->resume_dir && c->report_dir)
		die(FZR_EXIT_USAGE, "--resume and --report cannot be combined");
	if ((c->resume_dir || c->report_dir) && (c->selection_given || c->outdir))
		die(FZR_EXIT_USAGE, "--%s uses the run's own test list and directory; -f, -s, -S, -i, --shard and -o do not apply",
		    c->resume_dir ? "resume" : "report");
	if (c->known_file && c->no_known_issues)
		die(FZR_EXIT_USAGE, "-K and --no-known-issues cannot be combined");
	if (c->rerun_interrupted && !c->resume_dir)
		die(FZR_EXIT_USAGE, "--rerun-interrupted applies to --resume only");
	if (!c->resume_dir && !c->report_dir && !c->nlists)
		die(FZR_EXIT_USAGE, "no test list given; use -f LIST (see fzrun --help)");

}

void cfg_defaults(struct cfg *c)
{
	const char *mul = getenv("LTP_TIMEOUT_MUL");

	if (!c->timeout) {
		c->timeout = FZRUN_TIMEOUT_S;
		if (mul && atof(mul) > 1)
			c->timeout *= atof(mul);
	}
	if (!c->kill_grace)
		c->kill_grace = FZRUN_KILL_GRACE_S;
	if (!c->max_log)
		c->max_log = DEFAULT_MAX_LOG;
}
