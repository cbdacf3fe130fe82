/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Timespecs of the three ABIs a time syscall may take (libc's, the
 * kernel's old one with a long tv_sec, the kernel's 64-bit one), and
 * the raw time syscalls of each; included by tst_timer.h. Tests of
 * time64 variants (time64_variants.h) run one variant per ABI:
 *
 *	static struct time64_variants variants[] = {
 *		{ .tfd_settime = sys_timerfd_settime,
 *		  .ts_type = TST_KERN_OLD_TIMESPEC, .desc = "syscall" },
 *		{ .tfd_settime = sys_timerfd_settime64,
 *		  .ts_type = TST_KERN_TIMESPEC, .desc = "syscall time64" },
 *	};
 *	struct time64_variants *tv = &variants[tst_variant];
 *	struct tst_its its = { .type = tv->ts_type };
 *
 *	tst_its_set_value_sec(&its, 1);
 *	tv->tfd_settime(fd, 0, tst_its_get(&its), NULL);
 *
 * A *64 syscall this architecture lacks (x86_64 has none: its old
 * timespec is 64-bit already) ends the test with TCONF.
 */
#ifndef TST_TIMER_TS_H
#define TST_TIMER_TS_H

#include <linux/time_types.h>
#include <mqueue.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#include "tst_test.h"
#include <lapi/syscalls.h>

/* The time64 syscalls exist on 32-bit architectures only */
#ifndef __NR_clock_getres_time64
# define __NR_clock_getres_time64	__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_clock_gettime64
# define __NR_clock_gettime64		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_clock_settime64
# define __NR_clock_settime64		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_clock_nanosleep_time64
# define __NR_clock_nanosleep_time64	__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timer_gettime64
# define __NR_timer_gettime64		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timer_settime64
# define __NR_timer_settime64		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timerfd_gettime64
# define __NR_timerfd_gettime64		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timerfd_settime64
# define __NR_timerfd_settime64		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_mq_timedsend_time64
# define __NR_mq_timedsend_time64	__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_mq_timedreceive_time64
# define __NR_mq_timedreceive_time64	__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_sched_rr_get_interval_time64
# define __NR_sched_rr_get_interval_time64 __LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_futex_time64
# define __NR_futex_time64		__LTP__NR_INVALID_SYSCALL
#endif
/* Architectures that only have the time64 ones (riscv32) lack these */
#ifndef __NR_clock_getres
# define __NR_clock_getres		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_clock_gettime
# define __NR_clock_gettime		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_clock_settime
# define __NR_clock_settime		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_clock_nanosleep
# define __NR_clock_nanosleep		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timer_gettime
# define __NR_timer_gettime		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timer_settime
# define __NR_timer_settime		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timerfd_gettime
# define __NR_timerfd_gettime		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_timerfd_settime
# define __NR_timerfd_settime		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_mq_timedsend
# define __NR_mq_timedsend		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_mq_timedreceive
# define __NR_mq_timedreceive		__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_sched_rr_get_interval
# define __NR_sched_rr_get_interval	__LTP__NR_INVALID_SYSCALL
#endif
#ifndef __NR_futex
# define __NR_futex			__LTP__NR_INVALID_SYSCALL
#endif

/* The kernel's timer id (timer_t of libc is a pointer) */
typedef int kernel_timer_t;

/* Not in the UAPI headers: the itimerspec of the old timespec */
struct __kernel_old_itimerspec {
	struct __kernel_old_timespec it_interval;
	struct __kernel_old_timespec it_value;
};

enum tst_ts_type {
	TST_LIBC_TIMESPEC,
	TST_KERN_OLD_TIMESPEC,
	TST_KERN_TIMESPEC
};

/* A timespec of one ABI; set .type, then use the functions below */
struct tst_ts {
	enum tst_ts_type type;
	union ts {
		struct timespec libc_ts;
		struct __kernel_old_timespec kern_old_ts;
		struct __kernel_timespec kern_ts;
	} ts;
};

/* An itimerspec of one of the kernel's ABIs */
struct tst_its {
	enum tst_ts_type type;
	union {
		struct __kernel_old_itimerspec kern_old_its;
		struct __kernel_itimerspec kern_its;
	} ts;
};

