/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stall's private header: its pure parts, which the unit tests
 * drive with made-up numbers.
 *
 *	stall.c		the timer, its wait queue, arming, waiting
 *	measure.c	how long a stall is and when it begins (pure)
 *	aim.c		aiming stalls at the end of a syscall (pure, its
 *			functions are public: include/tst_stall.h)
 */
#ifndef STALL_H
#define STALL_H

#include <stdint.h>

/*
 * stall_layout() - Epoll instances and timer duplicates for @waiters
 * wait queue entries: each epoll instance watches the timer and each
 * duplicate, so @nepoll * (@ndups + 1) entries cost @nepoll + @ndups
 * descriptors. The fewest descriptors with at least @waiters entries.
 */
void stall_layout(int waiters, int *nepoll, int *ndups);

/*
 * stall_gap() - The stall in one calibration round: the longest gap
 * between consecutive clock reads @t[0..n-1], taken after arming at
 * @armed. Sets *@start to its beginning after @armed and returns its
 * length, ns; 0 without a gap.
 */
int64_t stall_gap(const int64_t *t, int n, int64_t armed, int64_t *start);

/* stall_percentile() - The @pct percentile of @v[0..n-1]; sorts @v */
int64_t stall_percentile(int64_t *v, int n, int pct);

/*
 * stall_resize() - Entries for a stall of @want_ns, given that @waiters
 * entries stalled @got_ns: the cost scales with the entries; a fifth
 * more for the spread, at least twice as many while @got_ns is below a
 * tenth of @want_ns (the interrupt's own cost dominates), clamped to
 * [TST_STALL_MIN_WAITERS, TST_STALL_MAX_WAITERS].
 */
int stall_resize(int waiters, int64_t got_ns, int64_t want_ns);

/**
 * struct stall_trial - One size of the wait queue that the calibration
 *                      measured, and its stall.
 * @waiters: Entries.
 * @stall_ns: Length of its stall.
 */
struct stall_trial {
	int waiters;
	int64_t stall_ns;
};

/**
 * enum stall_end - Why a calibration ended.
 * @STALL_LONG_ENOUGH: The last size's stall is as long as wanted.
 * @STALL_LARGEST: The largest queue is still shorter.
 * @STALL_OUT_OF_TRIALS: The measurements ran out before a long enough
 *                       size.
 */
enum stall_end {
	STALL_LONG_ENOUGH,
	STALL_LARGEST,
	STALL_OUT_OF_TRIALS,
};

/*
 * stall_next_trial() - The calibration's next step after the trials
 * @t[0..n-1], for a stall of @want_ns in at most @max_trials trials.
 *
 * Grows the queue with stall_resize() from the last trial. A size that
 * measured no longer than the smaller one it was grown from is measured
 * once more before it is grown from, as one of the two measurements is
 * wrong: either its stall was not seen, or the smaller one's rounds were
 * lengthened by the host. The calibration ends on a long enough stall,
 * at the largest queue, or when the trials run out, always with the last
 * trial, the largest queue measured.
 *
 * Return: the entries to measure next, or 0 when the calibration ends
 * with the last trial; then *@end says why.
 */
int stall_next_trial(const struct stall_trial *t, int n, int max_trials,
		     int64_t want_ns, enum stall_end *end);

#endif /* STALL_H */
