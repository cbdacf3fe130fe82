// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The summary table at the end of a run: name, result, duration and
 * reason of every test, kernel trouble between tests, and the totals.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fzrun.h"

/* Summary lines in a log file: long enough for most reasons */
#define LOG_COLS		160
/* Longer names get the table's layout out of shape, not cut */
#define NAME_COL_MAX		40
/* Room the RESULT and TIME columns take, with their spaces */
#define RESULT_TIME_COLS	24
/* A reason column narrower than this is no use: lines wrap instead */
#define REASON_MIN_COLS		20

void ui_summary(const struct run *r)
{
	int counts[O_NR] = {0}, i, namew = strlen("NAME"), tty = isatty(1);
	int cols = tty ? term_cols() : LOG_COLS;
	double total = 0;
	struct sbuf b = {0};

	for (i = 0; i < r->j.ntests; i++)
		if ((int)strlen(r->j.tests[i].label) > namew)
			namew = strlen(r->j.tests[i].label);
	if (namew > NAME_COL_MAX)
		namew = NAME_COL_MAX;

	printf("\n%-*s  %-11s %8s  %s\n", namew, "NAME", "RESULT", "TIME",
	       "REASON");
	for (i = 0; i < r->j.ntests; i++) {
		const struct jtest *t = &r->j.tests[i];
		enum outcome o = jtest_outcome(t);
		const char *reason = jv_gets(t->end, "reason", "");
		int room;

		counts[o]++;
		total += jv_getn(t->end, "duration", 0);
		sb_reset(&b);
		if (o == O_KNOWN)
			sb_printf(&b, "known issue: %s (%s: %s)",
				  printable(jv_gets(t->end, "known_issue", "")),
				  jv_gets(t->end, "status", ""),
				  printable(reason));
		else if (o == O_INTERRUPTED && !t->end)
			sb_puts(&b, "did not finish");
		else if (o == O_NOTRUN)
			sb_puts(&b, "-");
		else
			sb_puts(&b, printable(reason));
		if (jv_gets(t->end, "known_issue_not_seen", NULL))
			sb_printf(&b, "%sknown issue did not show up",
				  b.len ? "; " : "");
		room = cols - namew - RESULT_TIME_COLS;
		if (room < REASON_MIN_COLS)
			room = REASON_MIN_COLS;
		if (b.len > (size_t)room) {
			b.len = room - strlen("...");
			b.s[b.len] = '\0';
			sb_puts(&b, "...");
		}
		if (t->end)
			printf("%-*s  %-11s %7.1fs%s%s\n", namew, printable(t->label),
			       jtest_result(t), jv_getn(t->end, "duration", 0),
			       b.len ? "  " : "", sb_str(&b));
		else
			printf("%-*s  %-11s %8s%s%s\n", namew, printable(t->label),
			       jtest_result(t), "-", b.len ? "  " : "",
			       sb_str(&b));
	}

	for (i = 0; i < (int)r->j.nevents; i++) {
		const struct jv *ev = r->j.events[i], *line;
		int seq;

		if (strcmp(jv_gets(ev, "event", ""), "kmsg"))
			continue;
		line = jv_at(jv_get(ev, "lines"), 0);
		seq = jv_getn(ev, "before_seq", 0);
		if (seq > 0)
			printf("kernel log trouble between tests (before test %d): %s\n",
			       seq, printable(line && line->t == J_STR ?
					      line->str : "?"));
		else
			printf("kernel log trouble after the last test: %s\n",
			       printable(line && line->t == J_STR ?
					 line->str : "?"));
	}

	printf("\n%d test%s: %d passed, %d failed", r->j.ntests,
	       r->j.ntests == 1 ? "" : "s", counts[O_PASS], counts[O_FAIL]);
	if (counts[O_BROK])
		printf(", %d broken", counts[O_BROK]);
	if (counts[O_WARN])
		printf(", %d with warnings", counts[O_WARN]);
	if (counts[O_CONF])
		printf(", %d skipped (TCONF)", counts[O_CONF]);
	if (counts[O_KNOWN])
		printf(", %d known issue%s", counts[O_KNOWN],
		       counts[O_KNOWN] > 1 ? "s" : "");
	if (counts[O_INTERRUPTED])
		printf(", %d interrupted", counts[O_INTERRUPTED]);
	if (counts[O_NOTRUN])
		printf(", %d not run", counts[O_NOTRUN]);
	if (run_not_queued(r))
		printf(", %d never queued", run_not_queued(r));
	printf("; %.1fs in tests\n", total);
	if (r->reports_missing)
		printf("reports not written (see above); journal %s/%s\n",
		       r->dir, JOURNAL_NAME);
	else
		printf("results: %s/results.json %s/junit.xml (journal %s/%s)\n",
		       r->dir, r->dir, r->dir, JOURNAL_NAME);
	if (counts[O_NOTRUN])
		printf("continue the run with: fzrun --resume %s\n", r->dir);
	fflush(stdout);
	sb_free(&b);
}
