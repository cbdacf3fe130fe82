// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for file descriptors: duplicating, syncing, vectored
 * I/O, polling.
 */
#include <poll.h>
#include <stdio.h>
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

static size_t iov_bytes(const struct iovec *iov, int iovcnt)
{
	size_t n = 0;
	int i;

	for (i = 0; i < iovcnt; i++)
		n += iov[i].iov_len;
	return n;
}

/*
 * The result @ret of the vectored call @call; @offset < 0 for the calls
 * without one. With @len_strict, fewer bytes than the iovecs hold is an
 * error too.
 */
static ssize_t check_vec(const char *file, const int lineno, const char *call,
			 char len_strict, int fd, const struct iovec *iov,
			 int iovcnt, off_t offset, ssize_t ret)
{
	size_t want = iov_bytes(iov, iovcnt);
	int err = errno;
	char args[96];

	if (offset < 0)
		snprintf(args, sizeof(args), "%d,%p,%d", fd, (void *)iov, iovcnt);
	else
		snprintf(args, sizeof(args), "%d,%p,%d,%lld", fd, (void *)iov,
			 iovcnt, (long long)offset);
	errno = err;
	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "%s(%s) failed", call,
			 args);
	if (len_strict && (size_t)ret != want)
		tst_brk_(file, lineno, TBROK, "short %s(%s): %zd bytes of %zu",
			 call, args, ret, want);
	return ret;
}

ssize_t safe_readv(const char *file, const int lineno, char len_strict,
		   int fildes, const struct iovec *iov, int iovcnt)
{
	return check_vec(file, lineno, "readv", len_strict, fildes, iov,
			 iovcnt, -1, readv(fildes, iov, iovcnt));
}

ssize_t safe_writev(const char *file, const int lineno, char len_strict,
		    int fildes, const struct iovec *iov, int iovcnt)
{
	return check_vec(file, lineno, "writev", len_strict, fildes, iov,
			 iovcnt, -1, writev(fildes, iov, iovcnt));
}

ssize_t safe_preadv(const char *file, const int lineno, char len_strict,
		    int fildes, const struct iovec *iov, int iovcnt,
		    off_t offset)
{
	return check_vec(file, lineno, "preadv", len_strict, fildes, iov,
			 iovcnt, offset, preadv(fildes, iov, iovcnt, offset));
}

ssize_t safe_pwritev(const char *file, const int lineno, char len_strict,
		     int fildes, const struct iovec *iov, int iovcnt,
		     off_t offset)
{
	return check_vec(file, lineno, "pwritev", len_strict, fildes, iov,
			 iovcnt, offset, pwritev(fildes, iov, iovcnt, offset));
}
