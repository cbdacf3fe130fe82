// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The test's device and file systems, set up by the harness process.
 *
 * The harness attaches the device before the first test process and
 * detaches it after the last one; per file system it formats and
 * mounts the device before the test process and unmounts it after.
 * finish() calls tst_test_dev_release(), so the device is released
 * however the test ended: a tst_brk() in the test process, one in the
 * harness, a timeout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "harness.h"

/* LTP's default device size and file system */
#define DEV_DEFAULT_MB		300
#define DEFAULT_FS		"ext2"
/* tmpfs has no device; LTP limits it to this */
#define TMPFS_SIZE_OPT		"size=32m"
#define DEV_IMAGE		"test_dev.img"

/* The file systems .all_filesystems runs on, in LTP's order */
static const char *const all_fs_types[] = {
	"ext2", "ext3", "ext4", "xfs", "btrfs", "bcachefs", "vfat", "exfat",
	"ntfs", "ntfs3", "tmpfs", NULL
};

static struct tst_device device;
/* The loop device's descriptor, -1 for $LTP_DEV or no device */
static int loop_fd = -1;
static char dev_path[PATH_MAX];
static char mnt_path[PATH_MAX];
static int mounted;

int tst_test_needs_device(const struct tst_test *t)
{
	return t->needs_device || t->format_device || t->mount_device ||
	       t->all_filesystems ||
	       (t->filesystems && t->filesystems[0].type);
}

int tst_test_mounts(const struct tst_test *t)
{
	return t->mount_device || t->all_filesystems;
}

int tst_test_formats(const struct tst_test *t)
{
	return t->format_device || tst_test_mounts(t);
}

/* The .filesystems entry for @type, or the defaults entry, or NULL */
static const struct tst_fs *fs_params(const struct tst_test *t,
				      const char *type)
{
	const struct tst_fs *fs;

	if (!t->filesystems)
		return NULL;
	for (fs = t->filesystems + !t->filesystems[0].type; fs->type; fs++) {
		if (!strcmp(fs->type, type))
			return fs;
	}
	return t->filesystems[0].type ? NULL : &t->filesystems[0];
}

static const char *default_fs(void)
{
	const char *env = getenv("LTP_DEV_FS_TYPE");

	return env && *env ? env : DEFAULT_FS;
}

/* Whether @type can be run on here; says why not (TINFO) */
static int usable(const struct tst_test *t, const char *type)
{
	const struct tst_fs *params = fs_params(t, type);
	const char *single = getenv("LTP_SINGLE_FS_TYPE");
	int v[3];

	if (single && *single && strcmp(single, type))
		return 0;
	if (tst_fs_in_skiplist(type, t->skip_filesystems)) {
		tst_res(TINFO, "Skipping %s as requested by the test", type);
		return 0;
	}
	if (params && params->min_kver) {
		if (!tst_parse_kver(params->min_kver, v))
			tst_brk(TBROK, "Invalid min_kver '%s' of %s",
				params->min_kver, type);
		if (tst_kvercmp(v[0], v[1], v[2]) < 0) {
			tst_res(TINFO, "Skipping %s: needs kernel %s", type,
				params->min_kver);
			return 0;
		}
	}
	return tst_fs_is_supported(type) != TST_FS_UNSUPPORTED;
}

size_t tst_test_fs_plan(const struct tst_test *t, const char **types,
			size_t max)
{
	const struct tst_fs *fs;
	size_t n = 0, asked = 0;
	const char *last = NULL;

	if (t->all_filesystems) {
		const char *const *type;

		for (type = all_fs_types; *type && n < max; type++) {
			if (usable(t, *type))
				types[n++] = *type;
		}
		if (!n)
			tst_brk(TCONF, "There are no supported filesystems");
		return n;
	}

	if (!t->filesystems || !t->filesystems[0].type) {
		types[0] = default_fs();
		if (tst_fs_in_skiplist(types[0], t->skip_filesystems))
			tst_brk(TCONF, "%s is not supported by the test",
				types[0]);
		return 1;
	}

	for (fs = t->filesystems; fs->type && n < max; fs++) {
		asked++;
		last = fs->type;
		if (usable(t, fs->type))
			types[n++] = fs->type;
	}
	if (!n && asked == 1)
		tst_brk(TCONF, "The %s filesystem is not supported", last);
	if (!n)
		tst_brk(TCONF, "There are no supported filesystems");
	return n;
}

