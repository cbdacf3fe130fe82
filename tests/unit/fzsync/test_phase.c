// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the loop's phase rules (phase.c), driven with made-up
 * counters, flags and times: when sampling ends, by deviation or by
 * time, and every reason the loop stops.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "phase.h"

#define MIN_SAMPLES	20
#define EXEC_LOOPS	100
#define T0		1000000000LL
#define RUNTIME		4000000000LL

static struct fzsync_phase ph;
static struct fzsync_phase_in in;

static int setup(void **state)
{
	(void)state;
	fzsync_phase_start(&ph, MIN_SAMPLES, T0, RUNTIME);
	in = (struct fzsync_phase_in) {
		.exec_loops = EXEC_LOOPS,
		.now_ns = T0,
	};
	return 0;
}

/* @n sampling iterations: each started, then accounted */
static void sample(int n)
{
	struct fzsync_phase_change c;

	while (n--) {
		c = fzsync_phase_step(&ph, &in);
		assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_GOES_ON);
		assert_int_equal(c.stop, FZSYNC_STOP_NONE);
		fzsync_phase_sampled(&ph);
	}
}

static void test_start(void **state)
{
	(void)state;
	assert_int_equal(ph.samples_left, MIN_SAMPLES);
	assert_int_equal(ph.exec_loop, 0);
	assert_false(ph.delaying);
	assert_int_equal(ph.sampling_deadline_ns, T0 + RUNTIME / 2);
	assert_int_equal(ph.deadline_ns, T0 + RUNTIME);
}

/* Settled early: sampling still takes min_samples, then ends at once */
static void test_settled_after_min_samples(void **state)
{
	struct fzsync_phase_change c;
	int i;

	(void)state;
	in.settled = 1;
	for (i = 1; i < MIN_SAMPLES; i++) {
		fzsync_phase_step(&ph, &in);
		assert_false(fzsync_phase_sampled(&ph));
	}
	fzsync_phase_step(&ph, &in);
	/* The last of the minimum is told */
	assert_true(fzsync_phase_sampled(&ph));
	assert_false(ph.delaying);

	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_SETTLED);
	assert_int_equal(c.stop, FZSYNC_STOP_NONE);
	assert_true(ph.delaying);
	assert_int_equal(ph.sampling_loops, MIN_SAMPLES);
	assert_int_equal(ph.exec_loop, MIN_SAMPLES + 1);

	/* Once */
	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_GOES_ON);
	/* Not counted as sampled any more */
	assert_false(fzsync_phase_sampled(&ph));
}

/* Not settled: sampling goes on past min_samples until half the time */
static void test_unsettled_ends_at_half_time(void **state)
{
	struct fzsync_phase_change c;

	(void)state;
	sample(MIN_SAMPLES + 30);
	assert_false(ph.delaying);

	in.now_ns = T0 + RUNTIME / 2 - 1;
	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_GOES_ON);

	in.now_ns = T0 + RUNTIME / 2;
	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_TIME);
	assert_int_equal(c.stop, FZSYNC_STOP_NONE);
	assert_true(ph.delaying);
	assert_int_equal(ph.sampling_loops, MIN_SAMPLES + 31);
}

/* Half the time is up before min_samples: sampling ends all the same */
static void test_time_before_min_samples(void **state)
{
	struct fzsync_phase_change c;

	(void)state;
	sample(5);
	in.settled = 1;
	in.now_ns = T0 + RUNTIME / 2 + 1;
	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_TIME);
	assert_int_equal(ph.samples_left, 0);
	assert_int_equal(ph.sampling_loops, 5);
}

/* Settled and half the time up together: the deviation is told */
static void test_settled_wins_over_time(void **state)
{
	(void)state;
	sample(MIN_SAMPLES);
	in.settled = 1;
	in.now_ns = T0 + RUNTIME;
	assert_int_equal(fzsync_phase_step(&ph, &in).sampling_end,
			 FZSYNC_SAMPLING_SETTLED);
}

