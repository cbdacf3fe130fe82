// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a test needs of the machine, checked by the harness before
 * anything is set up: each unmet need ends the test with TCONF naming
 * it.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "harness.h"

/* This binary's architecture, under LTP's names */
static const char *test_arch(void)
{
#if defined(__x86_64__)
	return "x86_64";
#elif defined(__i386__)
	return "x86";
#elif defined(__aarch64__)
	return "aarch64";
#elif defined(__arm__)
	return "arm";
#elif defined(__powerpc64__)
	return "ppc64";
#elif defined(__powerpc__)
	return "ppc";
#elif defined(__s390x__)
	return "s390x";
#elif defined(__s390__)
	return "s390";
#elif defined(__sparc__)
	return "sparc";
#elif defined(__riscv)
	return "riscv";
#elif defined(__loongarch__)
	return "loongarch";
#else
	return "unknown";
#endif
}

static void check_arch(const char *const *archs)
{
	const char *arch = test_arch();

	for (; *archs; archs++) {
		if (!strcmp(*archs, arch))
			return;
	}
	tst_brk(TCONF, "This arch '%s' is not supported by the test", arch);
}

static void check_kver(const char *min_kver)
{
	struct utsname u;
	int want[3];

	if (!tst_parse_kver(min_kver, want))
		tst_brk(TBROK, "Invalid min_kver '%s'", min_kver);
	if (uname(&u))
		tst_brk(TBROK | TERRNO, "uname() failed");
	if (tst_kvercmp(want[0], want[1], want[2]) < 0)
		tst_brk(TCONF, "The test requires kernel %s or newer, this is %s",
			min_kver, u.release);
}

static void check_kconfigs(const char *const *kconfigs)
{
	char why[1024];
	int unmet = tst_kconfig_unmet(kconfigs, why, sizeof(why));

	if (unmet == 1)
		tst_brk(TCONF, "Kernel config does not satisfy %s", why);
	if (unmet)
		tst_brk(TCONF, "Kernel config does not satisfy %s (and %d more, see above)",
			why, unmet - 1);
}

void tst_check_test_env(const struct tst_test *t)
{
	if (t->supported_archs)
		check_arch(t->supported_archs);

	if (t->skip_in_compat && tst_is_compat_mode())
		tst_brk(TCONF, "Not supported in 32-bit compat mode");

	if (t->needs_abi_bits && !tst_abi_bits(t->needs_abi_bits))
		tst_brk(TCONF, "The test needs the %d-bit kernel ABI, this binary uses the %d-bit one",
			t->needs_abi_bits, (int)(sizeof(void *) * 8));

	if (t->needs_root && geteuid())
		tst_brk(TCONF, "Test needs root");

	if (t->min_kver)
		check_kver(t->min_kver);

	if (t->min_cpus && tst_ncpus() < (long)t->min_cpus)
		tst_brk(TCONF, "Test needs at least %u CPUs online, this machine has %ld",
			t->min_cpus, tst_ncpus());

	if (t->needs_kconfigs)
		check_kconfigs(t->needs_kconfigs);

	tst_check_cmds(t->needs_cmds);
}
