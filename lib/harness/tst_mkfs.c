// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_MKFS(): mkfs.TYPE with the options each type needs to run
 * unattended.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define MKFS_MAX_ARGS	64

/* Options that stop mkfs from asking, or from printing its progress */
static const char *const *unattended_opts(const char *fs_type)
{
	static const char *const ext[] = { "-F", "-q", NULL };
	static const char *const force_quiet[] = { "-f", "-q", NULL };
	static const char *const ntfs[] = { "-F", "-Q", "-q", NULL };
	static const char *const none[] = { NULL };

	if (!strncmp(fs_type, "ext", 3))
		return ext;
	if (!strcmp(fs_type, "xfs") || !strcmp(fs_type, "btrfs"))
		return force_quiet;
	if (!strcmp(fs_type, "ntfs"))
		return ntfs;
	return none;
}

/* Append @opts to @argv at *@n, and to the text @txt unless NULL */
static void add_opts(const char *file, const int lineno, const char **argv,
		     int *n, const char *const *opts, char *txt, size_t size)
{
	size_t len = txt ? strlen(txt) : 0;

	for (; opts && *opts; opts++) {
		if (*n >= MKFS_MAX_ARGS - 2)
			tst_brk_(file, lineno, TBROK, "Too many mkfs options");
		argv[(*n)++] = *opts;
		if (txt && len < size)
			len += snprintf(txt + len, size - len, "%s%s",
					len ? " " : "", *opts);
	}
}

void tst_mkfs_(const char *file, const int lineno, void (*cleanup_fn)(void),
	       const char *dev, const char *fs_type,
	       const char *const fs_opts[], const char *const extra_opts[])
{
	char mkfs[64], path[PATH_MAX], opts[512] = "", extra[256] = "";
	const char *argv[MKFS_MAX_ARGS];
	int n = 0, ret;

	(void)cleanup_fn;
	if (!dev)
		tst_brk_(file, lineno, TBROK, "No device to format");

	snprintf(mkfs, sizeof(mkfs), "mkfs.%s", fs_type);
	if (tst_get_path(mkfs, path, sizeof(path)))
		tst_brk_(file, lineno, TCONF, "%s does not exist", mkfs);

	argv[n++] = mkfs;
	add_opts(file, lineno, argv, &n, unattended_opts(fs_type), NULL, 0);
	add_opts(file, lineno, argv, &n, fs_opts, opts, sizeof(opts));
	argv[n++] = dev;
	add_opts(file, lineno, argv, &n, extra_opts, extra, sizeof(extra));
	argv[n] = NULL;

	tst_res_(file, lineno, TINFO, "Formatting %s with %s opts='%s' extra opts='%s'",
		 dev, fs_type, opts, extra);
	ret = tst_cmd(argv, "/dev/null", NULL, TST_CMD_PASS_RETVAL);
	if (ret)
		tst_brk_(file, lineno, TBROK, "%s failed with exit code %d",
			 mkfs, ret);
}
