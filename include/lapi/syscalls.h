/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tst_syscall(): raw system call that ends the test with TCONF when the
 * kernel does not implement it.
 *
 *	int fd = tst_syscall(__NR_pidfd_open, pid, 0);
 *
 * __LTP__NR_INVALID_SYSCALL is LTP's number for a system call this
 * architecture does not have; tests compare __NR_* numbers with it.
 */
#ifndef LAPI_SYSCALLS_H
#define LAPI_SYSCALLS_H

#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>

#define __LTP__NR_INVALID_SYSCALL	-1

#define tst_syscall(NR, ...) ({ \
	intptr_t tst_ret_; \
	if ((NR) == __LTP__NR_INVALID_SYSCALL) { \
		tst_brk(TCONF, #NR " is not supported on this arch"); \
	} \
	errno = 0; \
	tst_ret_ = syscall(NR, ##__VA_ARGS__); \
	if (tst_ret_ == -1 && errno == ENOSYS) { \
		tst_brk(TCONF, "syscall(%d) " #NR " not supported", (int)(NR)); \
	} \
	tst_ret_; \
})

#endif /* LAPI_SYSCALLS_H */
