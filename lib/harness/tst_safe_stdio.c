// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for stdio streams.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "tst_safe_stdio.h"

FILE *safe_fopen(const char *file, const int lineno, const char *path,
		 const char *mode)
{
	FILE *f = fopen(path, mode);

	if (!f)
		tst_brk_(file, lineno, TBROK | TERRNO, "fopen(%s,%s) failed",
			 path, mode);
	return f;
}

int safe_fclose(const char *file, const int lineno, FILE *f)
{
	int ret = fclose(f);

	/* f is freed now, even on failure: not printed */
	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO, "fclose() failed");
	return ret;
}

int safe_asprintf(const char *file, const int lineno, char **strp,
		  const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(strp, fmt, ap);
	va_end(ap);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "asprintf(%s,...) failed",
			 fmt);
	return ret;
}

FILE *safe_popen(const char *file, const int lineno, const char *command,
		 const char *type)
{
	FILE *f;

	/* popen() may fail without setting errno */
	errno = 0;
	f = popen(command, type);
	if (!f)
		tst_brk_(file, lineno, TBROK | TERRNO, "popen(%s,%s) failed",
			 command, type);
	return f;
}

size_t safe_fread(const char *file, const int lineno, void *ptr, size_t size,
		  size_t n, FILE *stream)
{
	size_t ret = fread(ptr, size, n, stream);

	if (ret != n)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "fread(%p,%zu,%zu,%p): %zu items read", ptr, size, n,
			 (void *)stream, ret);
	return ret;
}

size_t safe_fwrite(const char *file, const int lineno, const void *ptr,
		   size_t size, size_t n, FILE *stream)
{
	size_t ret = fwrite(ptr, size, n, stream);

	if (ret != n)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "fwrite(%p,%zu,%zu,%p): %zu items written", ptr, size,
			 n, (void *)stream, ret);
	return ret;
}

FILE *safe_freopen(const char *file, const int lineno, const char *path,
		   const char *mode, FILE *stream)
{
	FILE *f = freopen(path, mode, stream);

	if (!f)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "freopen(%s,%s,%p) failed", path, mode,
			 (void *)stream);
	return f;
}

int safe_fseek(const char *file, const int lineno, FILE *f, long offset,
	       int whence)
{
	TST_SAFE_CALL(fseek(f, offset, whence), "fseek(%p,%ld,%d)", (void *)f,
		      offset, whence);
}

long safe_ftell(const char *file, const int lineno, FILE *f)
{
	TST_SAFE_RET(long, ftell(f), "ftell(%p)", (void *)f);
}

int safe_fileno(const char *file, const int lineno, FILE *f)
{
	TST_SAFE_RET(int, fileno(f), "fileno(%p)", (void *)f);
}

int safe_fflush(const char *file, const int lineno, FILE *f)
{
	TST_SAFE_CALL(fflush(f), "fflush(%p)", (void *)f);
}
