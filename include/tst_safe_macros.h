/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers: the call, or tst_brk(TBROK | TERRNO) naming the call,
 * its arguments and the caller's file:line.
 *
 *	fd = SAFE_OPEN("file", O_RDWR | O_CREAT, 0644);
 *	SAFE_WRITE(SAFE_WRITE_ALL, fd, buf, sizeof(buf));
 *	SAFE_CLOSE(fd);
 *
 * LTP's family of tst_safe_macros.h, with its names and arguments. A
 * call that returns an invalid value (e.g. < -1 where only -1 means
 * failure) is TBROK too.
 */
#ifndef TST_SAFE_MACROS_H
#define TST_SAFE_MACROS_H

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tst_cmd.h"

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


/* Descriptors */

int safe_creat(const char *file, const int lineno, const char *pathname,
	       mode_t mode);
#define SAFE_CREAT(pathname, mode) \
	safe_creat(__FILE__, __LINE__, (pathname), (mode))

int safe_dup(const char *file, const int lineno, int oldfd);
#define SAFE_DUP(oldfd) safe_dup(__FILE__, __LINE__, (oldfd))

int safe_dup2(const char *file, const int lineno, int oldfd, int newfd);
#define SAFE_DUP2(oldfd, newfd) safe_dup2(__FILE__, __LINE__, (oldfd), (newfd))

#define SAFE_FCNTL(fd, cmd, ...) ({ \
	int tst_fcntl_ret_ = fcntl((fd), (cmd), ##__VA_ARGS__); \
	if (tst_fcntl_ret_ == -1) \
		tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, \
			 "fcntl(%i, %s, ...) failed", (fd), #cmd); \
	tst_fcntl_ret_; \
})

int safe_fsync(const char *file, const int lineno, int fd);
#define SAFE_FSYNC(fd) safe_fsync(__FILE__, __LINE__, (fd))

int safe_pipe2(const char *file, const int lineno, int fildes[2], int flags);
#define SAFE_PIPE2(fildes, flags) \
	safe_pipe2(__FILE__, __LINE__, (fildes), (flags))

ssize_t safe_readv(const char *file, const int lineno, char len_strict,
		   int fildes, const struct iovec *iov, int iovcnt);
/* @len_strict: non-zero if fewer bytes than the iovecs hold is an error */
#define SAFE_READV(len_strict, fildes, iov, iovcnt) \
	safe_readv(__FILE__, __LINE__, (len_strict), (fildes), (iov), (iovcnt))

ssize_t safe_writev(const char *file, const int lineno, char len_strict,
		    int fildes, const struct iovec *iov, int iovcnt);
#define SAFE_WRITEV(len_strict, fildes, iov, iovcnt) \
	safe_writev(__FILE__, __LINE__, (len_strict), (fildes), (iov), \
		    (iovcnt))

int safe_poll(const char *file, const int lineno, struct pollfd *fds,
	      nfds_t nfds, int timeout);
#define SAFE_POLL(fds, nfds, timeout) \
	safe_poll(__FILE__, __LINE__, (fds), (nfds), (timeout))

int safe_posix_fadvise(const char *file, const int lineno, int fd,
		       off_t offset, off_t len, int advice);
#define SAFE_POSIX_FADVISE(fd, offset, len, advice) \
	safe_posix_fadvise(__FILE__, __LINE__, (fd), (offset), (len), (advice))

char *safe_ptsname(const char *file, const int lineno, int masterfd);
#define SAFE_PTSNAME(masterfd) safe_ptsname(__FILE__, __LINE__, (masterfd))

/* Paths and file metadata */

int safe_access(const char *file, const int lineno, const char *path,
		int mode);
#define SAFE_ACCESS(path, mode) safe_access(__FILE__, __LINE__, (path), (mode))

int safe_chdir(const char *file, const int lineno, const char *path);
#define SAFE_CHDIR(path) safe_chdir(__FILE__, __LINE__, (path))

