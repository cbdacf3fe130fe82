/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the harness unit tests: run a struct tst_test in a forked
 * process as a test binary would, capturing its output and exit status.
 */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "harness.h"

#define OUT_SIZE	65536
/* Longest a single run may take, ASan and a loaded machine included */
#define RUN_DEADLINE	30

struct run {
	char out[OUT_SIZE];
	/* Exit status, or 128 + signal if the harness process was killed */
	int status;
	double secs;
};

static inline double now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Read @fd until EOF into @buf (NUL terminated); false if the writers
 * still hold it open after RUN_DEADLINE seconds.
 */
static inline int read_all(int fd, char *buf, size_t size)
{
	double end = now_secs() + RUN_DEADLINE;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t total = 0;
	ssize_t len = -1;

	for (;;) {
		double left = end - now_secs();

		if (left <= 0 || poll(&pfd, 1, (int)(left * 1000) + 1) == 0)
			break;
		len = read(fd, buf + total, size - 1 - total);
		if (len <= 0 && !(len < 0 && errno == EINTR))
			break;
		if (len > 0)
			total += len;
	}
	buf[total] = 0;
	return len == 0;
}

/*
 * Run @t with the arguments @argv (NULL terminated, argv[0] first) in a
 * forked process. @before runs in that process first; @during runs in
 * the unit test with the pid, while the test runs.
 */
static inline void run_tst_ex(struct run *r, struct tst_test *t,
			       char **argv, void (*before)(void),
			       void (*during)(pid_t))
{
	int fds[2], status, argc = 0, eof;
	double start = now_secs();
	pid_t pid;

	while (argv[argc])
		argc++;
	assert_int_equal(pipe(fds), 0);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		/* cmocka catches crashes; a test binary does not */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		signal(SIGILL, SIG_DFL);
		signal(SIGFPE, SIG_DFL);
		signal(SIGABRT, SIG_DFL);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (before)
			before();
		tst_run_tcases(argc, argv, t);
	}
	close(fds[1]);
	if (during)
		during(pid);
	eof = read_all(fds[0], r->out, sizeof(r->out));
	close(fds[0]);
	if (!eof) {
		/* The run, or something it left behind, still writes */
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		fail_msg("output still open after %ds; output:\n%s",
			 RUN_DEADLINE, r->out);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	r->secs = now_secs() - start;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
}

static inline void run_tst(struct run *r, struct tst_test *t)
{
	char *argv[] = { "harness_test", NULL };

	run_tst_ex(r, t, argv, NULL, NULL);
}

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

/* Fails with the captured output when @needle is missing */
#define assert_output(r, needle) do { \
	if (!strstr((r)->out, (needle))) \
		fail_msg("'%s' not in the output:\n%s", (needle), (r)->out); \
} while (0)

#define assert_no_output(r, needle) do { \
	if (strstr((r)->out, (needle))) \
		fail_msg("'%s' in the output:\n%s", (needle), (r)->out); \
} while (0)

#define assert_status(r, want) do { \
	if ((r)->status != (want)) \
		fail_msg("exit status %d, expected %d; output:\n%s", \
			 (r)->status, (want), (r)->out); \
} while (0)

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

/* A scratch file name under /tmp, unique per call */
static inline void scratch_path(char *buf, size_t size, const char *what)
{
	static int n;

	snprintf(buf, size, "/tmp/fzsync-unit-%d-%s-%d", getpid(), what, n++);
}

#endif /* TEST_HARNESS_H */
