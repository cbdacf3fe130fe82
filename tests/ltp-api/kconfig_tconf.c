// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An unmet .needs_kconfigs constraint: TCONF before setup, naming
 * CONFIG_C.
 */
#include "tst_test.h"

static void setup(void)
{
	tst_res(TFAIL, "setup ran");
}

static void run(void)
{
	tst_res(TFAIL, "test ran");
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.needs_kconfigs = (const char *const[]) {
		"CONFIG_A", "CONFIG_C=y | CONFIG_Z", NULL
	},
};
