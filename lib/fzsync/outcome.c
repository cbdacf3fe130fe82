// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Outcomes reported by the test steer the delays.
 */
#include <math.h>

#include "fzsync.h"

/* During sampling one outcome moves the bias by this share of the range */
#define BIAS_STEP_SHARE	(1.0f / 64)

static const enum fzsync_outcome_idx ctl_outcome[] = {
	[TST_FZSYNC_A_EARLY] = FZSYNC_OUT_A_EARLY,
	[TST_FZSYNC_B_EARLY] = FZSYNC_OUT_B_EARLY,
	[TST_FZSYNC_HIT] = FZSYNC_OUT_HIT,
};

/*
 * While sampling, B_EARLY means B must start later and A_EARLY earlier:
 * the bias walks towards the offset where the order flips, so the
 * sections are measured while they overlap, as in the race proper.
 */
static void bias_step(struct tst_fzsync_pair *pair,
		      enum tst_fzsync_outcome outcome)
{
	float range = fabsf(pair->diff_sa.avg) + fabsf(pair->diff_sb.avg);
	int step = fzsync_delay_spins(range * BIAS_STEP_SHARE, pair->spin_ns);

	if (step < 1)
		step = 1;

	if (outcome == TST_FZSYNC_B_EARLY)
		pair->delay_bias += step;
	else if (outcome == TST_FZSYNC_A_EARLY)
		pair->delay_bias -= step;

	/* Before the next start barrier, so B sees it in this iteration */
	pair->delay = pair->delay_bias;
}

void tst_fzsync_pair_outcome(struct tst_fzsync_pair *pair,
			     enum tst_fzsync_outcome outcome)
{
	if ((unsigned int)outcome > TST_FZSYNC_HIT)
		tst_brk(TBROK, "fuzzy sync: invalid outcome %d", outcome);

	pair->outcomes[outcome]++;
	if (pair->priv->iteration_delayed)
		pair->outcomes_delayed[outcome]++;

	if (!pair->delaying) {
		bias_step(pair, outcome);
		return;
	}

	fzsync_ctl_outcome(&pair->priv->ctl, pair->offset_ns,
			   ctl_outcome[outcome]);
}

static double pct(long n, long total)
{
	return total ? 100.0 * n / total : 0;
}

int tst_fzsync_pair_outcome_info(struct tst_fzsync_pair *pair,
				 const char *a_early, const char *hit,
				 const char *b_early)
{
	const long *all = pair->outcomes, *late = pair->outcomes_delayed;
	long total = all[TST_FZSYNC_A_EARLY] + all[TST_FZSYNC_HIT] +
		     all[TST_FZSYNC_B_EARLY];

	tst_res(TINFO, "outcomes: %s %ld (%.1f%%), %s %ld (%.1f%%), %s %ld (%.1f%%); after sampling %ld/%ld/%ld",
		a_early, all[TST_FZSYNC_A_EARLY],
		pct(all[TST_FZSYNC_A_EARLY], total),
		hit, all[TST_FZSYNC_HIT], pct(all[TST_FZSYNC_HIT], total),
		b_early, all[TST_FZSYNC_B_EARLY],
		pct(all[TST_FZSYNC_B_EARLY], total),
		late[TST_FZSYNC_A_EARLY], late[TST_FZSYNC_HIT],
		late[TST_FZSYNC_B_EARLY]);
	tst_res(TINFO, "sections overlapped in %ld of %ld iterations, A ended first in %ld, B in %ld",
		pair->overlaps, pair->overlaps + pair->a_first + pair->b_first,
		pair->a_first, pair->b_first);

	return late[TST_FZSYNC_HIT] ||
	       (late[TST_FZSYNC_A_EARLY] && late[TST_FZSYNC_B_EARLY]);
}