/**
 * tst_ts_get() - The timespec to pass to a syscall.
 * @t: The tst_ts; NULL gives NULL.
 *
 * Return: a pointer to the member of @t's type.
 */
static inline void *tst_ts_get(struct tst_ts *t)
{
	if (!t)
		return NULL;
	switch (t->type) {
	case TST_LIBC_TIMESPEC:
		return &t->ts.libc_ts;
	case TST_KERN_OLD_TIMESPEC:
		return &t->ts.kern_old_ts;
	case TST_KERN_TIMESPEC:
		return &t->ts.kern_ts;
	}
	tst_brk(TBROK, "Invalid tst_ts type %d", t->type);
	return NULL;
}

/**
 * tst_its_get() - The itimerspec to pass to a syscall.
 * @t: The tst_its; NULL gives NULL.
 *
 * Return: a pointer to the member of @t's type (kernel types only).
 */
static inline void *tst_its_get(struct tst_its *t)
{
	if (!t)
		return NULL;
	switch (t->type) {
	case TST_KERN_OLD_TIMESPEC:
		return &t->ts.kern_old_its;
	case TST_KERN_TIMESPEC:
		return &t->ts.kern_its;
	default:
		break;
	}
	tst_brk(TBROK, "Invalid tst_its type %d", t->type);
	return NULL;
}

/* Raw time syscalls, libc's calls under the same signature */

static inline int libc_clock_getres(clockid_t clk_id, void *ts)
{
	return clock_getres(clk_id, ts);
}

static inline int sys_clock_getres(clockid_t clk_id, void *ts)
{
	return tst_syscall(__NR_clock_getres, clk_id, ts);
}

static inline int sys_clock_getres64(clockid_t clk_id, void *ts)
{
	return tst_syscall(__NR_clock_getres_time64, clk_id, ts);
}

static inline int libc_clock_gettime(clockid_t clk_id, void *ts)
{
	return clock_gettime(clk_id, ts);
}

static inline int sys_clock_gettime(clockid_t clk_id, void *ts)
{
	return tst_syscall(__NR_clock_gettime, clk_id, ts);
}

static inline int sys_clock_gettime64(clockid_t clk_id, void *ts)
{
	return tst_syscall(__NR_clock_gettime64, clk_id, ts);
}

static inline int libc_clock_settime(clockid_t clk_id, void *ts)
{
	return clock_settime(clk_id, ts);
}

static inline int sys_clock_settime(clockid_t clk_id, void *ts)
{
	return tst_syscall(__NR_clock_settime, clk_id, ts);
}

static inline int sys_clock_settime64(clockid_t clk_id, void *ts)
{
	return tst_syscall(__NR_clock_settime64, clk_id, ts);
}

static inline int libc_clock_nanosleep(clockid_t clk_id, int flags,
				       void *request, void *remain)
{
	return clock_nanosleep(clk_id, flags, request, remain);
}

static inline int sys_clock_nanosleep(clockid_t clk_id, int flags,
				      void *request, void *remain)
{
	return tst_syscall(__NR_clock_nanosleep, clk_id, flags, request,
			   remain);
}

static inline int sys_clock_nanosleep64(clockid_t clk_id, int flags,
					void *request, void *remain)
{
	return tst_syscall(__NR_clock_nanosleep_time64, clk_id, flags,
			   request, remain);
}

static inline int sys_futex(int *uaddr, int futex_op, int val, void *to,
			    int *uaddr2, int val3)
{
	return tst_syscall(__NR_futex, uaddr, futex_op, val, to, uaddr2, val3);
}

static inline int sys_futex_time64(int *uaddr, int futex_op, int val,
				   void *to, int *uaddr2, int val3)
{
	return tst_syscall(__NR_futex_time64, uaddr, futex_op, val, to,
			   uaddr2, val3);
}

static inline int libc_mq_timedsend(mqd_t mqdes, const char *msg_ptr,
				    size_t msg_len, unsigned int msg_prio,
				    void *abs_timeout)
{
	return mq_timedsend(mqdes, msg_ptr, msg_len, msg_prio, abs_timeout);
}

static inline int sys_mq_timedsend(mqd_t mqdes, const char *msg_ptr,
				   size_t msg_len, unsigned int msg_prio,
				   void *abs_timeout)
{
	return tst_syscall(__NR_mq_timedsend, mqdes, msg_ptr, msg_len,
			   msg_prio, abs_timeout);
}