char *safe_getcwd(const char *file, const int lineno, char *buf, size_t size);
#define SAFE_GETCWD(buf, size) safe_getcwd(__FILE__, __LINE__, (buf), (size))

int safe_chroot(const char *file, const int lineno, const char *path);
#define SAFE_CHROOT(path) safe_chroot(__FILE__, __LINE__, (path))

int safe_chmod(const char *file, const int lineno, const char *path,
	       mode_t mode);
#define SAFE_CHMOD(path, mode) safe_chmod(__FILE__, __LINE__, (path), (mode))

int safe_fchmod(const char *file, const int lineno, int fd, mode_t mode);
#define SAFE_FCHMOD(fd, mode) safe_fchmod(__FILE__, __LINE__, (fd), (mode))

int safe_chown(const char *file, const int lineno, const char *path,
	       uid_t owner, gid_t group);
#define SAFE_CHOWN(path, owner, group) \
	safe_chown(__FILE__, __LINE__, (path), (owner), (group))

int safe_fchown(const char *file, const int lineno, int fd, uid_t owner,
		gid_t group);
#define SAFE_FCHOWN(fd, owner, group) \
	safe_fchown(__FILE__, __LINE__, (fd), (owner), (group))

int safe_lchown(const char *file, const int lineno, const char *path,
		uid_t owner, gid_t group);
#define SAFE_LCHOWN(path, owner, group) \
	safe_lchown(__FILE__, __LINE__, (path), (owner), (group))

int safe_link(const char *file, const int lineno, const char *oldpath,
	      const char *newpath);
#define SAFE_LINK(oldpath, newpath) \
	safe_link(__FILE__, __LINE__, (oldpath), (newpath))

int safe_linkat(const char *file, const int lineno, int olddirfd,
		const char *oldpath, int newdirfd, const char *newpath,
		int flags);
#define SAFE_LINKAT(olddirfd, oldpath, newdirfd, newpath, flags) \
	safe_linkat(__FILE__, __LINE__, (olddirfd), (oldpath), (newdirfd), \
		    (newpath), (flags))

int safe_symlink(const char *file, const int lineno, const char *oldpath,
		 const char *newpath);
#define SAFE_SYMLINK(oldpath, newpath) \
	safe_symlink(__FILE__, __LINE__, (oldpath), (newpath))

int safe_symlinkat(const char *file, const int lineno, const char *oldpath,
		   int newdirfd, const char *newpath);
#define SAFE_SYMLINKAT(oldpath, newdirfd, newpath) \
	safe_symlinkat(__FILE__, __LINE__, (oldpath), (newdirfd), (newpath))

ssize_t safe_readlink(const char *file, const int lineno, const char *path,
		      char *buf, size_t bufsize);
/* readlink() that NUL-terminates @buf (truncating if needed) */
#define SAFE_READLINK(path, buf, bufsize) \
	safe_readlink(__FILE__, __LINE__, (path), (buf), (bufsize))

int safe_truncate(const char *file, const int lineno, const char *path,
		  off_t length);
#define SAFE_TRUNCATE(path, length) \
	safe_truncate(__FILE__, __LINE__, (path), (length))

int safe_lstat(const char *file, const int lineno, const char *path,
	       struct stat *buf);
#define SAFE_LSTAT(path, buf) safe_lstat(__FILE__, __LINE__, (path), (buf))

int safe_statfs(const char *file, const int lineno, const char *path,
		struct statfs *buf);
#define SAFE_STATFS(path, buf) safe_statfs(__FILE__, __LINE__, (path), (buf))

int safe_statvfs(const char *file, const int lineno, const char *path,
		 struct statvfs *buf);
#define SAFE_STATVFS(path, buf) safe_statvfs(__FILE__, __LINE__, (path), (buf))

int safe_mkfifo(const char *file, const int lineno, const char *pathname,
		mode_t mode);
