// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A test that passes when the guest is healthy: it checks that it runs
 * in the kernel fzvm booted (the machine has the results disk's kernel
 * command line mark), that oopses and WARNs panic it, that a TCG guest's
 * CPU has no 5-level paging, and that the basic file systems are there,
 * and prints an LTP summary.
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

/* Whether the CPU flags in /proc/cpuinfo have @flag */
static int cpu_flag(const char *flag)
{
	char line[4096];
	int found = 0;
	FILE *f = fopen("/proc/cpuinfo", "r");
	size_t n = strlen(flag);
	char *p;

	while (f && !found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		for (p = strstr(line, flag); p && !found; p = strstr(p + 1, flag))
			found = p[-1] == ' ' && (p[n] == ' ' || p[n] == '\n');
	}
	if (f)
		fclose(f);
	return found;
}

int main(void)
{
	int tcg;

	check(strstr(slurp("/proc/cmdline"), "fzvm.boot=") != NULL,
	      "kernel command line has fzvm.boot=");
	check(strstr(slurp("/proc/cmdline"), " oops=panic panic_on_warn=1 ") != NULL &&
	      atoi(slurp("/proc/sys/kernel/panic_on_warn")) == 1 &&
	      atoi(slurp("/proc/sys/kernel/panic_on_oops")) == 1,
	      "oopses and WARNs panic the kernel");
	/* fzvm gives TCG guests tsc=reliable */
	tcg = strstr(slurp("/proc/cmdline"), " tsc=reliable") != NULL;
	check(!tcg || !cpu_flag("la57"), "a TCG guest's CPU has no LA57");
	check(access("/proc/self/status", R_OK) == 0, "/proc is mounted");
	check(access("/sys/kernel", F_OK) == 0, "/sys is mounted");
	check(getenv("TMPDIR") && access(getenv("TMPDIR"), W_OK) == 0,
	      "TMPDIR is writable");
	printf("\nSummary:\npassed   %d\nfailed   %d\nbroken   0\nskipped  0\nwarnings 0\n",
	       6 - fails, fails);
	return fails ? 1 : 0;
}
