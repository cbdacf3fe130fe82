// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for file descriptors, the file system and memory.
 */
#include <stdlib.h>

#include "harness.h"

int safe_open(const char *file, const int lineno, const char *pathname,
	      int oflags, ...)
{
	mode_t mode = 0;
	va_list ap;
	int fd;

	/* O_TMPFILE includes O_DIRECTORY: test all of its bits */
	if ((oflags & O_CREAT) || (oflags & O_TMPFILE) == O_TMPFILE) {
		va_start(ap, oflags);
		mode = va_arg(ap, int);
		va_end(ap);
	}

	fd = open(pathname, oflags, mode);
	if (fd < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "open(%s,%d,%04o) failed", pathname, oflags,
			 (unsigned int)mode);
	return fd;
}

int safe_close(const char *file, const int lineno, int fd)
{
	int ret = close(fd);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO, "close(%d) failed", fd);
	return ret;
}

ssize_t safe_read(const char *file, const int lineno, char len_strict,
		  int fd, void *buf, size_t count)
{
	ssize_t ret = read(fd, buf, count);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "read(%d,%p,%zu) failed", fd, buf, count);
	if (len_strict && (size_t)ret != count)
		tst_brk_(file, lineno, TBROK,
			 "short read(%d,%p,%zu): %zd bytes of %zu", fd, buf,
			 count, ret, count);
	return ret;
}

ssize_t safe_write(const char *file, const int lineno,
		   enum safe_write_opt len_strict, int fd, const void *buf,
		   size_t count)
{
	const char *p = buf;
	size_t left = count;
	ssize_t ret;

	do {
		ret = write(fd, p, left);
		if (ret < 0)
			tst_brk_(file, lineno, TBROK | TERRNO,
				 "write(%d,%p,%zu) failed", fd, buf, count);
		if (len_strict == SAFE_WRITE_ANY)
			return ret;
		/* Retrying a write that wrote nothing would spin forever */
		if ((size_t)ret != left &&
		    (len_strict == SAFE_WRITE_ALL || !ret))
			tst_brk_(file, lineno, TBROK,
				 "short write(%d,%p,%zu): %zd bytes of %zu",
				 fd, buf, count, (ssize_t)(count - left + ret),
				 count);
		p += ret;
		left -= ret;
	} while (left);

	return count;
}

off_t safe_lseek(const char *file, const int lineno, int fd, off_t offset,
		 int whence)
{
	off_t ret = lseek(fd, offset, whence);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "lseek(%d,%lld,%d) failed", fd, (long long)offset,
			 whence);
	return ret;
}

ssize_t safe_pread(const char *file, const int lineno, char len_strict,
		   int fd, void *buf, size_t nbyte, off_t offset)
{
	ssize_t ret = pread(fd, buf, nbyte, offset);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "pread(%d,%p,%zu,%lld) failed", fd, buf, nbyte,
			 (long long)offset);
	if (len_strict && (size_t)ret != nbyte)
		tst_brk_(file, lineno, TBROK,
			 "short pread(%d,%p,%zu,%lld): %zd bytes of %zu", fd,
			 buf, nbyte, (long long)offset, ret, nbyte);
	return ret;
}

ssize_t safe_pwrite(const char *file, const int lineno, char len_strict,
		    int fd, const void *buf, size_t nbyte, off_t offset)
{
	ssize_t ret = pwrite(fd, buf, nbyte, offset);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "pwrite(%d,%p,%zu,%lld) failed", fd, buf, nbyte,
			 (long long)offset);
	if (len_strict && (size_t)ret != nbyte)
		tst_brk_(file, lineno, TBROK,
			 "short pwrite(%d,%p,%zu,%lld): %zd bytes of %zu", fd,
			 buf, nbyte, (long long)offset, ret, nbyte);
	return ret;
}

int safe_pipe(const char *file, const int lineno, int fildes[2])
{
	int ret = pipe(fildes);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO, "pipe(%p) failed",
			 (void *)fildes);
	return ret;
}

