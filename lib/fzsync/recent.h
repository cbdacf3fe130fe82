/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The last sampling iterations: each side's section length and the
 * offset at which the sections started, kept raw so that the offset
 * range fixed at the end of sampling comes from robust statistics of
 * the state sampling ended in (a high quantile of the lengths, the
 * median offset), not from averages that one preempted section can
 * stretch a hundredfold. Pure: no clock, no I/O.
 */
#ifndef RECENT_H
#define RECENT_H

/*
 * Iterations kept: the state sampling ended in (after a bias walk, the
 * sections measured while they overlap), and enough of them that a 95th
 * percentile ignores two dozen outliers.
 */
#define FZSYNC_RECENT	512

struct fzsync_recent {
	/* Ring of the last samples: A's and B's lengths, B's release
	 * minus A's (the offset with no delays), ns */
	float len_a[FZSYNC_RECENT], len_b[FZSYNC_RECENT];
	float offset[FZSYNC_RECENT];
	/* Samples added in all */
	long n;
};

/* Add one sampling iteration */
void fzsync_recent_add(struct fzsync_recent *r, float len_a, float len_b,
		       float offset);

/*
 * What sampling ended with: the @q quantile (0..1) and the median of
 * each side's length, and the median release offset. 0 for all of them
 * without samples.
 */
struct fzsync_recent_stats {
	float len_a, len_b, offset;
	float median_a, median_b;
};

struct fzsync_recent_stats fzsync_recent_stats(const struct fzsync_recent *r,
					       float q);

/*
 * Whether one side's long sections wait for the other side: those longer
 * than @min_len that started in the side's own half of the offset range
 * (B's at offsets up to @mid, A's above it) end at about one time after
 * the other's start, however far from it they started. Such a section
 * (a read blocking until the other side writes) is long because it
 * started early, and starting it earlier only makes it wait longer.
 * Told by the slope of their end over their start (the medians of the
 * earlier and the later half): under 1/2 for a wait, where a long form
 * of fixed length has 1. Not by how the two spread: in a guest under
 * TCG a wait's end drifts with its start and spreads as much as its
 * length.
 * @side_b: non-zero for B's sections, zero for A's.
 */
int fzsync_recent_waits(const struct fzsync_recent *r, int side_b,
			float min_len, float mid);

#endif /* RECENT_H */
