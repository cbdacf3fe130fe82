// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for extended attributes. A file system without them
 * (ENOTSUP) is TCONF: the test cannot run there, nothing broke.
 */
#include <sys/xattr.h>

#include "harness.h"

static void xattr_failed(const char *file, const int lineno, const char *call,
			 const char *what, const char *name)
{
	if (errno == ENOTSUP)
		tst_brk_(file, lineno, TCONF,
			 "No extended attributes on the file system of %s",
			 what);
	tst_brk_(file, lineno, TBROK | TERRNO, "%s(%s,%s) failed", call, what,
		 name);
}

int safe_getxattr(const char *file, const int lineno, const char *path,
		  const char *name, void *value, size_t size)
{
	ssize_t ret = getxattr(path, name, value, size);

	if (ret < 0)
		xattr_failed(file, lineno, "getxattr", path, name);
	return ret;
}

int safe_setxattr(const char *file, const int lineno, const char *path,
		  const char *name, const void *value, size_t size, int flags)
{
	int ret = setxattr(path, name, value, size, flags);

	if (ret)
		xattr_failed(file, lineno, "setxattr", path, name);
	return ret;
}

int safe_lsetxattr(const char *file, const int lineno, const char *path,
		   const char *name, const void *value, size_t size,
		   int flags)
{
	int ret = lsetxattr(path, name, value, size, flags);

	if (ret)
		xattr_failed(file, lineno, "lsetxattr", path, name);
	return ret;
}

int safe_fsetxattr(const char *file, const int lineno, int fd,
		   const char *name, const void *value, size_t size,
		   int flags)
{
	char what[32];
	int ret = fsetxattr(fd, name, value, size, flags);

	if (ret) {
		snprintf(what, sizeof(what), "fd %d", fd);
		xattr_failed(file, lineno, "fsetxattr", what, name);
	}
	return ret;
}

int safe_removexattr(const char *file, const int lineno, const char *path,
		     const char *name)
{
	int ret = removexattr(path, name);

	if (ret)
		xattr_failed(file, lineno, "removexattr", path, name);
	return ret;
}

int safe_lremovexattr(const char *file, const int lineno, const char *path,
		      const char *name)
{
	int ret = lremovexattr(path, name);

	if (ret)
		xattr_failed(file, lineno, "lremovexattr", path, name);
	return ret;
}

int safe_fremovexattr(const char *file, const int lineno, int fd,
		      const char *name)
{
	char what[32];
	int ret = fremovexattr(fd, name);

	if (ret) {
		snprintf(what, sizeof(what), "fd %d", fd);
		xattr_failed(file, lineno, "fremovexattr", what, name);
	}
	return ret;
}
