/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzzy sync's private header: the pair's private state and what the
 * lib/fzsync/ files share. Tests see none of it but through functions.
 *
 * One job per file. Callers first; a file calls only files below it,
 * so no two files call each other:
 *
 *	verdict.c	the end of a reproducer: outcome split, TBROK, TPASS
 *	pair.c		life cycle: init, reset, cleanup, thread B, private
 *			state; each iteration's start (tst_fzsync_pair_next())
 *	account.c	one iteration's accounting (tst_fzsync_pair_update())
 *	outcome.c	outcomes the test reports, the sampling bias
 *	aim.c		the start of delays; an aim turned into a delay
 *	report.c	human TINFO lines
 *	stats_record.c	the FZSYNC_STATS record
 *	pinning.c	the machine's topology, pinning the threads
 *	slack.c		the race threads' timer slack
 *	calibrate.c	delay-loop spin and clock costs, per-side tracking,
 *			the timed-delay floor
 *	moving_average.c the moving averages of the race's timings
 *	recent.c	the last sampling iterations' quantiles (pure, recent.h)
 *	phase.c		the loop's phase (pure, phase.h)
 *	offset_ctl.c	where to aim (pure, offset_ctl.h)
 *	cpu_choice.c	which CPUs (pure, cpu_choice.h)
 *	env.c		numbers from the environment
 *
 * What is here and what in struct tst_fzsync_pair: the rule is written
 * at the struct in include/tst_fuzzy_sync.h.
 */
#ifndef FZSYNC_H
#define FZSYNC_H

#include <sched.h>
#include <stdint.h>

#define TST_NO_DEFAULT_MAIN

#include "tst_fuzzy_sync.h"
#include "cpu_choice.h"
#include "offset_ctl.h"
#include "phase.h"
#include "recent.h"

/* Sides, as array indices */
#define FZSYNC_SIDE_A	0
#define FZSYNC_SIDE_B	1

/* calibrate.c: costs of the delay loop and the clock; kept across loops */
struct fzsync_calib {
	/* ns per delay-loop spin: calibrated at init, then the mean of the
	 * two sides' trackers */
	float spin_ns;
	/* ns per tst_fzsync_now() */
	float clock_ns;
};

/* calibrate.c: per-side tracking, from the start of delays on */
struct fzsync_side_calib {
	/* ns per delay-loop spin of A and of B */
	float spin_ns[2];
	/* Median of how long after the other side's start A or B saw it,
	 * when waiting for it: the floor of a timed delay */
	float floor_ns[2];
};

/* moving_average.c: the race's timings, LTP's names */
struct fzsync_timings {
	/* start_a - start_b (from the barrier, before delays), ns */
	struct tst_fzsync_stat diff_ss;
	/* end_a - start_a, end_b - start_b, end_a - end_b, ns */
	struct tst_fzsync_stat diff_sa;
	struct tst_fzsync_stat diff_sb;
	struct tst_fzsync_stat diff_ab;
	/* Spins of A in the end barrier */
	struct tst_fzsync_stat spins_avg;
	/* Samples folded in */
	long samples;
};

/* aim.c: the delay of the current iteration */
struct fzsync_aim {
	/* Offset (B's start - A's start) aimed at, ns */
	float aim_ns;
	/* How the delay is made: FZSYNC_DELAY_* bits */
	int mode;
	/* B's start minus A's without delays, when sampling ended */
	float release_offset;
	/* xorshift64* state of the aims' random numbers, never 0 */
	uint64_t rand_state;
};

/*
 * aim.c: the sections as they run with delays, against the offset range
 * fixed when sampling ended
 */
struct fzsync_range_watch {
	/* The last delayed iterations' lengths */
	struct fzsync_recent lens;
	/* Lengths of A and of B beyond which a section does not fit the
	 * range, and the range's middle */
	float limit_a, limit_b, mid;
	/* In the current window: iterations whose offset was in the lower
	 * and the upper half of the range, and of them those whose A's or
	 * B's section did not fit, [side][half] */
	int in_half[2];
	int longer[2][2];
	/* Times the range was widened, and the iteration the current
	 * bins started at: the end of sampling, or the last widening */
	int widened;
	int bins_from;
};

/* Outcomes split by kind: all iterations and those after sampling */
struct fzsync_split {
	long all[FZSYNC_OUTCOMES];
	long delayed[FZSYNC_OUTCOMES];
};

