// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the user sees while a run goes on: on a terminal one live
 * progress line (tests that did not pass are printed above it as they
 * finish), otherwise one line per finished test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "fzrun.h"

/* A terminal narrower than this is taken for one that reports nonsense */
#define TERM_MIN_COLS		20
#define TERM_DEFAULT_COLS	80

int term_cols(void)
{
	struct winsize ws;

	if (!ioctl(1, TIOCGWINSZ, &ws) && ws.ws_col >= TERM_MIN_COLS)
		return ws.ws_col;
	return TERM_DEFAULT_COLS;
}

/* The progress line is redrawn at most this often */
#define REDRAW_S		0.1

void ui_init(struct ui *u, const struct run *r, int verbose, int quiet)
{
	int i;

	memset(u, 0, sizeof(*u));
	u->verbose = verbose;
	u->tty = isatty(1) && !verbose && !quiet;
	u->total = r->j.ntests;
	for (i = 0; i < r->j.ntests; i++)
		if (r->j.tests[i].end)
			u->counts[jtest_outcome(&r->j.tests[i])]++;
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

	sb_printf(&b, "[%d/%d] %s  %.1fs  ", u->index, u->total,
		  printable(u->name), now_mono() - u->t0);
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

void ui_begin(struct ui *u, const struct jtest *t)
{
	u->name = t->label;
	u->index = t->seq;
	u->t0 = now_mono();
	if (u->tty)
		draw(u);
	if (u->verbose) {
		printf("=== [%d/%d] %s: %s\n", u->index, u->total,
		       printable(u->name),
		       printable(jv_gets(t->queued, "command", "")));
		fflush(stdout);
	}
}

void ui_tick(void *arg)
{
	struct ui *u = arg;

	if (u->tty && now_mono() - u->drawn >= REDRAW_S)
		draw(u);
}

/*
 * A test's output, streamed: escapes and other control characters are
 * shown as \xNN, not played on the terminal. A UTF-8 character cut by
 * the end of a read waits for the rest.
 */
void ui_output(struct ui *u, const char *buf, size_t n)
{
	struct sbuf in = {0}, out = {0};
	size_t whole, k;

	if (!u->verbose)
		return;
	sb_add(&in, u->carry, u->ncarry);
	sb_add(&in, buf, n);
	whole = in.len;
	for (k = 1; k < UTF8_MAX && k <= in.len; k++) {
		unsigned char c = in.s[in.len - k];

		if ((c & 0xc0) == 0x80)
			continue;
		/* a lead byte: is its sequence longer than what is there? */
		if (c >= 0xc0 && (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > (int)k)
			whole = in.len - k;
		break;
	}
	u->ncarry = in.len - whole;
	memcpy(u->carry, in.s + whole, u->ncarry);
	sb_printable(&out, in.s, whole, 1);
	if (out.len)
		fwrite(out.s, 1, out.len, stdout);
	fflush(stdout);
	sb_free(&in);
	sb_free(&out);
}

static void test_line(const struct jtest *t, int index, int total)
{
	const char *reason = jv_gets(t->end, "reason", "");

	printf("[%d/%d] %s  %s  %.1fs%s%s\n", index, total, printable(t->label),
	       jtest_result(t), jv_getn(t->end, "duration", 0),
	       *reason ? "  " : "", printable(reason));
}

void ui_end(struct ui *u, const struct jtest *t)
{
	enum outcome o = jtest_outcome(t);

	u->counts[o]++;
	ui_clear(u);
	if (!u->tty || outcome_bad(o) || o == O_KNOWN)
		test_line(t, t->seq, u->total);
	fflush(stdout);
}
