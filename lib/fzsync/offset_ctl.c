// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Offset controller: stratified aims, outcome feedback, coverage.
 *
 * The focus is the boundary that best separates offsets at which A's racy
 * part came first (high offsets: B started late) from those at which B's
 * came first (low offsets). Where several boundaries are equally good, as
 * across a window in which the parts overlapped, the focus is the middle
 * of them. Outcome counts decay, so a window that moves is followed, and
 * noisy or contradictory outcomes only flatten the cost, which spreads
 * the aims out again instead of trapping them.
 */
#include <math.h>
#include <string.h>

/* For enum tst_fzsync_outcome only: no test's main() */
#define TST_NO_DEFAULT_MAIN
#include "offset_ctl.h"

/* Multiplicative step of the median error tracker */
#define ERR_DEV_STEP	1.05f
/*
 * An aim correction moves by a quarter of the typical aim error per
 * iteration: a systematic error is learned within tens of iterations,
 * while noise of that size moves it only a little. At least half a ns,
 * so that it still moves once the error tracker is near zero.
 */
#define CORRECTION_STEP_SHARE	4
#define CORRECTION_STEP_MIN_NS	0.5f
/* Costs are sums of halved counts: equal up to rounding within this */
#define COST_EPSILON	1e-3f
/* The focus spans its plateau plus this many aim errors (two on either
 * side), so that aims that miss by a typical error still land in it */
#define FOCUS_ERR_MARGIN	4
/* A boundary lies between two bins: the focus covers both */
#define FOCUS_MIN_BINS	2
/* Below this confidence the focus widens, linearly to the whole range
 * at no confidence at all */
#define CONFIDENCE_MIN	0.5f
/*
 * Hits tell where the window is to within the aims' error, finer than
 * the bins the boundary is found in: with this many among the recent
 * outcomes the aims centre on their offsets instead, spread over four
 * of their average deviations (a window of uniform hits is as wide as
 * that), and at least over the aims' error.
 */
#define HITS_FOR_FOCUS	8
#define HIT_ALPHA	(1.0f / 16)
#define HIT_DEVS	4
/*
 * Aims at the hits that miss many times in a row say the window has
 * moved: the aims go back to the boundary until hits gather again. How
 * many depends on how often those aims hit: a window narrower than the
 * aims' error is hit a few times in a hundred, and at 4 % a fixed 64
 * misses in a row come once in 14 such runs, hundreds of times a
 * second. A run of k misses at hit rate p has a chance of about
 * exp(-k p): the run that says "lost" is HIT_LOST_NATS / p long, a
 * false alarm once in 10^4 hits, at least HIT_MISSES_LOST_MIN (a fast
 * verdict where aims hit often) and at most HIT_MISSES_LOST_MAX (a
 * moved window is noticed within a few thousand iterations however
 * rarely the aims hit).
 */
#define HIT_LOST_NATS		9.2f
#define HIT_MISSES_LOST_MIN	64
#define HIT_MISSES_LOST_MAX	4096
/*
 * Where the hits are at the natural alignment, an undelayed iteration
 * has the threads' own spread there, which aims through a delay only
 * approach to within their error: once the undelayed iterations (one
 * exploration in four) hit more often than the aims at the hits did,
 * the focused aims are undelayed too. Not before this many of them, so
 * that a few lucky ones do not decide.
 */
#define NATURAL_TRIES_MIN	16
/*
 * While the undelayed iterations take the focused aims, one of these
 * still aims at the hits: their hit rate stays measured. Without it the
 * rate of the aims at the hits is frozen at whatever it was when the
 * undelayed ones overtook it (halving keeps a ratio), and a few unlucky
 * outcomes then hand every focused aim to the worse of the two.
 */
#define AT_HITS_RECHECK_EVERY	8