#define SAFE_MKFIFO(pathname, mode) \
	safe_mkfifo(__FILE__, __LINE__, (pathname), (mode))

int safe_mknod(const char *file, const int lineno, const char *pathname,
	       mode_t mode, dev_t dev);
#define SAFE_MKNOD(pathname, mode, dev) \
	safe_mknod(__FILE__, __LINE__, (pathname), (mode), (dev))

/* basename() and dirname() of a copy: @path is left alone */
char *safe_basename(const char *file, const int lineno, char *path);
#define SAFE_BASENAME(path) safe_basename(__FILE__, __LINE__, (path))

char *safe_dirname(const char *file, const int lineno, char *path);
#define SAFE_DIRNAME(path) safe_dirname(__FILE__, __LINE__, (path))

DIR *safe_opendir(const char *file, const int lineno, const char *name);
#define SAFE_OPENDIR(name) safe_opendir(__FILE__, __LINE__, (name))

int safe_closedir(const char *file, const int lineno, DIR *dirp);
#define SAFE_CLOSEDIR(dirp) safe_closedir(__FILE__, __LINE__, (dirp))

/* NULL at the end of the directory, TBROK on an error */
struct dirent *safe_readdir(const char *file, const int lineno, DIR *dirp);
#define SAFE_READDIR(dirp) safe_readdir(__FILE__, __LINE__, (dirp))

int safe_mount(const char *file, const int lineno, const char *source,
	       const char *target, const char *filesystemtype,
	       unsigned long mountflags, const void *data);
#define SAFE_MOUNT(source, target, filesystemtype, mountflags, data) \
	safe_mount(__FILE__, __LINE__, (source), (target), \
		   (filesystemtype), (mountflags), (data))

/* tst_umount(): retried while busy */
int safe_umount(const char *file, const int lineno, const char *target);
#define SAFE_UMOUNT(target) safe_umount(__FILE__, __LINE__, (target))

/* Extended attributes: TCONF when the file system has none (ENOTSUP) */

int safe_getxattr(const char *file, const int lineno, const char *path,
		  const char *name, void *value, size_t size);
#define SAFE_GETXATTR(path, name, value, size) \
	safe_getxattr(__FILE__, __LINE__, (path), (name), (value), (size))

int safe_setxattr(const char *file, const int lineno, const char *path,
		  const char *name, const void *value, size_t size, int flags);
#define SAFE_SETXATTR(path, name, value, size, flags) \
	safe_setxattr(__FILE__, __LINE__, (path), (name), (value), (size), \
		      (flags))

int safe_lsetxattr(const char *file, const int lineno, const char *path,
		   const char *name, const void *value, size_t size,
		   int flags);
#define SAFE_LSETXATTR(path, name, value, size, flags) \
	safe_lsetxattr(__FILE__, __LINE__, (path), (name), (value), (size), \
		       (flags))

int safe_fsetxattr(const char *file, const int lineno, int fd,
		   const char *name, const void *value, size_t size,
		   int flags);
#define SAFE_FSETXATTR(fd, name, value, size, flags) \
	safe_fsetxattr(__FILE__, __LINE__, (fd), (name), (value), (size), \
		       (flags))

int safe_removexattr(const char *file, const int lineno, const char *path,
		     const char *name);
#define SAFE_REMOVEXATTR(path, name) \
	safe_removexattr(__FILE__, __LINE__, (path), (name))

int safe_lremovexattr(const char *file, const int lineno, const char *path,
		      const char *name);
#define SAFE_LREMOVEXATTR(path, name) \
	safe_lremovexattr(__FILE__, __LINE__, (path), (name))

int safe_fremovexattr(const char *file, const int lineno, int fd,
		      const char *name);
#define SAFE_FREMOVEXATTR(fd, name) \
	safe_fremovexattr(__FILE__, __LINE__, (fd), (name))

/* Memory */

void *safe_calloc(const char *file, const int lineno, size_t nmemb,
		  size_t size);