static inline int sys_mq_timedsend64(mqd_t mqdes, const char *msg_ptr,
				     size_t msg_len, unsigned int msg_prio,
				     void *abs_timeout)
{
	return tst_syscall(__NR_mq_timedsend_time64, mqdes, msg_ptr, msg_len,
			   msg_prio, abs_timeout);
}

static inline ssize_t libc_mq_timedreceive(mqd_t mqdes, char *msg_ptr,
					   size_t msg_len,
					   unsigned int *msg_prio,
					   void *abs_timeout)
{
	return mq_timedreceive(mqdes, msg_ptr, msg_len, msg_prio, abs_timeout);
}

static inline ssize_t sys_mq_timedreceive(mqd_t mqdes, char *msg_ptr,
					  size_t msg_len,
					  unsigned int *msg_prio,
					  void *abs_timeout)
{
	return tst_syscall(__NR_mq_timedreceive, mqdes, msg_ptr, msg_len,
			   msg_prio, abs_timeout);
}

static inline ssize_t sys_mq_timedreceive64(mqd_t mqdes, char *msg_ptr,
					    size_t msg_len,
					    unsigned int *msg_prio,
					    void *abs_timeout)
{
	return tst_syscall(__NR_mq_timedreceive_time64, mqdes, msg_ptr,
			   msg_len, msg_prio, abs_timeout);
}

static inline int libc_sched_rr_get_interval(pid_t pid, void *ts)
{
	return sched_rr_get_interval(pid, ts);
}

static inline int sys_sched_rr_get_interval(pid_t pid, void *ts)
{
	return tst_syscall(__NR_sched_rr_get_interval, pid, ts);
}

static inline int sys_sched_rr_get_interval64(pid_t pid, void *ts)
{
	return tst_syscall(__NR_sched_rr_get_interval_time64, pid, ts);
}

static inline int sys_timer_gettime(kernel_timer_t timerid, void *its)
{
	return tst_syscall(__NR_timer_gettime, timerid, its);
}

static inline int sys_timer_gettime64(kernel_timer_t timerid, void *its)
{
	return tst_syscall(__NR_timer_gettime64, timerid, its);
}

static inline int sys_timer_settime(kernel_timer_t timerid, int flags,
				    void *its, void *old_its)
{
	return tst_syscall(__NR_timer_settime, timerid, flags, its, old_its);
}

static inline int sys_timer_settime64(kernel_timer_t timerid, int flags,
				      void *its, void *old_its)
{
	return tst_syscall(__NR_timer_settime64, timerid, flags, its, old_its);
}

static inline int sys_timerfd_gettime(int fd, void *its)
{
	return tst_syscall(__NR_timerfd_gettime, fd, its);
}

static inline int sys_timerfd_gettime64(int fd, void *its)
{
	return tst_syscall(__NR_timerfd_gettime64, fd, its);
}

static inline int sys_timerfd_settime(int fd, int flags, void *its,
				      void *old_its)
{
	return tst_syscall(__NR_timerfd_settime, fd, flags, its, old_its);
}

static inline int sys_timerfd_settime64(int fd, int flags, void *its,
					void *old_its)
{
	return tst_syscall(__NR_timerfd_settime64, fd, flags, its, old_its);
}

static inline int sys_setitimer(int which, void *new_value, void *old_value)
{
	return tst_syscall(__NR_setitimer, which, new_value, old_value);
}

/* Fields of a tst_ts, whatever its type */

static inline long long tst_ts_get_sec(struct tst_ts ts)
{
	switch (ts.type) {
	case TST_LIBC_TIMESPEC:
		return ts.ts.libc_ts.tv_sec;
	case TST_KERN_OLD_TIMESPEC:
		return ts.ts.kern_old_ts.tv_sec;
	case TST_KERN_TIMESPEC:
		return ts.ts.kern_ts.tv_sec;
	}
	tst_brk(TBROK, "Invalid tst_ts type %d", ts.type);
	return -1;
}