/* exec_loops iterations run; the call after them ends the loop */
static void test_stop_loops(void **state)
{
	struct fzsync_phase_change c;
	int i;

	(void)state;
	in.settled = 1;
	for (i = 0; i < EXEC_LOOPS; i++) {
		c = fzsync_phase_step(&ph, &in);
		assert_int_equal(c.stop, FZSYNC_STOP_NONE);
		fzsync_phase_sampled(&ph);
	}
	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.stop, FZSYNC_STOP_LOOPS);
	assert_int_equal(ph.exec_loop, EXEC_LOOPS + 1);
	assert_string_equal(fzsync_stop_name(ph.stop), "loops");
}

/* The runtime spent: sampling ends and the loop stops in one step */
static void test_stop_time(void **state)
{
	struct fzsync_phase_change c;

	(void)state;
	sample(3);
	in.now_ns = T0 + RUNTIME;
	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_TIME);
	assert_int_equal(c.stop, FZSYNC_STOP_TIME);
	assert_string_equal(fzsync_stop_name(ph.stop), "time");
}

static void test_stop_coverage(void **state)
{
	(void)state;
	in.settled = 1;
	sample(MIN_SAMPLES);
	assert_int_equal(fzsync_phase_step(&ph, &in).stop, FZSYNC_STOP_NONE);
	in.covered = 1;
	assert_int_equal(fzsync_phase_step(&ph, &in).stop,
			 FZSYNC_STOP_COVERAGE);
	assert_string_equal(fzsync_stop_name(ph.stop), "coverage");
}

static void test_stop_exit(void **state)
{
	(void)state;
	sample(2);
	in.exit = 1;
	assert_int_equal(fzsync_phase_step(&ph, &in).stop, FZSYNC_STOP_EXIT);
	assert_string_equal(fzsync_stop_name(ph.stop), "exit");
}

/* Every reason at once: exit, then time, then loops, then coverage */
static void test_stop_order(void **state)
{
	struct fzsync_phase saved;

	(void)state;
	ph.exec_loop = EXEC_LOOPS;
	saved = ph;
	in = (struct fzsync_phase_in) { EXEC_LOOPS, 1, 1, 1, T0 + RUNTIME };
	assert_int_equal(fzsync_phase_step(&ph, &in).stop, FZSYNC_STOP_EXIT);
	ph = saved;
	in.exit = 0;
	assert_int_equal(fzsync_phase_step(&ph, &in).stop, FZSYNC_STOP_TIME);
	ph = saved;
	in.now_ns = T0;
	assert_int_equal(fzsync_phase_step(&ph, &in).stop, FZSYNC_STOP_LOOPS);
	ph = saved;
	ph.exec_loop = 0;
	assert_int_equal(fzsync_phase_step(&ph, &in).stop,
			 FZSYNC_STOP_COVERAGE);
	assert_string_equal(fzsync_stop_name(FZSYNC_STOP_NONE), "test");
}

/* A stopped loop stays stopped and counts nothing more */
static void test_stopped_stays(void **state)
{
	struct fzsync_phase_change c;

	(void)state;
	in.exit = 1;
	fzsync_phase_step(&ph, &in);
	in.exit = 0;
	c = fzsync_phase_step(&ph, &in);
	assert_int_equal(c.stop, FZSYNC_STOP_EXIT);
	assert_int_equal(c.sampling_end, FZSYNC_SAMPLING_GOES_ON);
	assert_int_equal(ph.exec_loop, 1);
}

#define phase_test(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		phase_test(test_start),
		phase_test(test_settled_after_min_samples),
		phase_test(test_unsettled_ends_at_half_time),
		phase_test(test_time_before_min_samples),
		phase_test(test_settled_wins_over_time),
		phase_test(test_stop_loops),
		phase_test(test_stop_time),
		phase_test(test_stop_coverage),
		phase_test(test_stop_exit),
		phase_test(test_stop_order),
		phase_test(test_stopped_stays),
	};

	return cmocka_run_group_tests_name("phase", tests, NULL, NULL);
}
