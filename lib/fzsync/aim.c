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
#include <string.h>

#include "fzsync.h"

/*
 * The lengths that fix the offset range: this quantile of the last
 * sampling iterations. A section that sometimes ends early (a syscall
 * failing because the other side came first) still has its long form
 * covered as long as one in twenty took it; a section preempted for
 * milliseconds now and then does not stretch the range.
 */
#define LEN_QUANTILE	0.95f
/*
 * ... but not beyond this many times the median length: on a loaded
 * machine more than one section in twenty may be preempted (a section
 * of ten sched_yield()s took milliseconds, 500 times its median), while
 * the long form of a race, a syscall that runs on instead of failing
 * early or waits for the other side, is a few times its short form.
 */
#define LEN_MEDIANS_MAX	16

/*
 * A delayed section counts as longer than the range allows when it runs
 * past the range's end by more than this share of the range: the
 * sections' own jitter around the quantile sampling saw does not
 * start the bins again.
 */
#define WIDEN_MARGIN_SHARE	(1.0f / 8)
/* ... and by more than this many timing resolutions: the lengths of
 * sections a few clock reads long differ by a read or two at random */
#define WIDEN_MARGIN_RESOLUTIONS	4
/*
 * ... and a side's long sections are its long form, not preemptions,
 * when they are this many times more frequent in the half of the range
 * where its long form belongs: of 26 preempted sections, 21 or more fall
 * in one half by chance once in a thousand windows.
 */
#define LONG_FORM_RATIO		4

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

/* lrintf() without its library call, which the hot path cannot afford */
static int round_nearest(float x)
{
	return (int)(x >= 0 ? x + 0.5f : x - 0.5f);
}

int fzsync_delay_spins(float shift_ns, float spin_ns)
{
	float spins = shift_ns / spin_ns;

	if (spins > DELAY_SPINS_MAX)
		return DELAY_SPINS_MAX;
	if (spins < -DELAY_SPINS_MAX)
		return -DELAY_SPINS_MAX;

	return round_nearest(spins);
}

/* With one usable CPU the delayed side yields a calibrated count */
static void aim_yielding(struct tst_fzsync_pair *pair, float aim)
{
	struct fzsync_loop *l = &pair->state->loop;
	float shift = aim - l->aim.release_offset;
	int mode = shift > 0 ? FZSYNC_DELAY_B : 0;

	l->aim.mode = mode;
	shift -= l->ctl.correction[mode];
	pair->delay = fzsync_delay_spins(shift, l->calib.spin_ns[shift > 0]);
	pair->delay_timed = 0;
	pair->target_ns = 0;
	pair->lead_ns = 0;
}

void fzsync_aim_next(struct tst_fzsync_pair *pair)
{
	struct fzsync_state *st = pair->state;
	struct fzsync_loop *l = &st->loop;
	float u1 = fzsync_rand01(&l->aim.rand_state);
	float u2 = fzsync_rand01(&l->aim.rand_state);
	float aim, target, wait, min;
	int mode, side, other;

	aim = l->aim.aim_ns = fzsync_ctl_aim(&l->ctl, u1, u2);
	if (fzsync_ctl_undelayed(&l->ctl)) {
		/* Not a delay of 0 ns, which the aim correction would turn
		 * into a short one: none */
		l->aim.mode = 0;
		pair->delay = 0;
		pair->delay_timed = 0;
		pair->target_ns = 0;
		pair->lead_ns = 0;
		return;
	}
	if (pair->yield_in_wait) {
		aim_yielding(pair, aim);
		return;
	}

	/*
	 * Timed: the side that starts later waits for the other's start.
	 * A spun delay would carry the threads' spread on leaving the
	 * start barrier, a cache line transfer either way: realised
	 * offsets 100 to 300 ns off their aims, against 10 to 50 timed.
	 */
	side = aim > 0 ? FZSYNC_SIDE_B : FZSYNC_SIDE_A;
	other = side == FZSYNC_SIDE_B ? FZSYNC_SIDE_A : FZSYNC_SIDE_B;
	mode = (side == FZSYNC_SIDE_B ? FZSYNC_DELAY_B : 0) | FZSYNC_DELAY_TIMED;
	l->aim.mode = mode;
	/* Each way of delaying has its own systematic error */
	target = aim - l->ctl.correction[mode];

	pair->delay = side == FZSYNC_SIDE_B ? 1 : -1;
	pair->delay_timed = 1;
	pair->target_ns = round_nearest(target);
	pair->timed_read_ns = round_nearest(st->calib.clock_ns);
	pair->timed_spins_per_ns = 1 / l->calib.spin_ns[side];
	pair->lead_spins_per_ns = 1 / l->calib.spin_ns[other];

	/* The delayed side's start after the other's; below the time it
	 * takes to see that start, the other leads by the difference */
	wait = side == FZSYNC_SIDE_B ? target : -target;
	min = fzsync_timed_min_ns(&l->calib, &st->calib, side);
	pair->lead_ns = wait < min ? round_nearest(min - wait) : 0;
}

static void watch_limits(struct fzsync_range_watch *w,
			 const struct fzsync_ctl *ctl, float resolution_ns)
{
	float hi = fzsync_ctl_hi(ctl);
	float margin = fmaxf((hi - ctl->lo) * WIDEN_MARGIN_SHARE,
			     WIDEN_MARGIN_RESOLUTIONS * resolution_ns);

	w->limit_a = hi + margin;
	w->limit_b = -ctl->lo + margin;
	w->mid = (ctl->lo + hi) / 2;
}

/* A section's length as the range holds it: the quantile, but not
 * beyond what preempted sections make of it */
