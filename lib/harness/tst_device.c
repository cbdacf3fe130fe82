// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Block devices: loop devices, sizes, write counters, the device a path
 * is on.
 */
#include <linux/fs.h>
#include <linux/loop.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "harness.h"

/* Waiting for the kernel to release a detached loop device (5 s) */
#define DETACH_TRIES		50
#define DETACH_RETRY_NS		100000000L
/* Loop devices probed when there is no /dev/loop-control */
#define LOOP_SCAN_MAX		256
#define SECTOR_SIZE		512
#define MB			(1024 * 1024)

struct tst_device *tst_device;

/* The device node of loop device @n, where distributions put it */
static int loop_path(int n, char *path, size_t len)
{
	static const char *const fmts[] = {
		"/dev/loop%d", "/dev/loop/%d", "/dev/block/loop%d",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fmts); i++) {
		snprintf(path, len, fmts[i], n);
		if (!access(path, F_OK))
			return 0;
	}
	return -1;
}

/* Whether loop device @path has no backing file */
static int loop_is_free(const char *path)
{
	struct loop_info64 info;
	int fd = open(path, O_RDONLY), is_free;

	if (fd < 0)
		return 0;
	is_free = ioctl(fd, LOOP_GET_STATUS64, &info) && errno == ENXIO;
	close(fd);
	return is_free;
}

int tst_find_free_loopdev(char *path, size_t path_len)
{
	char buf[PATH_MAX];
	int ctl, n;

	if (!path) {
		path = buf;
		path_len = sizeof(buf);
	}

	ctl = open("/dev/loop-control", O_RDWR);
	if (ctl >= 0) {
		n = ioctl(ctl, LOOP_CTL_GET_FREE);
		close(ctl);
		if (n >= 0 && !loop_path(n, path, path_len)) {
			tst_res(TINFO, "Found free device %d '%s'", n, path);
			return n;
		}
	}

	/* No loop-control (old kernel, a container): probe the nodes */
	for (n = 0; n < LOOP_SCAN_MAX; n++) {
		if (!loop_path(n, path, path_len) && loop_is_free(path)) {
			tst_res(TINFO, "Found free device %d '%s'", n, path);
			return n;
		}
	}

	tst_res(TINFO, "No free loop device found");
	return -1;
}

int tst_loop_attach_fd(const char *dev_path, const char *file_path,
		       int autoclear)
{
	struct loop_info64 info = { 0 };
	int dev_fd, file_fd;

	dev_fd = open(dev_path, O_RDWR | O_CLOEXEC);
	if (dev_fd < 0) {
		tst_res(TWARN | TERRNO, "Cannot open %s", dev_path);
		return -1;
	}
	file_fd = open(file_path, O_RDWR | O_CLOEXEC);
	if (file_fd < 0) {
		tst_res(TWARN | TERRNO, "Cannot open %s", file_path);
		close(dev_fd);
		return -1;
	}

	if (ioctl(dev_fd, LOOP_SET_FD, file_fd)) {
		/* EBUSY: another process took the device first */
		tst_res(TWARN | TERRNO, "ioctl(%s, LOOP_SET_FD, %s) failed",
			dev_path, file_path);
		close(file_fd);
		close(dev_fd);
		return -1;
	}
	close(file_fd);

	/* Names the backing file in losetup -l; only informative */
	snprintf((char *)info.lo_file_name, sizeof(info.lo_file_name), "%s",
		 file_path);
	if (autoclear)
		info.lo_flags = LO_FLAGS_AUTOCLEAR;
	if (ioctl(dev_fd, LOOP_SET_STATUS64, &info))
		tst_res(TINFO | TERRNO, "ioctl(%s, LOOP_SET_STATUS64) failed",
			dev_path);
	return dev_fd;
}

int tst_attach_device(const char *dev_path, const char *file_path)
{
	int fd = tst_loop_attach_fd(dev_path, file_path, 0);

	if (fd < 0)
		return 1;
	close(fd);
	return 0;
}

uint64_t tst_get_device_size(const char *dev_path)
{
	uint64_t bytes;
	int fd = open(dev_path, O_RDONLY);

	if (fd < 0) {
		tst_res(TWARN | TERRNO, "Cannot open %s", dev_path);
		return -1;
	}
	if (ioctl(fd, BLKGETSIZE64, &bytes)) {
		tst_res(TWARN | TERRNO, "ioctl(%s, BLKGETSIZE64) failed",
			dev_path);
		close(fd);
		return -1;
	}
	close(fd);
	return bytes / MB;
}

