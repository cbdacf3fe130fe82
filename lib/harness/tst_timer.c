// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The stopwatch of tst_timer.h.
 */
#include "harness.h"
#include "tst_timer.h"

static clockid_t clock_id = CLOCK_MONOTONIC;
static struct timespec start_time, stop_time;

void tst_timer_start(clockid_t clk_id)
{
	clock_id = clk_id;
	if (clock_gettime(clock_id, &start_time))
		tst_brk(TBROK | TERRNO, "clock_gettime(%d)", (int)clk_id);
}

void tst_timer_stop(void)
{
	if (clock_gettime(clock_id, &stop_time))
		tst_brk(TBROK | TERRNO, "clock_gettime(%d)", (int)clock_id);
}

struct timespec tst_timer_elapsed(void)
{
	return tst_timespec_diff(stop_time, start_time);
}

int tst_timer_expired_ms(long long ms)
{
	struct timespec now;

	if (clock_gettime(clock_id, &now))
		tst_brk(TBROK | TERRNO, "clock_gettime(%d)", (int)clock_id);
	return tst_timespec_diff_ms(now, start_time) >= ms;
}
