// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_FILE_PRINTF() and SAFE_FILE_SCANF(): a whole small file (often in
 * /proc or /sys) written or parsed in one call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* /proc files are small; this only stops a runaway read */
#define SCANF_FILE_MAX	(1 << 20)

void safe_file_printf(const char *file, const int lineno,
		      const char *path, const char *fmt, ...)
{
	va_list ap;
	FILE *f;
	int ret;

	f = fopen(path, "w");
	if (!f)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to open FILE '%s' for writing", path);

	va_start(ap, fmt);
	ret = vfprintf(f, fmt, ap);
	va_end(ap);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to print to FILE '%s'", path);
	/* /proc and /sys report a rejected value when the data is flushed */
	if (fclose(f))
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to close FILE '%s'", path);
}

/* Conversions in a scanf() format that store a value and count */
static int scanf_conversions(const char *fmt)
{
	int n = 0;

	while ((fmt = strchr(fmt, '%'))) {
		int suppressed = 0;

		fmt++;
		if (*fmt == '%') {
			fmt++;
			continue;
		}
		if (*fmt == '*') {
			suppressed = 1;
			fmt++;
		}
		/* Field width and length modifiers */
		while (*fmt && strchr("0123456789hlLqjzt", *fmt))
			fmt++;
		if (!*fmt)
			break;
		if (*fmt == '[') {
			/* A ']' right after '[' or '[^' is part of the set */
			fmt++;
			if (*fmt == '^')
				fmt++;
			if (*fmt == ']')
				fmt++;
			while (*fmt && *fmt != ']')
				fmt++;
		}
		/* %n stores a value but scanf() does not count it */
		if (!suppressed && *fmt != 'n')
			n++;
		if (*fmt)
			fmt++;
	}

	return n;
}

static char *read_file(const char *file, const int lineno, const char *path)
{
	size_t len = 0, size = 4096;
	char *buf = NULL, *tmp;
	ssize_t ret;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to open FILE '%s' for reading", path);

	for (;;) {
		if (!buf || len + 1 >= size) {
			if (buf)
				size *= 2;
			tmp = NULL;
			if (size <= SCANF_FILE_MAX)
				tmp = realloc(buf, size);
			if (!tmp) {
				free(buf);
				close(fd);
				tst_brk_(file, lineno, TBROK,
					 "FILE '%s' is too big to read", path);
			}
			buf = tmp;
		}
		ret = read(fd, buf + len, size - len - 1);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret <= 0)
			break;
		len += ret;
	}
	close(fd);

	if (ret < 0) {
		free(buf);
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to read FILE '%s'", path);
	}
	buf[len] = 0;

	return buf;
}

void safe_file_scanf(const char *file, const int lineno,
		     const char *path, const char *fmt, ...)
{
	int want = scanf_conversions(fmt), got;
	char *buf = read_file(file, lineno, path);
	va_list ap;

	va_start(ap, fmt);
	got = vsscanf(buf, fmt, ap);
	va_end(ap);
	free(buf);

	if (got != want)
		tst_brk_(file, lineno, TBROK,
			 "Expected %d conversions got %d FILE '%s'", want,
			 got < 0 ? 0 : got, path);
}
