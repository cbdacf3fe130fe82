// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Moving averages of the race timings: exponential averages with their
 * average absolute deviations, and when they have settled.
 */
#include <math.h>

#include "fzsync.h"

/*
 * Smallest scale of the end-barrier spin count's deviation ratio: when
 * the threads arrive together the end barrier spins a handful of times,
 * and a deviation of a few spins says nothing.
 */
#define SPINS_SCALE_MIN	100

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

void fzsync_timings_add(struct fzsync_timings *t, float alpha, float ss,
			float sa, float sb, float ab, float spins)
{
	int first = !t->samples++;
	float scale;

	fzsync_stat_update(&t->diff_ss, alpha, ss, first);
	fzsync_stat_update(&t->diff_sa, alpha, sa, first);
	fzsync_stat_update(&t->diff_sb, alpha, sb, first);
	fzsync_stat_update(&t->diff_ab, alpha, ab, first);
	fzsync_stat_update(&t->spins_avg, alpha, spins, first);

	/* Offsets matter relative to the sections they shift, not to
	 * themselves: an average offset near zero is the common case */
	scale = (fabsf(t->diff_sa.avg) + fabsf(t->diff_sb.avg)) / 2;
	fzsync_stat_ratio(&t->diff_ss, scale);
	fzsync_stat_ratio(&t->diff_ab, scale);
	fzsync_stat_ratio(&t->diff_sa, t->diff_sa.avg);
	fzsync_stat_ratio(&t->diff_sb, t->diff_sb.avg);
	fzsync_stat_ratio(&t->spins_avg, fmaxf(t->spins_avg.avg,
					       SPINS_SCALE_MIN));
}

int fzsync_timings_settled(const struct fzsync_timings *t, float max_dev)
{
	return t->diff_ss.dev_ratio <= max_dev &&
	       t->diff_sa.dev_ratio <= max_dev &&
	       t->diff_sb.dev_ratio <= max_dev &&
	       t->diff_ab.dev_ratio <= max_dev &&
	       t->spins_avg.dev_ratio <= max_dev;
}
