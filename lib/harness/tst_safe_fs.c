// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for paths and file metadata: permissions, owners,
 * links, directories.
 */
#include <dirent.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include "harness.h"

int safe_access(const char *file, const int lineno, const char *path,
		int mode)
{
	TST_SAFE_CALL(access(path, mode), "access(%s,%d)", path, mode);
}

int safe_chdir(const char *file, const int lineno, const char *path)
{
	TST_SAFE_CALL(chdir(path), "chdir(%s)", path);
}

char *safe_getcwd(const char *file, const int lineno, char *buf, size_t size)
{
	char *ret = getcwd(buf, size);

	if (!ret)
		tst_brk_(file, lineno, TBROK | TERRNO, "getcwd(%p,%zu) failed",
			 (void *)buf, size);
	return ret;
}

int safe_chroot(const char *file, const int lineno, const char *path)
{
	TST_SAFE_CALL(chroot(path), "chroot(%s)", path);
}

int safe_chmod(const char *file, const int lineno, const char *path,
	       mode_t mode)
{
	TST_SAFE_CALL(chmod(path, mode), "chmod(%s,%04o)", path,
		      (unsigned int)mode);
}

int safe_fchmod(const char *file, const int lineno, int fd, mode_t mode)
{
	TST_SAFE_CALL(fchmod(fd, mode), "fchmod(%d,%04o)", fd,
		      (unsigned int)mode);
}

int safe_chown(const char *file, const int lineno, const char *path,
	       uid_t owner, gid_t group)
{
	TST_SAFE_CALL(chown(path, owner, group), "chown(%s,%d,%d)", path,
		      (int)owner, (int)group);
}

int safe_fchown(const char *file, const int lineno, int fd, uid_t owner,
		gid_t group)
{
	TST_SAFE_CALL(fchown(fd, owner, group), "fchown(%d,%d,%d)", fd,
		      (int)owner, (int)group);
}

int safe_lchown(const char *file, const int lineno, const char *path,
		uid_t owner, gid_t group)
{
	TST_SAFE_CALL(lchown(path, owner, group), "lchown(%s,%d,%d)", path,
		      (int)owner, (int)group);
}

int safe_link(const char *file, const int lineno, const char *oldpath,
	      const char *newpath)
{
	TST_SAFE_CALL(link(oldpath, newpath), "link(%s,%s)", oldpath,
		      newpath);
}

int safe_linkat(const char *file, const int lineno, int olddirfd,
		const char *oldpath, int newdirfd, const char *newpath,
		int flags)
{
	TST_SAFE_CALL(linkat(olddirfd, oldpath, newdirfd, newpath, flags),
		      "linkat(%d,%s,%d,%s,%d)", olddirfd, oldpath, newdirfd,
		      newpath, flags);
}

int safe_symlink(const char *file, const int lineno, const char *oldpath,
		 const char *newpath)
{
	TST_SAFE_CALL(symlink(oldpath, newpath), "symlink(%s,%s)", oldpath,
		      newpath);
}

int safe_symlinkat(const char *file, const int lineno, const char *oldpath,
		   int newdirfd, const char *newpath)
{
	TST_SAFE_CALL(symlinkat(oldpath, newdirfd, newpath),
		      "symlinkat(%s,%d,%s)", oldpath, newdirfd, newpath);
}

ssize_t safe_readlink(const char *file, const int lineno, const char *path,
		      char *buf, size_t bufsize)
{
	ssize_t ret = readlink(path, buf, bufsize);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "readlink(%s,%p,%zu) failed", path, (void *)buf,
			 bufsize);
	if (!bufsize)
		return ret;
	/* readlink() does not terminate the string */
	if ((size_t)ret >= bufsize) {
		tst_res_(file, lineno, TINFO,
			 "readlink(%s): link target truncated to %zu bytes",
			 path, bufsize - 1);
		ret = bufsize - 1;
	}
	buf[ret] = 0;
	return ret;
}

int safe_truncate(const char *file, const int lineno, const char *path,
		  off_t length)
{
	TST_SAFE_CALL(truncate(path, length), "truncate(%s,%lld)", path,
		      (long long)length);
}

int safe_lstat(const char *file, const int lineno, const char *path,
	       struct stat *buf)
{
	TST_SAFE_CALL(lstat(path, buf), "lstat(%s,%p)", path, (void *)buf);
}

int safe_statfs(const char *file, const int lineno, const char *path,
		struct statfs *buf)
{
	TST_SAFE_CALL(statfs(path, buf), "statfs(%s,%p)", path, (void *)buf);
}

int safe_statvfs(const char *file, const int lineno, const char *path,
		 struct statvfs *buf)
{
	TST_SAFE_CALL(statvfs(path, buf), "statvfs(%s,%p)", path,
		      (void *)buf);
}

int safe_mkfifo(const char *file, const int lineno, const char *pathname,
		mode_t mode)
{
	TST_SAFE_CALL(mkfifo(pathname, mode), "mkfifo(%s,%04o)", pathname,
		      (unsigned int)mode);
}

int safe_mknod(const char *file, const int lineno, const char *pathname,
	       mode_t mode, dev_t dev)
{
	TST_SAFE_CALL(mknod(pathname, mode, dev), "mknod(%s,%04o,%u:%u)",
		      pathname, (unsigned int)mode, major(dev), minor(dev));
}

/*
 * basename() and dirname() may modify their argument and return static
 * storage; on a private copy, which is leaked like LTP's, the caller's
 * string stays as it was.
 */
static char *path_copy(const char *file, const int lineno, const char *path)
{
	char *copy = strdup(path);

	if (!copy)
		tst_brk_(file, lineno, TBROK | TERRNO, "strdup(%s) failed",
			 path);
	return copy;
}

char *safe_basename(const char *file, const int lineno, char *path)
{
	return basename(path_copy(file, lineno, path));
}

char *safe_dirname(const char *file, const int lineno, char *path)
{
	return dirname(path_copy(file, lineno, path));
}

DIR *safe_opendir(const char *file, const int lineno, const char *name)
{
	DIR *d = opendir(name);

	if (!d)
		tst_brk_(file, lineno, TBROK | TERRNO, "opendir(%s) failed",
			 name);
	return d;
}

int safe_closedir(const char *file, const int lineno, DIR *dirp)
{
	int ret = closedir(dirp);

	/* dirp is freed now, even on failure: not printed */
	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO, "closedir() failed");
	return ret;
}

struct dirent *safe_readdir(const char *file, const int lineno, DIR *dirp)
{
	struct dirent *d;

	/* NULL is both the end and an error: errno tells them apart */
	errno = 0;
	d = readdir(dirp);
	if (!d && errno)
		tst_brk_(file, lineno, TBROK | TERRNO, "readdir(%p) failed",
			 (void *)dirp);
	return d;
}
