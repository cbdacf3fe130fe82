// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for file descriptors: duplicating, syncing, vectored
 * I/O, polling.
 */
#include <poll.h>
#include <stdlib.h>
#include <sys/uio.h>

#include "harness.h"
#include "tst_safe_prw.h"

int safe_creat(const char *file, const int lineno, const char *pathname,
	       mode_t mode)
{
	TST_SAFE_RET(int, creat(pathname, mode), "creat(%s,%04o)", pathname,
		     (unsigned int)mode);
}

int safe_dup(const char *file, const int lineno, int oldfd)
{
	TST_SAFE_RET(int, dup(oldfd), "dup(%d)", oldfd);
}

int safe_dup2(const char *file, const int lineno, int oldfd, int newfd)
{
	TST_SAFE_RET(int, dup2(oldfd, newfd), "dup2(%d,%d)", oldfd, newfd);
}

int safe_fsync(const char *file, const int lineno, int fd)
{
	TST_SAFE_CALL(fsync(fd), "fsync(%d)", fd);
}

int safe_pipe2(const char *file, const int lineno, int fildes[2], int flags)
{
	TST_SAFE_CALL(pipe2(fildes, flags), "pipe2(%p,%d)", (void *)fildes,
		      flags);
}

static size_t iov_bytes(const struct iovec *iov, int iovcnt)
{
	size_t n = 0;
	int i;

	for (i = 0; i < iovcnt; i++)
		n += iov[i].iov_len;
	return n;
}

ssize_t safe_readv(const char *file, const int lineno, char len_strict,
		   int fildes, const struct iovec *iov, int iovcnt)
{
	size_t want = iov_bytes(iov, iovcnt);
	ssize_t ret = readv(fildes, iov, iovcnt);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "readv(%d,%p,%d) failed", fildes, (void *)iov, iovcnt);
	if (len_strict && (size_t)ret != want)
		tst_brk_(file, lineno, TBROK,
			 "short readv(%d,%p,%d): %zd bytes of %zu", fildes,
			 (void *)iov, iovcnt, ret, want);
	return ret;
}

ssize_t safe_writev(const char *file, const int lineno, char len_strict,
		    int fildes, const struct iovec *iov, int iovcnt)
{
	size_t want = iov_bytes(iov, iovcnt);
	ssize_t ret = writev(fildes, iov, iovcnt);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "writev(%d,%p,%d) failed", fildes, (void *)iov,
			 iovcnt);
	if (len_strict && (size_t)ret != want)
		tst_brk_(file, lineno, TBROK,
			 "short writev(%d,%p,%d): %zd bytes of %zu", fildes,
			 (void *)iov, iovcnt, ret, want);
	return ret;
}

int safe_poll(const char *file, const int lineno, struct pollfd *fds,
	      nfds_t nfds, int timeout)
{
	TST_SAFE_RET(int, poll(fds, nfds, timeout), "poll(%p,%lu,%d)",
		     (void *)fds, (unsigned long)nfds, timeout);
}

int safe_posix_fadvise(const char *file, const int lineno, int fd,
		       off_t offset, off_t len, int advice)
{
	/* Returns the error instead of setting errno */
	int ret = posix_fadvise(fd, offset, len, advice);

	if (ret) {
		errno = ret;
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "posix_fadvise(%d,%lld,%lld,%d) failed", fd,
			 (long long)offset, (long long)len, advice);
	}
	return ret;
}

char *safe_ptsname(const char *file, const int lineno, int masterfd)
{
	char *name = ptsname(masterfd);

	if (!name)
		tst_brk_(file, lineno, TBROK | TERRNO, "ptsname(%d) failed",
			 masterfd);
	return name;
}

ssize_t safe_preadv(const char *file, const int lineno, char len_strict,
		    int fildes, const struct iovec *iov, int iovcnt,
		    off_t offset)
{
	size_t want = iov_bytes(iov, iovcnt);
	ssize_t ret = preadv(fildes, iov, iovcnt, offset);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "preadv(%d,%p,%d,%lld) failed", fildes, (void *)iov,
			 iovcnt, (long long)offset);
	if (len_strict && (size_t)ret != want)
		tst_brk_(file, lineno, TBROK,
			 "short preadv(%d,%p,%d,%lld): %zd bytes of %zu",
			 fildes, (void *)iov, iovcnt, (long long)offset, ret,
			 want);
	return ret;
}

ssize_t safe_pwritev(const char *file, const int lineno, char len_strict,
		     int fildes, const struct iovec *iov, int iovcnt,
		     off_t offset)
{
	size_t want = iov_bytes(iov, iovcnt);
	ssize_t ret = pwritev(fildes, iov, iovcnt, offset);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "pwritev(%d,%p,%d,%lld) failed", fildes, (void *)iov,
			 iovcnt, (long long)offset);
	if (len_strict && (size_t)ret != want)
		tst_brk_(file, lineno, TBROK,
			 "short pwritev(%d,%p,%d,%lld): %zd bytes of %zu",
			 fildes, (void *)iov, iovcnt, (long long)offset, ret,
			 want);
	return ret;
}
