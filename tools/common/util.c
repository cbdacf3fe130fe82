// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Helpers shared by the runner's parts.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "util.h"

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die(2, "out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(2, "out of memory");
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		die(2, "out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		die(2, "out of memory");
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die(2, "out of memory");
	va_end(ap);
	return s;
}

void sb_add(struct sbuf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_puts(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_putc(struct sbuf *b, char c)
{
	sb_add(b, &c, 1);
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(2, "out of memory");
	sb_add(b, s, n);
	free(s);
}

const char *sb_str(struct sbuf *b)
{
	return b->s ? b->s : "";
}

void sb_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sb_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* One line on stderr, after whatever stdout still holds */
static void message(const char *kind, const char *fmt, va_list ap)
{
	char buf[4096];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fflush(stdout);
	fprintf(stderr, "%s: %s%s\n", tool_name, kind, buf);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("", fmt, ap);
	va_end(ap);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("warning: ", fmt, ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("", fmt, ap);
	va_end(ap);
}

static double ts_sec(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double now_mono(void)
{
	return ts_sec(CLOCK_MONOTONIC);
}

double now_real(void)
{
	return ts_sec(CLOCK_REALTIME);
}

void fmt_time(double t, char *buf, size_t size)
{
	time_t sec = (time_t)t;
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm);
}

int mkdir_p(const char *path, mode_t mode)
{
	char *p = xstrdup(path), *s;
	int ret = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, mode) && errno != EEXIST) {
			ret = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (!ret) {
		struct stat st;

		if (stat(path, &st))
			ret = -1;
		else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			ret = -1;
		}
	}
	free(p);
	return ret;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

int rm_rf(const char *path)
{
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

char *read_file(const char *path, size_t *lenp)
{
	struct sbuf b = {0};
	char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;

			close(fd);
			sb_free(&b);
			errno = e;
			return NULL;
		}
		sb_add(&b, buf, n);
	}
	close(fd);
	if (!b.s)
		sb_add(&b, "", 0);
	if (lenp)
		*lenp = b.len;
	return b.s;
}

char *read_line_file(const char *path)
{
	char *s = read_file(path, NULL);

	if (s)
		s[strcspn(s, "\n")] = '\0';
	return s;
}

static int put_file(const char *path, const void *buf, size_t len, int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0644);
	int ret;

	if (fd < 0)
		return -1;
	ret = write_all(fd, buf, len) || fsync(fd);
	return close(fd) || ret ? -1 : 0;
}

int write_file(const char *path, const void *buf, size_t len)
{
	char *tmp = xasprintf("%s.tmp", path);
	int ret = put_file(tmp, buf, len, O_TRUNC) || rename(tmp, path);

	free(tmp);
	return ret ? -1 : 0;
}

int append_file(const char *path, const void *buf, size_t len)
{
	return put_file(path, buf, len, O_APPEND);
}

int copy_file(const char *from, const char *to)
{
	size_t len;
	char *text = read_file(from, &len);
	int ret;

	if (!text)
		return -1;
	ret = write_file(to, text, len);
	free(text);
	return ret;
}

int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

int run_cmd(char *const argv[], struct sbuf *out, int verbose)
{
	int pfd[2] = { -1, -1 }, status;
	char buf[4096];
	pid_t pid;
	ssize_t n;

	if (out && pipe2(pfd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		if (out)
			dup2(pfd[1], 1);
		else if (!verbose)
			dup2(null, 1);
		if (!verbose)
			dup2(null, 2);
		execvp(argv[0], argv);
		fprintf(stderr, "%s: cannot run %s: %s\n",
			tool_name, argv[0],
			strerror(errno));
		_exit(127);
	}
	if (out) {
		close(pfd[1]);
		while ((n = read(pfd[0], buf, sizeof(buf))) > 0 ||
		       (n < 0 && errno == EINTR))
			if (n > 0)
				sb_add(out, buf, n);
		close(pfd[0]);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void split_words(const char *s, char ***v, int *n)
{
	while (*s) {
		size_t len;

		s += strspn(s, " \t\n");
		len = strcspn(s, " \t\n");
		if (!len)
			break;
		*v = xrealloc(*v, (*n + 2) * sizeof(**v));
		(*v)[(*n)++] = strndup(s, len);
		(*v)[*n] = NULL;
		s += len;
	}
}
