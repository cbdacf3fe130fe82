// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * How long a stall is and when it begins, from clock reads; the layout
 * and size of its wait queue, and the calibration's steps. Pure: no
 * clock, no syscalls.
 */
#include <stdlib.h>

#include "tst_stall.h"
#include "stall.h"

void stall_layout(int waiters, int *nepoll, int *ndups)
{
	int e = 1, d;

	if (waiters < 1)
		waiters = 1;
	/* e + d is smallest for e * (d + 1) >= waiters near a square */
	while ((long)e * e < waiters)
		e++;
	d = (waiters + e - 1) / e - 1;
	*nepoll = e;
	*ndups = d;
}

int64_t stall_gap(const int64_t *t, int n, int64_t armed, int64_t *start)
{
	int64_t best = 0;
	int i;

	*start = 0;
	for (i = 1; i < n; i++) {
		if (t[i] - t[i - 1] > best) {
			best = t[i] - t[i - 1];
			*start = t[i - 1] - armed;
		}
	}
	return best;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int64_t stall_percentile(int64_t *v, int n, int pct)
{
	if (n < 1)
		return 0;
	qsort(v, n, sizeof(*v), cmp64);
	return v[(long)(n - 1) * pct / 100];
}

int stall_resize(int waiters, int64_t got_ns, int64_t want_ns)
{
	long w;

	if (got_ns <= 0 || got_ns * 10 < want_ns)
		w = 2L * waiters;
	else
		w = (long)((double)waiters * want_ns / got_ns * 1.2) + 1;
	if (w < waiters && got_ns < want_ns)
		w = waiters + 1;
	if (w < TST_STALL_MIN_WAITERS)
		w = TST_STALL_MIN_WAITERS;
	if (w > TST_STALL_MAX_WAITERS)
		w = TST_STALL_MAX_WAITERS;
	return w;
}

int stall_next_trial(const struct stall_trial *t, int n, int max_trials,
		     int64_t want_ns, enum stall_end *end)
{
	const struct stall_trial *last = &t[n - 1];
	/* The first measurement of its size, and the smaller one before */
	const struct stall_trial *base =
		n > 1 && t[n - 2].waiters != last->waiters ? &t[n - 2] : NULL;

	*end = STALL_LONG_ENOUGH;
	if (last->stall_ns >= want_ns)
		return 0;

	if (base && base->stall_ns >= last->stall_ns) {
		/*
		 * A larger queue cannot stall for less: one of the two
		 * measurements is wrong. The larger is measured again; if
		 * the repeat agrees, the smaller measured too long (the host
		 * took the CPU in most of its rounds) and the queue grows
		 * from the repeat.
		 */
		if (n < max_trials)
			return last->waiters;
	} else if (last->waiters >= TST_STALL_MAX_WAITERS) {
		*end = STALL_LARGEST;
		return 0;
	} else if (n < max_trials) {
		return stall_resize(last->waiters, last->stall_ns, want_ns);
	}
	*end = STALL_OUT_OF_TRIALS;
	return 0;
}
