// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Aiming stalls at the end of a syscall (struct tst_stall_aim): the end
 * tracked from where stalls fell, delays drawn from a band before it.
 * Pure: no clock, no syscalls.
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

int64_t tst_stall_aim_next(struct tst_stall_aim *a)
{
	int r = rand_r(&a->seed);
	int64_t lo = a->end_ns - a->band_ns, span = a->band_ns, d;

	if (r % EXPLORE_EVERY == 0)
		span += a->band_ns;
	d = lo + (int64_t)((double)rand_r(&a->seed) / ((double)RAND_MAX + 1) *
			   span);
	return d > 0 ? d : 0;
}

void tst_stall_aim_result(struct tst_stall_aim *a, int64_t delay_ns,
			  int inside)
{
	if (inside && delay_ns >= a->end_ns)
		a->end_ns += a->step_ns;
	else if (!inside && delay_ns <= a->end_ns)
		a->end_ns -= a->step_ns;
	if (a->end_ns < a->step_ns)
		a->end_ns = a->step_ns;
}
