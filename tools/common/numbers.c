// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Numbers from the command line, with bounds.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "numbers.h"

/* strtol() and strtod() skip leading blanks; an option value has none */
static int bare(const char *s)
{
	errno = 0;
	return *s && !isspace((unsigned char)*s);
}

int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!bare(s))
		return -1;
	v = strtol(s, &end, 10);
	if (*end || errno || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	if (!bare(s))
		return -1;
	v = strtod(s, &end);
	if (*end || errno || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
