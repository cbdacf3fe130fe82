// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* parsing of numbers and strings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

/* Whether strto*() consumed all of @str (a trailing newline is fine) */
static int whole(const char *str, const char *end)
{
	return end != str && (!*end || (*end == '\n' && !end[1]));
}

long safe_strtol(const char *file, const int lineno, char *str, long min,
		 long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(str, &end, 10);
	if (errno || !whole(str, end))
		tst_brk_(file, lineno, TBROK, "Invalid number '%s'", str);
	if (v < min || v > max)
		tst_brk_(file, lineno, TBROK,
			 "Number %ld is out of range [%ld, %ld]", v, min, max);
	return v;
}

unsigned long safe_strtoul(const char *file, const int lineno, char *str,
			   unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(str, &end, 10);
	/* strtoul() accepts "-1" as ULONG_MAX */
	if (errno || !whole(str, end) || strchr(str, '-'))
		tst_brk_(file, lineno, TBROK, "Invalid number '%s'", str);
	if (v < min || v > max)
		tst_brk_(file, lineno, TBROK,
			 "Number %lu is out of range [%lu, %lu]", v, min, max);
	return v;
}

float safe_strtof(const char *file, const int lineno, char *str, float min,
		  float max)
{
	char *end;
	float v;

	errno = 0;
	v = strtof(str, &end);
	if (errno || !whole(str, end))
		tst_brk_(file, lineno, TBROK, "Invalid number '%s'", str);
	if (v < min || v > max)
		tst_brk_(file, lineno, TBROK,
			 "Number %f is out of range [%f, %f]", v, min, max);
	return v;
}

int safe_sscanf(const char *file, const int lineno, const char *buffer,
		const char *format, ...)
{
	int want = tst_scanf_conversions(format), got;
	va_list ap;

	va_start(ap, format);
	got = vsscanf(buffer, format, ap);
	va_end(ap);

	if (got != want)
		tst_brk_(file, lineno, TBROK,
			 "sscanf('%s', '%s'): %d of %d conversions", buffer,
			 format, got < 0 ? 0 : got, want);
	return got;
}