void *safe_mmap(const char *file, const int lineno, void *addr,
		size_t length, int prot, int flags, int fd, off_t offset)
{
	void *ret = mmap(addr, length, prot, flags, fd, offset);

	if (ret == MAP_FAILED)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "mmap(%p,%zu,%d,%d,%d,%lld) failed", addr, length,
			 prot, flags, fd, (long long)offset);
	return ret;
}

int safe_munmap(const char *file, const int lineno, void *addr,
		size_t length)
{
	int ret = munmap(addr, length);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "munmap(%p,%zu) failed", addr, length);
	return ret;
}

void *safe_malloc(const char *file, const int lineno, size_t size)
{
	void *p = malloc(size);

	if (!p)
		tst_brk_(file, lineno, TBROK | TERRNO, "malloc(%zu) failed",
			 size);
	return p;
}

int safe_mkdir(const char *file, const int lineno, const char *pathname,
	       mode_t mode)
{
	TST_SAFE_CALL(mkdir(pathname, mode), "mkdir(%s,%04o)", pathname,
		      (unsigned int)mode);
}

int safe_rmdir(const char *file, const int lineno, const char *pathname)
{
	TST_SAFE_CALL(rmdir(pathname), "rmdir(%s)", pathname);
}

int safe_unlink(const char *file, const int lineno, const char *pathname)
{
	TST_SAFE_CALL(unlink(pathname), "unlink(%s)", pathname);
}

int safe_rename(const char *file, const int lineno, const char *oldpath,
		const char *newpath)
{
	TST_SAFE_CALL(rename(oldpath, newpath), "rename(%s,%s)", oldpath,
		      newpath);
}

int safe_stat(const char *file, const int lineno, const char *path,
	      struct stat *buf)
{
	TST_SAFE_CALL(stat(path, buf), "stat(%s,%p)", path, (void *)buf);
}

int safe_fstat(const char *file, const int lineno, int fd, struct stat *buf)
{
	TST_SAFE_CALL(fstat(fd, buf), "fstat(%d,%p)", fd, (void *)buf);
}

int safe_ftruncate(const char *file, const int lineno, int fd,
		   off_t length)
{
	TST_SAFE_CALL(ftruncate(fd, length), "ftruncate(%d,%lld)", fd,
		      (long long)length);
}

void *safe_calloc(const char *file, const int lineno, size_t nmemb,
		  size_t size)
{
	void *p = calloc(nmemb, size);

	if (!p)
		tst_brk_(file, lineno, TBROK | TERRNO, "calloc(%zu,%zu) failed",
			 nmemb, size);
	return p;
}

void *safe_realloc(const char *file, const int lineno, void *ptr,
		   size_t size)
{
	void *p = realloc(ptr, size);

	if (!p)
		tst_brk_(file, lineno, TBROK | TERRNO, "realloc(%p,%zu) failed",
			 ptr, size);
	return p;
}

void *safe_memalign(const char *file, const int lineno, size_t alignment,
		    size_t size)
{
	void *p = NULL;
	int err = posix_memalign(&p, alignment, size);

	if (err) {
		errno = err;
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "memalign(%zu,%zu) failed", alignment, size);
	}
	return p;
}

int safe_mprotect(const char *file, const int lineno, void *addr,
		  size_t len, int prot)
{
	TST_SAFE_CALL(mprotect(addr, len, prot), "mprotect(%p,%zu,%d)", addr,
		      len, prot);
}

int safe_msync(const char *file, const int lineno, void *addr,
	       size_t length, int flags)
{
	TST_SAFE_CALL(msync(addr, length, flags), "msync(%p,%zu,%d)", addr,
		      length, flags);
}

int safe_mlock(const char *file, const int lineno, const void *addr,
	       size_t len)
{
	TST_SAFE_CALL(mlock(addr, len), "mlock(%p,%zu)", addr, len);
}

int safe_munlock(const char *file, const int lineno, const void *addr,
		 size_t len)
{
	TST_SAFE_CALL(munlock(addr, len), "munlock(%p,%zu)", addr, len);
}

int safe_mincore(const char *file, const int lineno, void *start,
		 size_t length, unsigned char *vec)
{
	TST_SAFE_CALL(mincore(start, length, vec), "mincore(%p,%zu,%p)",
		      start, length, (void *)vec);
}