/* pinning.c: where the threads run in this loop */
struct fzsync_pinning {
	/* CPUs of A and B, -1 when not pinned */
	int cpu_a, cpu_b;
	struct fzsync_placement placement;
	/* A's CPU mask before it was pinned, restored at the loop's end */
	cpu_set_t a_mask;
	int a_pinned;
};

/* slack.c: thread A's timer slack before the loop tightened it */
struct fzsync_slack {
	long a_before_ns;
	int tightened;
};

/*
 * Everything of one race loop; tst_fzsync_pair_reset() starts a loop
 * with one assignment to it. Each part is written by the file named.
 */
struct fzsync_loop {
	struct fzsync_phase phase;		/* pair.c, through phase.c */
	struct fzsync_timings timings;		/* account.c */
	/* The last sampling iterations, for the offset range */
	struct fzsync_recent recent;		/* account.c */
	struct fzsync_split sections;		/* account.c */
	/* Realised offset of the iteration last accounted, ns */
	float offset_ns;			/* account.c */
	/* The iteration was accounted since the last tst_fzsync_pair_next():
	 * its end, a_end, is the time the next start decides on */
	int accounted;				/* account.c, pair.c */
	/* Every bin holds the coverage count */
	int covered;				/* account.c */
	struct fzsync_side_calib calib;		/* calibrate.c */
	struct fzsync_aim aim;			/* aim.c */
	struct fzsync_range_watch watch;	/* aim.c */
	struct fzsync_ctl ctl;			/* offset_ctl.c */
	struct fzsync_split outcomes;		/* outcome.c */
	/* LTP's delay_bias: spins added to the delay while sampling */
	int delay_bias;				/* outcome.c */
	/* The test moved it with tst_fzsync_pair_add_bias() */
	int test_bias;				/* outcome.c */
	struct fzsync_pinning pin;		/* pinning.c */
	struct fzsync_slack slack;		/* slack.c */
	/* TFAIL and TBROK results before the loop started */
	long failures_before;			/* pair.c, for verdict.c */
	/* Thread B stopped, the record written, A's CPUs given back */
	int ended;				/* pair.c */
};

/* The pair's private state: allocated by init or reset, freed by cleanup */
struct fzsync_state {
	struct fzsync_calib calib;
	/* Seed of the aims' random numbers, the same for every loop */
	uint64_t seed;
	struct fzsync_loop loop;
};

/* The private state; TBROK if tst_fzsync_pair_init() was not called */
static inline struct fzsync_state *
fzsync_state_of(const struct tst_fzsync_pair *pair)
{
	if (!pair->state)
		tst_brk(TBROK, "fuzzy sync: tst_fzsync_pair_init() was not called, or the pair was cleaned up");

	return pair->state;
}

/* Count @o of an iteration in @s; @delayed: it ran with aimed delays */
static inline void fzsync_split_add(struct fzsync_split *s,
				    enum tst_fzsync_outcome o, int delayed)
{
	s->all[o]++;
	if (delayed)
		s->delayed[o]++;
}

static inline long fzsync_split_total(const long *counts)
{
	return counts[TST_FZSYNC_A_EARLY] + counts[TST_FZSYNC_HIT] +
	       counts[TST_FZSYNC_B_EARLY];
}

/* pair.c */

/* End the current loop if it has not ended: stop and join thread B,
 * write the FZSYNC_STATS record, give A its CPUs back */
void fzsync_end_loop(struct tst_fzsync_pair *pair);

/* outcome.c: nothing the other files call */

/* aim.c */

/* Random number in [0, 1) from xorshift64* state @state (never 0) */
float fzsync_rand01(uint64_t *state);

/*
 * Delay in spins (< 0: delay A, > 0: delay B) that moves B's start
 * relative to A's by @shift_ns, clamped to what an int holds.
 */
int fzsync_delay_spins(float shift_ns, float spin_ns);

/* End sampling: fix the offset range, start the per-side tracking and
 * aim the current iteration */
void fzsync_start_delays(struct tst_fzsync_pair *pair);

/* Aim the next iteration and set its delay */
void fzsync_aim_next(struct tst_fzsync_pair *pair);

/* A delayed iteration's section lengths and offset, ns: widens the offset range
 * when delayed sections keep running longer than it allows (iterations
 * aimed at no delay are left out) */
void fzsync_range_watch(struct tst_fzsync_pair *pair, float len_a,
			float len_b, float offset);

/* report.c */

