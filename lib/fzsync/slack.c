// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The race threads' timer slack.
 *
 * The kernel may end a thread's sleep up to its timer slack late, 50 us
 * by default, to batch wakeups. A racing section that sleeps (a nap that
 * lets the other side into its syscall, usleep(1) in LTP's
 * tst_fuzzy_sync03) then lasts up to that much longer and varies by as
 * much: fewer iterations per second, and a spread of offsets the delays
 * have to cover. The race threads sleep with the smallest slack the
 * kernel takes instead: thread A from the loop's reset to its end, and
 * thread B, created after the reset, inherits A's.
 */
#include <sys/prctl.h>

#include "fzsync.h"

/* The smallest slack: 0 would mean "back to the default" */
#define RACE_TIMER_SLACK_NS	1UL

void fzsync_slack_tighten(struct tst_fzsync_pair *pair)
{
	struct fzsync_slack *s = &pair->state->loop.slack;
	int before = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);

	if (before < 0 || prctl(PR_SET_TIMERSLACK, RACE_TIMER_SLACK_NS, 0, 0, 0))
		return;

	s->a_before_ns = before;
	s->tightened = 1;
}

void fzsync_slack_restore(struct tst_fzsync_pair *pair)
{
	struct fzsync_slack *s = &pair->state->loop.slack;

	if (!s->tightened)
		return;

	prctl(PR_SET_TIMERSLACK, (unsigned long)s->a_before_ns, 0, 0, 0);
	s->tightened = 0;
}
