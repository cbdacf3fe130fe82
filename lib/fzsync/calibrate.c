// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Calibration: what a delay-loop spin and a clock read cost, measured at
 * init; then, once delays start, each side's ns per spin and the floor
 * of its timed delays, tracked from the delays as they happen.
 *
 * Trackers are medians (a fixed multiplicative step towards each new
 * measurement) rather than averages: an interrupt in the middle of a
 * delay makes that one measurement useless, and must not move the
 * estimate far.
 */
#include <math.h>

#include "fzsync.h"

/*
 * Spins per calibration run: long against the clock reads around it,
 * short enough to fit between two interrupts. When yielding, each spin
 * is a sched_yield(), a microsecond or more.
 */
#define CALIB_SPINS		(1 << 16)
#define CALIB_SPINS_YIELD	256
/* Best of this many runs: a run that was interrupted is discarded */
#define CALIB_RUNS		8
/* Clock reads timed per calibration run, between two more reads */
#define CALIB_CLOCK_READS	64
/* Below any real spin: keeps ns / spin_ns finite when the clock did not
 * move during a run */
#define SPIN_NS_MIN		0.01f

/* Multiplicative step of the ns-per-spin median tracker */
#define SPIN_NS_STEP		1.002f
/* Delays shorter than this many spins are dominated by the clock reads
 * that time them: they say nothing about a spin */
#define SPIN_NS_MIN_SPINS	256
/* Tails of fewer spins are mostly the jitter of the reads around them */
#define TAIL_SPINS_MIN		8

/*
 * A timed delay cannot end before the other side's start is visible, a
 * cache line transfer and a clock read or two after it. First guess of
 * that floor, before any was measured: a few hundred ns for the transfer
 * between cores plus the clock reads on either side of it.
 */
#define FLOOR_GUESS_NS		300
#define FLOOR_GUESS_CLOCKS	4
/*
 * The floor is the 90th percentile of how late the other's start was
 * seen, not its median: a delay that ends sooner after the start than
 * it is seen overshoots, and that latency has a long tail (between this
 * VM's two vCPUs a median of about 330 ns, a 90th percentile up to
 * 640). Over the median plus two clock reads, 25 to 40 % of the timed
 * delays of `fzshape -c tiny-short -m feedback` overshot, in 5 of 6
 * runs, and their offsets missed the aims by up to 110 ns (10th and
 * 90th percentiles) against 30 in the sixth; over the 90th percentile,
 * 1 %. Tracked in steps: up when a latency lies above the floor, down
 * below; it settles where P(above) log(up) = P(below) log(down), a
 * tenth above for up = down^9.
 */
#define FLOOR_STEP_DOWN		1.003f
#define FLOOR_STEP_UP		1.0273f		/* 1.003^9 */
/*
 * A timed delay ends no sooner than the floor plus this many clock reads
 * after the other side's published start; where the aim is closer, the
 * other side leads by the difference. Each read of margin costs a read
 * in every iteration led; a delay that still overshoots is measured
 * like any other, and the aim correction takes it in.
 */
#define TIMED_MARGIN_CLOCKS	2

/* Two clock reads stand between a delay and the timestamp after it */
#define RESOLUTION_CLOCKS	2

float fzsync_calibrate_spin(int yield)
{
	int spins = yield ? CALIB_SPINS_YIELD : CALIB_SPINS;
	float best = INFINITY;
	int64_t t;
	int i;

	for (i = 0; i < CALIB_RUNS; i++) {
		t = tst_fzsync_now();
		tst_fzsync_spin(spins, yield);
		t = tst_fzsync_now() - t;
		best = fminf(best, (float)t / spins);
	}

	return fmaxf(best, SPIN_NS_MIN);
}

float fzsync_calibrate_clock(void)
{
	int64_t t, best = INT64_MAX;
	int i, j;

	for (i = 0; i < CALIB_RUNS; i++) {
		t = tst_fzsync_now();
		for (j = 0; j < CALIB_CLOCK_READS; j++)
			tst_fzsync_now();
		t = tst_fzsync_now() - t;
		if (t < best)
			best = t;
	}

	/* The reads in the loop and the one that ends the run */
	return (float)best / (CALIB_CLOCK_READS + 1);
}

float fzsync_resolution_ns(const struct fzsync_calib *c)
{
	return fmaxf(RESOLUTION_CLOCKS * c->clock_ns, c->spin_ns);
}

void fzsync_calib_start(struct fzsync_side_calib *sc,
			const struct fzsync_calib *c)
{
	sc->spin_ns[FZSYNC_SIDE_A] = sc->spin_ns[FZSYNC_SIDE_B] = c->spin_ns;
	sc->floor_ns[FZSYNC_SIDE_A] = sc->floor_ns[FZSYNC_SIDE_B] =
		FLOOR_GUESS_NS + FLOOR_GUESS_CLOCKS * c->clock_ns;
}

/*
 * Each side keeps its own ns per spin: the two delay loops are separate
 * copies of the code, on separate CPUs, and need not run at one speed.
 * A median tracker: @spins took @ns less a clock read.
 */
static void track_spin_ns(struct fzsync_calib *c,
			  struct fzsync_side_calib *sc, int side, int spins,
			  int64_t ns)
{
	float *spin_ns = &sc->spin_ns[side];

	if ((ns - c->clock_ns) / spins > *spin_ns)
		*spin_ns *= SPIN_NS_STEP;
	else
		*spin_ns /= SPIN_NS_STEP;
	if (*spin_ns < SPIN_NS_MIN)
		*spin_ns = SPIN_NS_MIN;
	c->spin_ns = (sc->spin_ns[FZSYNC_SIDE_A] + sc->spin_ns[FZSYNC_SIDE_B]) / 2;
}

void fzsync_calib_spun(struct fzsync_calib *c, struct fzsync_side_calib *sc,
		       int side, int spins, int64_t ns)
{
	if (spins < SPIN_NS_MIN_SPINS || ns <= 0)
		return;

	track_spin_ns(c, sc, side, spins, ns);
}

/*
 * The delay loop's speed on the threads' own stacks: a spin steps a
 * counter kept in the caller's frame, and how fast depends on where that
 * lies. The same loop measured 0.49, 0.85 or 2.96 ns per spin here from
 * one thread and stack depth to another, so the calibration at init,
 * in the main thread, told the threads' speed to within a factor of 4
 * (`fzshape -c tiny-short` printed 0.67-0.80 or 2.81-3.06 ns per spin,
 * and the runs with the slower one hit twice as often). Timed waits
 * spin only their last read's worth, tens of ns, so one tail says
 * little, but a median tracker over thousands of them settles.
 */
void fzsync_calib_tail(struct fzsync_calib *c, struct fzsync_side_calib *sc,
		       int side, const struct tst_fzsync_tail *tail)
{
	if (tail->spins < TAIL_SPINS_MIN)
		return;

	track_spin_ns(c, sc, side, tail->spins, tail->ns);
}

void fzsync_calib_waited(struct fzsync_side_calib *sc, int side,
			 int64_t seen_ns)
{
	float *floor = &sc->floor_ns[side];

	if (seen_ns <= 0)
		return;

	if (seen_ns > *floor)
		*floor *= FLOOR_STEP_UP;
	else
		*floor /= FLOOR_STEP_DOWN;
}

float fzsync_timed_min_ns(const struct fzsync_side_calib *sc,
			  const struct fzsync_calib *c, int side)
{
	return sc->floor_ns[side] + TIMED_MARGIN_CLOCKS * c->clock_ns;
}
