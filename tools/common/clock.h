/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Clocks in seconds as doubles: monotonic for timeouts and durations,
 * real time for the journal and reports.
 *
 *	double t0 = now_mono();
 *	...
 *	printf("%.1fs\n", now_mono() - t0);
 */
#ifndef TOOLS_CLOCK_H
#define TOOLS_CLOCK_H

#include <stddef.h>

double now_mono(void);
double now_real(void);
/* ISO 8601 local time with offset, for reports */
void fmt_time(double t, char *buf, size_t size);

#endif /* TOOLS_CLOCK_H */