void fzsync_ctl_start(struct fzsync_ctl *ctl, float lo, float hi,
		      float natural, float resolution_ns)
{
	float range = fmaxf(hi - lo, 1.0f);
	int nbins = (int)ceilf(range / fmaxf(resolution_ns, 1.0f));

	memset(ctl, 0, sizeof(*ctl));
	if (nbins > FZSYNC_BINS_MAX)
		nbins = FZSYNC_BINS_MAX;
	if (nbins < FZSYNC_BINS_MIN)
		nbins = FZSYNC_BINS_MIN;

	ctl->lo = lo;
	ctl->natural = natural;
	ctl->nbins = nbins;
	ctl->at_min = nbins;
	ctl->bin_ns = range / nbins;
	ctl->err_dev = ctl->bin_ns;
}

void fzsync_ctl_widen(struct fzsync_ctl *ctl, float lo, float hi,
		      float resolution_ns)
{
	float correction[FZSYNC_DELAY_MODES], err_dev = ctl->err_dev;
	float natural = ctl->natural;
	long aimed = ctl->aimed;

	memcpy(correction, ctl->correction, sizeof(correction));
	fzsync_ctl_start(ctl, lo, hi, natural, resolution_ns);
	memcpy(ctl->correction, correction, sizeof(correction));
	ctl->err_dev = err_dev;
	ctl->aimed = aimed;
}

int fzsync_ctl_bin(const struct fzsync_ctl *ctl, float offset)
{
	float pos = (offset - ctl->lo) / ctl->bin_ns;

	if (pos < 0)
		return 0;
	if (pos >= ctl->nbins)
		return ctl->nbins - 1;
	return (int)pos;
}

/*
 * A least-visited bin, the first after a random start so that ties
 * spread out. Some bin holds min_seen, and the scan is short on
 * average: while many bins are at the minimum one is found at once,
 * and the few long scans come when few are left, once per level.
 */
static int emptiest_bin(const struct fzsync_ctl *ctl, float u)
{
	int start = (int)(u * ctl->nbins), b;

	for (b = start; b < ctl->nbins; b++) {
		if (ctl->seen[b] == ctl->min_seen)
			return b;
	}
	for (b = 0; b < start; b++) {
		if (ctl->seen[b] == ctl->min_seen)
			return b;
	}

	return start;
}

/* A bin was filled: keep min_seen and at_min, recounting once per level */
static void count_seen(struct fzsync_ctl *ctl, int bin)
{
	uint32_t min = UINT32_MAX;
	int b, at = 0;

	if (ctl->seen[bin]++ != ctl->min_seen || --ctl->at_min)
		return;

	for (b = 0; b < ctl->nbins; b++) {
		if (ctl->seen[b] < min) {
			min = ctl->seen[b];
			at = 0;
		}
		at += ctl->seen[b] == min;
	}
	ctl->min_seen = min;
	ctl->at_min = at;
}

/* Undelayed iterations hit more often than the aims at the hits */
static int natural_hits_more(const struct fzsync_ctl *ctl)
{
	return ctl->natural_tries >= NATURAL_TRIES_MIN &&
	       ctl->natural_hits * ctl->at_hits_tries >
	       ctl->at_hits_hits * ctl->natural_tries;
}

