// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzlava: run fzrun inside a LAVA test shell and report every test to
 * LAVA the moment it ends (see fzlava.h and doc/lava.md).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/inotify.h>
#include <sys/wait.h>

#include "alloc.h"
#include "command.h"
#include "fzlava.h"
#include "msg.h"

const char *const tool_name = "fzlava";

/* fzlava's own failures, as fzrun's: usage, setup, results not delivered */
#define EXIT_USAGE	2

static volatile sig_atomic_t stop_signal;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fzlava [-n] -o DIR -- COMMAND [ARG...]\n"
		"Runs COMMAND (fzrun -o DIR ...) and reports each test of the run to\n"
		"LAVA as it ends: lava-test-case NAME --result pass|fail|skip|unknown\n"
		"--measurement SECONDS --units seconds, in a lava-test-set per\n"
		"runtest list.\n"
		"  -o DIR     the results directory COMMAND writes its journal to\n"
		"  -n         print the LAVA helper commands instead of running them\n"
		"Results: pass -> pass; conf (TCONF) and known issues -> skip;\n"
		"fail, brok, warn -> fail; a test fzrun never finished -> unknown.\n"
		"Exit status: COMMAND's; 2 when COMMAND ran no test run in DIR or a\n"
		"LAVA helper failed, 127 when COMMAND cannot be run.\n");
}

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* only there to end poll() early when the command exits */
static void on_child(int sig)
{
	(void)sig;
}

/*
 * Wait until the journal may have grown: an inotify event on the
 * results directory (fzrun writes a test's end and starts the next
 * test at once; a test that takes the kernel down must find the end
 * before it already told), or the command's exit, or a timeout.
 */
static void wait_for_journal(int ifd, int *watch, const char *dir)
{
	struct pollfd p = { .fd = ifd, .events = POLLIN };
	char buf[4096];

	if (ifd >= 0 && *watch < 0)
		*watch = inotify_add_watch(ifd, dir, IN_MODIFY | IN_CREATE);
	if (poll(&p, ifd >= 0 ? 1 : 0, *watch >= 0 ? FOLLOW_POLL_MS :
		 FOLLOW_START_POLL_MS) > 0)
		while (read(ifd, buf, sizeof(buf)) > 0)
			;
}

static pid_t start(char *const argv[])
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die(EXIT_USAGE, "fork: %s", strerror(errno));
	if (!pid) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "%s: cannot run %s: %s\n", tool_name, argv[0],
			strerror(errno));
		_exit(EXIT_CANNOT_RUN);
	}
	return pid;
}

static int exit_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	return EXIT_SIGNAL_BASE + WTERMSIG(wstatus);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct sigaction sa = { .sa_handler = on_stop };
	struct sigaction sc = { .sa_handler = on_child, .sa_flags = SA_NOCLDSTOP };
	struct lava l = {0};
	struct follow f;
	const char *dir = NULL, *k;
	int c, wstatus, status, notrun, forwarded = 0, ifd, watch = -1;
	pid_t pid;

	while ((c = getopt_long(argc, argv, "+o:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': dir = optarg; break;
		case 'n': l.dry_run = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (!dir || optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!l.dry_run) {
		char *h = which("lava-test-case");

		if (!h)
			die(EXIT_USAGE, "lava-test-case is not in PATH: not in a LAVA test shell (-n prints what would be reported)");
		free(h);
	}
	k = getenv("KMSG");
	l.kmsg = k && *k;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sc, NULL);
	ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	follow_init(&f, dir);
	pid = start(argv + optind);

	for (;;) {
		pid_t w = waitpid(pid, &wstatus, WNOHANG);

		if (w < 0 && errno != EINTR)
			die(EXIT_USAGE, "waitpid: %s", strerror(errno));
		/* fzrun stops cleanly on these: it records and reports */
		if (stop_signal && !forwarded) {
			kill(pid, stop_signal);
			forwarded = 1;
		}
		if (follow_read(&f) < 0)
			warning("%s: %s", f.path, strerror(errno));
		if (f.ours)
			lava_update(&l, &f.j);
		if (w == pid)
			break;
		wait_for_journal(ifd, &watch, dir);
	}
	status = exit_status(wstatus);

	if (!f.ours || !f.j.run_start) {
		note("%s ran no test run in %s (exit status %d): nothing reported",
		     argv[optind], dir, status);
		follow_free(&f);
		return status ? status : EXIT_USAGE;
	}
	notrun = lava_finish(&l, &f.j);
	note("%d test cases reported to LAVA%s, %d of %d tests not run; %s exit status %d",
	     l.reported, l.dry_run ? " (dry run)" : "", notrun, f.j.ntests,
	     argv[optind], status);
	if (l.helper_failures) {
		warning("%d LAVA helper calls failed", l.helper_failures);
		if (status < EXIT_USAGE)
			status = EXIT_USAGE;
	}
	follow_free(&f);
	if (ifd >= 0)
		close(ifd);
	free(l.started);
	free(l.ended);
	return status;
}
