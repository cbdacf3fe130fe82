/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small helpers of fzvm: growable strings, allocation that cannot fail,
 * one-line errors, clocks, files and child processes.
 */
#ifndef FZVM_UTIL_H
#define FZVM_UTIL_H

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
const char *sb_str(struct sbuf *b);
void sb_free(struct sbuf *b);

void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "fzvm: message" on stderr, then exit(2) */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

double now_mono(void);
double now_real(void);

int mkdir_p(const char *path, mode_t mode);
int rm_rf(const char *path);
int write_all(int fd, const void *buf, size_t len);
/* Whole file, NUL terminated; NULL with errno set on failure */
char *read_file(const char *path, size_t *len);
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

#endif /* FZVM_UTIL_H */
