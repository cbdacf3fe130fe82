// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The stall: a timerfd whose wait queue holds many epoll entries, armed
 * on the calling thread's CPU; see include/tst_stall.h.
 *
 * When a timerfd expires, its hrtimer callback runs in the timer
 * interrupt of the CPU that armed it (a busy CPU keeps its timers) and
 * wakes its wait queue with the queue's lock held and interrupts off:
 * every epoll entry's callback runs there, one after the other. The
 * thread that was running on that CPU waits for all of them.
 */
#define TST_NO_DEFAULT_MAIN

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/timerfd.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"
#include "tst_stall.h"
#include "stall.h"

/* Calibration: rounds per size, the armed delay (longer than arming
 * takes under emulation), and how long a round watches at most */
#define CAL_ROUNDS		21
#define CAL_DELAY_NS		200000
#define CAL_WATCH_NS		50000000
/* Clock reads kept per round: more than a round of CAL_WATCH_NS takes
 * when the reads are not interrupted is not needed, the gap is early */
#define CAL_READS		(1 << 16)
/* The percentile of a size's rounds taken as its stall and lateness */
#define CAL_PCT			25
/* Measurements before settling for the last one: the sizes needed
 * from the first one, and repeats of those that measured no longer
 * than the size before */
#define CAL_TRIALS		8
/* Entries of the first measurement */
#define FIRST_WAITERS		256

static void close_all(struct tst_stall *s)
{
	int i;

	for (i = 0; i < s->nepoll; i++)
		if (s->epoll_fds[i] >= 0)
			SAFE_CLOSE(s->epoll_fds[i]);
	for (i = 0; i < s->ndups; i++)
		if (s->dup_fds[i] >= 0)
			SAFE_CLOSE(s->dup_fds[i]);
	free(s->epoll_fds);
	free(s->dup_fds);
	s->epoll_fds = s->dup_fds = NULL;
	s->nepoll = s->ndups = s->waiters = 0;
}

/* Room for @more descriptors: raise the soft limit up to the hard one */
static void fd_room(int more)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		tst_brk(TBROK | TERRNO, "getrlimit(RLIMIT_NOFILE)");
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)more + 256) {
		rl.rlim_cur = MIN((rlim_t)more + 256, rl.rlim_max);
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void build(struct tst_stall *s, int waiters)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int i, j;

	close_all(s);
	stall_layout(waiters, &s->nepoll, &s->ndups);
	fd_room(s->nepoll + s->ndups);
	s->epoll_fds = SAFE_MALLOC(s->nepoll * sizeof(int));
	s->dup_fds = SAFE_MALLOC((s->ndups + 1) * sizeof(int));
	for (i = 0; i < s->nepoll; i++)
		s->epoll_fds[i] = -1;
	for (i = 0; i < s->ndups; i++)
		s->dup_fds[i] = -1;
	for (i = 0; i < s->ndups; i++) {
		s->dup_fds[i] = dup(s->timer_fd);
		if (s->dup_fds[i] < 0)
			tst_brk(TBROK | TERRNO, "dup() of the stall's timerfd, %d of %d",
				i + 1, s->ndups);
	}
	for (i = 0; i < s->nepoll; i++) {
		s->epoll_fds[i] = epoll_create1(EPOLL_CLOEXEC);
		if (s->epoll_fds[i] < 0) {
			if (errno == ENOSYS)
				tst_brk(TCONF | TERRNO, "epoll_create1()");
			tst_brk(TBROK | TERRNO, "epoll_create1(), %d of %d",
				i + 1, s->nepoll);
		}
		for (j = -1; j < s->ndups; j++) {
			int fd = j < 0 ? s->timer_fd : s->dup_fds[j];

			if (epoll_ctl(s->epoll_fds[i], EPOLL_CTL_ADD, fd, &ev))
				tst_brk(TBROK | TERRNO, "epoll_ctl(ADD) of the stall's timer, entry %d of %d",
					i * (s->ndups + 1) + j + 2,
					s->nepoll * (s->ndups + 1));
		}
	}
	s->waiters = s->nepoll * (s->ndups + 1);
}

static int64_t mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * Arms the timer at CLOCK_MONOTONIC @at_mono, 0 disarms; non-zero if it
 * had been armed and not expired yet. An absolute expiry does not move
 * with how long the syscall takes to start the timer (reprogramming the
 * CPU's timer takes tens of microseconds under emulation, or nothing
 * when an earlier timer is pending).
 */
