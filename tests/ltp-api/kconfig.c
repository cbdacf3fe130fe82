// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel config expressions against the config next to this file
 * (KCONFIG_PATH=kconfig.config): one result line per expression, the
 * same under both libraries.
 */
#include "tst_test.h"
#include "tst_kconfig.h"

static const char *const exprs[] = {
	"CONFIG_A", "CONFIG_B", "CONFIG_C", "CONFIG_D", "CONFIG_Z",
	"CONFIG_A=y", "CONFIG_A=m", "CONFIG_B=m", "CONFIG_C=n", "CONFIG_Z=n",
	"CONFIG_D=hello", "CONFIG_D=\"hello\"", "CONFIG_E=42", "CONFIG_F=16",
	"!CONFIG_C", "!CONFIG_A", "!CONFIG_Z", "!!CONFIG_A",
	"CONFIG_A & CONFIG_C", "CONFIG_A | CONFIG_C", "CONFIG_A&CONFIG_B",
	"(CONFIG_A | CONFIG_C) & !CONFIG_Z",
	"CONFIG_A | CONFIG_B & CONFIG_C", "CONFIG_C & CONFIG_A | CONFIG_B",
	"CONFIG_C | CONFIG_A & CONFIG_C", "CONFIG_A | (CONFIG_B & CONFIG_C)",
	NULL
};

static void run(void)
{
	int i;

	for (i = 0; exprs[i]; i++) {
		const char *one[] = { exprs[i], NULL };

		tst_res(TPASS, "'%s' is %s", exprs[i],
			tst_kconfig_check(one) ? "unmet" : "met");
	}
}

static struct tst_test test = {
	.test_all = run,
	.needs_kconfigs = (const char *const[]) {
		"CONFIG_A=y", "CONFIG_B | CONFIG_Z", NULL
	},
};
