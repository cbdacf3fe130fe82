// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The results disk: an ext3 file system image (every kernel's ext4
 * driver mounts it) made by mke2fs from a host directory, and read back
 * with debugfs without mounting anything. After a guest crash the file
 * system's journal may hold the last fsync()ed metadata only, so
 * e2fsck replays it first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fzvm.h"

int disk_make(const char *img, const char *srcdir, const char *size)
{
	char *argv[] = {
		"mke2fs", "-q", "-F", "-t", "ext3", "-L", RESULTS_LABEL,
		"-E", "root_owner=0:0", "-d", (char *)srcdir, (char *)img,
		(char *)size, NULL
	};
	struct sbuf out = {0};
	int ret;

	unlink(img);
	ret = run_cmd(argv, &out, 1);
	sb_free(&out);
	if (ret)
		warning("mke2fs of %s from %s failed (status %d)", img, srcdir,
		     ret);
	return ret ? -1 : 0;
}

int disk_read(const char *img, const char *dst)
{
	char *fsck[] = {
		"e2fsck", "-y", "-E", "journal_only", (char *)img, NULL
	};
	char *tmp = xasprintf("%s.read", dst), *cmd, *got;
	struct sbuf out = {0};
	int ret;

	ret = run_cmd(fsck, &out, 0);
	if (ret < 0 || ret > 1)
		warning("e2fsck of %s: status %d", img, ret);
	rm_rf(tmp);
	mkdir_p(tmp, 0755);
	cmd = xasprintf("rdump /run \"%s\"", tmp);
	{
		char *argv[] = { "debugfs", "-R", cmd, (char *)img, NULL };

		run_cmd(argv, &out, 0);
	}
	got = xasprintf("%s/run", tmp);
	ret = -1;
	if (is_dir(got)) {
		rm_rf(dst);
		ret = rename(got, dst);
	}
	rm_rf(tmp);
	free(got);
	free(cmd);
	free(tmp);
	sb_free(&out);
	return ret;
}
