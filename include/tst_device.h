/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The test's block device and mounts.
 *
 *	static struct tst_test test = {
 *		.mount_device = 1,
 *		.mntpoint = "mntpoint",
 *		.all_filesystems = 1,
 *	};
 *
 *	tst_res(TINFO, "%s on %s, %llu MB", tst_device->fs_type,
 *		tst_device->dev, (unsigned long long)tst_device->size);
 *
 * With .needs_device (or .format_device, .mount_device,
 * .all_filesystems) the harness attaches a loop device to a file in the
 * temporary directory, or uses $LTP_DEV, before setup; formats and
 * mounts it as asked; and unmounts and detaches it after the test
 * process ended, however it ended.
 */
#ifndef TST_DEVICE_H
#define TST_DEVICE_H

#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/stat.h>

/**
 * struct tst_device - The test's block device.
 * @dev: Its path, e.g. "/dev/loop0".
 * @fs_type: The file system it is formatted with (or would be).
 * @size: Its size in MB.
 * @is_fuse: 1 while the file system is mounted through FUSE (a type the
 *           kernel lacks but a mount.TYPE helper has, e.g. ntfs-3g).
 */
struct tst_device {
	const char *dev;
	const char *fs_type;
	uint64_t size;
	int is_fuse;
};

/* The device; NULL unless the test asks for one */
extern struct tst_device *tst_device;

/**
 * tst_umount() - Unmount, retrying while the mount is busy.
 * @path: Mount point.
 *
 * Retries for a few seconds on EBUSY (a desktop's file indexer, udev).
 *
 * Return: 0, or -1 with errno.
 */
int tst_umount(const char *path);

/**
 * tst_mount_has_opt() - Whether a mount has an option.
 * @path: Mount point.
 * @opt: Option as in /proc/mounts, e.g. "ro" or "noexec".
 *
 * Return: 1 if mounted at @path with @opt, 0 otherwise.
 */
int tst_mount_has_opt(const char *path, const char *opt);

/**
 * tst_is_mounted() - Whether something is mounted at a path.
 * @path: Mount point, absolute or relative to the working directory.
 *
 * Return: 1 or 0.
 */
int tst_is_mounted(const char *path);

/* tst_is_mounted() and mounted read-only */
int tst_is_mounted_ro(const char *path);

/* tst_is_mounted() and mounted read-write */
int tst_is_mounted_rw(const char *path);

/**
 * tst_is_mounted_at_tmpdir() - tst_is_mounted() for a path relative to
 *                              the test's temporary directory.
 * @path: Mount point under the temporary directory.
 *
 * Return: 1 or 0.
 */
int tst_is_mounted_at_tmpdir(const char *path);

/**
 * tst_clear_device() - Overwrite the start of a device with zeroes.
 * @dev: The device.
 *
 * Zeroes the first MB, so that the old file system's signature is gone.
 *
 * Return: 0, or 1 on failure (with a TWARN).
 */
int tst_clear_device(const char *dev);

/**
 * tst_find_free_loopdev() - A free loop device.
 * @path: Gets its path, may be NULL.
 * @path_len: Size of @path.
 *
 * Return: its number, or -1 when there is none (with a TINFO).
 */
int tst_find_free_loopdev(char *path, size_t path_len);

/**
 * tst_attach_device() - Attach a file to a loop device.
 * @dev_path: The loop device.
 * @file_path: The backing file.
 *
 * Return: 0, or 1 on failure (with a TWARN).
 */
int tst_attach_device(const char *dev_path, const char *file_path);

/**
 * tst_get_device_size() - Size of a block device.
 * @dev_path: The device.
 *
 * Return: its size in MB, or -1 (as uint64_t) on failure.
 */
uint64_t tst_get_device_size(const char *dev_path);

/**
 * tst_detach_device_by_fd() - Detach a loop device through an open fd.
 * @dev_path: The loop device, for messages.
 * @dev_fd: Its open descriptor; closed and set to -1.
 *
 * Waits for the kernel to release the device (up to a few seconds).
 *
 * Return: 0, or 1 on failure (with a TWARN).
 */
int tst_detach_device_by_fd(const char *dev_path, int *dev_fd);

/**
 * tst_detach_device() - Detach a loop device.
 * @dev_path: The loop device.
 *
 * Return: 0, or 1 on failure (with a TWARN).
 */
int tst_detach_device(const char *dev_path);

/**
 * tst_dev_sync() - Write a device's cached data.
 * @fd: A descriptor of the device or of a file on it.
 *
 * Return: as syncfs(2).
 */
int tst_dev_sync(int fd);

/**
 * tst_dev_bytes_written() - Bytes written to a device since the last
 *                           call.
 * @dev: The device, e.g. tst_device->dev.
 *
 * From the sectors-written counter of /sys/block/NAME/stat.
 *
 * Return: bytes since the previous call (since boot on the first).
 */
unsigned long tst_dev_bytes_written(const char *dev);

/**
 * tst_find_backing_dev() - The block device a path is on.
 * @path: A file or directory.
 * @dev: Gets the device's path, e.g. "/dev/sda1".
 * @dev_size: Size of @dev.
 *
 * Ends the test with TBROK when the device cannot be found.
 */
void tst_find_backing_dev(const char *path, char *dev, size_t dev_size);

/**
 * tst_stat_mount_dev() - stat(2) of the device mounted at a path.
 * @mnt_path: Mount point.
 * @st: Gets the device's stat.
 *
 * Ends the test with TBROK when nothing is mounted there.
 */
void tst_stat_mount_dev(const char *const mnt_path, struct stat *const st);

/**
 * tst_dev_block_size() - Logical block size of the device a path is on.
 * @path: A file or directory.
 *
 * Return: bytes.
 */
int tst_dev_block_size(const char *path);

#endif /* TST_DEVICE_H */
