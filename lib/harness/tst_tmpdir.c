// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The test's temporary directory: created by the harness before the
 * test process starts, removed after it ended, however it ended.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

static char *tmpdir;

const char *tst_tmpdir_path(void)
{
	return tmpdir;
}

char *tst_get_tmpdir(void)
{
	char *dir;

	if (!tmpdir)
		return NULL;
	dir = strdup(tmpdir);
	if (!dir)
		tst_brk(TBROK | TERRNO, "strdup() failed");
	return dir;
}

void tst_tmpdir_create(const char *test_name)
{
	const char *base = getenv("TMPDIR");
	char path[PATH_MAX];

	if (!base || !*base)
		base = "/tmp";
	if (base[0] != '/')
		tst_brk(TBROK, "TMPDIR='%s' must be an absolute path", base);

	/* LTP's name: LTP_ and the first three letters of the test */
	if (snprintf(path, sizeof(path), "%s/LTP_%.3sXXXXXX", base,
		     test_name) >= (int)sizeof(path))
		tst_brk(TBROK, "TMPDIR='%s' is too long", base);
	if (!mkdtemp(path))
		tst_brk(TBROK | TERRNO, "mkdtemp(%s) failed", path);
	/* mkdtemp() makes it 0700; the test may drop privileges */
	if (chmod(path, 0777))
		tst_brk(TBROK | TERRNO, "chmod(%s, 0777) failed", path);

	tmpdir = strdup(path);
	if (!tmpdir)
		tst_brk(TBROK | TERRNO, "strdup() failed");
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;

	if (remove(path))
		tst_res(TWARN | TERRNO, "Cannot remove %s", path);
	return 0;
}

void tst_tmpdir_remove(void)
{
	if (!tmpdir)
		return;

	if (nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT))
		tst_res(TWARN | TERRNO, "Cannot remove %s", tmpdir);
	free(tmpdir);
	tmpdir = NULL;
}
