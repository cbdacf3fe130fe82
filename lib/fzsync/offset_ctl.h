/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The offset controller: which start offset each iteration aims at.
 *
 * An offset is B's section start minus A's, in ns. The controller splits
 * the overlap range [-len_b, +len_a] into bins, records the offset each
 * iteration really had, and aims the next one
 *  - at the bin with the fewest offsets so far (stratified exploration),
 *    or, a share of those aims, at the natural alignment: no delay at
 *    all, the offset the threads have on their own,
 *  - or, once the test reports outcomes, near the offset where the order
 *    of the two racy parts flips, exploring the rest 1 time in 8.
 */
#ifndef OFFSET_CTL_H
#define OFFSET_CTL_H

#include <stdint.h>

#include "tst_fuzzy_sync.h"

/* Bins of the offset range: enough to resolve a window a resolution
 * wide in ranges of a few hundred resolutions, few enough to fill them
 * all in a short run; at least a handful, so a short range still shows
 * where the order flips */
#define FZSYNC_BINS_MAX		256
#define FZSYNC_BINS_MIN		8
/* Exploration share once the controller has a focus: 1 in this many */
#define FZSYNC_EXPLORE_EVERY	8
/*
 * Exploration aims that make no delay: 1 in this many. A race whose
 * window is at the threads' natural alignment (critical parts at the
 * same place in both sections, and often in real races, where an
 * undelayed loop is what finds them) is then hit at a quarter of an
 * undelayed loop's rate, however wide the range; the stratified aims
 * keep three quarters of their coverage of it. The natural offset is
 * not one offset but the threads' own spread around it, which only
 * undelayed iterations have.
 */
#define FZSYNC_NATURAL_EVERY	4
/* Outcome counts are halved after this many, to follow a moving window */
#define FZSYNC_OUTCOME_HALFLIFE	512
/* Outcomes between two recomputations of the focus */
#define FZSYNC_FOCUS_EVERY	8

/* Ways of delaying, each with its own aim correction */
#define FZSYNC_DELAY_B		1	/* B waits, not A */
#define FZSYNC_DELAY_TIMED	2	/* until the other's start + target */
#define FZSYNC_DELAY_MODES	4

/* Outcomes are enum tst_fzsync_outcome, counted per bin */
#define FZSYNC_OUTCOMES		(TST_FZSYNC_HIT + 1)

struct fzsync_ctl {
	float lo, bin_ns;
	int nbins;
	/* B's start minus A's when neither thread delays */
	float natural;

	/* Realised offsets per bin, and outcomes per bin: all of them for
	 * the report, and decayed ones for the focus */
	uint32_t seen[FZSYNC_BINS_MAX];
	uint32_t outcomes[FZSYNC_OUTCOMES][FZSYNC_BINS_MAX];
	float recent[FZSYNC_OUTCOMES][FZSYNC_BINS_MAX];
	uint32_t below, above;	/* realised offsets outside the range */
	/* Realised offsets per bin of the undelayed iterations, which
	 * seen[] leaves out; and how many they were */
	uint32_t undelayed_seen[FZSYNC_BINS_MAX];
	uint32_t undelayed_n;
	/* The smallest count of seen[], and how many bins hold it: the
	 * emptiest bins are found and coverage is known without a scan */
	uint32_t min_seen;
	int at_min;

	/* Subtracted from aims to cancel the delays' systematic error, one
	 * per way of delaying; and the median size of the error that remains */
	float correction[FZSYNC_DELAY_MODES];
	float err_dev;
	long aimed;

	unsigned long noutcomes;
	int have_focus;
	float focus, focus_width;
	/* Where the recent hits were: a moving average of their realised
	 * offsets and of their deviation, and their decayed count */
	float hit_mean, hit_dev, hits_recent;
	/* Aims at the hits that missed in a row */
	int hit_misses;
	/* Hits and outcomes, decayed, of undelayed iterations and of aims
	 * at the hits: the better of the two takes the focused aims */
	float natural_hits, natural_tries, at_hits_hits, at_hits_tries;
	int recorded_undelayed;
	/* The aim was at the hits; and so was the one last recorded */
	int at_hits, recorded_at_hits;
	int explore;	/* the last aim was exploration */
	int undelayed;	/* ... at the natural alignment: make no delay */
};

/* Reset @ctl for the range [@lo, @hi] ns at @resolution_ns; @natural is
 * the offset the threads have without delays */
void fzsync_ctl_start(struct fzsync_ctl *ctl, float lo, float hi,
		      float natural, float resolution_ns);

/*
 * Widen the range of a started @ctl to [@lo, @hi] (which hold the old
 * one): the bins and outcomes start again, the aim corrections and
 * their error, which do not depend on the range, are kept
 */
void fzsync_ctl_widen(struct fzsync_ctl *ctl, float lo, float hi,
		      float resolution_ns);

/* Upper end of the range, ns */
static inline float fzsync_ctl_hi(const struct fzsync_ctl *ctl)
{
	return ctl->lo + ctl->nbins * ctl->bin_ns;
}

/* The offset to aim at next; @u1, @u2 uniform in [0, 1) */
float fzsync_ctl_aim(struct fzsync_ctl *ctl, float u1, float u2);

/* Non-zero if the last aim is the natural alignment: the iteration runs
 * without a delay on either side */
int fzsync_ctl_undelayed(const struct fzsync_ctl *ctl);

/* Record the offset an iteration aimed at and the one it had, delaying
 * the way @mode (FZSYNC_DELAY_* bits) says. An undelayed iteration
 * counts for neither the bins' coverage nor the aim correction: it made
 * no delay, so it says nothing of the delays' error, and the stratified
 * aims cover the range on their own */
void fzsync_ctl_record(struct fzsync_ctl *ctl, float aimed, float realised,
		       int mode);

/* Record the test's verdict on an iteration that had offset @realised */
void fzsync_ctl_outcome(struct fzsync_ctl *ctl, float realised,
			enum tst_fzsync_outcome outcome);

/* Realised offsets in @bin of every iteration recorded, undelayed ones
 * included: what the loop really had there, for the report */
uint32_t fzsync_ctl_offsets(const struct fzsync_ctl *ctl, int bin);

/* Bin of an offset; offsets outside the range go to the edge bins */
int fzsync_ctl_bin(const struct fzsync_ctl *ctl, float offset);

/* Non-zero once every bin holds at least @k realised offsets */
int fzsync_ctl_covered(const struct fzsync_ctl *ctl, int k);

#endif /* OFFSET_CTL_H */
