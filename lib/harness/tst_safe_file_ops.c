// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_FILE_PRINTF(), SAFE_FILE_SCANF() and the rest of their family: a
 * whole small file (often in /proc or /sys) written or parsed in one
 * call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

/* /proc files are small; this only stops a runaway read */
#define SCANF_FILE_MAX	(1 << 20)

/* tst_brk_() for TBROK, tst_res_() for anything else */
static void brk_or_res(const char *file, const int lineno, int ttype,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void brk_or_res(const char *file, const int lineno, int ttype,
		       const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (TTYPE_RESULT(ttype) == TBROK)
		tst_brk_(file, lineno, ttype, "%s", msg);
	tst_res_(file, lineno, ttype, "%s", msg);
}

/*
 * vfprintf() to @path. Returns 0, or 1 after a TINFO when !@strict;
 * @try: a missing file is no error (returns 0).
 */
static int vfile_printf(const char *file, const int lineno, int strict,
			int try, const char *path, const char *fmt, va_list ap)
{
	int ttype = strict ? TBROK : TINFO;
	FILE *f;

	f = fopen(path, "w");
	if (!f) {
		if (try && errno == ENOENT)
			return 0;
		brk_or_res(file, lineno, ttype | TERRNO,
			   "Failed to open FILE '%s' for writing", path);
		return 1;
	}

	if (vfprintf(f, fmt, ap) < 0) {
		fclose(f);
		brk_or_res(file, lineno, ttype | TERRNO,
			   "Failed to print to FILE '%s'", path);
		return 1;
	}
	/* /proc and /sys report a rejected value when the data is flushed */
	if (fclose(f)) {
		brk_or_res(file, lineno, ttype | TERRNO,
			   "Failed to close FILE '%s'", path);
		return 1;
	}
	return 0;
}

void safe_file_printf(const char *file, const int lineno,
		      const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfile_printf(file, lineno, 1, 0, path, fmt, ap);
	va_end(ap);
}

void safe_try_file_printf(const char *file, const int lineno,
			  const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfile_printf(file, lineno, 1, 1, path, fmt, ap);
	va_end(ap);
}

int file_printf(const char *file, const int lineno, const char *path,
		const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfile_printf(file, lineno, 0, 0, path, fmt, ap);
	va_end(ap);
	return ret;
}

int tst_scanf_conversions(const char *fmt)
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

/*
 * The whole file, NUL-terminated and malloc()ed; NULL after a TINFO
 * when !@strict.
 */
static char *read_file(const char *file, const int lineno, int strict,
		       const char *path)
{
	int ttype = strict ? TBROK : TINFO;
	size_t len = 0, size = 4096;
	char *buf = NULL, *tmp;
	ssize_t ret;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		brk_or_res(file, lineno, ttype | TERRNO,
			   "Failed to open FILE '%s' for reading", path);
		return NULL;
	}

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
				brk_or_res(file, lineno, ttype,
					   "FILE '%s' is too big to read", path);
				return NULL;
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
		brk_or_res(file, lineno, ttype | TERRNO,
			   "Failed to read FILE '%s'", path);
		return NULL;
	}
	buf[len] = 0;

	return buf;
}

static int vfile_scanf(const char *file, const int lineno, int strict,
		       const char *path, const char *fmt, va_list ap)
{
	int want = tst_scanf_conversions(fmt), got;
	char *buf = read_file(file, lineno, strict, path);

	if (!buf)
		return 1;
	got = vsscanf(buf, fmt, ap);
	free(buf);

	if (got != want) {
		brk_or_res(file, lineno, strict ? TBROK : TINFO,
			   "Expected %d conversions got %d FILE '%s'", want,
			   got < 0 ? 0 : got, path);
		return 1;
	}
	return 0;
}

void safe_file_scanf(const char *file, const int lineno,
		     const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfile_scanf(file, lineno, 1, path, fmt, ap);
	va_end(ap);
}

int file_scanf(const char *file, const int lineno, const char *path,
	       const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfile_scanf(file, lineno, 0, path, fmt, ap);
	va_end(ap);
	return ret;
}

int file_lines_scanf(const char *file, const int lineno,
		     void (*cleanup_fn)(void), int strict, const char *path,
		     const char *fmt, ...)
{
	int want = tst_scanf_conversions(fmt), got = 0;
	char *buf = read_file(file, lineno, strict, path), *line, *save;
	va_list ap;

	(void)cleanup_fn;
	if (!buf)
		return 1;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		va_start(ap, fmt);
		got = vsscanf(line, fmt, ap);
		va_end(ap);
		if (got == want)
			break;
	}
	free(buf);

	if (got != want) {
		brk_or_res(file, lineno, strict ? TBROK : TINFO,
			   "No line of FILE '%s' matches '%s'", path, fmt);
		return 1;
	}
	return 0;
}

void safe_file_read_str(const char *file, const int lineno,
			const char *path, char *buf, size_t buf_size)
{
	char *text = read_file(file, lineno, 1, path);
	size_t len = strlen(text);

	if (len >= buf_size) {
		free(text);
		tst_brk_(file, lineno, TBROK,
			 "FILE '%s' has %zu bytes, buffer only %zu", path, len,
			 buf_size);
	}
	memcpy(buf, text, len + 1);
	free(text);
}

int safe_cp(const char *file, const int lineno, const char *src,
	    const char *dst)
{
	int in, out;
	struct stat st;
	char buf[65536];
	ssize_t n;

	in = safe_open(file, lineno, src, O_RDONLY);
	safe_fstat(file, lineno, in, &st);
	out = safe_open(file, lineno, dst, O_WRONLY | O_CREAT | O_TRUNC,
			st.st_mode & 07777);
	while ((n = safe_read(file, lineno, 0, in, buf, sizeof(buf))) > 0)
		safe_write(file, lineno, SAFE_WRITE_ALL, out, buf, n);
	safe_close(file, lineno, out);
	safe_close(file, lineno, in);
	return 0;
}

int safe_touch(const char *file, const int lineno, const char *pathname,
	       mode_t mode, const struct timespec times[2])
{
	int fd = safe_open(file, lineno, pathname, O_CREAT | O_WRONLY,
			   mode ? mode : 0666);

	safe_close(file, lineno, fd);
	if (mode)
		safe_chmod(file, lineno, pathname, mode);
	if (utimensat(AT_FDCWD, pathname, times, 0))
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "utimensat(%s) failed", pathname);
	return 0;
}
