/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers for timerfd, LTP's family of tst_safe_timerfd.h.
 *
 *	int fd = SAFE_TIMERFD_CREATE(CLOCK_MONOTONIC, 0);
 *	struct itimerspec its = { .it_value = { .tv_sec = 1 } };
 *
 *	SAFE_TIMERFD_SETTIME(fd, 0, &its, NULL);
 *
 * TCONF when the kernel has no timerfd (ENOSYS) or the machine lacks
 * the clock (ENODEV: an alarm clock without a wake-up RTC).
 */
#ifndef TST_SAFE_TIMERFD_H
#define TST_SAFE_TIMERFD_H

#include <sys/timerfd.h>
#include <time.h>

int safe_timerfd_create(const char *file, const int lineno, int clockid,
			int flags);
#define SAFE_TIMERFD_CREATE(clockid, flags) \
	safe_timerfd_create(__FILE__, __LINE__, (clockid), (flags))

int safe_timerfd_gettime(const char *file, const int lineno, int fd,
			 struct itimerspec *curr_value);
#define SAFE_TIMERFD_GETTIME(fd, curr_value) \
	safe_timerfd_gettime(__FILE__, __LINE__, (fd), (curr_value))

int safe_timerfd_settime(const char *file, const int lineno, int fd,
			 int flags, const struct itimerspec *new_value,
			 struct itimerspec *old_value);
#define SAFE_TIMERFD_SETTIME(fd, flags, new_value, old_value) \
	safe_timerfd_settime(__FILE__, __LINE__, (fd), (flags), \
			     (new_value), (old_value))

#endif /* TST_SAFE_TIMERFD_H */
