// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-iteration accounting and the choice of the next delay.
 *
 * The two sections overlap when B starts between len_b before A's start
 * and len_a after it: any point of A meets any point of B at some offset
 * in [-len_b, +len_a]. After sampling, the controller (fzsync_ctl.c)
 * picks the offset each iteration aims at; this file turns it into a
 * delay of one side, in spins of the calibrated delay loop.
 *
 * Offsets are measured from the moment each thread left the start
 * barrier, before its delay, so the averages describe the race and not
 * the delays the library added. The delayed side also times its delay,
 * which keeps the ns-per-spin calibration honest while the test runs.
 */
#include <limits.h>
#include <math.h>

#include "fzsync.h"

/*
 * A delay that waits for the other side's start cannot end before that
 * start is visible, a cache line transfer and a few clock reads later.
 * That floor is measured; offsets closer to the other side's start than
 * the floor plus this margin are made with spins.
 */
#define TIMED_MARGIN_CLOCKS	4
/* Multiplicative step of the floor's median tracker */
#define FLOOR_STEP	1.02f

/* Smallest scale of the end-barrier spin count's deviation ratio */
#define SPINS_SCALE_MIN	100

/* Multiplicative step of the ns-per-spin median tracker */
#define SPIN_NS_STEP	1.002f
/* Delays shorter than this are dominated by the clock reads */
#define SPIN_NS_MIN_SPINS	1024

float fzsync_rand01(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;

	return (float)((x * 0x2545F4914F6CDD1DULL) >> 40) / (float)(1 << 24);
}

int fzsync_delay_spins(float shift_ns, float spin_ns)
{
	float spins = shift_ns / spin_ns;

	if (spins > INT_MAX / 2)
		return INT_MAX / 2;
	if (spins < -(INT_MAX / 2))
		return -(INT_MAX / 2);

	return (int)lrintf(spins);
}

float fzsync_calibrate_spin(int yield)
{
	int spins = yield ? 256 : 1 << 16;
	float best = INFINITY;
	int64_t t;
	int i;

	for (i = 0; i < 8; i++) {
		t = tst_fzsync_now();
		tst_fzsync_spin(spins, yield);
		t = tst_fzsync_now() - t;
		best = fminf(best, (float)t / spins);
	}

	return fmaxf(best, 0.01f);
}

float fzsync_calibrate_clock(void)
{
	int64_t t, best = INT64_MAX;
	int i, j;

	for (i = 0; i < 8; i++) {
		t = tst_fzsync_now();
		for (j = 0; j < 64; j++)
			tst_fzsync_now();
		t = tst_fzsync_now() - t;
		if (t < best)
			best = t;
	}

	return (float)best / 65;
}

/*
 * Each side keeps its own ns per spin: the two delay loops are separate
 * copies of the code, on separate CPUs, and need not run at one speed.
 * A median tracker, as an interrupt in the middle of a delay makes that
 * one measurement useless.
 */
static void recalibrate(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;
	int side = pair->delay > 0;
	int spins = abs(pair->delay);
	int64_t ns = side ? pair->b_delay_ns : pair->a_delay_ns;
	float *spin_ns = &priv->spin_ns[side];

	if (!pair->delaying || pair->delay_timed ||
	    spins < SPIN_NS_MIN_SPINS || ns <= 0)
		return;

	if ((ns - pair->clock_ns) / spins > *spin_ns)
		*spin_ns *= SPIN_NS_STEP;
	else
		*spin_ns /= SPIN_NS_STEP;
	pair->spin_ns = (priv->spin_ns[0] + priv->spin_ns[1]) / 2;
}

static void track_floor(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;
	int side = priv->aim_mode & FZSYNC_DELAY_B;
	int64_t seen = side ? pair->b_seen_ns : pair->a_seen_ns;
	float *floor = &priv->floor_ns[side];

	if (!(priv->aim_mode & FZSYNC_DELAY_TIMED) || seen <= 0)
		return;

	if (seen > *floor)
		*floor *= FLOOR_STEP;
	else
		*floor /= FLOOR_STEP;
}

static void count_overlap(struct tst_fzsync_pair *pair)
{
	if (pair->a_end < pair->b_start)
		pair->a_first++;
	else if (pair->b_end < pair->a_start)
		pair->b_first++;
	else
		pair->overlaps++;
}