static float range_len(float quantile, float median)
{
	return fmaxf(fminf(quantile, LEN_MEDIANS_MAX * median), 0);
}

/*
 * The offset range comes from the sections as sampling saw them. A race
 * whose sections run longer at offsets sampling never had (A bails out
 * early whenever B comes first, and the bias walk ended before the
 * order flipped) shows its long form only with delays: when more
 * delayed sections than the quantile leaves out did not fit, the range
 * grows to hold them.
 *
 * A long form belongs to an order: A's runs on when B came late (high
 * offsets), B's when B came early (low offsets). A section that a
 * preemption stretched is as likely at any offset, and on a loaded
 * machine one in twenty may be: those must not widen the range, which
 * would thin out the aims for good. So a side's long sections widen it
 * only when they are many times more frequent in the half of the range
 * where that side's long form belongs.
 *
 * Nor must a section that waits for the other side (a read blocking
 * until the other writes): it runs longer the earlier it starts, and
 * ends where it would have ended anyway. A range grown to hold it lets
 * it start earlier still, to wait longer again: in one reproducer the
 * range grew from 24 us to 1.4 ms in three steps and the loop ran ten
 * times fewer iterations, while the sections met as they did at the
 * range's old end. fzsync_recent_waits() tells the two apart.
 *
 * Nor must the undelayed iterations: they repeat the alignment sampling
 * measured, and sit at one offset, which lies in one half of the range
 * by the range's shape alone. In one reproducer A's peek waited for B's
 * collection there (offsets within 300 ns of each other, against a
 * range of 116 us), the slope of so narrow a cluster was noise, and
 * the range grew twice.
 */
static int long_form(const struct fzsync_range_watch *w, int side)
{
	int at = side == FZSYNC_SIDE_A, away = !at;
	long there = w->longer[side][at], elsewhere = w->longer[side][away];

	if (there + elsewhere <= FZSYNC_RECENT * (1 - LEN_QUANTILE))
		return 0;

	/* there / in_half[at] > LONG_FORM_RATIO * elsewhere / in_half[away] */
	return there * w->in_half[away] >
	       LONG_FORM_RATIO * elsewhere * w->in_half[at];
}

void fzsync_range_watch(struct tst_fzsync_pair *pair, float len_a,
			float len_b, float offset)
{
	struct fzsync_state *st = pair->state;
	struct fzsync_loop *l = &st->loop;
	struct fzsync_range_watch *w = &l->watch;
	struct fzsync_recent_stats rs;
	int half = offset > w->mid, grow_a, grow_b;
	float lo, hi;

	if (fzsync_ctl_undelayed(&l->ctl))
		return;

	fzsync_recent_add(&w->lens, len_a, len_b, offset);
	w->in_half[half]++;
	w->longer[FZSYNC_SIDE_A][half] += len_a > w->limit_a;
	w->longer[FZSYNC_SIDE_B][half] += len_b > w->limit_b;
	if (w->lens.n % FZSYNC_RECENT)
		return;

	grow_a = long_form(w, FZSYNC_SIDE_A) &&
		 !fzsync_recent_waits(&w->lens, 0, w->limit_a, w->mid);
	grow_b = long_form(w, FZSYNC_SIDE_B) &&
		 !fzsync_recent_waits(&w->lens, 1, w->limit_b, w->mid);
	memset(w->in_half, 0, sizeof(w->in_half));
	memset(w->longer, 0, sizeof(w->longer));
	if (!grow_a && !grow_b)
		return;

	rs = fzsync_recent_stats(&w->lens, LEN_QUANTILE);
	lo = l->ctl.lo;
	hi = fzsync_ctl_hi(&l->ctl);
	if (grow_a)
		hi = fmaxf(hi, range_len(rs.len_a, rs.median_a));
	if (grow_b)
		lo = fminf(lo, -range_len(rs.len_b, rs.median_b));
	if (lo >= l->ctl.lo && hi <= fzsync_ctl_hi(&l->ctl))
		return;

	fzsync_ctl_widen(&l->ctl, lo, hi, fzsync_resolution_ns(&st->calib));
	watch_limits(w, &l->ctl, fzsync_resolution_ns(&st->calib));
	w->widened++;
	w->bins_from = l->phase.exec_loop;
	fzsync_report_widened(pair, grow_a, grow_b);
}

void fzsync_start_delays(struct tst_fzsync_pair *pair)
{
	struct fzsync_state *st = pair->state;
	struct fzsync_loop *l = &st->loop;
	struct fzsync_recent_stats rs = fzsync_recent_stats(&l->recent,
							    LEN_QUANTILE);
	float len_a = range_len(rs.len_a, rs.median_a);
	float len_b = range_len(rs.len_b, rs.median_b);
	float lo = -len_b, hi = len_a, centre;

	fzsync_calib_start(&l->calib, &st->calib);
	l->aim.release_offset = rs.offset;

	/*
	 * The test's bias (tst_fzsync_pair_add_bias()) moved B's start to
	 * where it says the race is: as in LTP, the delays are spread
	 * around that offset too, in case the sections measured there did
	 * not cover it. The outcomes' own walk ends where the order flips,
	 * inside the overlap range: it needs no such margin.
	 */
	if (l->test_bias && l->delay_bias) {
		centre = rs.offset + l->delay_bias * st->calib.spin_ns;
		lo = fminf(lo, centre - len_b);
		hi = fmaxf(hi, centre + len_a);
	}

	fzsync_ctl_start(&l->ctl, lo, hi, rs.offset,
			 fzsync_resolution_ns(&st->calib));
	watch_limits(&l->watch, &l->ctl,
		     fzsync_resolution_ns(&st->calib));
	l->watch.bins_from = l->phase.sampling_loops;
	fzsync_aim_next(pair);
}
