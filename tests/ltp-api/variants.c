// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * .test_variants with a tst_brk(TCONF) in one variant's setup: the
 * other variants still run.
 */
#include "tst_test.h"

static void setup(void)
{
	if (tst_variant == 1)
		tst_brk(TCONF, "variant 1 is not here");
}

static void run(void)
{
	tst_res(TPASS, "variant %u", tst_variant);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.test_variants = 3,
};
