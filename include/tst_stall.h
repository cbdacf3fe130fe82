/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stall: keep the calling thread's CPU busy in interrupt context for a
 * set time, at a set moment.
 *
 * Many kernel races need one side to be slow at one point: recvmmsg()
 * between its fput() and its last look at the socket, fsnotify() between
 * loading an inode's mark connector and its mark list. Those points are a
 * few instructions long, and the other side's work (a close() that
 * releases the socket, an inotify_rm_watch() that detaches the connector)
 * takes microseconds: no delay in user space makes them meet. A stall
 * does. It is a timer armed on the calling thread's CPU whose wait queue
 * holds thousands of entries: when it expires, the CPU's timer interrupt
 * walks all of them, and whatever the thread was doing in the kernel
 * waits that long at whatever instruction the interrupt came. Aimed at
 * the window and long enough for the other side's work, it turns a
 * window of nanoseconds into one of the stall's length.
 *
 *	static struct tst_stall stall;
 *
 *	setup():
 *		tst_stall_init(&stall, 300000);	// at least 300 us long
 *	thread A, in the racing section:
 *		tst_stall_arm(&stall, d);	// d ns from now
 *		racing_syscall();
 *		fired = tst_stall_disarm(&stall);
 *	thread B, before its racing section:
 *		tst_stall_expect(&stall);
 *	thread B, in the racing section, to act while A is stalled:
 *		tst_stall_wait(&stall, max_ns, &pair);
 *		other_syscall();
 *	cleanup():
 *		tst_stall_cleanup(&stall);
 *
 * The entries are epoll instances watching the timer's file descriptor
 * and duplicates of it; the timer is a timerfd, whose expiry the kernel
 * handles on the CPU that armed it. tst_stall_init() measures the stall
 * and how late after the armed time it begins, and sizes the wait queue
 * for the length asked for.
 */
#ifndef TST_STALL_H
#define TST_STALL_H

#include <stdint.h>

struct tst_fzsync_pair;

/*
 * Bounds of the wait queue: below the lower one a stall is not worth
 * arming, beyond the upper one its descriptors (about twice the square
 * root) and the kernel's epoll items cost more than any race needs
 */
#define TST_STALL_MIN_WAITERS	16
#define TST_STALL_MAX_WAITERS	65536

/**
 * struct tst_stall - A timer that stalls the CPU it expires on.
 * @timer_fd: The timerfd.
 * @epoll_fds: Epoll instances, each watching @timer_fd and @dup_fds.
 * @nepoll: How many.
 * @dup_fds: Duplicates of @timer_fd: each is one more entry per epoll.
 * @ndups: How many.
 * @waiters: Entries on the timer's wait queue, @nepoll * (@ndups + 1).
 * @stall_ns: Length of a stall (lower quartile of the rounds), measured
 *            by tst_stall_init().
 * @late_ns: Time by which a stall begins after the moment armed (lower
 *           quartile): the interrupt's latency.
 * @late_spread_ns: The quartile range of that lateness.
 * @arm_ns: How long tst_stall_arm() takes (median).
 * @call_ns: tst_fzsync_now() at the call of the last tst_stall_arm().
 * @armed_ns: tst_fzsync_now() at its return.
 * @at_ns: tst_fzsync_now() at which the last armed stall was expected to
 *         begin; written by the arming thread, 0 when none is armed.
 * @armed: Stalls armed so far; raised by tst_stall_arm() with release
 *         order after @at_ns is written.
 * @waited: The @armed that tst_stall_wait() last waited for; written by
 *          the waiting thread only.
 */
struct tst_stall {
	int timer_fd;
	int *epoll_fds;
	int nepoll;
	int *dup_fds;
	int ndups;
	int waiters;
	int64_t stall_ns;
	int64_t late_ns;
	int64_t late_spread_ns;
	int64_t arm_ns;
	int64_t call_ns;
	int64_t armed_ns;
	int64_t at_ns;
	unsigned long armed;
	unsigned long waited;
};

