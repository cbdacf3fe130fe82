/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers: the call, or tst_brk(TBROK | TERRNO) naming the call,
 * its arguments and the caller's file:line.
 */
#ifndef TST_SAFE_MACROS_H
#define TST_SAFE_MACROS_H

#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* First argument of SAFE_WRITE() */
enum safe_write_opt {
	SAFE_WRITE_ANY = 0,	/* a short write is fine */
	SAFE_WRITE_ALL = 1,	/* all bytes must be written at once */
	SAFE_WRITE_RETRY = 2,	/* retry short writes until all are written */
};

int safe_open(const char *file, const int lineno, const char *pathname,
	      int oflags, ...);
#define SAFE_OPEN(pathname, oflags, ...) \
	safe_open(__FILE__, __LINE__, (pathname), (oflags), ##__VA_ARGS__)

int safe_close(const char *file, const int lineno, int fd);
/* Closes @fd and sets it to -1 */
#define SAFE_CLOSE(fd) \
	do { \
		safe_close(__FILE__, __LINE__, (fd)); \
		(fd) = -1; \
	} while (0)

ssize_t safe_read(const char *file, const int lineno, char len_strict,
		  int fd, void *buf, size_t count);
/* @len_strict: non-zero if a short read is an error */
#define SAFE_READ(len_strict, fd, buf, count) \
	safe_read(__FILE__, __LINE__, (len_strict), (fd), (buf), (count))

ssize_t safe_write(const char *file, const int lineno,
		   enum safe_write_opt len_strict, int fd, const void *buf,
		   size_t count);
#define SAFE_WRITE(len_strict, fd, buf, count) \
	safe_write(__FILE__, __LINE__, (len_strict), (fd), (buf), (count))

off_t safe_lseek(const char *file, const int lineno, int fd, off_t offset,
		 int whence);
#define SAFE_LSEEK(fd, offset, whence) \
	safe_lseek(__FILE__, __LINE__, (fd), (offset), (whence))

ssize_t safe_pread(const char *file, const int lineno, char len_strict,
		   int fd, void *buf, size_t nbyte, off_t offset);
#define SAFE_PREAD(len_strict, fd, buf, nbyte, offset) \
	safe_pread(__FILE__, __LINE__, (len_strict), (fd), (buf), (nbyte), \
		   (offset))

ssize_t safe_pwrite(const char *file, const int lineno, char len_strict,
		    int fd, const void *buf, size_t nbyte, off_t offset);
#define SAFE_PWRITE(len_strict, fd, buf, nbyte, offset) \
	safe_pwrite(__FILE__, __LINE__, (len_strict), (fd), (buf), (nbyte), \
		    (offset))

void *safe_mmap(const char *file, const int lineno, void *addr,
		size_t length, int prot, int flags, int fd, off_t offset);
#define SAFE_MMAP(addr, length, prot, flags, fd, offset) \
	safe_mmap(__FILE__, __LINE__, (addr), (length), (prot), (flags), \
		  (fd), (offset))

int safe_munmap(const char *file, const int lineno, void *addr,
		size_t length);
#define SAFE_MUNMAP(addr, length) \
	safe_munmap(__FILE__, __LINE__, (addr), (length))

#define SAFE_IOCTL(fd, request, ...) ({ \
	int tst_ioctl_ret_ = ioctl((fd), (request), ##__VA_ARGS__); \
	if (tst_ioctl_ret_ < 0) \
		tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, \
			 "ioctl(%i, %s, ...) failed", (fd), #request); \
	tst_ioctl_ret_; \
})

int safe_mkdir(const char *file, const int lineno, const char *pathname,
	       mode_t mode);
#define SAFE_MKDIR(pathname, mode) \
	safe_mkdir(__FILE__, __LINE__, (pathname), (mode))

int safe_rmdir(const char *file, const int lineno, const char *pathname);
#define SAFE_RMDIR(pathname) safe_rmdir(__FILE__, __LINE__, (pathname))

