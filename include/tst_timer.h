/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct timespec arithmetic and a simple stopwatch, as LTP tests use them.
 */
#ifndef TST_TIMER_H
#define TST_TIMER_H

#include <time.h>

#include "tst_timer_ts.h"

/**
 * tst_timespec_to_ns() - A timespec in nanoseconds.
 * @t: The time.
 *
 * Return: @t in ns.
 */
static inline long long tst_timespec_to_ns(struct timespec t)
{
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/**
 * tst_timespec_to_us() - A timespec in microseconds.
 * @t: The time.
 *
 * Return: @t in us, rounded down.
 */
static inline long long tst_timespec_to_us(struct timespec t)
{
	return tst_timespec_to_ns(t) / 1000;
}

/**
 * tst_timespec_to_ms() - A timespec in milliseconds.
 * @t: The time.
 *
 * Return: @t in ms, rounded down.
 */
static inline long long tst_timespec_to_ms(struct timespec t)
{
	return tst_timespec_to_ns(t) / 1000000;
}

/**
 * tst_ns_to_timespec() - Nanoseconds as a timespec.
 * @ns: Nanoseconds, >= 0.
 *
 * Return: the timespec.
 */
static inline struct timespec tst_ns_to_timespec(long long ns)
{
	struct timespec t = { ns / 1000000000, ns % 1000000000 };

	return t;
}

/**
 * tst_us_to_timespec() - Microseconds as a timespec.
 * @us: Microseconds, >= 0.
 *
 * Return: the timespec.
 */
static inline struct timespec tst_us_to_timespec(long long us)
{
	return tst_ns_to_timespec(us * 1000);
}

/**
 * tst_ms_to_timespec() - Milliseconds as a timespec.
 * @ms: Milliseconds, >= 0.
 *
 * Return: the timespec.
 */
static inline struct timespec tst_ms_to_timespec(long long ms)
{
	return tst_ns_to_timespec(ms * 1000000);
}

/**
 * tst_timespec_diff_ns() - t1 - t2 in nanoseconds.
 * @t1: Minuend.
 * @t2: Subtrahend.
 *
 * Return: the difference, negative when @t1 is earlier.
 */
static inline long long tst_timespec_diff_ns(struct timespec t1,
					     struct timespec t2)
{
	return tst_timespec_to_ns(t1) - tst_timespec_to_ns(t2);
}

/**
 * tst_timespec_diff_us() - t1 - t2 in microseconds.
 * @t1: Minuend.
 * @t2: Subtrahend.
 *
 * Return: the difference.
 */
static inline long long tst_timespec_diff_us(struct timespec t1,
					     struct timespec t2)
{
	return tst_timespec_diff_ns(t1, t2) / 1000;
}

/**
 * tst_timespec_diff_ms() - t1 - t2 in milliseconds.
 * @t1: Minuend.
 * @t2: Subtrahend.
 *
 * Return: the difference.
 */
static inline long long tst_timespec_diff_ms(struct timespec t1,
					     struct timespec t2)
{
	return tst_timespec_diff_ns(t1, t2) / 1000000;
}

/**
 * tst_timespec_diff() - t1 - t2, with t1 >= t2.
 * @t1: Minuend.
 * @t2: Subtrahend.
 *
 * Return: the difference as a timespec.
 */
static inline struct timespec tst_timespec_diff(struct timespec t1,
						struct timespec t2)
{
	return tst_ns_to_timespec(tst_timespec_diff_ns(t1, t2));
}

/**
 * tst_timespec_add_us() - A timespec plus some microseconds.
 * @t: The time.
 * @us: Microseconds to add, >= 0.
 *
 * Return: the sum.
 */
static inline struct timespec tst_timespec_add_us(struct timespec t,
						  long long us)
{
	return tst_ns_to_timespec(tst_timespec_to_ns(t) + us * 1000);
}

/**
 * tst_timespec_lt() - Whether t1 is earlier than t2.
 * @t1: First time.
 * @t2: Second time.
 *
 * Return: non-zero when @t1 < @t2.
 */
static inline int tst_timespec_lt(struct timespec t1, struct timespec t2)
{
	return tst_timespec_to_ns(t1) < tst_timespec_to_ns(t2);
}

/**
 * tst_timer_start() - Start the stopwatch.
 * @clk_id: Clock to use, e.g. CLOCK_MONOTONIC.
 */
void tst_timer_start(clockid_t clk_id);

/**
 * tst_timer_stop() - Stop the stopwatch.
 */
void tst_timer_stop(void);

/**
 * tst_timer_elapsed() - Time between start and stop.
 *
 * Return: the elapsed time.
 */
struct timespec tst_timer_elapsed(void);

/**
 * tst_timer_elapsed_ms() - Time between start and stop, in ms.
 *
 * Return: the elapsed time in ms.
 */
static inline long long tst_timer_elapsed_ms(void)
{
	return tst_timespec_to_ms(tst_timer_elapsed());
}

/**
 * tst_timer_elapsed_us() - Time between start and stop, in us.
 *
 * Return: the elapsed time in us.
 */
static inline long long tst_timer_elapsed_us(void)
{
	return tst_timespec_to_us(tst_timer_elapsed());
}

/**
 * tst_timer_expired_ms() - Whether @ms have passed since the start.
 * @ms: Milliseconds.
 *
 * Return: non-zero once @ms have passed.
 */
int tst_timer_expired_ms(long long ms);

#endif /* TST_TIMER_H */
