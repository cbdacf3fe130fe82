// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The test's temporary directory: created by the parent before the test
 * process starts, removed after it ended, however it ended.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tst_internal.h"

static char *tmpdir;

const char *tst_tmpdir_path(void)
{
	return tmpdir;
}

char *tst_get_tmpdir(void)
{
	return tmpdir ? strdup(tmpdir) : NULL;
}

void tst_tmpdir_create(const char *test_name)
{
	const char *base = getenv("TMPDIR");
	char path[PATH_MAX];

	if (!base || !*base)
		base = "/tmp";
	if (base[0] != '/')
		tst_brk(TBROK, "TMPDIR='%s' must be an absolute path", base);

	snprintf(path, sizeof(path), "%s/LTP_%.3sXXXXXX", base, test_name);
	if (!mkdtemp(path))
		tst_brk(TBROK | TERRNO, "mkdtemp(%s)", path);
	/* The test may drop privileges */
	if (chmod(path, 0777))
		tst_brk(TBROK | TERRNO, "chmod(%s)", path);

	tmpdir = strdup(path);
	if (!tmpdir)
		tst_brk(TBROK, "out of memory");
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (remove(path) && flag != FTW_DNR)
		tst_res(TWARN | TERRNO, "Cannot remove %s", path);
	return 0;
}

void tst_tmpdir_remove(void)
{
	if (!tmpdir)
		return;

	nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tmpdir);
	tmpdir = NULL;
}
