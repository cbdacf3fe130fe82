/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers for stdio streams, LTP's family of tst_safe_stdio.h.
 *
 *	FILE *f = SAFE_FOPEN("/proc/self/maps", "r");
 *	char *path;
 *
 *	SAFE_ASPRINTF(&path, "/dev/tty%d", n);
 *	SAFE_FCLOSE(f);
 */
#ifndef TST_SAFE_STDIO_H
#define TST_SAFE_STDIO_H

#include <stdio.h>

FILE *safe_fopen(const char *file, const int lineno, const char *path,
		 const char *mode);
#define SAFE_FOPEN(path, mode) safe_fopen(__FILE__, __LINE__, (path), (mode))

int safe_fclose(const char *file, const int lineno, FILE *f);
#define SAFE_FCLOSE(f) safe_fclose(__FILE__, __LINE__, (f))

int safe_asprintf(const char *file, const int lineno, char **strp,
		  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define SAFE_ASPRINTF(strp, fmt, ...) \
	safe_asprintf(__FILE__, __LINE__, (strp), (fmt), __VA_ARGS__)

FILE *safe_popen(const char *file, const int lineno, const char *command,
		 const char *type);
#define SAFE_POPEN(command, type) \
	safe_popen(__FILE__, __LINE__, (command), (type))

/* TBROK unless all @n items are read */
size_t safe_fread(const char *file, const int lineno, void *ptr, size_t size,
		  size_t n, FILE *stream);
#define SAFE_FREAD(ptr, size, n, stream) \
	safe_fread(__FILE__, __LINE__, (ptr), (size), (n), (stream))

/* TBROK unless all @n items are written */
size_t safe_fwrite(const char *file, const int lineno, const void *ptr,
		   size_t size, size_t n, FILE *stream);
#define SAFE_FWRITE(ptr, size, n, stream) \
	safe_fwrite(__FILE__, __LINE__, (ptr), (size), (n), (stream))

FILE *safe_freopen(const char *file, const int lineno, const char *path,
		   const char *mode, FILE *stream);
#define SAFE_FREOPEN(path, mode, stream) \
	safe_freopen(__FILE__, __LINE__, (path), (mode), (stream))

int safe_fseek(const char *file, const int lineno, FILE *f, long offset,
	       int whence);
#define SAFE_FSEEK(f, offset, whence) \
	safe_fseek(__FILE__, __LINE__, (f), (offset), (whence))

long safe_ftell(const char *file, const int lineno, FILE *f);
#define SAFE_FTELL(f) safe_ftell(__FILE__, __LINE__, (f))

int safe_fileno(const char *file, const int lineno, FILE *f);
#define SAFE_FILENO(f) safe_fileno(__FILE__, __LINE__, (f))

int safe_fflush(const char *file, const int lineno, FILE *f);
#define SAFE_FFLUSH(f) safe_fflush(__FILE__, __LINE__, (f))

#endif /* TST_SAFE_STDIO_H */
