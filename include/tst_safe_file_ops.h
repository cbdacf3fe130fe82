/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Whole small files, often in /proc or /sys, written or parsed in one
 * call: LTP's family of tst_safe_file_ops.h.
 *
 *	SAFE_FILE_PRINTF("/proc/sys/net/ipv4/ping_group_range", "0 0");
 *	SAFE_FILE_SCANF("/proc/sys/kernel/pid_max", "%d", &pid_max);
 *	long free_kb = SAFE_READ_MEMINFO("MemFree:");
 */
#ifndef TST_SAFE_FILE_OPS_H
#define TST_SAFE_FILE_OPS_H

#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>

void safe_file_scanf(const char *file, const int lineno,
		     const char *path, const char *fmt, ...)
	__attribute__((format(scanf, 4, 5)));
/* sscanf() of the whole file; TBROK unless every conversion matched */
#define SAFE_FILE_SCANF(path, fmt, ...) \
	safe_file_scanf(__FILE__, __LINE__, (path), (fmt), ##__VA_ARGS__)

int file_scanf(const char *file, const int lineno, const char *path,
	       const char *fmt, ...)
	__attribute__((format(scanf, 4, 5)));
/* SAFE_FILE_SCANF() that returns 1 (with a TINFO) instead of TBROK */
#define FILE_SCANF(path, fmt, ...) \
	file_scanf(__FILE__, __LINE__, (path), (fmt), ##__VA_ARGS__)

int file_lines_scanf(const char *file, const int lineno,
		     void (*cleanup_fn)(void), int strict, const char *path,
		     const char *fmt, ...)
	__attribute__((format(scanf, 6, 7)));
/*
 * sscanf() of each line until one fills every conversion; 1 when none
 * does (FILE_LINES_SCANF), TBROK (SAFE_FILE_LINES_SCANF).
 */
#define FILE_LINES_SCANF(path, fmt, ...) \
	file_lines_scanf(__FILE__, __LINE__, NULL, 0, (path), (fmt), \
			 ##__VA_ARGS__)
#define SAFE_FILE_LINES_SCANF(path, fmt, ...) \
	file_lines_scanf(__FILE__, __LINE__, NULL, 1, (path), (fmt), \
			 ##__VA_ARGS__)

/* The value of a /proc/meminfo line, e.g. SAFE_READ_MEMINFO("MemFree:") */
#define SAFE_READ_MEMINFO(item) ({ \
	long tst_meminfo_val_; \
	SAFE_FILE_LINES_SCANF("/proc/meminfo", item " %ld", \
			      &tst_meminfo_val_); \
	tst_meminfo_val_; \
})

/* The value of a /proc/PID/status line, e.g. "VmRSS:" */
#define SAFE_READ_PROC_STATUS(pid, item) ({ \
	long tst_status_val_; \
	char tst_status_path_[64]; \
	snprintf(tst_status_path_, sizeof(tst_status_path_), \
		 "/proc/%d/status", (int)(pid)); \
	SAFE_FILE_LINES_SCANF(tst_status_path_, item " %ld", \
			      &tst_status_val_); \
	tst_status_val_; \
})

void safe_file_read_str(const char *file, const int lineno,
			const char *path, char *buf, size_t buf_size);
/* The file's text into @buf, NUL-terminated; TBROK if it does not fit */
#define SAFE_FILE_READ_STR(path, buf, buf_size) \
	safe_file_read_str(__FILE__, __LINE__, (path), (buf), (buf_size))

void safe_file_printf(const char *file, const int lineno,
		      const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Writes the formatted text to the file at @path */
#define SAFE_FILE_PRINTF(path, fmt, ...) \
	safe_file_printf(__FILE__, __LINE__, (path), (fmt), ##__VA_ARGS__)

int file_printf(const char *file, const int lineno, const char *path,
		const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* SAFE_FILE_PRINTF() that returns 1 (with a TINFO) instead of TBROK */
#define FILE_PRINTF(path, fmt, ...) \
	file_printf(__FILE__, __LINE__, (path), (fmt), ##__VA_ARGS__)

void safe_try_file_printf(const char *file, const int lineno,
			  const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* SAFE_FILE_PRINTF(), but nothing happens when @path does not exist */
#define SAFE_TRY_FILE_PRINTF(path, fmt, ...) \
	safe_try_file_printf(__FILE__, __LINE__, (path), (fmt), ##__VA_ARGS__)

int safe_cp(const char *file, const int lineno, const char *src,
	    const char *dst);
/* Copies the file @src to @dst (created or truncated, mode of @src) */
#define SAFE_CP(src, dst) safe_cp(__FILE__, __LINE__, (src), (dst))

int safe_touch(const char *file, const int lineno, const char *pathname,
	       mode_t mode, const struct timespec times[2]);
/* Creates @pathname (mode 0 for 0666), sets its times (NULL: now) */
#define SAFE_TOUCH(pathname, mode, times) \
	safe_touch(__FILE__, __LINE__, (pathname), (mode), (times))

#endif /* TST_SAFE_FILE_OPS_H */