/* A sparse file of @mb MB in the temporary directory on a loop device */
static void attach_loop(unsigned int mb)
{
	char image[PATH_MAX];
	int fd;

	snprintf(image, sizeof(image), "%s/%s", tst_tmpdir_path(), DEV_IMAGE);
	fd = open(image, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "Cannot create %s", image);
	if (ftruncate(fd, (off_t)mb * 1024 * 1024))
		tst_brk(TBROK | TERRNO, "Cannot size %s to %u MB", image, mb);
	close(fd);

	if (tst_find_free_loopdev(dev_path, sizeof(dev_path)) < 0)
		tst_brk(TCONF, "No free loop device; set LTP_DEV to a block device");
	loop_fd = tst_loop_attach_fd(dev_path, image, 1);
	if (loop_fd < 0)
		tst_brk(TBROK, "Cannot attach %s to %s", image, dev_path);
	device.size = mb;
}

static void use_ltp_dev(const char *dev, unsigned int mb)
{
	struct stat st;
	uint64_t size;

	if (stat(dev, &st) || !S_ISBLK(st.st_mode))
		tst_brk(TBROK, "LTP_DEV=%s is not a block device", dev);
	size = tst_get_device_size(dev);
	if (size == (uint64_t)-1)
		tst_brk(TBROK, "Cannot get the size of LTP_DEV=%s", dev);
	if (size < mb)
		tst_brk(TCONF, "LTP_DEV=%s has %llu MB, the test needs %u MB",
			dev, (unsigned long long)size, mb);
	snprintf(dev_path, sizeof(dev_path), "%s", dev);
	device.size = size;
	tst_res(TINFO, "Using LTP_DEV=%s", dev);
}

void tst_test_dev_acquire(const struct tst_test *t)
{
	const char *ltp_dev = getenv("LTP_DEV");
	unsigned int mb = MAX(t->dev_min_size, (unsigned int)DEV_DEFAULT_MB);

	if (t->mntpoint) {
		snprintf(mnt_path, sizeof(mnt_path), "%s/%s", tst_tmpdir_path(),
			 t->mntpoint);
		if (mkdir(mnt_path, 0777))
			tst_brk(TBROK | TERRNO, "mkdir(%s) failed", mnt_path);
	} else if (tst_test_mounts(t)) {
		tst_brk(TBROK, "tst_test->mntpoint must be set");
	}

	if (!tst_test_needs_device(t))
		return;

	if (ltp_dev && *ltp_dev)
		use_ltp_dev(ltp_dev, mb);
	else
		attach_loop(mb);

	device.dev = dev_path;
	device.fs_type = default_fs();
	tst_device = &device;
}

/* The mount(2) data for @type: tmpfs gets its size limit first */
static const char *mount_data(const char *type, const struct tst_fs *params,
			      char *buf, size_t size)
{
	const char *data = params ? params->mnt_data : NULL;

	if (strcmp(type, "tmpfs"))
		return data;
	snprintf(buf, size, "%s%s%s", TMPFS_SIZE_OPT, data ? "," : "",
		 data ? data : "");
	return buf;
}

int tst_test_dev_prepare(const struct tst_test *t, const char *type)
{
	const struct tst_fs *params = fs_params(t, type);
	unsigned long flags = params ? params->mnt_flags : 0;
	const char *extra[2] = { NULL, NULL }, *data, *source = dev_path;
	int tmpfs = !strcmp(type, "tmpfs");
	char buf[512];
	int is_fuse;

	device.fs_type = type;
	device.is_fuse = 0;

	if (tst_test_formats(t) && !tmpfs) {
		extra[0] = params ? params->mkfs_size_opt : NULL;
		tst_mkfs_(__FILE__, __LINE__, NULL, dev_path, type,
			  params ? params->mkfs_opts : NULL, extra);
	} else if (tmpfs) {
		tst_res(TINFO, "Skipping mkfs for tmpfs");
		source = "ltp-tmpfs";
	}

	if (!tst_test_mounts(t))
		return 0;

	data = mount_data(type, params, buf, sizeof(buf));
	tst_res(TINFO, "Mounting %s to %s fstyp=%s flags=%lx", source,
		mnt_path, type, flags);
	if (tst_mount_fs(source, mnt_path, type, flags, data, &is_fuse)) {
		if (errno == EOPNOTSUPP && params &&
		    params->mount_check_support) {
			tst_res(TCONF, "Mounting %s is not supported", type);
			return -1;
		}
		tst_brk(TBROK | TERRNO, "mount(%s, %s, %s, %lu, %s) failed",
			source, mnt_path, type, flags, data ? data : "NULL");
	}
	mounted = 1;
	device.is_fuse = is_fuse;
	return 0;
}

void tst_test_dev_unmount(void)
{
	if (!mounted)
		return;
	/* Cleared first: a tst_brk() below must not retry it */
	mounted = 0;
	if (tst_umount(mnt_path))
		tst_res(TWARN | TERRNO, "Cannot unmount %s", mnt_path);
}

void tst_test_dev_release(void)
{
	tst_test_dev_unmount();
	if (loop_fd >= 0)
		tst_detach_device_by_fd(dev_path, &loop_fd);
	tst_device = NULL;
}
