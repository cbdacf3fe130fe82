/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Formatting a device.
 *
 *	const char *const opts[] = { "-b", "1024", NULL };
 *
 *	SAFE_MKFS(tst_device->dev, "ext4", opts, NULL);
 */
#ifndef TST_MKFS_H
#define TST_MKFS_H

/**
 * tst_mkfs_() - Run mkfs.TYPE on a device; use SAFE_MKFS().
 * @file: Source file, __FILE__.
 * @lineno: Source line, __LINE__.
 * @cleanup_fn: Unused (LTP's old API); NULL.
 * @dev: The device.
 * @fs_type: File system type; mkfs.@fs_type must be in $PATH.
 * @fs_opts: NULL-terminated options before the device, or NULL.
 * @extra_opts: NULL-terminated arguments after the device, or NULL.
 *
 * Options that ask mkfs to be quiet or to overwrite an old file system
 * are added for the types that need them. TCONF when mkfs.@fs_type is
 * missing, TBROK when it fails.
 */
void tst_mkfs_(const char *file, const int lineno, void (*cleanup_fn)(void),
	       const char *dev, const char *fs_type,
	       const char *const fs_opts[], const char *const extra_opts[]);

#define SAFE_MKFS(device, fs_type, fs_opts, extra_opts) \
	tst_mkfs_(__FILE__, __LINE__, NULL, (device), (fs_type), \
		  (fs_opts), (extra_opts))

#endif /* TST_MKFS_H */
