// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Clocks in seconds.
 */
#include <time.h>

#include "clock.h"

static double ts_sec(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double now_mono(void)
{
	return ts_sec(CLOCK_MONOTONIC);
}

double now_real(void)
{
	return ts_sec(CLOCK_REALTIME);
}

void fmt_time(double t, char *buf, size_t size)
{
	time_t sec = (time_t)t;
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm);
}
