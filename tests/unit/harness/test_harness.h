/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the harness unit tests, beside the forked runs of unit.h:
 * stderr of a call, scratch files, processes.
 */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <fcntl.h>

#include "unit.h"
#include "harness.h"

/* What tst_res() and friends write to stderr while @fn runs */
static inline char *stderr_of(void (*fn)(void))
{
	static char buf[8192];
	int fds[2], saved = dup(STDERR_FILENO);
	ssize_t len;

	assert_int_equal(pipe(fds), 0);
	dup2(fds[1], STDERR_FILENO);
	close(fds[1]);
	fn();
	dup2(saved, STDERR_FILENO);
	close(saved);
	len = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	buf[len > 0 ? len : 0] = 0;
	return buf;
}

/* Number of times @needle occurs in @hay */
static inline int count_str(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static inline char *read_text(const char *path, char *buf, size_t size)
{
	ssize_t len;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	len = read(fd, buf, size - 1);
	close(fd);
	if (len < 0)
		return NULL;
	buf[len] = 0;
	return buf;
}

static inline void write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* Running or stopped; a zombie or a reaped process is not alive */
static inline int process_alive(pid_t pid)
{
	char path[64], buf[512], *state;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (!read_text(path, buf, sizeof(buf)))
		return 0;
	state = strrchr(buf, ')');
	return state && state[1] && state[2] != 'Z' && state[2] != 'X';
}

static inline void call_fn(void *fn)
{
	((void (*)(void))fn)();
}

/*
 * Run @fn in a forked process, outside of a harness run: tst_brk()
 * there prints and exits with the result type. A signal is a crash.
 */
static inline void run_fn(struct run *r, void (*fn)(void))
{
	run_forked(r, call_fn, (void *)fn, NULL);
	assert_true(r->status < 128);
}

/* A scratch file name under /tmp, unique per call */
static inline void scratch_path(char *buf, size_t size, const char *what)
{
	static int n;

	snprintf(buf, size, "/tmp/fzsync-unit-%d-%s-%d", getpid(), what, n++);
}

/*
 * cmocka fixtures of one scratch file per test: the array @var gets a
 * fresh name with @what in it before each test (make_@var()), and the
 * file is removed after it (remove_@var())
 */
#define SCRATCH_FIXTURES(var, what) \
static char var[128]; \
static int make_##var(void **state) \
{ \
	(void)state; \
	scratch_path(var, sizeof(var), what); \
	unlink(var); \
	return 0; \
} \
static int remove_##var(void **state) \
{ \
	(void)state; \
	unlink(var); \
	return 0; \
}

/* A harness run's shortest timeout: the default 30 s times 0.1 */
static inline void shortest_timeout(void)
{
	setenv("LTP_TIMEOUT_MUL", "0.1", 1);
}

#endif /* TEST_HARNESS_H */
