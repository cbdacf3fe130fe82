// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Moving averages of the race timings.
 */
#include <math.h>

#include "fzsync.h"

void fzsync_stat_update(struct tst_fzsync_stat *s, float alpha, float sample,
			int first)
{
	if (first) {
		s->avg = sample;
		s->avg_dev = 0;
		return;
	}

	s->avg += alpha * (sample - s->avg);
	s->avg_dev += alpha * (fabsf(sample - s->avg) - s->avg_dev);
}

void fzsync_stat_ratio(struct tst_fzsync_stat *s, float scale)
{
	s->dev_ratio = s->avg_dev / fmaxf(fabsf(scale), 1.0f);
}

int fzsync_stats_settled(const struct tst_fzsync_pair *pair, float max_dev)
{
	return pair->diff_ss.dev_ratio <= max_dev &&
	       pair->diff_sa.dev_ratio <= max_dev &&
	       pair->diff_sb.dev_ratio <= max_dev &&
	       pair->diff_ab.dev_ratio <= max_dev &&
	       pair->spins_avg.dev_ratio <= max_dev;
}
