/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small helpers of the runner: growable strings, allocation that cannot
 * fail, one-line errors, clocks and file system chores.
 */
#ifndef FZRUN_UTIL_H
#define FZRUN_UTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Exit statuses of fzrun */
#define FZR_EXIT_OK		0	/* every test passed, was TCONF or known */
#define FZR_EXIT_FAIL		1	/* at least one test did not */
#define FZR_EXIT_USAGE		2	/* bad options, test list, results dir */
#define FZR_EXIT_STOPPED	3	/* run stopped by a signal, resumable */

struct sbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sb_add(struct sbuf *b, const char *s, size_t n);
void sb_puts(struct sbuf *b, const char *s);
void sb_putc(struct sbuf *b, char c);
void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The string, "" for an empty buffer; stays owned by @b */
const char *sb_str(struct sbuf *b);
void sb_reset(struct sbuf *b);
void sb_free(struct sbuf *b);

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "fzrun: message" on stderr, then exit(@status) */
void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* "fzrun: warning: message" on stderr */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

double now_mono(void);
double now_real(void);
/* ISO 8601 local time with offset, for reports */
void fmt_time(double t, char *buf, size_t size);

int mkdir_p(const char *path, mode_t mode);
/* Remove a directory tree, staying on its file system */
int rm_rf(const char *path);
int write_all(int fd, const void *buf, size_t len);
/* Whole file, NUL terminated; NULL with errno set on failure */
char *read_file(const char *path, size_t *len);
/* First line of a small file without the newline, or NULL */
char *read_line_file(const char *path);

#endif /* FZRUN_UTIL_H */
