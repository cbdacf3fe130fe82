// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Outcomes reported by the test, and the bias of the delay while
 * sampling (LTP's tst_fzsync_pair_add_bias() and its automatic form).
 */
#include <math.h>

#include "fzsync.h"

/* During sampling one outcome moves the bias by this share of the
 * sections' lengths: the walk crosses the race in about this many steps */
#define BIAS_STEP_SHARE	(1.0f / 64)

/*
 * While sampling, B_EARLY means B must start later and A_EARLY earlier:
 * the bias walks towards the offset where the order flips, so the
 * sections are measured while they overlap, as in the race proper.
 */
static void bias_step(struct tst_fzsync_pair *pair, struct fzsync_state *st,
		      enum tst_fzsync_outcome outcome)
{
	const struct fzsync_timings *t = &st->loop.timings;
	float range = fabsf(t->diff_sa.avg) + fabsf(t->diff_sb.avg);
	int step = fzsync_delay_spins(range * BIAS_STEP_SHARE,
				      st->calib.spin_ns);

	if (step < 1)
		step = 1;

	if (outcome == TST_FZSYNC_B_EARLY)
		st->loop.delay_bias += step;
	else if (outcome == TST_FZSYNC_A_EARLY)
		st->loop.delay_bias -= step;

	/* Before the next start barrier, so B sees it in this iteration */
	pair->delay = st->loop.delay_bias;
}

void tst_fzsync_pair_outcome(struct tst_fzsync_pair *pair,
			     enum tst_fzsync_outcome outcome)
{
	struct fzsync_state *st = fzsync_state_of(pair);
	struct fzsync_loop *l = &st->loop;

	if ((unsigned int)outcome > TST_FZSYNC_HIT)
		tst_brk(TBROK, "fuzzy sync: invalid outcome %d", outcome);

	fzsync_split_add(&l->outcomes, outcome, l->phase.delaying);

	if (!l->phase.delaying) {
		bias_step(pair, st, outcome);
		return;
	}

	fzsync_ctl_outcome(&l->ctl, l->offset_ns, outcome);
}

void tst_fzsync_pair_add_bias(struct tst_fzsync_pair *pair, int change)
{
	struct fzsync_loop *l = &fzsync_state_of(pair)->loop;

	if (l->phase.samples_left > 0 && change) {
		l->delay_bias += change;
		l->test_bias = 1;
	}
}
