// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the running kernel and machine are: version, CPUs, taint.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "tst_internal.h"

#define TAINTED_PATH	"/proc/sys/kernel/tainted"

int tst_parse_kver(const char *str, int v[3])
{
	int n = 0;

	v[0] = v[1] = v[2] = 0;
	while (n < 3 && *str >= '0' && *str <= '9') {
		v[n++] = (int)strtol(str, (char **)&str, 10);
		if (*str != '.')
			break;
		str++;
	}

	return n;
}

int tst_kvercmp(int r1, int r2, int r3)
{
	struct utsname u;
	int v[3];

	if (uname(&u))
		return 0;
	tst_parse_kver(u.release, v);

	if (v[0] != r1)
		return v[0] - r1;
	if (v[1] != r2)
		return v[1] - r2;
	return v[2] - r3;
}

long tst_ncpus(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN);
}

long tst_ncpus_available(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return tst_ncpus();
	return CPU_COUNT(&set);
}

long tst_taint_read(void)
{
	FILE *f = fopen(TAINTED_PATH, "r");
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
	static const char letters[] = "GFSRMBUDAWCIOELKXTN";
	size_t i, n = 0;

	for (i = 0; i < sizeof(letters) - 1 && n + 1 < size; i++) {
		if (mask & (1UL << i))
			buf[n++] = letters[i];
	}
	buf[n] = 0;

	return buf;
}

static unsigned int taint_mask;
static unsigned long taint_start;

void tst_taint_init(unsigned int mask)
{
	long taint = tst_taint_read();
	char names[32];

	if (taint < 0)
		tst_brk(TCONF | TERRNO, "Cannot read %s, kernel taint cannot be checked",
			TAINTED_PATH);

	if (taint & mask)
		tst_brk(TCONF, "Kernel is already tainted (%s), a new taint cannot be detected",
			tst_taint_names(taint & mask, names, sizeof(names)));

	taint_mask = mask;
	taint_start = taint;
}

unsigned int tst_taint_check(void)
{
	long taint = tst_taint_read();

	if (taint < 0 || !taint_mask)
		return 0;

	return (taint & ~taint_start) & taint_mask;
}
