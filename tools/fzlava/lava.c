// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Telling LAVA: test sets and test cases through LAVA's own helpers
 * (lava-test-set, lava-test-case, in PATH inside a LAVA test shell), and
 * the start and end of each test case as LAVA's STARTTC and ENDTC
 * signals, which mark the test's lines in the job log. Signals go to
 * standard output, or to /dev/kmsg when the test shell sets KMSG, as
 * LAVA's helpers do (lava-common-functions).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "alloc.h"
#include "command.h"
#include "files.h"
#include "fzlava.h"
#include "msg.h"
#include "text.h"

/* Seconds of a test case's measurement: the journal keeps milliseconds */
#define DURATION_DECIMALS	3

const char *lava_result(enum outcome o)
{
	switch (o) {
	case O_PASS:
		return "pass";
	/*
	 * A known issue does not fail the run, as in junit.xml: its real
	 * result is in results.json and on the log line before it.
	 */
	case O_CONF:
	case O_KNOWN:
		return "skip";
	case O_FAIL:
	case O_BROK:
	case O_WARN:
		return "fail";
	/* stopped or taken down before its end: no result to give */
	case O_INTERRUPTED:
	case O_NOTRUN:
	case O_NR:
		break;
	}
	return "unknown";
}

/* '#' of fzrun's NAME#N ends a URL in LAVA's web interface */
char *lava_case_name(const struct jtest *t)
{
	char *name = xstrdup(t->label), *p;

	for (p = name; *p; p++)
		if (*p == '#')
			*p = '.';
	return name;
}

static void signal_lava(const struct lava *l, const char *fmt, const char *arg)
{
	char *line = xasprintf(fmt, arg);
	int fd;

	fflush(stdout);
	/*
	 * The kernel writes /dev/kmsg to the console at once, while the tty
	 * may still be sending the line before it: wait for the tty, or the
	 * signal lands in the middle of that line
	 */
	if (l->kmsg && isatty(STDOUT_FILENO))
		tcdrain(STDOUT_FILENO);
	if (l->kmsg && (fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC)) >= 0) {
		/* KERN_EMERG: the console prints it whatever its log level */
		char *k = xasprintf("<0>%s\n", line);

		if (write_all(fd, k, strlen(k)))
			warning("/dev/kmsg: %s", strerror(errno));
		close(fd);
		free(k);
	} else {
		printf("%s\n", line);
		fflush(stdout);
	}
	free(line);
}

/*
 * Text from a test, as printable() shows it and without '<': the log is
 * read by LAVA, and "<LAVA_SIGNAL_..." in a reason must not become one
 */
static void print_text(const char *s)
{
	for (s = printable(s); *s; s++)
		if (*s == '<')
			fputs("\\x3c", stdout);
		else
			putchar(*s);
}

static void helper(struct lava *l, char *const argv[])
{
	int i, status;

	if (l->dry_run) {
		for (i = 0; argv[i]; i++)
			printf("%s%s", i ? " " : "", argv[i]);
		printf("\n");
		fflush(stdout);
		return;
	}
	fflush(stdout);
	status = run_cmd(argv, NULL, 1);
	if (status) {
		l->helper_failures++;
		warning("%s %s failed (exit status %d): LAVA may lack this result",
			argv[0], argv[1], status);
	}
}

static void set_stop(struct lava *l)
{
	char *argv[] = { "lava-test-set", "stop", NULL };

	if (!l->set)
		return;
	helper(l, argv);
	free(l->set);
	l->set = NULL;
}

static void set_start(struct lava *l, const char *suite)
{
	char *argv[] = { "lava-test-set", "start", (char *)suite, NULL };

	if (l->set && !strcmp(l->set, suite))
		return;
	set_stop(l);
	helper(l, argv);
	l->set = xstrdup(suite);
}

static void grow(struct lava *l, int ntests)
{
	if (ntests <= l->ntests)
		return;
	l->started = xrealloc(l->started, ntests);
	l->ended = xrealloc(l->ended, ntests);
	memset(l->started + l->ntests, 0, ntests - l->ntests);
	memset(l->ended + l->ntests, 0, ntests - l->ntests);
	l->ntests = ntests;
}

static void test_start(struct lava *l, const struct jtest *t)
{
	char *name = lava_case_name(t);

	set_start(l, jv_gets(t->queued, "suite", "fzrun"));
	signal_lava(l, "<LAVA_SIGNAL_STARTTC %s>", name);
	free(name);
	l->started[t->seq - 1] = 1;
}

static void test_case(struct lava *l, const struct jtest *t)
{
	enum outcome o = jtest_outcome(t);
	const char *result = lava_result(o);
	const char *reason = jv_gets(t->end, "reason", "");
	char *name = lava_case_name(t), *secs = NULL;
	char *argv[] = { "lava-test-case", name, "--result", (char *)result,
			 NULL, NULL, NULL, NULL, NULL };

	if (t->end) {
		secs = xasprintf("%.*f", DURATION_DECIMALS,
				 jv_getn(t->end, "duration", 0));
		argv[4] = "--measurement";
		argv[5] = secs;
		argv[6] = "--units";
		argv[7] = "seconds";
	}
	if (!l->started[t->seq - 1])
		test_start(l, t);
	/* one line in the log says how fzrun's result became LAVA's */
	printf("fzlava: %s: %s -> %s", name, jtest_result(t), result);
	if (secs)
		printf(", %s s", secs);
	if (o == O_KNOWN) {
		printf(", known issue: ");
		print_text(jv_gets(t->end, "known_issue", ""));
	} else if (!t->end) {
		printf(", fzrun ended during this test");
	}
	if (*reason) {
		printf(": ");
		print_text(reason);
	}
	printf("\n");
	signal_lava(l, "<LAVA_SIGNAL_ENDTC %s>", name);
	helper(l, argv);
	l->ended[t->seq - 1] = 1;
	l->reported++;
	free(secs);
	free(name);
}

void lava_update(struct lava *l, const struct journal *j)
{
	int i;

	grow(l, j->ntests);
	/*
	 * fzrun runs one test at a time: in the order of seq, starts and
	 * ends are in the order they happened
	 */
	for (i = 0; i < j->ntests; i++) {
		const struct jtest *t = &j->tests[i];

		if (t->end && !l->ended[i])
			test_case(l, t);
		else if (t->start && !t->end && !l->started[i])
			test_start(l, t);
	}
}

int lava_finish(struct lava *l, const struct journal *j)
{
	int i, notrun = 0;

	lava_update(l, j);
	for (i = 0; i < j->ntests; i++) {
		const struct jtest *t = &j->tests[i];

		if (t->start && !t->end && !l->ended[i])
			test_case(l, t);
		notrun += !t->start && !t->end;
	}
	set_stop(l);
	return notrun;
}
