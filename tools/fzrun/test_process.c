// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One test process: started in a session of its own, with its output
 * captured through a pipe, killed as a whole on timeout, and swept of
 * leftover processes afterwards.
 *
 * The child waits for a byte on a pipe before it execs, so that the
 * test start, with the child's pid, is in the journal before the test
 * can do anything to the machine.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "fzrun.h"

/* Exit statuses of the child before the test runs, as a shell gives them */
#define EXIT_NOT_STARTED	126	/* the runner never said go */
#define EXIT_EXEC_FAILED	EXIT_CANNOT_RUN	/* chdir() or exec failed */
/* Output read per call: 64 reads of 64 KiB, so timeouts stay on time */
#define READ_CHUNK		65536
#define READ_ROUNDS		64
/* Waits in the loop: the progress line is redrawn every 200 ms */
#define POLL_IDLE_MS		1000
#define POLL_TICK_MS		200
/* Without a pidfd (old kernels) the exit is noticed by polling waitpid() */
#define POLL_NO_PIDFD_MS	50
/* How long the output pipe may stay open after the test's processes died */
#define PIPE_DRAIN_S		2
#define PIPE_DRAIN_POLL_MS	100

volatile int fzr_stop;

static void on_stop(int sig)
{
	fzr_stop = sig;
}

void stop_signals_init(void)
{
	struct sigaction sa = { .sa_handler = on_stop };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* orphans of a test become ours, so none escapes the sweep */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
}

/* A buffer per signal: callers keep several names at once */
const char *signame(int sig)
{
	static char names[NSIG + 1][24];
	const char *abbrev;
	char *buf;

	if (sig < 0 || sig > NSIG)
		sig = NSIG;
	buf = names[sig];
	abbrev = sig < NSIG ? sigabbrev_np(sig) : NULL;
	if (abbrev)
		snprintf(buf, sizeof(names[0]), "SIG%s", abbrev);
	else
		snprintf(buf, sizeof(names[0]), "signal %d", sig);
	return buf;
}

static void child(struct exec *x, int out, int go, int err)
{
	static char *sh[] = { "/bin/sh", "-c", NULL, NULL };
	char **argv = x->argv;
	sigset_t none;
	char c;
	int fd, e;

	setsid();
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 0);

	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != 0) {
		dup2(fd, 0);
		close(fd);
	}
	dup2(out, 1);
	dup2(out, 2);
	if (read(go, &c, 1) != 1)
		_exit(EXIT_NOT_STARTED);
	if (chdir(x->tmpdir))
		goto fail;
	setenv("TMPDIR", x->tmpdir, 1);
	if (x->shell) {
		sh[2] = (char *)x->cmdline;
		argv = sh;
	}
	execvp(argv[0], argv);
fail:
	e = errno;
	if (write(err, &e, sizeof(e)) < 0)
		_exit(EXIT_EXEC_FAILED);
	_exit(EXIT_EXEC_FAILED);
}

int exec_spawn(struct exec *x)
{
	int out[2], go[2], err[2];

	sb_reset(&x->leftovers);
	sb_reset(&x->survivors);
	memset(&x->out, 0, sizeof(x->out));
	x->exec_errno = x->status = x->timed_out = x->stop_signal = 0;
	x->sigkilled = 0;
	x->log_bytes = x->log_dropped = x->log_lost = 0;
	x->log_errno = 0;
	x->duration = 0;

	if (pipe2(out, O_CLOEXEC) || pipe2(go, O_CLOEXEC) ||
	    pipe2(err, O_CLOEXEC))
		die(FZR_EXIT_USAGE, "pipe: %s", strerror(errno));
	fflush(NULL);
	x->pid = fork();
	if (x->pid < 0)
		die(FZR_EXIT_USAGE, "fork: %s", strerror(errno));
	if (!x->pid) {
		/*
		 * Only the runner may hold the write end of the go pipe: a
		 * runner that dies before it says go leaves the child EOF.
		 */
		close(out[0]);
		close(go[1]);
		close(err[0]);
		child(x, out[1], go[0], err[1]);
	}
	x->running = 1;

	close(out[1]);
	close(go[0]);
	close(err[1]);
	x->outfd = out[0];
	fcntl(x->outfd, F_SETFL, O_NONBLOCK);
	x->gofd = go[1];
	x->errfd = err[0];
	x->pidfd = syscall(SYS_pidfd_open, x->pid, 0);
	x->pid_start = proc_starttime(x->pid, NULL);
	return x->pid;
}

void exec_go(struct exec *x)
{
	ssize_t n;
	int e;

	x->t0 = now_mono();
	if (write(x->gofd, "g", 1) != 1)
		warning("cannot start test process %d: %s", x->pid, strerror(errno));
	close(x->gofd);
	do {
		n = read(x->errfd, &e, sizeof(e));
	} while (n < 0 && errno == EINTR);
	if (n == sizeof(e))
		x->exec_errno = e;
	close(x->errfd);
}

