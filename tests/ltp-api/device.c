// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * .all_filesystems with .mount_device, two variants: one result line per
 * variant and file system, the same set under both libraries.
 */
#include "tst_test.h"

#define MNT "mntpoint"

static void run(void)
{
	int fd;

	fd = SAFE_OPEN(MNT "/file", O_RDWR | O_CREAT, 0644);
	SAFE_WRITE(SAFE_WRITE_ALL, fd, "data", 4);
	SAFE_FSYNC(fd);
	SAFE_CLOSE(fd);
	SAFE_UNLINK(MNT "/file");

	if (!tst_is_mounted_at_tmpdir(MNT))
		tst_res(TFAIL, "%s is not mounted", MNT);
	else
		tst_res(TPASS, "variant %u on %s", tst_variant,
			tst_device->fs_type);
}

static struct tst_test test = {
	.test_all = run,
	.needs_root = 1,
	.mount_device = 1,
	.all_filesystems = 1,
	.mntpoint = MNT,
	.test_variants = 2,
};
