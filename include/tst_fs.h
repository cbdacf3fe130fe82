/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File systems: their magic numbers, which ones this machine supports,
 * free space, and filling files.
 *
 *	if (tst_fs_type(".") == TST_TMPFS_MAGIC)
 *		tst_brk(TCONF, "Not on tmpfs");
 *	tst_fill_file("big", 0, TST_MB, 16);
 */
#ifndef TST_FS_H
#define TST_FS_H

#include <stddef.h>
#include <stdint.h>

/* statfs(2) f_type of file systems, from <linux/magic.h> */
#define TST_BTRFS_MAGIC		0x9123683E
#define TST_NFS_MAGIC		0x6969
#define TST_RAMFS_MAGIC		0x858458f6
#define TST_TMPFS_MAGIC		0x01021994
#define TST_TRACEFS_MAGIC	0x74726163
#define TST_V9FS_MAGIC		0x01021997
#define TST_XFS_MAGIC		0x58465342
#define TST_EXT2_OLD_MAGIC	0xEF51
/* ext2, ext3 and ext4 share one */
#define TST_EXT234_MAGIC	0xEF53
#define TST_MINIX_MAGIC		0x137F
#define TST_MINIX_MAGIC2	0x138F
#define TST_MINIX2_MAGIC	0x2468
#define TST_MINIX2_MAGIC2	0x2478
#define TST_MINIX3_MAGIC	0x4D5A
#define TST_UDF_MAGIC		0x15013346
#define TST_SYSV2_MAGIC		0x012FF7B6
#define TST_SYSV4_MAGIC		0x012FF7B5
#define TST_UFS_MAGIC		0x00011954
#define TST_UFS2_MAGIC		0x19540119
#define TST_F2FS_MAGIC		0xF2F52010
#define TST_NILFS_MAGIC		0x3434
#define TST_EXOFS_MAGIC		0x5DF5
#define TST_OVERLAYFS_MAGIC	0x794c7630
#define TST_FUSE_MAGIC		0x65735546
/* vfat and msdos */
#define TST_VFAT_MAGIC		0x4d44
#define TST_EXFAT_MAGIC		0x2011BAB0UL
#define TST_BCACHE_MAGIC	0xca451a4e

/* Units of tst_fs_has_free() */
enum {
	TST_BYTES = 1,
	TST_KB = 1024,
	TST_MB = 1048576,
	TST_GB = 1073741824,
};

/**
 * tst_fs_type() - The file system a path is on.
 * @path: A file or directory.
 *
 * Return: statfs(2)'s f_type, one of the TST_*_MAGIC; TBROK on failure.
 */
long tst_fs_type(const char *path);

/**
 * tst_fs_type_name() - Name of a file system magic number.
 * @f_type: A TST_*_MAGIC.
 *
 * Return: "ext2/ext3/ext4", "tmpfs", ... or "unknown".
 */
const char *tst_fs_type_name(long f_type);

/**
 * tst_fs_has_free() - Whether a file system has enough free space.
 * @path: A path on it.
 * @size: The space, in units of @mult.
 * @mult: TST_BYTES, TST_KB, TST_MB or TST_GB.
 *
 * Return: 1 if it has at least @size * @mult bytes free for an
 * unprivileged user, 0 otherwise; TBROK on failure.
 */
int tst_fs_has_free(const char *path, uint64_t size, unsigned int mult);

/* How tst_fs_is_supported() found a file system */
enum tst_fs_impl {
	TST_FS_UNSUPPORTED = 0,
	TST_FS_KERNEL = 1,
	TST_FS_FUSE = 2,
};

/**
 * tst_fs_is_supported() - Whether a file system can be made and mounted.
 * @fs_type: e.g. "ext4".
 *
 * The kernel must know the type (a module is loaded on demand, as for a
 * mount), or /dev/fuse and a mount.@fs_type helper must be there (not
 * for bcachefs, as in LTP); and mkfs.@fs_type must be in $PATH (tmpfs
 * needs none).
 *
 * Return: TST_FS_KERNEL, TST_FS_FUSE or TST_FS_UNSUPPORTED.
 */
enum tst_fs_impl tst_fs_is_supported(const char *fs_type);

/**
 * tst_fs_in_skiplist() - Whether a file system is in a list.
 * @fs_type: e.g. "ext4".
 * @skiplist: NULL-terminated names, or NULL; "ext2"... match exactly.
 *
 * Return: 1 if listed, 0 otherwise.
 */
int tst_fs_in_skiplist(const char *fs_type, const char *const *skiplist);

/**
 * tst_path_exists() - Whether a path exists.
 * @fmt: printf() format of the path.
 *
 * Return: 1 if it exists, 0 otherwise.
 */
int tst_path_exists(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/**
 * tst_dir_is_empty() - Whether a directory has no entries but . and ..
 * @name: The directory.
 * @verbose: Print the entries found (TINFO).
 *
 * Return: 1 if empty, 0 otherwise; TBROK if it cannot be read.
 */
int tst_dir_is_empty(const char *name, int verbose);

/**
 * tst_get_path() - Full path of a program in $PATH.
 * @prog_name: The program.
 * @buf: Gets the path.
 * @buf_len: Size of @buf.
 *
 * Return: 0, or -1 when not found.
 */
int tst_get_path(const char *prog_name, char *buf, size_t buf_len);

/**
 * tst_fill_fd() - Write @bcount blocks of @bs bytes of @pattern.
 * @fd: Where.
 * @pattern: The byte.
 * @bs: Block size.
 * @bcount: Number of blocks.
 *
 * Return: 0, or -1 with errno (ENOSPC when the file system is full).
 */
int tst_fill_fd(int fd, char pattern, size_t bs, size_t bcount);

/**
 * tst_prealloc_size_fd() - Allocate @bs * @bcount bytes of a file.
 * @fd: The file.
 * @bs: Block size.
 * @bcount: Number of blocks.
 *
 * With fallocate(2) where the file system has it, written otherwise.
 *
 * Return: 0, or -1 with errno.
 */
int tst_prealloc_size_fd(int fd, size_t bs, size_t bcount);

/**
 * tst_fill_file() - Create a file of @bcount blocks of @pattern.
 * @path: The file (truncated).
 * @pattern: The byte.
 * @bs: Block size.
 * @bcount: Number of blocks.
 *
 * Return: 0, or -1 with errno.
 */
int tst_fill_file(const char *path, char pattern, size_t bs, size_t bcount);

/**
 * tst_prealloc_file() - Create a file of @bs * @bcount allocated bytes.
 * @path: The file.
 * @bs: Block size.
 * @bcount: Number of blocks.
 *
 * Return: 0, or -1 with errno.
 */
int tst_prealloc_file(const char *path, size_t bs, size_t bcount);

#endif /* TST_FS_H */