#define SAFE_CALLOC(nmemb, size) safe_calloc(__FILE__, __LINE__, (nmemb), (size))

void *safe_realloc(const char *file, const int lineno, void *ptr,
		   size_t size);
#define SAFE_REALLOC(ptr, size) safe_realloc(__FILE__, __LINE__, (ptr), (size))

void *safe_memalign(const char *file, const int lineno, size_t alignment,
		    size_t size);
#define SAFE_MEMALIGN(alignment, size) \
	safe_memalign(__FILE__, __LINE__, (alignment), (size))

int safe_mprotect(const char *file, const int lineno, void *addr,
		  size_t len, int prot);
#define SAFE_MPROTECT(addr, len, prot) \
	safe_mprotect(__FILE__, __LINE__, (addr), (len), (prot))

int safe_msync(const char *file, const int lineno, void *addr,
	       size_t length, int flags);
#define SAFE_MSYNC(addr, length, flags) \
	safe_msync(__FILE__, __LINE__, (addr), (length), (flags))

int safe_mlock(const char *file, const int lineno, const void *addr,
	       size_t len);
#define SAFE_MLOCK(addr, len) safe_mlock(__FILE__, __LINE__, (addr), (len))

int safe_munlock(const char *file, const int lineno, const void *addr,
		 size_t len);
#define SAFE_MUNLOCK(addr, len) safe_munlock(__FILE__, __LINE__, (addr), (len))

int safe_mincore(const char *file, const int lineno, void *start,
		 size_t length, unsigned char *vec);
#define SAFE_MINCORE(start, length, vec) \
	safe_mincore(__FILE__, __LINE__, (start), (length), (vec))

/* Processes, credentials, the system */

long safe_sysconf(const char *file, const int lineno, int name);
#define SAFE_SYSCONF(name) safe_sysconf(__FILE__, __LINE__, (name))

int safe_sysinfo(const char *file, const int lineno, struct sysinfo *info);
#define SAFE_SYSINFO(info) safe_sysinfo(__FILE__, __LINE__, (info))

int safe_kill(const char *file, const int lineno, pid_t pid, int sig);
#define SAFE_KILL(pid, sig) safe_kill(__FILE__, __LINE__, (pid), (sig))

pid_t safe_wait(const char *file, const int lineno, int *status);
#define SAFE_WAIT(status) safe_wait(__FILE__, __LINE__, (status))

int safe_setuid(const char *file, const int lineno, uid_t uid);
#define SAFE_SETUID(uid) safe_setuid(__FILE__, __LINE__, (uid))

int safe_setgid(const char *file, const int lineno, gid_t gid);
#define SAFE_SETGID(gid) safe_setgid(__FILE__, __LINE__, (gid))

int safe_setreuid(const char *file, const int lineno, uid_t ruid, uid_t euid);
#define SAFE_SETREUID(ruid, euid) \
	safe_setreuid(__FILE__, __LINE__, (ruid), (euid))

int safe_setregid(const char *file, const int lineno, gid_t rgid, gid_t egid);
#define SAFE_SETREGID(rgid, egid) \
	safe_setregid(__FILE__, __LINE__, (rgid), (egid))

int safe_getresuid(const char *file, const int lineno, uid_t *ruid,
		   uid_t *euid, uid_t *suid);
#define SAFE_GETRESUID(ruid, euid, suid) \
	safe_getresuid(__FILE__, __LINE__, (ruid), (euid), (suid))

int safe_getresgid(const char *file, const int lineno, gid_t *rgid,
		   gid_t *egid, gid_t *sgid);
#define SAFE_GETRESGID(rgid, egid, sgid) \
	safe_getresgid(__FILE__, __LINE__, (rgid), (egid), (sgid))

int safe_setgroups(const char *file, const int lineno, size_t size,
		   const gid_t *list);
#define SAFE_SETGROUPS(size, list) \
	safe_setgroups(__FILE__, __LINE__, (size), (list))