/* Sampling has ended as @how says: why, the offset range, the stats */
void fzsync_report_delays(struct tst_fzsync_pair *pair,
			  enum fzsync_sampling_end how);

/* The offset range was widened to hold the long form of A's sections
 * (@long_a), of B's (@long_b) or both */
void fzsync_report_widened(struct tst_fzsync_pair *pair, int long_a,
			   int long_b);

/* The loop stops for the reason in its phase (LTP's lines) */
void fzsync_report_stop(struct tst_fzsync_pair *pair);

/* The loop has ended: why, its iterations and the sections' overlaps */
void fzsync_report_end(struct tst_fzsync_pair *pair);

/* The outcomes line: split @s with the test's names */
void fzsync_report_split(const char *file, int lineno,
			 const struct fzsync_split *s, const char *a_early,
			 const char *hit, const char *b_early);

/* stats_record.c */

/* Append the loop's record to $FZSYNC_STATS, if set */
void fzsync_stats_record(struct tst_fzsync_pair *pair);

/* pinning.c */

/* The CPUs this thread may use, with their cores and nodes */
void fzsync_topology_read(struct fzsync_topology *topo);

/* Pin A and B to their CPUs and say where they run */
void fzsync_pin_threads(struct tst_fzsync_pair *pair);

/* Give A back the CPUs it had */
void fzsync_unpin(struct tst_fzsync_pair *pair);

/* slack.c */

/* Thread A sleeps with the smallest timer slack, and so does a thread B
 * created after this */
void fzsync_slack_tighten(struct tst_fzsync_pair *pair);

/* Thread A's timer slack as it was before the loop */
void fzsync_slack_restore(struct tst_fzsync_pair *pair);

/* calibrate.c */

/* ns per iteration of tst_fzsync_spin(), best of a few timed runs */
float fzsync_calibrate_spin(int yield);

/* ns per tst_fzsync_now() call */
float fzsync_calibrate_clock(void);

/* Offsets closer than this are not told apart */
float fzsync_resolution_ns(const struct fzsync_calib *c);

/* Start tracking both sides from the calibration @c */
void fzsync_calib_start(struct fzsync_side_calib *sc,
			const struct fzsync_calib *c);

/* @side spun @spins in @ns: track its ns per spin, and @c's mean */
void fzsync_calib_spun(struct fzsync_calib *c, struct fzsync_side_calib *sc,
		       int side, int spins, int64_t ns);

/*
 * @side ended a timed wait with @tail: its spins took the ns between the
 * clock reads around them less a read. Track its ns per spin, and @c's
 * mean
 */
void fzsync_calib_tail(struct fzsync_calib *c, struct fzsync_side_calib *sc,
		       int side, const struct tst_fzsync_tail *tail);

/* @side, waiting for the other's start, saw it @seen_ns after it */
void fzsync_calib_waited(struct fzsync_side_calib *sc, int side,
			 int64_t seen_ns);

/* The shortest offset from the other side's start a timed delay of
 * @side makes: its floor and a margin of clock reads */
float fzsync_timed_min_ns(const struct fzsync_side_calib *sc,
			  const struct fzsync_calib *c, int side);

/* moving_average.c */

/* Fold one sample into a moving average; the first sample seeds it */
void fzsync_stat_update(struct tst_fzsync_stat *s, float alpha, float sample,
			int first);

/* Deviation ratio of @s relative to @scale (>= 1 ns is assumed) */
void fzsync_stat_ratio(struct tst_fzsync_stat *s, float scale);

/*
 * Fold one iteration into @t: @ss the start offset from the barrier
 * (A's minus B's), @sa and @sb the section lengths, @ab A's end minus
 * B's, @spins A's end-barrier spins.
 */
void fzsync_timings_add(struct fzsync_timings *t, float alpha, float ss,
			float sa, float sb, float ab, float spins);

/* Non-zero when every deviation ratio of @t is at most @max_dev */
int fzsync_timings_settled(const struct fzsync_timings *t, float max_dev);

/* env.c */

/*
 * Integers from the environment, decimal or 0x hex: a value that is no
 * integer or out of bounds is TBROK naming the bounds. fzsync_env_u64()
 * returns 1 with *@out set, 0 when @name is not set; fzsync_env_int()
 * returns @dflt when it is not set; @hint (or NULL) follows the bounds
 * in the message.
 */
int fzsync_env_u64(const char *name, uint64_t *out);
long long fzsync_env_int(const char *name, long long min, long long max,
			 long long dflt, const char *hint);

#endif /* FZSYNC_H */
