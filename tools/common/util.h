/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the tools (fzrun, fzvm, fzsvg): growable strings, allocation
 * that cannot fail, one-line errors, clocks, files and child processes.
 */
#ifndef TOOLS_UTIL_H
#define TOOLS_UTIL_H

#include <stddef.h>
#include <sys/types.h>

struct sbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sb_add(struct sbuf *b, const void *s, size_t n);
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

/* The tool's name in its messages; each tool defines it */
extern const char *const tool_name;

/* "tool: message" on stderr, then exit(@status) */
void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* "tool: warning: message" on stderr */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "tool: message" on stderr */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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

/* Write @len bytes to @path through a temporary file renamed into place */
int write_file(const char *path, const void *buf, size_t len);
int append_file(const char *path, const void *buf, size_t len);
int copy_file(const char *from, const char *to);
int is_dir(const char *path);
int is_file(const char *path);

/*
 * Run @argv, wait for it; its stdout goes to @out when not NULL (else
 * with stderr to /dev/null unless @verbose). Returns the exit status, or
 * -1 when it could not run or was killed.
 */
int run_cmd(char *const argv[], struct sbuf *out, int verbose);

/* Split on blanks into @v (appending) */
void split_words(const char *s, char ***v, int *n);

#endif /* TOOLS_UTIL_H */
