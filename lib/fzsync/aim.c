// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Aimed delays: the offset range fixed when sampling ends, and each
 * iteration's aim (from the controller, offset_ctl.c) turned into a
 * delay of one side.
 *
 * The two sections overlap when B starts between len_b before A's start
 * and len_a after it: any point of A meets any point of B at some offset
 * in [-len_b, +len_a]. Offsets are measured from the moment each thread
 * left the start barrier, before its delay, so the averages describe the
 * race and not the delays the library added.
 */
#include <limits.h>
#include <math.h>

#include "fzsync.h"

/*
 * Sections whose length varies (a syscall that fails early when the
 * other side came first) reach well beyond their average: the range
 * extends this many average deviations past it.
 */
#define LEN_DEVS	2

/* The largest delay, in spins, either way: far beyond any runtime, and
 * its negation and sums with small corrections still fit an int */
#define DELAY_SPINS_MAX	(INT_MAX / 2)

float fzsync_rand01(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;

	/* The top 24 bits of xorshift64*: all a float holds */
	return (float)((x * 0x2545F4914F6CDD1DULL) >> 40) / (float)(1 << 24);
}

int fzsync_delay_spins(float shift_ns, float spin_ns)
{
	float spins = shift_ns / spin_ns;

	if (spins > DELAY_SPINS_MAX)
		return DELAY_SPINS_MAX;
	if (spins < -DELAY_SPINS_MAX)
		return -DELAY_SPINS_MAX;

	return (int)lrintf(spins);
}

void fzsync_aim_next(struct tst_fzsync_pair *pair)
{
	struct fzsync_state *st = pair->state;
	struct fzsync_loop *l = &st->loop;
	float u1 = fzsync_rand01(&l->aim.rand_state);
	float u2 = fzsync_rand01(&l->aim.rand_state);
	float aim, shift;
	int mode, side;

	aim = l->aim.aim_ns = fzsync_ctl_aim(&l->ctl, u1, u2);
	shift = aim - l->aim.release_offset;
	side = shift > 0 ? FZSYNC_SIDE_B : FZSYNC_SIDE_A;
	mode = side == FZSYNC_SIDE_B ? FZSYNC_DELAY_B : 0;

	/* |aim| is how far after the other side's start this side starts;
	 * a timed delay can only make offsets after that start */
	if (!pair->yield_in_wait &&
	    fabsf(aim) >= fzsync_timed_min_ns(&l->calib, &st->calib, side) &&
	    (aim > 0) == (side == FZSYNC_SIDE_B))
		mode |= FZSYNC_DELAY_TIMED;

	/* Each way of delaying has its own systematic error */
	l->aim.mode = mode;
	shift -= l->ctl.correction[mode];

	pair->delay = fzsync_delay_spins(shift, l->calib.spin_ns[shift > 0]);
	pair->delay_timed = !!(mode & FZSYNC_DELAY_TIMED);
	pair->target_ns = lrintf(aim - l->ctl.correction[mode]);
}

void fzsync_start_delays(struct tst_fzsync_pair *pair)
{
	struct fzsync_state *st = pair->state;
	struct fzsync_loop *l = &st->loop;
	const struct fzsync_timings *t = &l->timings;
	float len_a = fmaxf(t->diff_sa.avg + LEN_DEVS * t->diff_sa.avg_dev, 0);
	float len_b = fmaxf(t->diff_sb.avg + LEN_DEVS * t->diff_sb.avg_dev, 0);

	fzsync_calib_start(&l->calib, &st->calib);
	/* diff_ss is A's start minus B's when neither is delayed */
	l->aim.release_offset = -t->diff_ss.avg;
	fzsync_ctl_start(&l->ctl, -len_b, len_a,
			 fzsync_resolution_ns(&st->calib));
	fzsync_aim_next(pair);
}
