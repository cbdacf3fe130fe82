/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The phase of a race loop: sampling, delaying, stopped.
 *
 * Every phase change is decided here, in fzsync_phase_step(), at the
 * start of each iteration: both ways sampling ends (the deviations
 * settled after min_samples, or half of the runtime spent) and every
 * reason the loop stops. It is a pure function of the phase, counters,
 * flags and the time it is given, so unit tests drive it without a
 * clock or threads.
 */
#ifndef PHASE_H
#define PHASE_H

#include <stdint.h>

/* Why a loop ended */
enum fzsync_stop {
	/* Still running, or left by the test (a break out of the loop) */
	FZSYNC_STOP_NONE,
	/* The exit flag was set outside of the loop (cleanup, a test) */
	FZSYNC_STOP_EXIT,
	FZSYNC_STOP_TIME,
	FZSYNC_STOP_LOOPS,
	FZSYNC_STOP_COVERAGE,
};

/* How sampling ended in a step */
enum fzsync_sampling_end {
	FZSYNC_SAMPLING_GOES_ON,
	/* min_samples taken and every deviation ratio below the maximum */
	FZSYNC_SAMPLING_SETTLED,
	/* Half of the runtime spent, settled or not */
	FZSYNC_SAMPLING_TIME,
};

struct fzsync_phase {
	/* Iterations started, counting the call that ends the loop: LTP's
	 * exec_loop */
	int exec_loop;
	/* Minimum samples still to take: LTP's "sampling" */
	int samples_left;
	/* Sampling has ended: iterations run with aimed delays */
	int delaying;
	/* Iterations accounted while sampling */
	int sampling_loops;
	/* tst_fzsync_now() at the loop's start, and at which sampling,
	 * and the loop, must end */
	int64_t start_ns;
	int64_t sampling_deadline_ns;
	int64_t deadline_ns;
	/* The time of the step that ended sampling, 0 while it goes on */
	int64_t delays_from_ns;
	enum fzsync_stop stop;
};

/* What a step looks at besides the phase */
struct fzsync_phase_in {
	int exec_loops;
	/* The moving averages' deviation ratios are all small enough */
	int settled;
	/* Every bin of the offset range holds the coverage count */
	int covered;
	/* The pair's exit flag */
	int exit;
	int64_t now_ns;
};

/* What a step decided */
struct fzsync_phase_change {
	enum fzsync_sampling_end sampling_end;
	/* FZSYNC_STOP_NONE: run the iteration */
	enum fzsync_stop stop;
};

/* A fresh loop: @min_samples to take, @runtime_ns from @now_ns */
void fzsync_phase_start(struct fzsync_phase *ph, int min_samples,
			int64_t now_ns, int64_t runtime_ns);

/*
 * Start the next iteration: count it, end sampling or stop the loop as
 * the rules say, and tell what changed. Sampling ends by deviation
 * before by time; the loop stops on the exit flag, then the runtime,
 * then exec_loops, then coverage. A stopped phase stays stopped.
 */
struct fzsync_phase_change fzsync_phase_step(struct fzsync_phase *ph,
					     const struct fzsync_phase_in *in);

/* One sampling iteration accounted; non-zero when it was the last of
 * the minimum */
int fzsync_phase_sampled(struct fzsync_phase *ph);

/* Name of a stop reason in the FZSYNC_STATS record */
const char *fzsync_stop_name(enum fzsync_stop stop);

#endif /* PHASE_H */
