// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runtime a test function call gets, probed with LTP's API only: it
 * builds against LTP's library and against this project's, and
 * tests/ltp/runtime.sh compares the two. RUNTIME and MIN_RUNTIME, when
 * defined, are the struct's .runtime and .min_runtime.
 *
 * Call 0 prints "runtime=N", the remaining runtime at its start; call 1,
 * with -s, first waits 1.2 s and prints it again: the runtime is per
 * test function call if it is N again.
 */
#include <stdlib.h>
#include <unistd.h>

#include "tst_test.h"

static char *opt_second;

static void run(unsigned int n)
{
	if (n == 1 && opt_second)
		usleep(1200000);
	if (n == 0 || opt_second)
		tst_res(TPASS, "call %u: runtime=%u", n, tst_remaining_runtime());
	else
		tst_res(TPASS, "call %u", n);
}

static struct tst_test test = {
	.test = run,
	.tcnt = 2,
#ifdef RUNTIME
	.runtime = RUNTIME,
#endif
#ifdef MIN_RUNTIME
	.min_runtime = MIN_RUNTIME,
#endif
	.options = (struct tst_option[]) {
		{"s", &opt_second, "Wait in the second call and print its runtime"},
		{}
	},
};
