// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Processes a test leaves behind.
 *
 * Each test starts a new session. The LTP harness moves its test child
 * into a process group of its own, so killing the test's process group
 * is not enough: every process of the session is found in /proc. A
 * process that also left the session becomes the runner's child once
 * its parent is gone (the runner is a child subreaper), so the runner's
 * own children are swept as well.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fzrun.h"

/* Leftover processes named in a report; more are counted as "..." */
#define MAX_NAMED	16
/* How long the sweep kills before it calls the rest stuck in the kernel */
#define SWEEP_TIMEOUT_S	5
#define SWEEP_PAUSE_US	20000

struct pstat {
	pid_t pid, ppid, sid;
	char state;
	char comm[64];
	unsigned long long start;
};

static int read_stat(pid_t pid, struct pstat *ps)
{
	char path[64], *s, *p;
	int pgrp;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	s = read_file(path, NULL);
	if (!s)
		return -1;
	/* comm may hold spaces and parentheses: it ends at the last ')' */
	p = strrchr(s, ')');
	if (!p || sscanf(p + 2, "%c %d %d %d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
			 &ps->state, &ps->ppid, &pgrp, &ps->sid, &ps->start) != 5) {
		free(s);
		return -1;
	}
	*p = '\0';
	snprintf(ps->comm, sizeof(ps->comm), "%s", strchr(s, '(') + 1);
	ps->pid = pid;
	free(s);
	return 0;
}

unsigned long long proc_starttime(pid_t pid, pid_t *sid)
{
	struct pstat ps;

	if (read_stat(pid, &ps))
		return 0;
	if (sid)
		*sid = ps.sid;
	return ps.start;
}

/* Calls @fn for each process of session @sid and each child of ours */
static int for_each(pid_t sid, int (*fn)(struct pstat *ps, void *arg),
		    void *arg)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	pid_t self = getpid();
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		struct pstat ps;
		pid_t pid = atoi(de->d_name);

		if (pid <= 0 || pid == self || read_stat(pid, &ps))
			continue;
		if (ps.sid == sid || ps.ppid == self)
			n += fn(&ps, arg);
	}
	closedir(d);
	return n;
}

static int signal_one(struct pstat *ps, void *arg)
{
	if (ps->state == 'Z')
		return 0;
	kill(ps->pid, *(int *)arg);
	return 1;
}

int procs_signal_session(pid_t sid, int sig)
{
	return for_each(sid, signal_one, &sig);
}

struct sweep {
	pid_t *seen;
	int nseen;
	struct sbuf *names;
	int alive;
};

static int kill_one(struct pstat *ps, void *arg)
{
	struct sweep *s = arg;
	int i;

	if (ps->state == 'Z')
		return 0;
	for (i = 0; i < s->nseen; i++)
		if (s->seen[i] == ps->pid)
			break;
	if (i == s->nseen) {
		s->seen = xrealloc(s->seen, (s->nseen + 1) * sizeof(pid_t));
		s->seen[s->nseen++] = ps->pid;
		if (s->nseen <= MAX_NAMED)
			sb_printf(s->names, "%s%s[%d]", s->names->len ? " " : "",
				  ps->comm, ps->pid);
		else if (s->nseen == MAX_NAMED + 1)
			sb_puts(s->names, " ...");
	}
	kill(ps->pid, SIGKILL);
	return 1;
}

/* A process that SIGKILL did not end: it is stuck in the kernel */
static int describe_one(struct pstat *ps, void *arg)
{
	struct sbuf *b = arg;
	char path[64], *wchan;

	if (ps->state == 'Z')
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/wchan", ps->pid);
	wchan = read_line_file(path);
	sb_printf(b, "%s%s[%d] state %c wchan %s", b->len ? "; " : "",
		  ps->comm, ps->pid, ps->state, wchan && *wchan ? wchan : "?");
	free(wchan);
	return 1;
}

static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

int procs_cleanup(pid_t sid, struct sbuf *names, struct sbuf *survivors)
{
	struct sweep s = { .names = names };
	double deadline = now_mono() + SWEEP_TIMEOUT_S;

	for (;;) {
		reap();
		if (!for_each(sid, kill_one, &s))
			break;
		if (now_mono() > deadline) {
			for_each(sid, describe_one, survivors);
			break;
		}
		usleep(SWEEP_PAUSE_US);
	}
	reap();
	free(s.seen);
	return s.nseen;
}
