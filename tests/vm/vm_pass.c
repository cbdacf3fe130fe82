// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A test that passes when the guest is healthy: it checks that it runs
 * in the kernel fzvm booted (the machine has the results disk's kernel
 * command line mark) and that the basic file systems are there, and
 * prints an LTP summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fails;

static void check(int ok, const char *what)
{
	printf("vm_pass: %s: %s\n", ok ? "TPASS" : "TFAIL", what);
	fails += !ok;
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

int main(void)
{
	check(strstr(slurp("/proc/cmdline"), "fzvm.boot=") != NULL,
	      "kernel command line has fzvm.boot=");
	check(access("/proc/self/status", R_OK) == 0, "/proc is mounted");
	check(access("/sys/kernel", F_OK) == 0, "/sys is mounted");
	check(getenv("TMPDIR") && access(getenv("TMPDIR"), W_OK) == 0,
	      "TMPDIR is writable");
	printf("\nSummary:\npassed   %d\nfailed   %d\nbroken   0\nskipped  0\nwarnings 0\n",
	       4 - fails, fails);
	return fails ? 1 : 0;
}
