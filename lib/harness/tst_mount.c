// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mounts: SAFE_MOUNT(), tst_umount() and questions about /proc/mounts.
 */
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <time.h>

#include "harness.h"

/* A busy mount is retried this often, this far apart (5 s in all) */
#define UMOUNT_TRIES		50
#define UMOUNT_RETRY_NS		100000000L

int tst_mount_fs(const char *source, const char *target, const char *fs_type,
		 unsigned long flags, const void *data, int *is_fuse)
{
	const char *argv[8];
	char helper[PATH_MAX], opts[512];
	int n = 0, ret;

	*is_fuse = 0;
	if (!mount(source, target, fs_type, flags, data))
		return 0;
	/* A type the kernel lacks may have a FUSE implementation */
	if (errno != ENODEV || !fs_type ||
	    tst_fuse_helper(fs_type, helper, sizeof(helper))) {
		return -1;
	}

	tst_res(TINFO, "Trying FUSE...");
	snprintf(opts, sizeof(opts), "%s%s%s", flags & MS_RDONLY ? "ro" : "",
		 (flags & MS_RDONLY) && data ? "," : "",
		 data ? (const char *)data : "");
	argv[n++] = helper;
	if (opts[0]) {
		argv[n++] = "-o";
		argv[n++] = opts;
	}
	argv[n++] = source;
	argv[n++] = target;
	argv[n] = NULL;
	ret = tst_cmd(argv, "/dev/null", "/dev/null", TST_CMD_PASS_RETVAL);
	if (ret) {
		tst_res(TINFO, "%s failed with %d", helper, ret);
		errno = ENODEV;
		return -1;
	}
	*is_fuse = 1;
	return 0;
}

int safe_mount(const char *file, const int lineno, const char *source,
	       const char *target, const char *filesystemtype,
	       unsigned long mountflags, const void *data)
{
	int is_fuse, ret = tst_mount_fs(source, target, filesystemtype,
					mountflags, data, &is_fuse);

	if (ret && errno == ENODEV)
		tst_brk_(file, lineno, TCONF, "Filesystem %s is not supported",
			 filesystemtype ? filesystemtype : "(null)");
	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "mount(%s, %s, %s, %lu, %p) failed",
			 source ? source : "(null)", target,
			 filesystemtype ? filesystemtype : "(null)",
			 mountflags, data);
	return ret;
}

int tst_umount(const char *path)
{
	struct timespec pause = { 0, UMOUNT_RETRY_NS };
	int i;

	for (i = 0; i < UMOUNT_TRIES; i++) {
		if (!umount(path))
			return 0;
		if (errno != EBUSY)
			return -1;
		/* Something (udev, a file indexer) still looks at it */
		if (!i)
			tst_res(TINFO, "umount('%s') failed with EBUSY, retrying",
				path);
		nanosleep(&pause, NULL);
	}
	tst_res(TWARN, "Failed to umount('%s') after %d tries", path,
		UMOUNT_TRIES);
	errno = EBUSY;
	return -1;
}

int safe_umount(const char *file, const int lineno, const char *target)
{
	int ret = tst_umount(target);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO, "umount(%s) failed",
			 target);
	return ret;
}

/*
 * Whether something is mounted at @path; the options of the mount on
 * top (the last /proc/mounts entry for it) go to @opts.
 */
static int find_mount(const char *path, char *opts, size_t size)
{
	char real[PATH_MAX], buf[4096];
	struct mntent ent;
	int found = 0;
	FILE *f;

	if (!realpath(path, real))
		return 0;
	f = setmntent("/proc/mounts", "r");
	if (!f)
		tst_brk(TBROK | TERRNO, "Cannot open /proc/mounts");
	while (getmntent_r(f, &ent, buf, sizeof(buf))) {
		if (strcmp(ent.mnt_dir, real))
			continue;
		found = 1;
		snprintf(opts, size, "%s", ent.mnt_opts);
	}
	endmntent(f);
	return found;
}

int tst_is_mounted(const char *path)
{
	char opts[4096];

	return find_mount(path, opts, sizeof(opts));
}

int tst_mount_has_opt(const char *path, const char *opt)
{
	struct mntent ent = { 0 };
	char opts[4096];

	if (!find_mount(path, opts, sizeof(opts)))
		return 0;
	ent.mnt_opts = opts;
	return hasmntopt(&ent, opt) != NULL;
}

int tst_is_mounted_ro(const char *path)
{
	return tst_mount_has_opt(path, "ro");
}

int tst_is_mounted_rw(const char *path)
{
	return tst_mount_has_opt(path, "rw");
}

int tst_is_mounted_at_tmpdir(const char *path)
{
	const char *tmpdir = tst_tmpdir_path();
	char full[PATH_MAX];

	if (!tmpdir)
		tst_brk(TBROK, "The test has no temporary directory");
	snprintf(full, sizeof(full), "%s/%s", tmpdir, path);
	return tst_is_mounted(full);
}
