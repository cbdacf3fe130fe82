// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Crashes the kernel on purpose: "c" written to /proc/sysrq-trigger
 * makes the kernel panic ("sysrq triggered crash"). Only for fzvm's
 * integration test inside a throw-away VM; it refuses to run unless
 * FZVM_CRASH_OK=1 is set, so that running it by mistake on a real
 * machine does nothing (TCONF).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	const char *ok = getenv("FZVM_CRASH_OK");
	int fd;

	if (!ok || strcmp(ok, "1")) {
		printf("vm_panic: TCONF: set FZVM_CRASH_OK=1 to crash this kernel\n");
		return 32;
	}
	printf("vm_panic: crashing the kernel through /proc/sysrq-trigger\n");
	fflush(stdout);
	sync();
	fd = open("/proc/sysrq-trigger", O_WRONLY);
	if (fd < 0 || write(fd, "c", 1) != 1) {
		perror("vm_panic: TBROK: /proc/sysrq-trigger");
		return 2;
	}
	/* the kernel should be gone by now */
	printf("vm_panic: TFAIL: the kernel survived a sysrq crash\n");
	return 1;
}