/*
 * Output up to --max-log goes to the log; what the log cannot take (a
 * full disk) is counted as lost, with the error, and not tried again.
 */
static void keep_output(struct exec *x, const char *buf, size_t n)
{
	size_t kept = x->log_bytes + x->log_lost;
	size_t room = kept < x->max_log ? x->max_log - kept : 0;
	size_t keep = n < room ? n : room, done = 0;

	ltp_output_feed(&x->out, buf, n);
	while (done < keep && x->logfd >= 0 && !x->log_errno) {
		ssize_t w = write(x->logfd, buf + done, keep - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			x->log_errno = w < 0 ? errno : EIO;
			break;
		}
		done += w;
	}
	x->log_bytes += done;
	x->log_lost += keep - done;
	x->log_dropped += n - keep;
	if (x->verbose && x->tick_arg)
		ui_output(x->tick_arg, buf, n);
}

/* Reads what is there, at most a few MiB so that timeouts stay on time */
static void read_output(struct exec *x)
{
	char buf[READ_CHUNK];
	int rounds;

	for (rounds = 0; x->outfd >= 0 && rounds < READ_ROUNDS; rounds++) {
		ssize_t n = read(x->outfd, buf, sizeof(buf));

		if (n > 0) {
			keep_output(x, buf, n);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		close(x->outfd);
		x->outfd = -1;
	}
}

static int reaped(struct exec *x)
{
	int st;

	if (waitpid(x->pid, &st, WNOHANG) != x->pid)
		return 0;
	x->status = st;
	return 1;
}

static void kill_test(struct exec *x, int sig)
{
	kill(-x->pid, sig);
	procs_signal_session(x->pid, sig);
}

/*
 * Waits for the test process, feeding its output to the log. On timeout
 * (or when the runner is told to stop) the session gets SIGTERM, then
 * SIGKILL after the grace time; a process that survives that for
 * another grace time is stuck in the kernel and is left behind.
 */
void exec_wait(struct exec *x)
{
	double deadline = x->t0 + x->timeout, term = 0, killed = 0, now;
	struct pollfd pfd[3];
	int done = 0;

	while (!done) {
		int n = 0, ms;

		now = now_mono();
		if (!term && (now >= deadline || fzr_stop)) {
			if (fzr_stop)
				x->stop_signal = fzr_stop;
			else
				x->timed_out = 1;
			kill_test(x, SIGTERM);
			term = now;
		}
		if (term && !killed && now >= term + x->grace) {
			kill_test(x, SIGKILL);
			killed = now;
			x->sigkilled = 1;
		}
		if (killed && now >= killed + x->grace) {
			x->status = -1;
			break;
		}

		ms = x->tick ? POLL_TICK_MS : POLL_IDLE_MS;
		if (!term && (deadline - now) * 1000 < ms)
			ms = (deadline - now) * 1000 + 1;
		if (term && !killed && (term + x->grace - now) * 1000 < ms)
			ms = (term + x->grace - now) * 1000 + 1;
		if (ms < 0)
			ms = 0;

		if (x->outfd >= 0)
			pfd[n++] = (struct pollfd){ .fd = x->outfd, .events = POLLIN };
		if (x->pidfd >= 0)
			pfd[n++] = (struct pollfd){ .fd = x->pidfd, .events = POLLIN };
		if (x->health->kfd >= 0)
			pfd[n++] = (struct pollfd){ .fd = x->health->kfd, .events = POLLIN };
		if (x->pidfd < 0 && ms > POLL_NO_PIDFD_MS)
			ms = POLL_NO_PIDFD_MS;
		if (poll(pfd, n, ms) < 0 && errno != EINTR)
			die(FZR_EXIT_USAGE, "poll: %s", strerror(errno));

		read_output(x);
		kmsg_drain(x->health);
		done = reaped(x);
		if (x->tick)
			x->tick(x->tick_arg);
	}
	x->duration = now_mono() - x->t0;
	if (x->pidfd >= 0)
		close(x->pidfd);

	read_output(x);
	procs_cleanup(x->pid, &x->leftovers, &x->survivors);
	x->running = 0;

	/* the pipe ends with the last holder; one stuck in the kernel may keep it */
	for (now = now_mono(); x->outfd >= 0 && now_mono() < now + PIPE_DRAIN_S; ) {
		struct pollfd p = { .fd = x->outfd, .events = POLLIN };

		poll(&p, 1, PIPE_DRAIN_POLL_MS);
		read_output(x);
	}
	if (x->outfd >= 0)
		close(x->outfd);
	x->outfd = -1;
	ltp_output_finish(&x->out);
}

void exec_kill_all(struct exec *x)
{
	if (!x->running)
		return;
	/* the child may not have called setsid() yet */
	kill(x->pid, SIGKILL);
	kill_test(x, SIGKILL);
	procs_cleanup(x->pid, &x->leftovers, &x->survivors);
	x->running = 0;
}

void exec_free(struct exec *x)
{
	sb_free(&x->leftovers);
	sb_free(&x->survivors);
}