int safe_getgroups(const char *file, const int lineno, int size,
		   gid_t list[]);
#define SAFE_GETGROUPS(size, list) \
	safe_getgroups(__FILE__, __LINE__, (size), (list))

int safe_setpgid(const char *file, const int lineno, pid_t pid, pid_t pgid);
#define SAFE_SETPGID(pid, pgid) safe_setpgid(__FILE__, __LINE__, (pid), (pgid))

pid_t safe_getpgid(const char *file, const int lineno, pid_t pid);
#define SAFE_GETPGID(pid) safe_getpgid(__FILE__, __LINE__, (pid))

pid_t safe_setsid(const char *file, const int lineno);
#define SAFE_SETSID() safe_setsid(__FILE__, __LINE__)

int safe_getpriority(const char *file, const int lineno, int which, id_t who);
#define SAFE_GETPRIORITY(which, who) \
	safe_getpriority(__FILE__, __LINE__, (which), (who))

int safe_getrusage(const char *file, const int lineno, int who,
		   struct rusage *usage);
#define SAFE_GETRUSAGE(who, usage) \
	safe_getrusage(__FILE__, __LINE__, (who), (usage))

int safe_prctl(const char *file, const int lineno, int option,
	       unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
#define SAFE_PRCTL(option, arg2, arg3, arg4, arg5) \
	safe_prctl(__FILE__, __LINE__, (option), (unsigned long)(arg2), \
		   (unsigned long)(arg3), (unsigned long)(arg4), \
		   (unsigned long)(arg5))

int safe_personality(const char *file, const int lineno,
		     unsigned long persona);
#define SAFE_PERSONALITY(persona) \
	safe_personality(__FILE__, __LINE__, (persona))

/* Any return value but 0 is an error: not for PTRACE_PEEK* */
long tst_safe_ptrace(const char *file, const int lineno, int req, pid_t pid,
		     void *addr, void *data);
#define SAFE_PTRACE(req, pid, addr, data) \
	tst_safe_ptrace(__FILE__, __LINE__, (req), (pid), (addr), (data))

int safe_unshare(const char *file, const int lineno, int flags);
/* TCONF when the kernel lacks the namespace (EINVAL) */
#define SAFE_UNSHARE(flags) safe_unshare(__FILE__, __LINE__, (flags))

int safe_setns(const char *file, const int lineno, int fd, int nstype);
#define SAFE_SETNS(fd, nstype) safe_setns(__FILE__, __LINE__, (fd), (nstype))

int safe_pidfd_open(const char *file, const int lineno, pid_t pid,
		    unsigned int flags);
/* TCONF when the kernel has no pidfd_open() */
#define SAFE_PIDFD_OPEN(pid, flags) \
	safe_pidfd_open(__FILE__, __LINE__, (pid), (flags))

/* exec*(); returns only to end the test with TBROK */
#define SAFE_EXECLP(file, arg, ...) do { \
	execlp((file), (arg), ##__VA_ARGS__); \
	tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, \
		 "execlp(%s, %s, ...) failed", (file), (arg)); \
} while (0)

#define SAFE_EXECL(file, arg, ...) do { \
	execl((file), (arg), ##__VA_ARGS__); \
	tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, \
		 "execl(%s, %s, ...) failed", (file), (arg)); \
} while (0)

#define SAFE_EXECVP(file, arg) do { \
	execvp((file), (arg)); \
	tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, \
		 "execvp(%s, %p) failed", (file), (void *)(arg)); \
} while (0)

/* Users and groups: TBROK when there is no such entry */

struct passwd *safe_getpwnam(const char *file, const int lineno,
			     const char *name);
#define SAFE_GETPWNAM(name) safe_getpwnam(__FILE__, __LINE__, (name))

struct group *safe_getgrnam(const char *file, const int lineno,
			    const char *name);
#define SAFE_GETGRNAM(name) safe_getgrnam(__FILE__, __LINE__, (name))