float fzsync_ctl_aim(struct fzsync_ctl *ctl, float u1, float u2)
{
	int bin;

	ctl->explore = !ctl->have_focus ||
		       (int)(u1 * FZSYNC_EXPLORE_EVERY) == 0;
	ctl->at_hits = 0;
	ctl->undelayed = 0;

	if (!ctl->explore) {
		/* u1 is in [1/8, 1): stretch it back over [0, 1) */
		u1 = (u1 * FZSYNC_EXPLORE_EVERY - 1) / (FZSYNC_EXPLORE_EVERY - 1);
		if (ctl->hits_recent >= HITS_FOR_FOCUS) {
			float width = HIT_DEVS * ctl->hit_dev;

			if (width < ctl->err_dev)
				width = ctl->err_dev;
			ctl->at_hits = 1;
			/* u2 places only the explorations' aims */
			if (natural_hits_more(ctl) &&
			    (int)(u2 * AT_HITS_RECHECK_EVERY) != 0) {
				ctl->undelayed = 1;
				return ctl->natural;
			}
			return ctl->hit_mean + (u1 - 0.5f) * width;
		}
		return ctl->focus + (u1 - 0.5f) * ctl->focus_width;
	}

	/* An exploration's u1 is in [0, 1/8) once there is a focus */
	if (ctl->have_focus)
		u1 *= FZSYNC_EXPLORE_EVERY;
	if ((int)(u1 * FZSYNC_NATURAL_EVERY) == 0) {
		ctl->undelayed = 1;
		return ctl->natural;
	}
	u1 = (u1 * FZSYNC_NATURAL_EVERY - 1) / (FZSYNC_NATURAL_EVERY - 1);

	bin = emptiest_bin(ctl, u1);
	return ctl->lo + (bin + u2) * ctl->bin_ns;
}

int fzsync_ctl_undelayed(const struct fzsync_ctl *ctl)
{
	return ctl->undelayed;
}

/*
 * Median trackers rather than averages: a thread preempted for a few
 * microseconds yields one huge error, which must not throw the aims of
 * the following iterations off.
 */
void fzsync_ctl_record(struct fzsync_ctl *ctl, float aimed, float realised,
		       int mode)
{
	float err = realised - aimed;
	float step = ctl->err_dev / CORRECTION_STEP_SHARE;

	/* Not fmaxf(): a library call, once per iteration */
	if (step < CORRECTION_STEP_MIN_NS)
		step = CORRECTION_STEP_MIN_NS;

	/* The outcome of this iteration comes after the next aim */
	ctl->recorded_at_hits = ctl->at_hits;
	ctl->recorded_undelayed = ctl->undelayed;

	if (realised < ctl->lo)
		ctl->below++;
	else if (realised >= fzsync_ctl_hi(ctl))
		ctl->above++;
	if (ctl->undelayed) {
		ctl->undelayed_seen[fzsync_ctl_bin(ctl, realised)]++;
		ctl->undelayed_n++;
		return;
	}
	count_seen(ctl, fzsync_ctl_bin(ctl, realised));

	ctl->correction[mode] += err > 0 ? step : -step;
	if (fabsf(err) > ctl->err_dev)
		ctl->err_dev *= ERR_DEV_STEP;
	else
		ctl->err_dev /= ERR_DEV_STEP;
	ctl->aimed++;
}

static void decay(struct fzsync_ctl *ctl)
{
	int o, b;

	ctl->hits_recent /= 2;
	ctl->natural_hits /= 2;
	ctl->natural_tries /= 2;
	ctl->at_hits_hits /= 2;
	ctl->at_hits_tries /= 2;
	for (o = 0; o < FZSYNC_OUTCOMES; o++) {
		for (b = 0; b < ctl->nbins; b++)
			ctl->recent[o][b] /= 2;
	}
}

/*
 * Boundary j puts bins < j on B's side and bins >= j on A's. Its cost is
 * the weight of outcomes on the wrong side of it; hits cost nothing
 * anywhere but pull the focus in through the plateau they create.
 */
