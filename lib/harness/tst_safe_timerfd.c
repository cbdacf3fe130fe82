// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for timerfd.
 */
#include <sys/timerfd.h>

#include "harness.h"
#include "tst_safe_timerfd.h"

static void timerfd_failed(const char *file, const int lineno,
			   const char *call, int fd)
{
	if (errno == ENOSYS)
		tst_brk_(file, lineno, TCONF,
			 "%s() is not supported by this kernel", call);
	tst_brk_(file, lineno, TBROK | TERRNO, "%s(%d) failed", call, fd);
}

int safe_timerfd_create(const char *file, const int lineno, int clockid,
			int flags)
{
	int fd = timerfd_create(clockid, flags);

	if (fd < 0) {
		/* An alarm clock on a machine without a wake-up RTC */
		if (errno == ENODEV)
			tst_brk_(file, lineno, TCONF | TERRNO,
				 "timerfd_create() of clock %d is not supported",
				 clockid);
		timerfd_failed(file, lineno, "timerfd_create", clockid);
	}
	return fd;
}

int safe_timerfd_gettime(const char *file, const int lineno, int fd,
			 struct itimerspec *curr_value)
{
	int ret = timerfd_gettime(fd, curr_value);

	if (ret)
		timerfd_failed(file, lineno, "timerfd_gettime", fd);
	return ret;
}

int safe_timerfd_settime(const char *file, const int lineno, int fd,
			 int flags, const struct itimerspec *new_value,
			 struct itimerspec *old_value)
{
	int ret = timerfd_settime(fd, flags, new_value, old_value);

	if (ret)
		timerfd_failed(file, lineno, "timerfd_settime", fd);
	return ret;
}
