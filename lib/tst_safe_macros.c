// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for files, memory, processes and credentials.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tst_internal.h"

int safe_open(const char *file, const int lineno, const char *pathname,
	      int oflags, ...)
{
	mode_t mode = 0;
	va_list ap;
	int fd;

	if (oflags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, oflags);
		mode = va_arg(ap, int);
		va_end(ap);
	}

	fd = open(pathname, oflags, mode);
	if (fd < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "open(%s,%d,%04o) failed", pathname, oflags, mode);
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
			 "short read(%d,%p,%zu): %zd bytes", fd, buf, count,
			 ret);
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
		if (len_strict == SAFE_WRITE_ALL && (size_t)ret != left)
			tst_brk_(file, lineno, TBROK,
				 "short write(%d,%p,%zu): %zd bytes", fd, buf,
				 count, ret);
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
			 "short pread(%d,%p,%zu,%lld): %zd bytes", fd, buf,
			 nbyte, (long long)offset, ret);
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
			 "short pwrite(%d,%p,%zu,%lld): %zd bytes", fd, buf,
			 nbyte, (long long)offset, ret);
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

#define SIMPLE(call, fmt, ...) do { \
	int ret_ = call; \
	if (ret_) \
		tst_brk_(file, lineno, TBROK | TERRNO, fmt " failed", \
			 __VA_ARGS__); \
	return ret_; \
} while (0)

int safe_mkdir(const char *file, const int lineno, const char *pathname,
	       mode_t mode)
{
	SIMPLE(mkdir(pathname, mode), "mkdir(%s,%04o)", pathname, mode);
}

int safe_rmdir(const char *file, const int lineno, const char *pathname)
{
	SIMPLE(rmdir(pathname), "rmdir(%s)", pathname);
}

int safe_unlink(const char *file, const int lineno, const char *pathname)
{
	SIMPLE(unlink(pathname), "unlink(%s)", pathname);
}

int safe_rename(const char *file, const int lineno, const char *oldpath,
		const char *newpath)
{
	SIMPLE(rename(oldpath, newpath), "rename(%s,%s)", oldpath, newpath);
}

int safe_stat(const char *file, const int lineno, const char *path,
	      struct stat *buf)
{
	SIMPLE(stat(path, buf), "stat(%s,%p)", path, (void *)buf);
}

int safe_fstat(const char *file, const int lineno, int fd, struct stat *buf)
{
	SIMPLE(fstat(fd, buf), "fstat(%d,%p)", fd, (void *)buf);
}

int safe_ftruncate(const char *file, const int lineno, int fd,
		   off_t length)
{
	SIMPLE(ftruncate(fd, length), "ftruncate(%d,%lld)", fd,
	       (long long)length);
}

int safe_seteuid(const char *file, const int lineno, uid_t euid)
{
	SIMPLE(seteuid(euid), "seteuid(%u)", (unsigned int)euid);
}

int safe_setegid(const char *file, const int lineno, gid_t egid)
{
	SIMPLE(setegid(egid), "setegid(%u)", (unsigned int)egid);
}

int safe_setresuid(const char *file, const int lineno, uid_t ruid,
		   uid_t euid, uid_t suid)
{
	SIMPLE(setresuid(ruid, euid, suid), "setresuid(%d,%d,%d)", (int)ruid,
	       (int)euid, (int)suid);
}

int safe_setresgid(const char *file, const int lineno, gid_t rgid,
		   gid_t egid, gid_t sgid)
{
	SIMPLE(setresgid(rgid, egid, sgid), "setresgid(%d,%d,%d)", (int)rgid,
	       (int)egid, (int)sgid);
}

int safe_getrlimit(const char *file, const int lineno, int resource,
		   struct rlimit *rlim)
{
	SIMPLE(getrlimit(resource, rlim), "getrlimit(%d,%p)", resource,
	       (void *)rlim);
}

int safe_setrlimit(const char *file, const int lineno, int resource,
		   const struct rlimit *rlim)
{
	SIMPLE(setrlimit(resource, rlim), "setrlimit(%d,{%lu,%lu})", resource,
	       (unsigned long)rlim->rlim_cur, (unsigned long)rlim->rlim_max);
}

int safe_pipe(const char *file, const int lineno, int fildes[2])
{
	SIMPLE(pipe(fildes), "pipe(%p)", (void *)fildes);
}

void *safe_malloc(const char *file, const int lineno, size_t size)
{
	void *p = malloc(size);

	if (!p)
		tst_brk_(file, lineno, TBROK | TERRNO, "malloc(%zu) failed",
			 size);
	return p;
}

pid_t safe_fork(const char *file, const int lineno)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "fork() failed");
	return pid;
}

pid_t safe_waitpid(const char *file, const int lineno, pid_t pid,
		   int *status, int opts)
{
	pid_t ret = waitpid(pid, status, opts);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "waitpid(%d,%p,%d) failed", pid, (void *)status, opts);
	return ret;
}

void safe_file_printf(const char *file, const int lineno,
		      const char *path, const char *fmt, ...)
{
	va_list ap;
	FILE *f = fopen(path, "w");

	if (!f)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to open FILE '%s' for writing", path);

	va_start(ap, fmt);
	if (vfprintf(f, fmt, ap) < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to print to FILE '%s'", path);
	va_end(ap);

	if (fclose(f))
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to close FILE '%s'", path);
}

/* Conversions in a scanf format that store a value */
static int conversions(const char *fmt)
{
	int n = 0;

	for (; *fmt; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		if (*fmt != '%' && *fmt != '*' && *fmt)
			n++;
		if (!*fmt)
			break;
	}

	return n;
}

void safe_file_scanf(const char *file, const int lineno,
		     const char *path, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	ssize_t len;
	int fd, ret, want = conversions(fmt);

	fd = open(path, O_RDONLY);
	if (fd < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to open FILE '%s' for reading", path);
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Failed to read FILE '%s'", path);
	buf[len] = 0;

	va_start(ap, fmt);
	ret = vsscanf(buf, fmt, ap);
	va_end(ap);

	if (ret != want)
		tst_brk_(file, lineno, TBROK,
			 "Expected %d conversions got %d FILE '%s'", want,
			 ret < 0 ? 0 : ret, path);
}
