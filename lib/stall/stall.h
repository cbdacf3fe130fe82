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

#endif /* STALL_H */