static inline long long tst_ts_get_nsec(struct tst_ts ts)
{
	switch (ts.type) {
	case TST_LIBC_TIMESPEC:
		return ts.ts.libc_ts.tv_nsec;
	case TST_KERN_OLD_TIMESPEC:
		return ts.ts.kern_old_ts.tv_nsec;
	case TST_KERN_TIMESPEC:
		return ts.ts.kern_ts.tv_nsec;
	}
	tst_brk(TBROK, "Invalid tst_ts type %d", ts.type);
	return -1;
}

static inline void tst_ts_set_sec(struct tst_ts *ts, long long sec)
{
	switch (ts->type) {
	case TST_LIBC_TIMESPEC:
		ts->ts.libc_ts.tv_sec = sec;
		return;
	case TST_KERN_OLD_TIMESPEC:
		ts->ts.kern_old_ts.tv_sec = sec;
		return;
	case TST_KERN_TIMESPEC:
		ts->ts.kern_ts.tv_sec = sec;
		return;
	}
	tst_brk(TBROK, "Invalid tst_ts type %d", ts->type);
}

static inline void tst_ts_set_nsec(struct tst_ts *ts, long long nsec)
{
	switch (ts->type) {
	case TST_LIBC_TIMESPEC:
		ts->ts.libc_ts.tv_nsec = nsec;
		return;
	case TST_KERN_OLD_TIMESPEC:
		ts->ts.kern_old_ts.tv_nsec = nsec;
		return;
	case TST_KERN_TIMESPEC:
		ts->ts.kern_ts.tv_nsec = nsec;
		return;
	}
	tst_brk(TBROK, "Invalid tst_ts type %d", ts->type);
}

/* Fields of a tst_its: interval and value, seconds and nanoseconds */

#define TST_ITS_FIELD_(part, unit) \
static inline long long tst_its_get_##part##_##unit(struct tst_its its) \
{ \
	switch (its.type) { \
	case TST_KERN_OLD_TIMESPEC: \
		return its.ts.kern_old_its.it_##part.tv_##unit; \
	case TST_KERN_TIMESPEC: \
		return its.ts.kern_its.it_##part.tv_##unit; \
	default: \
		break; \
	} \
	tst_brk(TBROK, "Invalid tst_its type %d", its.type); \
	return -1; \
} \
static inline void tst_its_set_##part##_##unit(struct tst_its *its, \
					       long long v) \
{ \
	switch (its->type) { \
	case TST_KERN_OLD_TIMESPEC: \
		its->ts.kern_old_its.it_##part.tv_##unit = v; \
		return; \
	case TST_KERN_TIMESPEC: \
		its->ts.kern_its.it_##part.tv_##unit = v; \
		return; \
	default: \
		break; \
	} \
	tst_brk(TBROK, "Invalid tst_its type %d", its->type); \
}

TST_ITS_FIELD_(interval, sec)
TST_ITS_FIELD_(interval, nsec)
TST_ITS_FIELD_(value, sec)
TST_ITS_FIELD_(value, nsec)

#undef TST_ITS_FIELD_

/* Conversions and arithmetic of tst_ts */

#define TST_NSEC_PER_SEC_	1000000000LL

/* 0 if valid; -1 if tv_nsec is negative, 1 if it is a second or more */
static inline int tst_ts_valid(struct tst_ts *t)
{
	long long nsec = tst_ts_get_nsec(*t);

	if (nsec < 0)
		return -1;
	if (nsec >= TST_NSEC_PER_SEC_)
		return 1;
	return 0;
}

static inline struct tst_ts tst_ts_from_timespec(struct timespec ts)
{
	struct tst_ts t = { .type = TST_LIBC_TIMESPEC, .ts.libc_ts = ts };

	return t;
}

static inline struct timespec tst_ts_to_timespec(struct tst_ts t)
{
	struct timespec ts = {
		.tv_sec = tst_ts_get_sec(t),
		.tv_nsec = tst_ts_get_nsec(t),
	};

	return ts;
}

static inline long long tst_ts_to_ns(struct tst_ts t)
{
	return tst_ts_get_sec(t) * TST_NSEC_PER_SEC_ + tst_ts_get_nsec(t);
}

static inline long long tst_ts_to_us(struct tst_ts t)
{
	return tst_ts_to_ns(t) / 1000;
}

static inline long long tst_ts_to_ms(struct tst_ts t)
{
	return tst_ts_to_ns(t) / 1000000;
}

