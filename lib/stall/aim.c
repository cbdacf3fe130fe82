// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Aiming stalls at the end of a syscall (struct tst_stall_aim): where a
 * stall fell, the end tracked from it, delays drawn from a band before
 * it. Pure: no clock, no syscalls.
 */
#include <stdlib.h>

#include "tst_stall.h"

/* Steps per band: fine enough to stay inside it, quick to follow */
#define STEPS_PER_BAND	32
/* One delay in this many explores around the end */
#define EXPLORE_EVERY	4

void tst_stall_aim_init(struct tst_stall_aim *a, int64_t syscall_ns,
			int64_t band_ns, unsigned int seed)
{
	a->end_ns = syscall_ns;
	a->band_ns = band_ns > 0 ? band_ns : 1;
	a->step_ns = a->band_ns / STEPS_PER_BAND > 0 ?
		     a->band_ns / STEPS_PER_BAND : 1;
	a->seed = seed;
}

void tst_stall_aim_last_part(struct tst_stall_aim *a,
			     const struct tst_stall *s, int64_t syscall_ns,
			     int part, unsigned int seed)
{
	int64_t band = syscall_ns / part, spread = 2 * s->late_spread_ns;

	tst_stall_aim_init(a, s->arm_ns + syscall_ns,
			   band + (spread < band ? spread : band), seed);
}

int64_t tst_stall_aim_next(struct tst_stall_aim *a)
{
	int r = rand_r(&a->seed);
	int64_t lo = a->end_ns - a->band_ns, span = a->band_ns, d;

	a->exploring = r % EXPLORE_EVERY == 0;
	if (a->exploring)
		span += a->band_ns;
	d = lo + (int64_t)((double)rand_r(&a->seed) / ((double)RAND_MAX + 1) *
			   span);
	return d > 0 ? d : 0;
}

enum tst_stall_where tst_stall_where(const struct tst_stall *s,
				     int64_t start_ns, int64_t end_ns,
				     int64_t normal_ns)
{
	/* In the arming call, or between it and the syscall */
	if (s->armed_ns - s->call_ns > s->arm_ns + s->stall_ns / 2 ||
	    start_ns - s->armed_ns > s->stall_ns / 2)
		return TST_STALL_BEFORE;
	if (end_ns - start_ns > normal_ns + s->stall_ns / 2)
		return TST_STALL_INSIDE;
	return TST_STALL_AFTER;
}

void tst_stall_aim_result(struct tst_stall_aim *a, int64_t delay_ns,
			  enum tst_stall_where where)
{
	/*
	 * Only the delays drawn evenly around the end track it: there the
	 * two moves balance where half the stalls fall inside
	 */
	if (!a->exploring)
		return;
	/*
	 * A stall before the syscall at a delay past the end: the syscall
	 * began later than the end is tracked, so ends later still. Without
	 * this an end tracked below the way into the syscall, where every
	 * stall falls before it, would never move again.
	 */
	if ((where == TST_STALL_INSIDE || where == TST_STALL_BEFORE) &&
	    delay_ns >= a->end_ns)
		a->end_ns += a->step_ns;
	else if (where == TST_STALL_AFTER && delay_ns <= a->end_ns)
		a->end_ns -= a->step_ns;
	if (a->end_ns < a->step_ns)
		a->end_ns = a->step_ns;
}
