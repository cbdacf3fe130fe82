// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_fzsync_pair_update(): the accounting of one iteration, by thread A
 * after the end barrier. It folds the timings into the moving averages,
 * counts which section ended first, and after sampling keeps the
 * calibration honest, records the offset the iteration had with the
 * controller and aims the next one. Phase changes are not decided here
 * but at the start of the next iteration (tst_fzsync_pair_next()).
 */
#include <stdlib.h>

#include "fzsync.h"

static void account_timings(struct tst_fzsync_pair *pair,
			    struct fzsync_loop *l, int delaying)
{
	/* Where each thread left the start barrier, before its delay */
	int64_t a_release = pair->a_start - pair->a_delay_ns;
	int64_t b_release = pair->b_start - pair->b_delay_ns;
	float len_a, len_b;

	len_a = pair->a_end - pair->a_start;
	len_b = pair->b_end - pair->b_start;

	/* As LTP's: the averages describe sampling, delays do not move
	 * them; the delayed sections only tell whether the range holds
	 * them */
	if (delaying) {
		fzsync_range_watch(pair, len_a, len_b,
				   pair->b_start - pair->a_start);
		return;
	}
	fzsync_timings_add(&l->timings, pair->avg_alpha, a_release - b_release,
			   len_a, len_b, pair->a_end - pair->b_end,
			   pair->spins);
	fzsync_recent_add(&l->recent, len_a, len_b, b_release - a_release);
}

/* A spun delay, timed by the side that spun it, calibrates that side */
static void account_spins(struct tst_fzsync_pair *pair,
			  struct fzsync_state *st)
{
	int side = pair->delay > 0 ? FZSYNC_SIDE_B : FZSYNC_SIDE_A;

	if (pair->delay_timed)
		return;

	fzsync_calib_spun(&st->calib, &st->loop.calib, side, abs(pair->delay),
			  side == FZSYNC_SIDE_B ? pair->b_delay_ns :
						  pair->a_delay_ns);
}

/* The spun ends of this iteration's timed waits, delay or lead, time
 * each side's delay loop */
static void account_tails(struct tst_fzsync_pair *pair,
			  struct fzsync_state *st)
{
	fzsync_calib_tail(&st->calib, &st->loop.calib, FZSYNC_SIDE_A,
			  &pair->a_tail);
	fzsync_calib_tail(&st->calib, &st->loop.calib, FZSYNC_SIDE_B,
			  &pair->b_tail);
}

/* A timed delay measured the floor of its side */
static void account_wait(struct tst_fzsync_pair *pair, struct fzsync_loop *l)
{
	int side = l->aim.mode & FZSYNC_DELAY_B ? FZSYNC_SIDE_B : FZSYNC_SIDE_A;

	if (!(l->aim.mode & FZSYNC_DELAY_TIMED))
		return;

	fzsync_calib_waited(&l->calib, side, side == FZSYNC_SIDE_B ?
			    pair->b_seen_ns : pair->a_seen_ns);
}

void tst_fzsync_pair_update(struct tst_fzsync_pair *pair)
{
	struct fzsync_state *st = pair->state;
	struct fzsync_loop *l = &st->loop;
	int delaying = l->phase.delaying;

	account_timings(pair, l, delaying);
	l->accounted = 1;
	fzsync_split_add(&l->sections, tst_fzsync_pair_section_outcome(pair),
			 delaying);
	l->offset_ns = pair->b_start - pair->a_start;

	if (!delaying) {
		if (fzsync_phase_sampled(&l->phase))
			tst_res(TINFO, "Minimum sampling period ended");
		pair->delay = l->delay_bias;
		return;
	}

	account_spins(pair, st);
	account_tails(pair, st);
	fzsync_ctl_record(&l->ctl, l->aim.aim_ns, l->offset_ns, l->aim.mode);
	account_wait(pair, l);
	if (pair->coverage > 0 && fzsync_ctl_covered(&l->ctl, pair->coverage))
		l->covered = 1;

	fzsync_aim_next(pair);
}