/* @t with the value @ns >= 0, its type kept */
static inline struct tst_ts tst_ts_from_ns(enum tst_ts_type type,
					   long long ns)
{
	struct tst_ts t = { .type = type };

	tst_ts_set_sec(&t, ns / TST_NSEC_PER_SEC_);
	tst_ts_set_nsec(&t, ns % TST_NSEC_PER_SEC_);
	return t;
}

static inline struct tst_ts tst_ts_from_us(enum tst_ts_type type,
					   long long us)
{
	return tst_ts_from_ns(type, us * 1000);
}

static inline struct tst_ts tst_ts_from_ms(enum tst_ts_type type,
					   long long ms)
{
	return tst_ts_from_ns(type, ms * 1000000);
}

static inline void tst_its_set_interval_from_us(struct tst_its *its,
						long long us)
{
	tst_its_set_interval_sec(its, us / 1000000);
	tst_its_set_interval_nsec(its, (us % 1000000) * 1000);
}

static inline void tst_its_set_value_from_us(struct tst_its *its,
					     long long us)
{
	tst_its_set_value_sec(its, us / 1000000);
	tst_its_set_value_nsec(its, (us % 1000000) * 1000);
}

static inline void tst_its_set_interval_from_ts(struct tst_its *its,
						struct tst_ts ts)
{
	tst_its_set_interval_sec(its, tst_ts_get_sec(ts));
	tst_its_set_interval_nsec(its, tst_ts_get_nsec(ts));
}

static inline void tst_its_set_value_from_ts(struct tst_its *its,
					     struct tst_ts ts)
{
	tst_its_set_value_sec(its, tst_ts_get_sec(ts));
	tst_its_set_value_nsec(its, tst_ts_get_nsec(ts));
}

/* 1 if @t1 is earlier than @t2 */
static inline int tst_ts_lt(struct tst_ts t1, struct tst_ts t2)
{
	return tst_ts_to_ns(t1) < tst_ts_to_ns(t2);
}

/* tv_nsec brought into [0, 1 s) */
static inline struct tst_ts tst_ts_normalize(struct tst_ts t)
{
	long long sec = tst_ts_get_sec(t), nsec = tst_ts_get_nsec(t);

	sec += nsec / TST_NSEC_PER_SEC_;
	nsec %= TST_NSEC_PER_SEC_;
	if (nsec < 0) {
		sec--;
		nsec += TST_NSEC_PER_SEC_;
	}
	tst_ts_set_sec(&t, sec);
	tst_ts_set_nsec(&t, nsec);
	return t;
}

static inline struct tst_ts tst_ts_add_us(struct tst_ts t, long long us)
{
	tst_ts_set_nsec(&t, tst_ts_get_nsec(t) + us * 1000);
	return tst_ts_normalize(t);
}

static inline struct tst_ts tst_ts_sub_us(struct tst_ts t, long long us)
{
	return tst_ts_add_us(t, -us);
}

/* @t1 - @t2, of @t1's type */
static inline struct tst_ts tst_ts_diff(struct tst_ts t1, struct tst_ts t2)
{
	tst_ts_set_sec(&t1, tst_ts_get_sec(t1) - tst_ts_get_sec(t2));
	tst_ts_set_nsec(&t1, tst_ts_get_nsec(t1) - tst_ts_get_nsec(t2));
	return tst_ts_normalize(t1);
}

static inline long long tst_ts_diff_ns(struct tst_ts t1, struct tst_ts t2)
{
	return tst_ts_to_ns(t1) - tst_ts_to_ns(t2);
}

static inline long long tst_ts_diff_us(struct tst_ts t1, struct tst_ts t2)
{
	return tst_ts_diff_ns(t1, t2) / 1000;
}

static inline long long tst_ts_diff_ms(struct tst_ts t1, struct tst_ts t2)
{
	return tst_ts_diff_ns(t1, t2) / 1000000;
}

static inline long long tst_ts_abs_diff_us(struct tst_ts t1, struct tst_ts t2)
{
	long long d = tst_ts_diff_us(t1, t2);

	return d < 0 ? -d : d;
}

static inline long long tst_ts_abs_diff_ms(struct tst_ts t1, struct tst_ts t2)
{
	long long d = tst_ts_diff_ms(t1, t2);

	return d < 0 ? -d : d;
}

#endif /* TST_TIMER_TS_H */
