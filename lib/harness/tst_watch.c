// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The harness waiting for the test process.
 *
 * The deadline is the last heartbeat plus the timeout, so each test
 * function call gets the full timeout. The harness sleeps in
 * sigtimedwait() on SIGCHLD and the stop signals until the deadline; a
 * stop signal (Ctrl-C, a runner's SIGTERM) kills the test like a timeout
 * so the harness can still restore files and print the summary.
 *
 * The test process is not reaped before its process group is killed:
 * until then its pid, and so the group id, cannot be reused.
 */
#include <sys/wait.h>
#include <time.h>

#include "harness.h"

#define NSEC_PER_SEC	1000000000LL

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

void tst_watch_signals(sigset_t *set)
{
	size_t i;

	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (i = 0; i < ARRAY_SIZE(stop_signals); i++)
		sigaddset(set, stop_signals[i]);
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static int has_exited(pid_t pid)
{
	siginfo_t si = { 0 };

	for (;;) {
		if (!waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT))
			return si.si_pid == pid;
		if (errno != EINTR)
			tst_brk(TBROK | TERRNO, "waitid(%d) failed", pid);
	}
}

/* Sleep until a watched signal or @timeout_ns; returns the signal or 0 */
static int wait_signal(int64_t timeout_ns)
{
	struct timespec ts, *tsp = NULL;
	sigset_t set;
	int sig;

	tst_watch_signals(&set);
	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / NSEC_PER_SEC;
		ts.tv_nsec = timeout_ns % NSEC_PER_SEC;
		tsp = &ts;
	}

	sig = sigtimedwait(&set, NULL, tsp);
	if (sig < 0 && errno != EAGAIN && errno != EINTR)
		tst_brk(TBROK | TERRNO, "sigtimedwait() failed");

	return sig > 0 ? sig : 0;
}

static int is_stop_signal(int sig)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stop_signals); i++) {
		if (sig == stop_signals[i])
			return 1;
	}
	return 0;
}

/* Returns 1 when the test was killed and that is reported already */
static int wait_or_kill(pid_t pid, int timeout)
{
	int64_t timeout_ns = (int64_t)timeout * NSEC_PER_SEC, left;
	int sig;

	for (;;) {
		if (has_exited(pid))
			return 0;

		left = -1;
		if (timeout >= 0) {
			left = __atomic_load_n(&tst_shm->heartbeat_ns,
					       __ATOMIC_RELAXED) +
			       timeout_ns - mono_ns();
			if (left <= 0) {
				tst_res(TBROK, "Test timed out after %ds, killing its process group",
					timeout);
				tst_res(TINFO, "If you are running on slow machine, try exporting LTP_TIMEOUT_MUL > 1");
				return 1;
			}
		}

		sig = wait_signal(left);
		if (is_stop_signal(sig)) {
			tst_res(TBROK, "Harness got %s, killing the test's process group",
				tst_strsig(sig));
			return 1;
		}
	}
}

int tst_watch(pid_t pid, int timeout)
{
	int status, killed = wait_or_kill(pid, timeout);

	/* The test's group, and whatever the test left running in it */
	kill(-pid, SIGKILL);
	if (killed)
		kill(pid, SIGKILL);

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			tst_brk(TBROK | TERRNO, "waitpid(%d) failed", pid);
	}

	if (killed)
		return 1;

	if (WIFSIGNALED(status)) {
		tst_res(TBROK, "Test killed by %s", tst_strsig(WTERMSIG(status)));
		return 1;
	}

	/* exit() called by the test itself skips cleanup and the checks */
	if (!tst_atomic_load(&tst_shm->test_done)) {
		tst_res(TBROK, "Test process exited with %d before the test ended",
			WEXITSTATUS(status));
		return 1;
	}
	return 0;
}
