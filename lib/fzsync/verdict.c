// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_fzsync_pair_verdict(): how every reproducer ends. The split of the
 * outcomes, the sections' overlap counts, and a verdict that refuses a
 * TPASS to a run whose racing syscalls never met.
 */
#include <stdarg.h>
#include <stdio.h>

#include "fzsync.h"

/* Longest TPASS message */
#define PASS_MSG_MAX	1024

/*
 * The racy parts overlapped, or came in both orders, in some iteration:
 * sampling included, its iterations ran the racing syscalls too. A
 * test that never saw that did not race, whatever the kernel.
 */
static int crossed(const struct fzsync_split *s)
{
	const long *all = s->all;

	return all[TST_FZSYNC_HIT] ||
	       (all[TST_FZSYNC_A_EARLY] && all[TST_FZSYNC_B_EARLY]);
}

int tst_fzsync_pair_verdict_(const char *file, const int lineno,
			     struct tst_fzsync_pair *pair,
			     const char *a_early, const char *hit,
			     const char *b_early, const char *pass_fmt, ...)
{
	struct fzsync_loop *l = &fzsync_state_of(pair)->loop;
	const struct fzsync_split *s;
	char msg[PASS_MSG_MAX];
	va_list va;

	/* The test may have left the loop early */
	fzsync_end_loop(pair);

	/* A test that reports no outcomes: the sections' timestamps */
	s = fzsync_split_total(l->outcomes.all) ? &l->outcomes : &l->sections;
	fzsync_report_split(file, lineno, s, a_early, hit, b_early);

	if (tst_res_count(TFAIL) + tst_res_count(TBROK) > l->failures_before)
		return 0;

	if (!crossed(s)) {
		tst_res_(file, lineno, TBROK,
			 "racing syscalls never overlapped: in %ld iterations no '%s' and not both '%s' and '%s'",
			 fzsync_split_total(s->all), hit, a_early, b_early);
		return 0;
	}

	va_start(va, pass_fmt);
	vsnprintf(msg, sizeof(msg), pass_fmt, va);
	va_end(va);
	tst_res_(file, lineno, TPASS, "%s", msg);
	return 1;
}
