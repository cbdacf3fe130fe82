// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * File systems: types, support on this machine, free space, filling.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>

#include "harness.h"

long tst_fs_type(const char *path)
{
	struct statfs sfs;

	if (statfs(path, &sfs))
		tst_brk(TBROK | TERRNO, "statfs(%s) failed", path);
	return sfs.f_type;
}

const char *tst_fs_type_name(long f_type)
{
	static const struct {
		unsigned long magic;
		const char *name;
	} names[] = {
		{ TST_TMPFS_MAGIC, "tmpfs" },
		{ TST_NFS_MAGIC, "nfs" },
		{ TST_V9FS_MAGIC, "9p" },
		{ TST_RAMFS_MAGIC, "ramfs" },
		{ TST_TRACEFS_MAGIC, "tracefs" },
		{ TST_BTRFS_MAGIC, "btrfs" },
		{ TST_XFS_MAGIC, "xfs" },
		{ TST_EXT2_OLD_MAGIC, "ext2" },
		{ TST_EXT234_MAGIC, "ext2/ext3/ext4" },
		{ TST_MINIX_MAGIC, "minix" },
		{ TST_MINIX_MAGIC2, "minix" },
		{ TST_MINIX2_MAGIC, "minix" },
		{ TST_MINIX2_MAGIC2, "minix" },
		{ TST_MINIX3_MAGIC, "minix" },
		{ TST_UDF_MAGIC, "udf" },
		{ TST_SYSV2_MAGIC, "sysv2" },
		{ TST_SYSV4_MAGIC, "sysv4" },
		{ TST_UFS_MAGIC, "ufs" },
		{ TST_UFS2_MAGIC, "ufs2" },
		{ TST_F2FS_MAGIC, "f2fs" },
		{ TST_NILFS_MAGIC, "nilfs" },
		{ TST_EXOFS_MAGIC, "exofs" },
		{ TST_OVERLAYFS_MAGIC, "overlayfs" },
		{ TST_FUSE_MAGIC, "fuse" },
		{ TST_VFAT_MAGIC, "vfat" },
		{ TST_EXFAT_MAGIC, "exfat" },
		{ TST_BCACHE_MAGIC, "bcachefs" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if ((unsigned long)f_type == names[i].magic)
			return names[i].name;
	}
	return "unknown";
}

int tst_fs_has_free(const char *path, uint64_t size, unsigned int mult)
{
	struct statvfs sf;

	if (statvfs(path, &sf))
		tst_brk(TBROK | TERRNO, "statvfs(%s) failed", path);
	return (uint64_t)sf.f_bavail * sf.f_frsize >= size * mult;
}

/* Whether /proc/filesystems lists @fs_type */
static int kernel_lists(const char *fs_type)
{
	char line[256], *name;
	int found = 0;
	FILE *f = fopen("/proc/filesystems", "r");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		/* "nodev\ttmpfs" or "\text4" */
		name = strrchr(line, '\t');
		found = !strcmp(name ? name + 1 : line, fs_type);
	}
	fclose(f);
	return found;
}

/*
 * Whether the kernel knows @fs_type, loading its module on demand: a
 * mount of it with no source fails with ENODEV only for an unknown
 * type. Only asked for block device file systems, which cannot mount
 * without a source.
 */
static int kernel_knows(const char *fs_type)
{
	char dir[] = "/tmp/fzsync_fsprobe_XXXXXX";
	int known;

	if (kernel_lists(fs_type))
		return 1;
	if (!strcmp(fs_type, "tmpfs") || geteuid() || !mkdtemp(dir))
		return 0;

	if (!mount("", dir, fs_type, MS_NODEV | MS_NOEXEC | MS_NOSUID |
		   MS_RDONLY | MS_SILENT, NULL)) {
		/* Not expected of a block file system; undo it anyway */
		umount2(dir, MNT_DETACH);
		known = 1;
	} else {
		known = errno != ENODEV;
	}
	rmdir(dir);
	return known;
}

/* File systems whose FUSE implementation LTP does not test either */
static const char *const fuse_blacklist[] = { "bcachefs", NULL };

int tst_fuse_helper(const char *fs_type, char *path, size_t size)
{
	char helper[64];

	if (access("/dev/fuse", F_OK) || tst_fs_in_skiplist(fs_type, fuse_blacklist))
		return -1;
	snprintf(helper, sizeof(helper), "mount.%s", fs_type);
	return tst_get_path(helper, path, size);
}

enum tst_fs_impl tst_fs_is_supported(const char *fs_type)
{
	char mkfs[64], path[PATH_MAX];
	enum tst_fs_impl impl = TST_FS_KERNEL;