int safe_unlink(const char *file, const int lineno, const char *pathname);
#define SAFE_UNLINK(pathname) safe_unlink(__FILE__, __LINE__, (pathname))

int safe_rename(const char *file, const int lineno, const char *oldpath,
		const char *newpath);
#define SAFE_RENAME(oldpath, newpath) \
	safe_rename(__FILE__, __LINE__, (oldpath), (newpath))

int safe_stat(const char *file, const int lineno, const char *path,
	      struct stat *buf);
#define SAFE_STAT(path, buf) safe_stat(__FILE__, __LINE__, (path), (buf))

int safe_fstat(const char *file, const int lineno, int fd, struct stat *buf);
#define SAFE_FSTAT(fd, buf) safe_fstat(__FILE__, __LINE__, (fd), (buf))

int safe_ftruncate(const char *file, const int lineno, int fd,
		   off_t length);
#define SAFE_FTRUNCATE(fd, length) \
	safe_ftruncate(__FILE__, __LINE__, (fd), (length))

void safe_file_printf(const char *file, const int lineno,
		      const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Writes the formatted text to the file at @path */
#define SAFE_FILE_PRINTF(path, fmt, ...) \
	safe_file_printf(__FILE__, __LINE__, (path), (fmt), ##__VA_ARGS__)

void safe_file_scanf(const char *file, const int lineno,
		     const char *path, const char *fmt, ...)
	__attribute__((format(scanf, 4, 5)));
/* Reads the file at @path with sscanf(); TBROK unless every item matched */
#define SAFE_FILE_SCANF(path, fmt, ...) \
	safe_file_scanf(__FILE__, __LINE__, (path), (fmt), ##__VA_ARGS__)

int safe_seteuid(const char *file, const int lineno, uid_t euid);
#define SAFE_SETEUID(euid) safe_seteuid(__FILE__, __LINE__, (euid))

int safe_setegid(const char *file, const int lineno, gid_t egid);
#define SAFE_SETEGID(egid) safe_setegid(__FILE__, __LINE__, (egid))

int safe_setresuid(const char *file, const int lineno, uid_t ruid,
		   uid_t euid, uid_t suid);
#define SAFE_SETRESUID(ruid, euid, suid) \
	safe_setresuid(__FILE__, __LINE__, (ruid), (euid), (suid))

int safe_setresgid(const char *file, const int lineno, gid_t rgid,
		   gid_t egid, gid_t sgid);
#define SAFE_SETRESGID(rgid, egid, sgid) \
	safe_setresgid(__FILE__, __LINE__, (rgid), (egid), (sgid))

int safe_getrlimit(const char *file, const int lineno, int resource,
		   struct rlimit *rlim);
#define SAFE_GETRLIMIT(resource, rlim) \
	safe_getrlimit(__FILE__, __LINE__, (resource), (rlim))

int safe_setrlimit(const char *file, const int lineno, int resource,
		   const struct rlimit *rlim);
#define SAFE_SETRLIMIT(resource, rlim) \
	safe_setrlimit(__FILE__, __LINE__, (resource), (rlim))

void *safe_malloc(const char *file, const int lineno, size_t size);
#define SAFE_MALLOC(size) safe_malloc(__FILE__, __LINE__, (size))

pid_t safe_fork(const char *file, const int lineno);
/* fork() that flushes stdio first so buffered output is not duplicated */
#define SAFE_FORK() safe_fork(__FILE__, __LINE__)

pid_t safe_waitpid(const char *file, const int lineno, pid_t pid,
		   int *status, int opts);
#define SAFE_WAITPID(pid, status, opts) \
	safe_waitpid(__FILE__, __LINE__, (pid), (status), (opts))

int safe_pipe(const char *file, const int lineno, int fildes[2]);
#define SAFE_PIPE(fildes) safe_pipe(__FILE__, __LINE__, (fildes))

#endif /* TST_SAFE_MACROS_H */