int tst_detach_device_by_fd(const char *dev_path, int *dev_fd)
{
	struct timespec pause = { 0, DETACH_RETRY_NS };
	int i, ret;

	ret = ioctl(*dev_fd, LOOP_CLR_FD, 0);
	if (ret && errno != ENXIO)
		tst_res(TWARN | TERRNO, "ioctl(%s, LOOP_CLR_FD) failed",
			dev_path);
	close(*dev_fd);
	*dev_fd = -1;
	if (ret && errno != ENXIO)
		return 1;

	/* The kernel releases the device asynchronously */
	for (i = 0; i < DETACH_TRIES; i++) {
		if (loop_is_free(dev_path))
			return 0;
		nanosleep(&pause, NULL);
	}
	tst_res(TWARN, "Loop device %s is still in use after detach",
		dev_path);
	return 1;
}

int tst_detach_device(const char *dev_path)
{
	int fd = open(dev_path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		tst_res(TWARN | TERRNO, "Cannot open %s", dev_path);
		return 1;
	}
	return tst_detach_device_by_fd(dev_path, &fd);
}

int tst_clear_device(const char *dev)
{
	static char zeroes[MB];
	int fd = open(dev, O_WRONLY);

	if (fd < 0) {
		tst_res(TWARN | TERRNO, "Cannot open %s", dev);
		return 1;
	}
	if (write(fd, zeroes, sizeof(zeroes)) != (ssize_t)sizeof(zeroes) ||
	    fsync(fd)) {
		tst_res(TWARN | TERRNO, "Cannot clear %s", dev);
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

int tst_dev_sync(int fd)
{
	return syncfs(fd);
}

unsigned long tst_dev_bytes_written(const char *dev)
{
	static unsigned long long prev_sectors;
	unsigned long long sectors, delta;
	const char *name = strrchr(dev, '/');
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/block/%s/stat", name ? name + 1 : dev);
	/* Fields: reads, merges, sectors, ms, then writes, merges, sectors */
	SAFE_FILE_SCANF(path, "%*s %*s %*s %*s %*s %*s %llu", &sectors);
	delta = sectors - prev_sectors;
	prev_sectors = sectors;
	return delta * SECTOR_SIZE;
}

void tst_find_backing_dev(const char *path, char *dev, size_t dev_size)
{
	char uevent[PATH_MAX], line[256];
	struct stat st;
	FILE *f;

	if (stat(path, &st))
		tst_brk(TBROK | TERRNO, "stat(%s) failed", path);
	snprintf(uevent, sizeof(uevent), "/sys/dev/block/%u:%u/uevent",
		 major(st.st_dev), minor(st.st_dev));
	f = fopen(uevent, "r");
	if (!f)
		tst_brk(TBROK | TERRNO,
			"No block device for %s (device %u:%u)", path,
			major(st.st_dev), minor(st.st_dev));
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "DEVNAME=", 8))
			continue;
		line[strcspn(line, "\n")] = 0;
		snprintf(dev, dev_size, "/dev/%s", line + 8);
		fclose(f);
		return;
	}
	fclose(f);
	tst_brk(TBROK, "No DEVNAME in %s", uevent);
}

void tst_stat_mount_dev(const char *const mnt_path, struct stat *const st)
{
	char real[PATH_MAX], buf[4096], source[PATH_MAX] = "";
	struct mntent ent;
	FILE *f;

	if (!realpath(mnt_path, real))
		tst_brk(TBROK | TERRNO, "realpath(%s) failed", mnt_path);
	f = setmntent("/proc/mounts", "r");
	if (!f)
		tst_brk(TBROK | TERRNO, "Cannot open /proc/mounts");
	while (getmntent_r(f, &ent, buf, sizeof(buf))) {
		if (!strcmp(ent.mnt_dir, real))
			snprintf(source, sizeof(source), "%s", ent.mnt_fsname);
	}
	endmntent(f);

	if (!source[0])
		tst_brk(TBROK, "Nothing is mounted at %s", mnt_path);
	if (stat(source, st))
		tst_brk(TBROK | TERRNO, "stat(%s) failed", source);
}

int tst_dev_block_size(const char *path)
{
	char dev[PATH_MAX];
	int fd, size;

	tst_find_backing_dev(path, dev, sizeof(dev));
	fd = open(dev, O_RDONLY);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "Cannot open %s", dev);
	if (ioctl(fd, BLKSSZGET, &size))
		tst_brk(TBROK | TERRNO, "ioctl(%s, BLKSSZGET) failed", dev);
	close(fd);
	return size;
}
