// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The running kernel: word size, compat mode, drivers, huge pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "harness.h"

int tst_kernel_bits(void)
{
	struct utsname u;

	if (uname(&u))
		tst_brk(TBROK | TERRNO, "uname() failed");
	/* x86_64, aarch64, ppc64le, s390x, riscv64, ... */
	if (strstr(u.machine, "64") || !strcmp(u.machine, "s390x"))
		return 64;
	return 32;
}

int tst_is_compat_mode(void)
{
	return tst_kernel_bits() != (int)(sizeof(long) * 8);
}

bool tst_abi_bits(int abi)
{
	if (abi != 32 && abi != 64)
		tst_brk(TBROK, "needs_abi_bits must be 32 or 64, not %d", abi);
	/* The ABI this binary talks to the kernel with */
	return abi == (int)(sizeof(void *) * 8);
}

/* '-' and '_' are the same in module names */
static int same_module(const char *a, const char *b, size_t blen)
{
	size_t i;

	if (strlen(a) != blen)
		return 0;
	for (i = 0; i < blen; i++) {
		char x = a[i] == '-' ? '_' : a[i];
		char y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return 0;
	}
	return 1;
}

/*
 * Whether a line of @path (under /lib/modules/RELEASE/ unless absolute)
 * names module @driver: "kernel/fs/xfs/xfs.ko[.xz]..." lines or, for
 * /proc/modules, "name size ..." lines.
 */
static int listed(const char *path, const char *driver)
{
	char full[PATH_MAX], *line = NULL;
	struct utsname u;
	size_t size = 0;
	int found = 0;
	FILE *f;

	if (path[0] == '/') {
		snprintf(full, sizeof(full), "%s", path);
	} else {
		if (uname(&u))
			tst_brk(TBROK | TERRNO, "uname() failed");
		snprintf(full, sizeof(full), "/lib/modules/%s/%s", u.release,
			 path);
	}
	f = fopen(full, "r");
	if (!f)
		return 0;

	while (!found && getline(&line, &size, f) > 0) {
		char *name = line, *end;

		line[strcspn(line, ": \n")] = 0;
		if (strchr(name, '/'))
			name = strrchr(name, '/') + 1;
		end = strstr(name, ".ko");
		found = same_module(driver, name,
				    end ? (size_t)(end - name) : strlen(name));
	}
	free(line);
	fclose(f);
	return found;
}

int tst_check_builtin_driver(const char *driver)
{
	return listed("modules.builtin", driver) ? 0 : -1;
}

int tst_check_driver(const char *driver)
{
	if (listed("modules.builtin", driver) ||
	    listed("/proc/modules", driver) || listed("modules.dep", driver))
		return 0;
	return -1;
}

size_t tst_get_hugepage_size(void)
{
	long kb;

	if (access("/proc/meminfo", F_OK) ||
	    FILE_LINES_SCANF("/proc/meminfo", "Hugepagesize: %ld", &kb))
		return 0;
	return kb * 1024;
}