	if (kernel_knows(fs_type)) {
		tst_res(TINFO, "Kernel supports %s", fs_type);
	} else if (tst_fs_in_skiplist(fs_type, fuse_blacklist)) {
		tst_res(TINFO, "Skipping %s because of FUSE blacklist", fs_type);
		return TST_FS_UNSUPPORTED;
	} else if (!tst_fuse_helper(fs_type, path, sizeof(path))) {
		tst_res(TINFO, "FUSE does support %s", fs_type);
		impl = TST_FS_FUSE;
	} else {
		tst_res(TINFO, "Filesystem %s is not supported", fs_type);
		return TST_FS_UNSUPPORTED;
	}

	if (!strcmp(fs_type, "tmpfs")) {
		tst_res(TINFO, "mkfs is not needed for tmpfs");
		return impl;
	}

	snprintf(mkfs, sizeof(mkfs), "mkfs.%s", fs_type);
	if (tst_get_path(mkfs, path, sizeof(path))) {
		tst_res(TINFO, "%s does not exist", mkfs);
		return TST_FS_UNSUPPORTED;
	}
	tst_res(TINFO, "%s does exist", mkfs);
	return impl;
}

int tst_fs_in_skiplist(const char *fs_type, const char *const *skiplist)
{
	for (; skiplist && *skiplist; skiplist++) {
		if (!strcmp(*skiplist, fs_type))
			return 1;
	}
	return 0;
}

int tst_path_exists(const char *fmt, ...)
{
	char path[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return !access(path, F_OK);
}

int tst_dir_is_empty(const char *name, int verbose)
{
	struct dirent *d;
	int empty = 1;
	DIR *dir = opendir(name);

	if (!dir)
		tst_brk(TBROK | TERRNO, "opendir(%s) failed", name);
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		empty = 0;
		if (!verbose)
			break;
		tst_res(TINFO, "%s has '%s'", name, d->d_name);
	}
	closedir(dir);
	return empty;
}

int tst_get_path(const char *prog_name, char *buf, size_t buf_len)
{
	const char *env = getenv("PATH");
	char *path, *dir, *save;
	int found = -1;

	if (strchr(prog_name, '/')) {
		snprintf(buf, buf_len, "%s", prog_name);
		return access(buf, X_OK) ? -1 : 0;
	}

	path = strdup(env ? env : "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
	if (!path)
		tst_brk(TBROK | TERRNO, "strdup() failed");
	for (dir = strtok_r(path, ":", &save); dir && found;
	     dir = strtok_r(NULL, ":", &save)) {
		struct stat st;

		snprintf(buf, buf_len, "%s/%s", *dir ? dir : ".", prog_name);
		if (!stat(buf, &st) && S_ISREG(st.st_mode) &&
		    !access(buf, X_OK))
			found = 0;
	}
	free(path);
	return found;
}

int tst_fill_fd(int fd, char pattern, size_t bs, size_t bcount)
{
	char *buf = malloc(bs);
	size_t i;

	if (!buf)
		return -1;
	memset(buf, pattern, bs);
	for (i = 0; i < bcount; i++) {
		if (write(fd, buf, bs) != (ssize_t)bs) {
			/* A short write on a full file system: ENOSPC */
			if (errno == 0)
				errno = ENOSPC;
			free(buf);
			return -1;
		}
	}
	free(buf);
	return 0;
}

int tst_prealloc_size_fd(int fd, size_t bs, size_t bcount)
{
	int err = posix_fallocate(fd, 0, (off_t)bs * bcount);

	if (!err)
		return 0;
	if (err != EOPNOTSUPP && err != EINVAL) {
		errno = err;
		return -1;
	}
	/* No fallocate() here: write the blocks */
	return tst_fill_fd(fd, 0, bs, bcount);
}

static int fill(const char *path, int (*fn)(int, size_t, size_t, char),
		size_t bs, size_t bcount, char pattern)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600), err;

	if (fd < 0)
		return -1;
	if (fn(fd, bs, bcount, pattern) || fsync(fd)) {
		err = errno;
		close(fd);
		unlink(path);
		errno = err;
		return -1;
	}
	return close(fd);
}

static int fill_fn(int fd, size_t bs, size_t bcount, char pattern)
{
	return tst_fill_fd(fd, pattern, bs, bcount);
}

static int prealloc_fn(int fd, size_t bs, size_t bcount, char pattern)
{
	(void)pattern;
	return tst_prealloc_size_fd(fd, bs, bcount);
}

int tst_fill_file(const char *path, char pattern, size_t bs, size_t bcount)
{
	return fill(path, fill_fn, bs, bcount, pattern);
}

int tst_prealloc_file(const char *path, size_t bs, size_t bcount)
{
	return fill(path, prealloc_fn, bs, bcount, 0);
}