/* The group @name, else @fallback */
struct group *safe_getgrnam_fallback(const char *file, const int lineno,
				     const char *name, const char *fallback);
#define SAFE_GETGRNAM_FALLBACK(name, fallback) \
	safe_getgrnam_fallback(__FILE__, __LINE__, (name), (fallback))

struct group *safe_getgrgid(const char *file, const int lineno, gid_t gid);
#define SAFE_GETGRGID(gid) safe_getgrgid(__FILE__, __LINE__, (gid))

/* Signals */

typedef void (*tst_sighandler_t)(int);

tst_sighandler_t safe_signal(const char *file, const int lineno, int signum,
			     tst_sighandler_t handler);
#define SAFE_SIGNAL(signum, handler) \
	safe_signal(__FILE__, __LINE__, (signum), (handler))

int safe_sigaction(const char *file, const int lineno, int signum,
		   const struct sigaction *act, struct sigaction *oldact);
#define SAFE_SIGACTION(signum, act, oldact) \
	safe_sigaction(__FILE__, __LINE__, (signum), (act), (oldact))

int safe_sigaddset(const char *file, const int lineno, sigset_t *sigs,
		   int signo);
#define SAFE_SIGADDSET(sigs, signo) \
	safe_sigaddset(__FILE__, __LINE__, (sigs), (signo))

int safe_sigdelset(const char *file, const int lineno, sigset_t *sigs,
		   int signo);
#define SAFE_SIGDELSET(sigs, signo) \
	safe_sigdelset(__FILE__, __LINE__, (sigs), (signo))

int safe_sigemptyset(const char *file, const int lineno, sigset_t *sigs);
#define SAFE_SIGEMPTYSET(sigs) safe_sigemptyset(__FILE__, __LINE__, (sigs))

int safe_sigfillset(const char *file, const int lineno, sigset_t *sigs);
#define SAFE_SIGFILLSET(sigs) safe_sigfillset(__FILE__, __LINE__, (sigs))

int safe_sigprocmask(const char *file, const int lineno, int how,
		     const sigset_t *set, sigset_t *oldset);
#define SAFE_SIGPROCMASK(how, set, oldset) \
	safe_sigprocmask(__FILE__, __LINE__, (how), (set), (oldset))

int safe_sigwait(const char *file, const int lineno, const sigset_t *set,
		 int *sig);
#define SAFE_SIGWAIT(set, sig) safe_sigwait(__FILE__, __LINE__, (set), (sig))

/* Strings and the environment */

/* A number in [@min, @max], TBROK for anything else */
long safe_strtol(const char *file, const int lineno, char *str, long min,
		 long max);
#define SAFE_STRTOL(str, min, max) \
	safe_strtol(__FILE__, __LINE__, (str), (min), (max))

unsigned long safe_strtoul(const char *file, const int lineno, char *str,
			   unsigned long min, unsigned long max);
#define SAFE_STRTOUL(str, min, max) \
	safe_strtoul(__FILE__, __LINE__, (str), (min), (max))

float safe_strtof(const char *file, const int lineno, char *str, float min,
		  float max);
#define SAFE_STRTOF(str, min, max) \
	safe_strtof(__FILE__, __LINE__, (str), (min), (max))

/* sscanf() that must fill every conversion of @format */
int safe_sscanf(const char *file, const int lineno, const char *buffer,
		const char *format, ...)
	__attribute__((format(scanf, 4, 5)));
#define SAFE_SSCANF(buffer, format, ...) \
	safe_sscanf(__FILE__, __LINE__, (buffer), (format), ##__VA_ARGS__)

#define SAFE_SETENV(name, value, overwrite) do { \
	if (setenv((name), (value), (overwrite))) \
		tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, \
			 "setenv(%s, %s, %d) failed", (name), (value), \
			 (overwrite)); \
} while (0)

#endif /* TST_SAFE_MACROS_H */
