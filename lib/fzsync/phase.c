// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The loop's phase rules, see phase.h. No clock, no I/O: the caller
 * (pair.c) gathers the inputs and acts on the change.
 */
#include "phase.h"

void fzsync_phase_start(struct fzsync_phase *ph, int min_samples,
			int64_t now_ns, int64_t runtime_ns)
{
	*ph = (struct fzsync_phase) {
		.samples_left = min_samples,
		.start_ns = now_ns,
		.sampling_deadline_ns = now_ns + runtime_ns / 2,
		.deadline_ns = now_ns + runtime_ns,
	};
}

static enum fzsync_sampling_end sampling_end(const struct fzsync_phase *ph,
					     const struct fzsync_phase_in *in)
{
	if (ph->delaying)
		return FZSYNC_SAMPLING_GOES_ON;
	if (!ph->samples_left && in->settled)
		return FZSYNC_SAMPLING_SETTLED;
	if (in->now_ns >= ph->sampling_deadline_ns)
		return FZSYNC_SAMPLING_TIME;
	return FZSYNC_SAMPLING_GOES_ON;
}

static enum fzsync_stop stop_reason(const struct fzsync_phase *ph,
				    const struct fzsync_phase_in *in)
{
	if (in->exit)
		return FZSYNC_STOP_EXIT;
	if (in->now_ns >= ph->deadline_ns)
		return FZSYNC_STOP_TIME;
	if (ph->exec_loop > in->exec_loops)
		return FZSYNC_STOP_LOOPS;
	if (in->covered)
		return FZSYNC_STOP_COVERAGE;
	return FZSYNC_STOP_NONE;
}

struct fzsync_phase_change fzsync_phase_step(struct fzsync_phase *ph,
					     const struct fzsync_phase_in *in)
{
	struct fzsync_phase_change c = { FZSYNC_SAMPLING_GOES_ON, ph->stop };

	if (ph->stop)
		return c;

	c.sampling_end = sampling_end(ph, in);
	if (c.sampling_end != FZSYNC_SAMPLING_GOES_ON) {
		ph->sampling_loops = ph->exec_loop;
		ph->samples_left = 0;
		ph->delaying = 1;
		ph->delays_from_ns = in->now_ns;
	}

	ph->exec_loop++;
	c.stop = ph->stop = stop_reason(ph, in);
	return c;
}

int fzsync_phase_sampled(struct fzsync_phase *ph)
{
	return ph->samples_left > 0 && --ph->samples_left == 0;
}

const char *fzsync_stop_name(enum fzsync_stop stop)
{
	static const char *const names[] = {
		[FZSYNC_STOP_NONE] = "test",
		[FZSYNC_STOP_EXIT] = "exit",
		[FZSYNC_STOP_TIME] = "time",
		[FZSYNC_STOP_LOOPS] = "loops",
		[FZSYNC_STOP_COVERAGE] = "coverage",
	};

	return names[stop];
}
