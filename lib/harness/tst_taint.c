// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel taint: the baseline taken before the test and the bits the
 * test watches that became set since.
 */
#include <stdio.h>

#include "harness.h"

static const char *taint_path = "/proc/sys/kernel/tainted";
static unsigned int taint_mask;
static unsigned long taint_start;

void tst_taint_set_path(const char *path)
{
	taint_path = path;
}

long tst_taint_read(void)
{
	FILE *f = fopen(taint_path, "r");
	unsigned long taint;
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%lu", &taint) == 1;
	fclose(f);

	return ok ? (long)taint : -1;
}

char *tst_taint_names(unsigned long mask, char *buf, size_t size)
{
	/* Letter of bit n, as the kernel prints them in "Tainted:" */
	static const char letters[] = "GFSRMBUDAWCIOELKXTN";
	size_t i, n = 0;

	for (i = 0; i < 8 * sizeof(mask) && n + 1 < size; i++) {
		if (!(mask & (1UL << i)))
			continue;
		buf[n++] = i < sizeof(letters) - 1 ? letters[i] : '?';
	}
	buf[n] = 0;

	return buf;
}

void tst_taint_init(unsigned int mask)
{
	long taint = tst_taint_read();
	char names[64];

	if (taint < 0)
		tst_brk(TCONF | TERRNO, "Cannot read %s, kernel taint cannot be checked",
			taint_path);

	if (taint & mask)
		tst_brk(TCONF, "Kernel is already tainted (%s), cannot check for new taint",
			tst_taint_names(taint & mask, names, sizeof(names)));

	taint_mask = mask;
	taint_start = taint;
}

unsigned int tst_taint_check(void)
{
	long taint;

	if (!taint_mask)
		return 0;
	taint = tst_taint_read();
	if (taint < 0)
		return 0;

	return (taint & ~taint_start) & taint_mask;
}

void tst_taint_report(unsigned int *reported)
{
	unsigned int taint = tst_taint_check(), fresh;
	char names[64];

	if (!taint)
		return;
	fresh = taint & ~__atomic_fetch_or(reported, taint, __ATOMIC_SEQ_CST);
	if (fresh)
		tst_res(TFAIL, "Kernel is now tainted: %s",
			tst_taint_names(fresh, names, sizeof(names)));
}