static int settime(struct tst_stall *s, int64_t at_mono)
{
	struct itimerspec it = {
		.it_value = { .tv_sec = at_mono / 1000000000,
			      .tv_nsec = at_mono % 1000000000 },
	}, old;

	if (timerfd_settime(s->timer_fd, at_mono ? TFD_TIMER_ABSTIME : 0,
			    &it, &old))
		tst_brk(TBROK | TERRNO, "timerfd_settime(%lld)",
			(long long)at_mono);
	return old.it_value.tv_sec || old.it_value.tv_nsec;
}

/*
 * Reads the clock from the arming on, into @reads; returns how many.
 * Stops 100 us after the first gap far longer than those seen in the
 * first half of the delay (the stall), or after CAL_WATCH_NS.
 */
static int watch(int64_t *reads, int64_t armed)
{
	int64_t t, gap, ordinary = 0, stalled = 0;
	int n = 0;

	while (n < CAL_READS) {
		t = reads[n++] = tst_fzsync_now();
		if (n > 1) {
			gap = t - reads[n - 2];
			if (t - armed < CAL_DELAY_NS / 2)
				ordinary = MAX(ordinary, gap);
			else if (!stalled && gap > 4 * ordinary + 1000)
				stalled = t;
		}
		if ((stalled && t - stalled > 100000) || t - armed > CAL_WATCH_NS)
			break;
	}
	return n;
}

/*
 * One size's stalls on this CPU: CAL_ROUNDS times arm, watch the clock,
 * take the longest gap. Medians into @s.
 */
static void measure(struct tst_stall *s, int64_t *reads)
{
	int64_t len[CAL_ROUNDS], late[CAL_ROUNDS], arm[CAL_ROUNDS], start;
	int64_t call, armed;
	int r, n;

	for (r = 0; r < CAL_ROUNDS; r++) {
		call = tst_fzsync_now();
		settime(s, mono_now() + CAL_DELAY_NS);
		armed = tst_fzsync_now();
		arm[r] = armed - call;
		n = watch(reads, armed);
		len[r] = stall_gap(reads, n, armed, &start);
		/* the moment counts from the call, as tst_stall_arm()'s */
		late[r] = armed + start - call - CAL_DELAY_NS;
		/* one that did not come while watched is cancelled */
		tst_stall_disarm(s);
	}
	/*
	 * The lower quartiles: a round in which the host took the CPU away
	 * (an emulated guest's vCPU descheduled) only measures longer
	 */
	s->stall_ns = stall_percentile(len, CAL_ROUNDS, CAL_PCT);
	s->late_ns = stall_percentile(late, CAL_ROUNDS, CAL_PCT);
	s->late_spread_ns = stall_percentile(late, CAL_ROUNDS, 100 - CAL_PCT) -
			    s->late_ns;
	s->arm_ns = stall_percentile(arm, CAL_ROUNDS, 50);
}

/*
 * The calibration runs on one CPU: the timer expires on the CPU that
 * armed it, and a thread moved off it meanwhile measures no stall.
 * Returns non-zero with the thread's old CPUs in @old.
 */
static int pin_here(cpu_set_t *old)
{
	cpu_set_t here;
	int cpu = sched_getcpu();

	if (cpu < 0 || sched_getaffinity(0, sizeof(*old), old))
		return 0;
	CPU_ZERO(&here);
	CPU_SET(cpu, &here);
	return !sched_setaffinity(0, sizeof(here), &here);
}

/* Every size measured, when there was more than one, in one line */
static void report_trials(const struct stall_trial *t, int n)
{
	char line[CAL_TRIALS * 32] = "", *p = line;
	int i;

	if (n < 2)
		return;
	for (i = 0; i < n && p < line + sizeof(line); i++)
		p += snprintf(p, line + sizeof(line) - p, "%s%d: %.1f us",
			      i ? ", " : "", t[i].waiters, t[i].stall_ns / 1000.0);
	tst_res(TINFO, "stall: sizes measured (entries: stall): %s", line);
}

static const char *const end_why[] = {
	[STALL_LARGEST] = "the largest wait queue is",
	[STALL_OUT_OF_TRIALS] = "out of measurements, the last is",
};

