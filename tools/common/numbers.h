/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Numbers from the command line, with bounds: the whole string must be
 * the number, and a number out of range is an error, never wrapped or
 * clamped. One parser for all the tools' options.
 *
 *	long n;
 *
 *	if (parse_long(optarg, 1, MAX_ITERATIONS, &n))
 *		die(2, "-i: '%s' is not a number from 1 to %d", optarg,
 *		    MAX_ITERATIONS);
 */
#ifndef TOOLS_NUMBERS_H
#define TOOLS_NUMBERS_H

/* A decimal integer in [@min, @max]: 0, else -1 */
int parse_long(const char *s, long min, long max, long *out);
/* A finite decimal number in [@min, @max]: 0, else -1 */
int parse_double(const char *s, double min, double max, double *out);

#endif /* TOOLS_NUMBERS_H */
