/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What every unit test that forks shares: code run in a forked process
 * with its output captured and a deadline, and assertions on the result.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Unit tests have their own main() */
#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"

#define OUT_SIZE	65536
/* Longest a forked run may take, ASan and a loaded machine included */
#define RUN_DEADLINE	30
/* How often the exit of a run is polled for */
#define REAP_POLL_US	1000

struct run {
	char out[OUT_SIZE];
	/* Exit status, or 128 + signal if the process was killed */
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
 * still hold it open at @end (now_secs()).
 */
static inline int read_until(int fd, char *buf, size_t size, double end)
{
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

/* Reap @pid by @end; false, with the process killed, if it is still there */
static inline int reap_until(pid_t pid, int *status, double end)
{
	pid_t ret;

	while ((ret = waitpid(pid, status, WNOHANG)) == 0) {
		if (now_secs() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			return 0;
		}
		usleep(REAP_POLL_US);
	}
	assert_int_equal(ret, pid);
	return 1;
}

/*
 * Run @fn(@arg) in a forked process, its stdout and stderr captured in
 * @r->out, and exit 0 if it returns. @during, if not NULL, runs in the
 * unit test with the pid while the process runs. A process that has not
 * ended, or something it left behind that still holds its output open,
 * after RUN_DEADLINE seconds is killed and the test fails.
 */
static inline void run_forked(struct run *r, void (*fn)(void *arg), void *arg,
			      void (*during)(pid_t pid))
{
	double start = now_secs(), end = start + RUN_DEADLINE;
	int fds[2], status, eof;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		/* cmocka catches crashes; the code under test must not */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		signal(SIGILL, SIG_DFL);
		signal(SIGFPE, SIG_DFL);
		signal(SIGABRT, SIG_DFL);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		fn(arg);
		exit(0);
	}
	close(fds[1]);
	if (during)
		during(pid);
	eof = read_until(fds[0], r->out, sizeof(r->out), end);
	close(fds[0]);
	if (!eof) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		fail_msg("output still open after %ds; output:\n%s",
			 RUN_DEADLINE, r->out);
	}
	if (!reap_until(pid, &status, end))
		fail_msg("still running after %ds; output:\n%s", RUN_DEADLINE,
			 r->out);
	r->secs = now_secs() - start;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
}

struct tst_run_args {
	struct tst_test *test;
	char **argv;
	void (*before)(void);
};

static inline void tst_run_in_child(void *arg)
{
	struct tst_run_args *a = arg;
	int argc = 0;

	while (a->argv[argc])
		argc++;
	/*
	 * A kernel config without slow debug options (unless the test
	 * gives one), so timeouts do not depend on the machine's kernel
	 */
	setenv("KCONFIG_PATH", "/dev/null", 0);
	if (a->before)
		a->before();
	tst_run_tcases(argc, a->argv, a->test);
}

/*
 * Run @t as its test binary would, with the arguments @argv (NULL
 * terminated, argv[0] first), in a forked process. @before runs in that
 * process first; @during runs in the unit test with the pid, while the
 * test runs.
 */
static inline void run_tst_ex(struct run *r, struct tst_test *t,
			       char **argv, void (*before)(void),
			       void (*during)(pid_t))
{
	struct tst_run_args a = { t, argv, before };

	run_forked(r, tst_run_in_child, &a, during);
}

static inline void run_tst(struct run *r, struct tst_test *t)
{
	char *argv[] = { "unit_test", NULL };

	run_tst_ex(r, t, argv, NULL, NULL);
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

#endif /* UNIT_H */