static void find_focus(struct fzsync_ctl *ctl)
{
	float cost, best, total_a = 0, total_b = 0, confidence;
	int j, first = 0, last = 0, in_run = 1;

	/* cost(0): every B_EARLY is on A's side */
	for (j = 0; j < ctl->nbins; j++) {
		total_b += ctl->recent[TST_FZSYNC_B_EARLY][j];
		total_a += ctl->recent[TST_FZSYNC_A_EARLY][j];
	}

	cost = best = total_b;
	for (j = 1; j <= ctl->nbins; j++) {
		cost += ctl->recent[TST_FZSYNC_A_EARLY][j - 1];
		cost -= ctl->recent[TST_FZSYNC_B_EARLY][j - 1];
		if (cost < best - COST_EPSILON) {
			best = cost;
			first = last = j;
			in_run = 1;
		} else if (in_run && cost <= best + COST_EPSILON) {
			last = j;
		} else {
			in_run = 0;
		}
	}

	/*
	 * How much better the boundary is than putting everything on one
	 * side: near 1 for clean outcomes, near 0 for outcomes that carry
	 * no information, which then spread the aims over the range.
	 */
	confidence = 1 - best / fmaxf(fminf(total_a, total_b), COST_EPSILON);

	ctl->have_focus = 1;
	ctl->focus = ctl->lo + (first + last) / 2.0f * ctl->bin_ns;
	/* The plateau, widened by the aim error on either side */
	ctl->focus_width = (last - first) * ctl->bin_ns +
			   FOCUS_ERR_MARGIN * ctl->err_dev;
	if (confidence < CONFIDENCE_MIN)
		ctl->focus_width += (1 - confidence / CONFIDENCE_MIN) *
				    ctl->nbins * ctl->bin_ns;
	if (ctl->focus_width < FOCUS_MIN_BINS * ctl->bin_ns)
		ctl->focus_width = FOCUS_MIN_BINS * ctl->bin_ns;
}

/* Misses in a row of the aims at the hits that say the window moved */
static int misses_lost(const struct fzsync_ctl *ctl)
{
	float k;

	if (ctl->at_hits_hits <= 0)
		return HIT_MISSES_LOST_MIN;
	k = HIT_LOST_NATS * ctl->at_hits_tries / ctl->at_hits_hits;
	if (k < HIT_MISSES_LOST_MIN)
		return HIT_MISSES_LOST_MIN;
	if (k > HIT_MISSES_LOST_MAX)
		return HIT_MISSES_LOST_MAX;
	return (int)k;
}

void fzsync_ctl_outcome(struct fzsync_ctl *ctl, float realised,
			enum tst_fzsync_outcome outcome)
{
	int bin = fzsync_ctl_bin(ctl, realised);

	ctl->outcomes[outcome][bin]++;
	ctl->recent[outcome][bin] += 1;

	if (ctl->recorded_undelayed) {
		ctl->natural_tries += 1;
		ctl->natural_hits += outcome == TST_FZSYNC_HIT;
	} else if (ctl->recorded_at_hits) {
		ctl->at_hits_tries += 1;
		ctl->at_hits_hits += outcome == TST_FZSYNC_HIT;
	}

	if (ctl->recorded_at_hits && outcome != TST_FZSYNC_HIT &&
	    ++ctl->hit_misses >= misses_lost(ctl)) {
		ctl->hits_recent = 0;
		ctl->hit_misses = 0;
	}

	if (outcome == TST_FZSYNC_HIT) {
		ctl->hit_misses = 0;
		if (ctl->hits_recent < 1) {
			ctl->hit_mean = realised;
			ctl->hit_dev = ctl->err_dev;
		}
		ctl->hit_mean += HIT_ALPHA * (realised - ctl->hit_mean);
		ctl->hit_dev += HIT_ALPHA * (fabsf(realised - ctl->hit_mean) -
					     ctl->hit_dev);
		ctl->hits_recent += 1;
	}

	if (++ctl->noutcomes % FZSYNC_OUTCOME_HALFLIFE == 0)
		decay(ctl);
	if (ctl->noutcomes % FZSYNC_FOCUS_EVERY == 0 || !ctl->have_focus)
		find_focus(ctl);
}

uint32_t fzsync_ctl_offsets(const struct fzsync_ctl *ctl, int bin)
{
	return ctl->seen[bin] + ctl->undelayed_seen[bin];
}

int fzsync_ctl_covered(const struct fzsync_ctl *ctl, int k)
{
	return ctl->min_seen >= (uint32_t)k;
}
