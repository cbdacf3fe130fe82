/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * State of a fuzzy-sync pair that tests never see.
 */
#ifndef FZSYNC_PRIV_H
#define FZSYNC_PRIV_H

#include <sched.h>

#include "fzsync_ctl.h"
#include "fzsync_placement.h"

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

#endif /* FZSYNC_PRIV_H */
