/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers for positional I/O, LTP's family of tst_safe_prw.h.
 *
 *	SAFE_PWRITE(1, fd, buf, sizeof(buf), 4096);
 *	SAFE_PREADV(1, fd, iov, ARRAY_SIZE(iov), 0);
 *
 * SAFE_PREAD() and SAFE_PWRITE() are declared in tst_safe_macros.h.
 */
#ifndef TST_SAFE_PRW_H
#define TST_SAFE_PRW_H

#include <sys/uio.h>

#include "tst_safe_macros.h"

/* @len_strict: non-zero if fewer bytes than the iovecs hold is an error */
ssize_t safe_preadv(const char *file, const int lineno, char len_strict,
		    int fildes, const struct iovec *iov, int iovcnt,
		    off_t offset);
#define SAFE_PREADV(len_strict, fildes, iov, iovcnt, offset) \
	safe_preadv(__FILE__, __LINE__, (len_strict), (fildes), (iov), \
		    (iovcnt), (offset))

ssize_t safe_pwritev(const char *file, const int lineno, char len_strict,
		     int fildes, const struct iovec *iov, int iovcnt,
		     off_t offset);
#define SAFE_PWRITEV(len_strict, fildes, iov, iovcnt, offset) \
	safe_pwritev(__FILE__, __LINE__, (len_strict), (fildes), (iov), \
		     (iovcnt), (offset))

#endif /* TST_SAFE_PRW_H */