void tst_stall_init(struct tst_stall *s, int64_t min_ns)
{
	struct stall_trial trials[CAL_TRIALS];
	enum stall_end end;
	int64_t *reads;
	int waiters = FIRST_WAITERS, n = 0, pinned;
	cpu_set_t cpus;

	s->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (s->timer_fd < 0) {
		if (errno == ENOSYS || errno == EINVAL)
			tst_brk(TCONF | TERRNO, "timerfd_create()");
		tst_brk(TBROK | TERRNO, "timerfd_create()");
	}
	s->epoll_fds = s->dup_fds = NULL;
	s->nepoll = s->ndups = 0;
	__atomic_store_n(&s->at_ns, 0, __ATOMIC_RELAXED);
	s->armed = s->waited = 0;

	pinned = pin_here(&cpus);
	if (!pinned)
		tst_res(TINFO | TERRNO, "stall: cannot keep the calibration on one CPU");
	reads = SAFE_MALLOC(CAL_READS * sizeof(*reads));
	while (waiters) {
		build(s, waiters);
		measure(s, reads);
		trials[n++] = (struct stall_trial){ s->waiters, s->stall_ns };
		waiters = stall_next_trial(trials, n, CAL_TRIALS, min_ns, &end);
	}
	free(reads);
	if (pinned && sched_setaffinity(0, sizeof(cpus), &cpus))
		tst_brk(TBROK | TERRNO, "sched_setaffinity() back after the stall's calibration");

	report_trials(trials, n);
	tst_res(TINFO, "stall: %d wait queue entries (%d epoll x %d), %.1f us long (%.1f us wanted), begins %.1f us after the armed time (25-75%% spread %.1f us); arming takes %.1f us",
		s->waiters, s->nepoll, s->ndups + 1, s->stall_ns / 1000.0,
		min_ns / 1000.0, s->late_ns / 1000.0,
		s->late_spread_ns / 1000.0, s->arm_ns / 1000.0);
	if (end != STALL_LONG_ENOUGH)
		tst_res(TINFO, "stall: %s shorter than wanted (%d measurements)",
			end_why[end], n);
}

void tst_stall_arm(struct tst_stall *s, int64_t delay_ns)
{
	int64_t at;

	s->call_ns = tst_fzsync_now();
	/* What the timer needs for a stall @delay_ns after the call */
	settime(s, mono_now() + delay_ns - s->late_ns);
	s->armed_ns = tst_fzsync_now();
	/* The other side acts once most stalls have begun */
	at = s->call_ns + delay_ns + s->late_spread_ns / 2;
	/* Relaxed: published by the release of @armed */
	__atomic_store_n(&s->at_ns, at, __ATOMIC_RELAXED);
	/* Release: pairs with the acquire in tst_stall_wait(); only this
	 * thread writes it */
	__atomic_store_n(&s->armed,
			 __atomic_load_n(&s->armed, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
}

int tst_stall_disarm(struct tst_stall *s)
{
	int fired;

	/* Relaxed: only this thread writes it */
	if (!__atomic_load_n(&s->at_ns, __ATOMIC_RELAXED))
		return 0;
	/* Under the timer's lock: what was left of the armed time; an
	 * expired timer has none. Its expiry count is reset with it. */
	fired = !settime(s, 0);
	/* Relaxed: a waiter reads it only after a later release of @armed;
	 * one waiting now has read it already */
	__atomic_store_n(&s->at_ns, 0, __ATOMIC_RELAXED);
	return fired;
}

void tst_stall_expect(struct tst_stall *s)
{
	/* Acquire: pairs with the release in tst_stall_arm() */
	s->waited = __atomic_load_n(&s->armed, __ATOMIC_ACQUIRE);
}

static int ending(const struct tst_fzsync_pair *pair)
{
	/* Relaxed: it only ends the wait */
	return pair && __atomic_load_n(&pair->exit, __ATOMIC_RELAXED);
}

unsigned long tst_stall_wait(struct tst_stall *s, int64_t max_ns,
			     struct tst_fzsync_pair *pair)
{
	int64_t at, until = tst_fzsync_now() + max_ns;
	unsigned long armed;

	/* Acquire: pairs with the release in tst_stall_arm() */
	while ((armed = __atomic_load_n(&s->armed, __ATOMIC_ACQUIRE)) ==
	       s->waited) {
		if (ending(pair) || tst_fzsync_now() > until)
			return 0;
		tst_fzsync_cpu_relax();
	}
	/* Relaxed: written before the release of @armed; a later disarm
	 * may clear it, then the moment is over anyway */
	at = __atomic_load_n(&s->at_ns, __ATOMIC_RELAXED);
	s->waited = armed;
	while (tst_fzsync_now() < at) {
		if (ending(pair))
			return 0;
		tst_fzsync_cpu_relax();
	}
	return armed;
}

int64_t tst_stall_median(int64_t *ns, int n)
{
	return stall_percentile(ns, n, 50);
}

void tst_stall_cleanup(struct tst_stall *s)
{
	close_all(s);
	if (s->timer_fd > 0)
		SAFE_CLOSE(s->timer_fd);
	s->timer_fd = 0;
}