/**
 * enum tst_stall_where - Where an armed stall fell, as the arming thread
 *                        saw it.
 * @TST_STALL_BEFORE: Before the stalled syscall began.
 * @TST_STALL_INSIDE: Inside it: the syscall took the stall's length longer.
 * @TST_STALL_AFTER: After it ended, or never.
 */
enum tst_stall_where {
	TST_STALL_BEFORE,
	TST_STALL_INSIDE,
	TST_STALL_AFTER,
};

/**
 * tst_stall_where() - Where the last armed stall fell.
 * @s: The stall.
 * @start_ns: tst_fzsync_now() right before the syscall.
 * @end_ns: tst_fzsync_now() right after it.
 * @normal_ns: The syscall's duration without a stall.
 *
 * Before: the arming call, or its return to @start_ns, took half a
 * stall longer than usual; inside: @start_ns to @end_ns took half a
 * stall longer than @normal_ns; after otherwise.
 *
 * Return: the place.
 */
enum tst_stall_where tst_stall_where(const struct tst_stall *s,
				     int64_t start_ns, int64_t end_ns,
				     int64_t normal_ns);

/**
 * struct tst_stall_aim - Where to arm stalls that must fall at the end of
 *                        a syscall.
 * @end_ns: The delay at which a stall stops falling inside the syscall,
 *          as tracked so far.
 * @band_ns: Width of the band before @end_ns that delays come from.
 * @step_ns: How far one result moves @end_ns.
 * @seed: State of the delays' random choice.
 * @exploring: The last delay was drawn from around the end.
 *
 * The exit path of a syscall (recvmmsg()'s fput() and what follows it,
 * write()'s fsnotify_modify()) lies right before its end. A stall armed
 * at a random point of the whole syscall falls there rarely; aimed at a
 * band just before the end, whose place the test reports back after
 * every syscall (whether the stall fell inside it), it falls there far
 * more often. The struct is the pure controller; the test arms.
 */
struct tst_stall_aim {
	int64_t end_ns;
	int64_t band_ns;
	int64_t step_ns;
	unsigned int seed;
	int exploring;
};

/**
 * tst_stall_aim_init() - Start aiming at the end of a syscall.
 * @a: The aim.
 * @syscall_ns: The syscall's duration without a race: the first guess of
 *              the end.
 * @band_ns: Width of the band before the end that delays come from.
 * @seed: Seed of the random choice.
 */
void tst_stall_aim_init(struct tst_stall_aim *a, int64_t syscall_ns,
			int64_t band_ns, unsigned int seed);

/**
 * tst_stall_aim_last_part() - Aim @s at the last part of a syscall armed
 *                             right before it.
 * @a: The aim.
 * @s: The stall, initialised: its arming time and spread are used.
 * @syscall_ns: The syscall's duration without a race.
 * @part: The window lies in the syscall's last 1/@part.
 * @seed: Seed of the random choice.
 *
 * The end is first guessed at the arming call's duration plus
 * @syscall_ns; the band is that last part, widened by up to as much
 * again for how much the stalls' start spreads (twice @s->late_spread_ns,
 * which grows on a busy host).
 */
void tst_stall_aim_last_part(struct tst_stall_aim *a,
			     const struct tst_stall *s, int64_t syscall_ns,
			     int part, unsigned int seed);

/**
 * tst_stall_aim_next() - The delay for the next stall.
 * @a: The aim.
 *
 * Three in four from the band before the end, one in four from the band
 * around it, which keeps the end tracked.
 *
 * Return: the delay for tst_stall_arm(), ns, at least 0.
 */
int64_t tst_stall_aim_next(struct tst_stall_aim *a);

/**
 * tst_stall_aim_result() - Tell the aim where a stall fell.
 * @a: The aim.
 * @delay_ns: The delay the stall was armed with.
 * @where: Where it fell (tst_stall_where()).
 *
 * Only a delay drawn from around the end counts: a stall inside or
 * before the syscall at a delay past the end moves the end later, one
 * after the syscall at a delay before the end moves it earlier, by
 * @a->step_ns; the end settles where half of the stalls there fall
 * inside. One before the syscall at a delay before the end (shorter
 * than the way into it) says nothing about the end.
 */