static void update_stats(struct tst_fzsync_pair *pair)
{
	float alpha = pair->avg_alpha;
	int first = !(pair->overlaps + pair->a_first + pair->b_first);
	int64_t a_release = pair->a_start - pair->a_delay_ns;
	int64_t b_release = pair->b_start - pair->b_delay_ns;
	float scale;

	fzsync_stat_update(&pair->diff_ss, alpha, a_release - b_release, first);
	fzsync_stat_update(&pair->diff_sa, alpha, pair->a_end - pair->a_start,
			   first);
	fzsync_stat_update(&pair->diff_sb, alpha, pair->b_end - pair->b_start,
			   first);
	fzsync_stat_update(&pair->diff_ab, alpha, pair->a_end - pair->b_end,
			   first);
	fzsync_stat_update(&pair->spins_avg, alpha, pair->spins, first);

	/* Offsets matter relative to the sections they shift, not to
	 * themselves: an average offset near zero is the common case */
	scale = (fabsf(pair->diff_sa.avg) + fabsf(pair->diff_sb.avg)) / 2;
	fzsync_stat_ratio(&pair->diff_ss, scale);
	fzsync_stat_ratio(&pair->diff_ab, scale);
	fzsync_stat_ratio(&pair->diff_sa, pair->diff_sa.avg);
	fzsync_stat_ratio(&pair->diff_sb, pair->diff_sb.avg);
	/* When the threads arrive together the end barrier spins a handful
	 * of times, and a deviation of a few spins says nothing */
	fzsync_stat_ratio(&pair->spins_avg, fmaxf(pair->spins_avg.avg,
						  SPINS_SCALE_MIN));
}

static void aim_next(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;
	struct fzsync_ctl *ctl = &priv->ctl;
	float u1 = fzsync_rand01(&pair->rand_state);
	float u2 = fzsync_rand01(&pair->rand_state);
	float shift, timed_min;
	int mode;

	pair->aim_ns = fzsync_ctl_aim(ctl, u1, u2);
	shift = pair->aim_ns - priv->release_offset;
	mode = shift > 0 ? FZSYNC_DELAY_B : 0;

	/* |aim| is how far after the other side's start this side starts */
	timed_min = priv->floor_ns[mode] + TIMED_MARGIN_CLOCKS * pair->clock_ns;
	if (!pair->yield_in_wait && fabsf(pair->aim_ns) >= timed_min &&
	    (pair->aim_ns > 0) == (mode == FZSYNC_DELAY_B))
		mode |= FZSYNC_DELAY_TIMED;

	/* Each way of delaying has its own systematic error */
	priv->aim_mode = mode;
	shift -= ctl->correction[mode];

	pair->delay = fzsync_delay_spins(shift, priv->spin_ns[shift > 0]);
	pair->delay_timed = !!(mode & FZSYNC_DELAY_TIMED);
	pair->target_ns = lrintf(pair->aim_ns - ctl->correction[mode]);
}

void fzsync_start_delays(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;
	/* Sections whose length varies (a syscall that fails early when
	 * the other side came first) reach well beyond their average */
	float len_a = fmaxf(pair->diff_sa.avg + 2 * pair->diff_sa.avg_dev, 0);
	float len_b = fmaxf(pair->diff_sb.avg + 2 * pair->diff_sb.avg_dev, 0);
	/* Offsets closer than this are not told apart: two clock reads
	 * and one spin stand between a delay and the timestamp after it */
	float resolution = fmaxf(2 * pair->clock_ns, pair->spin_ns);

	pair->sampling = 0;
	pair->delaying = 1;
	priv->spin_ns[0] = priv->spin_ns[1] = pair->spin_ns;
	/* diff_ss is A's start minus B's when neither is delayed */
	priv->release_offset = -pair->diff_ss.avg;
	/* A first guess: a few hundred ns for a cache line to move */
	priv->floor_ns[0] = priv->floor_ns[1] = 300 + 4 * pair->clock_ns;
	priv->sampling_loops = pair->exec_loop;
	fzsync_ctl_start(&priv->ctl, -len_b, len_a, resolution);

	tst_res(TINFO, "Offset range [-%.0f, %.0f]ns in %d bins of %.0fns",
		len_b, len_a, priv->ctl.nbins, priv->ctl.bin_ns);
	tst_fzsync_pair_info(pair);
	aim_next(pair);
}

static void end_sampling(struct tst_fzsync_pair *pair)
{
	if (pair->sampling > 0 && --pair->sampling == 0)
		tst_res(TINFO, "Minimum sampling period ended");

	if (pair->sampling || pair->delaying)
		return;

	if (fzsync_stats_settled(pair, pair->max_dev_ratio)) {
		tst_res(TINFO, "Reached deviation ratios < %.2f, introducing randomness",
			pair->max_dev_ratio);
		fzsync_start_delays(pair);
	}
}

void tst_fzsync_pair_update(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;

	priv->iteration_delayed = pair->delaying;
	update_stats(pair);
	count_overlap(pair);
	recalibrate(pair);
	pair->offset_ns = pair->b_start - pair->a_start;

	if (!pair->delaying) {
		end_sampling(pair);
		if (!pair->delaying)
			pair->delay = pair->delay_bias;
		return;
	}

	fzsync_ctl_record(&priv->ctl, pair->aim_ns, pair->offset_ns,
			  priv->aim_mode);
	track_floor(pair);
	if (pair->coverage > 0 &&
	    priv->ctl.aimed % FZSYNC_COVERAGE_EVERY == 0 &&
	    fzsync_ctl_covered(&priv->ctl, pair->coverage))
		priv->covered = 1;

	aim_next(pair);
}
