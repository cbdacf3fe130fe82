// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the user sees: on a terminal one live progress line (tests that
 * did not pass are printed above it as they finish), otherwise one line
 * per finished test; and the summary table at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "fzrun.h"

static int term_cols(void)
{
	struct winsize ws;

	if (!ioctl(1, TIOCGWINSZ, &ws) && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static const char *result_text(const struct test *t, enum outcome o)
{
	if (o == O_KNOWN)
		return "known";
	if (o == O_BROK && jv_getb(t->end, "timed_out"))
		return "timeout";
	return outcome_names[o];
}

void ui_init(struct ui *u, const struct run *r, int verbose, int quiet)
{
	int i;

	memset(u, 0, sizeof(*u));
	u->verbose = verbose;
	u->tty = isatty(1) && !verbose && !quiet;
	u->total = r->ntests;
	for (i = 0; i < r->ntests; i++)
		if (r->tests[i].end)
			u->counts[test_outcome(&r->tests[i])]++;
}

static void counts_text(const struct ui *u, struct sbuf *b)
{
	static const enum outcome order[] = {
		O_PASS, O_FAIL, O_BROK, O_WARN, O_CONF, O_KNOWN, O_INTERRUPTED
	};
	size_t i;

	sb_printf(b, "pass %d fail %d", u->counts[O_PASS], u->counts[O_FAIL]);
	for (i = 2; i < sizeof(order) / sizeof(order[0]); i++)
		if (u->counts[order[i]])
			sb_printf(b, " %s %d", outcome_names[order[i]],
				  u->counts[order[i]]);
}

static void draw(struct ui *u)
{
	struct sbuf b = {0};
	int cols = term_cols();

	sb_printf(&b, "[%d/%d] %s  %.1fs  ", u->index, u->total, u->name,
		  now_mono() - u->t0);
	counts_text(u, &b);
	if ((int)b.len >= cols)
		b.s[cols - 1] = '\0';
	printf("\r\033[K%s", b.s);
	fflush(stdout);
	u->shown = 1;
	u->drawn = now_mono();
	sb_free(&b);
}

void ui_clear(struct ui *u)
{
	if (u->tty && u->shown) {
		printf("\r\033[K");
		fflush(stdout);
		u->shown = 0;
	}
}

void ui_begin(struct ui *u, const struct test *t)
{
	static struct sbuf label;

	sb_reset(&label);
	test_label(t, &label);
	u->name = label.s;
	u->index = t->seq;
	u->t0 = now_mono();
	if (u->tty)
		draw(u);
	if (u->verbose) {
		printf("=== [%d/%d] %s: %s\n", u->index, u->total, u->name,
		       jv_gets(t->queued, "command", ""));
		fflush(stdout);
	}
}

void ui_tick(void *arg)
{
	struct ui *u = arg;

	if (u->tty && now_mono() - u->drawn >= 0.1)
		draw(u);
}

void ui_output(struct ui *u, const char *buf, size_t n)
{
	if (!u->verbose || fwrite(buf, 1, n, stdout) != n)
		return;
	fflush(stdout);
}

static void test_line(const struct test *t, enum outcome o, int index,
		      int total)
{
	const char *reason = jv_gets(t->end, "reason", "");
	struct sbuf label = {0};

	test_label(t, &label);
	printf("[%d/%d] %s  %s  %.1fs%s%s\n", index, total, label.s,
	       result_text(t, o), jv_getn(t->end, "duration", 0),
	       *reason ? "  " : "", reason);
	sb_free(&label);
}

void ui_end(struct ui *u, const struct test *t)
{
	enum outcome o = test_outcome(t);

	u->counts[o]++;
	ui_clear(u);
	if (!u->tty || outcome_bad(o) || o == O_KNOWN)
		test_line(t, o, t->seq, u->total);
	fflush(stdout);
}

void ui_summary(const struct run *r)
{
	int counts[O_NR] = {0}, i, namew = 4, tty = isatty(1);
	int cols = tty ? term_cols() : 160;
	double total = 0;
	struct sbuf b = {0};

	for (i = 0; i < r->ntests; i++) {
		struct sbuf l = {0};

		test_label(&r->tests[i], &l);
		if ((int)l.len > namew)
			namew = l.len;
		sb_free(&l);
	}
	if (namew > 40)
		namew = 40;

	printf("\n%-*s  %-11s %8s  %s\n", namew, "NAME", "RESULT", "TIME",
	       "REASON");
	for (i = 0; i < r->ntests; i++) {
		const struct test *t = &r->tests[i];
		enum outcome o = test_outcome(t);
		const char *reason = jv_gets(t->end, "reason", "");
		struct sbuf l = {0};
		int room;

		counts[o]++;
		total += jv_getn(t->end, "duration", 0);
		sb_reset(&b);
		if (o == O_KNOWN)
			sb_printf(&b, "known issue: %s (%s: %s)",
				  jv_gets(t->end, "known_issue", ""),
				  jv_gets(t->end, "status", ""), reason);
		else if (o == O_INTERRUPTED && !t->end)
			sb_puts(&b, "did not finish");
		else if (o == O_NOTRUN)
			sb_puts(&b, "-");
		else
			sb_puts(&b, reason);
		if (jv_gets(t->end, "known_issue_not_seen", NULL))
			sb_printf(&b, "%sknown issue did not show up",
				  b.len ? "; " : "");
		room = cols - namew - 24;
		if (room < 20)
			room = 20;
		if (b.len > (size_t)room) {
			b.len = room - 3;
			b.s[b.len] = '\0';
			sb_puts(&b, "...");
		}
		test_label(t, &l);
		if (t->end)
			printf("%-*s  %-11s %7.1fs%s%s\n", namew, l.s,
			       result_text(t, o), jv_getn(t->end, "duration", 0),
			       b.len ? "  " : "", sb_str(&b));
		else
			printf("%-*s  %-11s %8s%s%s\n", namew, l.s,
			       result_text(t, o), "-", b.len ? "  " : "",
			       sb_str(&b));
		sb_free(&l);
	}

	for (i = 0; i < (int)r->nevents; i++) {
		const struct jv *ev = r->events[i], *line;
		int seq;

		if (strcmp(jv_gets(ev, "event", ""), "kmsg"))
			continue;
		line = jv_at(jv_get(ev, "lines"), 0);
		seq = jv_getn(ev, "before_seq", 0);
		if (seq > 0)
			printf("kernel log trouble between tests (before test %d): %s\n",
			       seq, line && line->t == J_STR ? line->str : "?");
		else
			printf("kernel log trouble after the last test: %s\n",
			       line && line->t == J_STR ? line->str : "?");
	}

	printf("\n%d test%s: %d passed, %d failed", r->ntests,
	       r->ntests == 1 ? "" : "s", counts[O_PASS], counts[O_FAIL]);
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
	printf("; %.1fs in tests\n", total);
	printf("results: %s/results.json %s/junit.xml (journal %s/%s)\n",
	       r->dir, r->dir, r->dir, JOURNAL_NAME);
	if (counts[O_NOTRUN])
		printf("continue the run with: fzrun --resume %s\n", r->dir);
	fflush(stdout);
	sb_free(&b);
}
