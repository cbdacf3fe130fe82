// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * save_restore: files (usually in /proc or /sys) saved before the test
 * and written back after it, by the harness process, so a test that
 * crashed or timed out cannot skip the restore.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct saved {
	const char *path;
	char *value;
	unsigned int flags;
};

static struct saved *saved;
static int nsaved;

static char *read_value(const char *path)
{
	char buf[4096];
	ssize_t len;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len < 0)
		return NULL;
	buf[len] = 0;
	buf[strcspn(buf, "\n")] = 0;

	return strdup(buf);
}

static int write_value(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	size_t len = strlen(value);
	ssize_t ret;
	int err;

	if (fd < 0)
		return -1;
	ret = write(fd, value, len);
	err = errno;
	if (close(fd) || ret != (ssize_t)len) {
		errno = ret < 0 ? err : errno;
		return -1;
	}

	return 0;
}

/* A missing or read-only file: skip it (returns), TCONF or TBROK */
static void problem(const struct tst_path_val *pv, int missing)
{
	unsigned int skip = missing ? TST_SR_SKIP_MISSING : TST_SR_SKIP_RO;
	unsigned int tconf = missing ? TST_SR_TCONF_MISSING : TST_SR_TCONF_RO;
	const char *what = missing ? "missing" : "read only";

	if (pv->flags & skip)
		return;
	if (pv->flags & tconf)
		tst_brk(TCONF, "%s is %s", pv->path, what);
	tst_brk(TBROK, "%s is %s", pv->path, what);
}

void tst_save_restore_setup(const struct tst_path_val *pv)
{
	int n;

	for (n = 0; pv && pv[n].path; n++)
		;
	if (!n)
		return;

	/* Allocated up front: a tst_brk() below restores what was saved */
	saved = calloc(n, sizeof(*saved));
	if (!saved)
		tst_brk(TBROK | TERRNO, "calloc() failed");

	for (; pv->path; pv++) {
		char *value;

		if (access(pv->path, F_OK)) {
			problem(pv, 1);
			continue;
		}
		if (access(pv->path, W_OK)) {
			problem(pv, 0);
			continue;
		}

		value = read_value(pv->path);
		if (!value)
			tst_brk(TBROK | TERRNO, "Cannot read %s", pv->path);

		saved[nsaved].path = pv->path;
		saved[nsaved].value = value;
		saved[nsaved].flags = pv->flags;
		nsaved++;

		if (pv->val && write_value(pv->path, pv->val) &&
		    !(pv->flags & TST_SR_IGNORE_ERR))
			tst_brk(TBROK | TERRNO, "Cannot write '%s' to %s",
				pv->val, pv->path);
	}
}

void tst_save_restore_undo(void)
{
	int i;

	for (i = nsaved - 1; i >= 0; i--) {
		if (write_value(saved[i].path, saved[i].value) &&
		    !(saved[i].flags & TST_SR_IGNORE_ERR))
			tst_res(TWARN | TERRNO, "Cannot restore '%s' to %s",
				saved[i].value, saved[i].path);
		free(saved[i].value);
	}
	nsaved = 0;
	free(saved);
	saved = NULL;
}
