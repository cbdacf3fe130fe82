// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * .filesystems: the types this machine has, with their mkfs options; a
 * missing type is left out; a tst_brk(TCONF) in setup skips one file
 * system only.
 */
#include "tst_test.h"

#define MNT "mntpoint"

static void setup(void)
{
	if (!strcmp(tst_device->fs_type, "ext3"))
		tst_brk(TCONF, "not on ext3");
}

static void run(void)
{
	tst_res(TPASS, "on %s, %s", tst_device->fs_type,
		tst_is_mounted_at_tmpdir(MNT) ? "mounted" : "not mounted");
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.needs_root = 1,
	.mount_device = 1,
	.mntpoint = MNT,
	.filesystems = (struct tst_fs []) {
		{ .type = "ext4", .mkfs_opts = (const char *const []) { "-b", "1024", NULL } },
		{ .type = "fzsync_no_such_fs" },
		{ .type = "ext3" },
		{ .type = "tmpfs" },
		{}
	},
};