void tst_stall_aim_result(struct tst_stall_aim *a, int64_t delay_ns,
			  enum tst_stall_where where);

/**
 * tst_stall_init() - Create a stall of at least @min_ns.
 * @s: The stall, zeroed.
 * @min_ns: Shortest stall wanted, ns.
 *
 * Builds a wait queue, measures its stall on the calling thread's CPU
 * (the thread is kept there meanwhile, and given its CPUs back after)
 * and grows it until a stall is @min_ns long. A size that measures no
 * longer than the smaller one before it is measured again before the
 * queue grows from it. When the queue reaches TST_STALL_MAX_WAITERS
 * entries or the measurements run out first, TINFO says so and how long
 * the stall got. Ends with a TINFO line of every size measured, when
 * there was more than one, and one of the entries, the stall and its
 * lateness. TBROK if a descriptor or epoll item cannot be had, TCONF if
 * the kernel has no timerfd or epoll.
 */
void tst_stall_init(struct tst_stall *s, int64_t min_ns);

/**
 * tst_stall_arm() - Stall the calling thread's CPU @delay_ns from now.
 * @s: The stall.
 * @delay_ns: Time from this call to the stall, ns.
 *
 * One timerfd_settime() with an absolute expiry, @s->late_ns early: the
 * stall begins about @delay_ns after the call, whatever the syscall
 * takes to start the timer (a delay shorter than @s->arm_ns stalls the
 * arming itself). Call it in the racing section, right before the
 * syscall to stall; tst_stall_wait() in another thread waits for that
 * moment.
 */
void tst_stall_arm(struct tst_stall *s, int64_t delay_ns);

/**
 * tst_stall_disarm() - Cancel the stall if it has not come yet.
 * @s: The stall.
 *
 * Return: non-zero if the timer had expired, i.e. the stall happened
 * (or is happening on another CPU), zero if it was cancelled or not
 * armed.
 */
int tst_stall_disarm(struct tst_stall *s);

/**
 * tst_stall_expect() - Make the next tst_stall_wait() wait for a stall
 *                      armed after this call.
 * @s: The stall.
 *
 * For the waiting thread, before its racing section: a stall the other
 * thread armed in an earlier iteration, after this one had stopped
 * waiting, is not this iteration's.
 */
void tst_stall_expect(struct tst_stall *s);

/**
 * tst_stall_wait() - Wait, spinning, until the next armed stall has begun.
 * @s: The stall, armed by another thread.
 * @max_ns: Longest wait for the other thread to arm, ns.
 * @pair: The fuzzy-sync pair whose exit flag ends the wait, or NULL.
 *
 * Waits up to @max_ns for the other thread to arm a stall this one has
 * not waited for yet, then until the moment the latest one is expected
 * to begin (most begin before), without a syscall; whether it was
 * disarmed meanwhile does not matter. The bound keeps the waiting
 * thread's racing section short when the other is delayed: a section
 * that waits for the other side's start would lengthen the offsets the
 * fuzzy-sync library delays by, which lengthen the wait.
 *
 * Return: the number of the stall waited for, counting the arms since
 * tst_stall_init() from 1; 0 when none was armed in time or the pair's
 * loop is ending.
 */
unsigned long tst_stall_wait(struct tst_stall *s, int64_t max_ns,
			     struct tst_fzsync_pair *pair);

/**
 * tst_stall_median() - The median of @n durations, to size and place a
 *                      stall.
 * @ns: Durations, ns; sorted in place.
 * @n: How many, > 0.
 *
 * Return: the median.
 */
int64_t tst_stall_median(int64_t *ns, int n);

/**
 * tst_stall_cleanup() - Close the stall's descriptors.
 * @s: The stall; safe on a zeroed one and twice.
 */
void tst_stall_cleanup(struct tst_stall *s);

#endif /* TST_STALL_H */
