/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzzy sync's private header: what the lib/fzsync/ files share.
 */
#ifndef FZSYNC_H
#define FZSYNC_H

#include <sched.h>
#include <stdint.h>

#define TST_NO_DEFAULT_MAIN

#include "tst_fuzzy_sync.h"
#include "offset_ctl.h"
#include "cpu_choice.h"

/* Default of tst_fzsync_pair.coverage: see doc/design.md for the rule */
#define FZSYNC_COVERAGE_DEFAULT	6
/* Iterations between two coverage checks */
#define FZSYNC_COVERAGE_EVERY	64

struct fzsync_priv {
	struct fzsync_ctl ctl;
	/* ns per delay-loop spin of A and of B */
	float spin_ns[2];
	/* How the current delay is made: FZSYNC_DELAY_* bits */
	int aim_mode;
	/* B's start minus A's without delays, when sampling ended */
	float release_offset;
	/* Median of how long after the other side's start A (0) or B (1)
	 * saw it, when waiting for it */
	float floor_ns[2];

	/* A's CPU mask before it was pinned, restored at cleanup */
	cpu_set_t a_mask;
	int a_pinned;
	struct fzsync_placement placement;
	/* Race loops this process has started: the placement rotation */
	unsigned int round;

	/* The iteration being accounted ran with aimed delays */
	int iteration_delayed;
	/* Iterations run when sampling ended */
	int sampling_loops;
	/* Why the loop ended: "time", "loops", "coverage" or NULL */
	const char *stop;
	int covered;
	/* The FZSYNC_STATS record of this loop was written */
	int reported;
};

/* Pin A and B to their CPUs and say where they run */
void fzsync_place_threads(struct tst_fzsync_pair *pair);

/* Give A back the CPUs it had */
void fzsync_unplace(struct tst_fzsync_pair *pair);

/* Append the loop's record to $FZSYNC_STATS, once per loop */
void fzsync_report(struct tst_fzsync_pair *pair);

/* Fold one sample into a moving average; the first sample seeds it */
void fzsync_stat_update(struct tst_fzsync_stat *s, float alpha, float sample,
			int first);

/* Deviation ratio of @s relative to @scale (>= 1 ns is assumed) */
void fzsync_stat_ratio(struct tst_fzsync_stat *s, float scale);

/* Non-zero when every deviation ratio of @pair is at most @max_dev */
int fzsync_stats_settled(const struct tst_fzsync_pair *pair, float max_dev);

/*
 * Delay in spins (< 0: delay A, > 0: delay B) that moves B's start
 * relative to A's by @shift_ns, clamped to what an int holds.
 */
int fzsync_delay_spins(float shift_ns, float spin_ns);

/* Random number in [0, 1) from xorshift64* state @state (never 0) */
float fzsync_rand01(uint64_t *state);

/* ns per iteration of tst_fzsync_spin(), best of a few timed runs */
float fzsync_calibrate_spin(int yield);

/* ns per tst_fzsync_now() call */
float fzsync_calibrate_clock(void);

/* End sampling: fix the offset range and start aiming delays */
void fzsync_start_delays(struct tst_fzsync_pair *pair);

#endif /* FZSYNC_H */
