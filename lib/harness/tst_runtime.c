// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The clock of the current test function call: its runtime budget for
 * tst_remaining_runtime() and the heartbeat the harness times out on.
 */
#include <time.h>

#include "harness.h"

#define NSEC_PER_SEC	1000000000LL

static int runtime_s;
/* Written by the test's main thread, read by any of its threads */
static int64_t call_start_ns;

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

void tst_runtime_set(int secs)
{
	runtime_s = secs;
}

void tst_call_start(void)
{
	int64_t now = mono_ns();

	__atomic_store_n(&call_start_ns, now, __ATOMIC_RELAXED);
	if (tst_shm)
		__atomic_store_n(&tst_shm->heartbeat_ns, now, __ATOMIC_RELAXED);
}

long long tst_remaining_runtime_ns(void)
{
	int64_t start = __atomic_load_n(&call_start_ns, __ATOMIC_RELAXED);
	long long left;

	/* As LTP's: a test that asks must have a runtime */
	if (!runtime_s)
		tst_brk(TBROK, "the test asks for its remaining runtime but has none: set .runtime (or .min_runtime) in struct tst_test");
	left = runtime_s * NSEC_PER_SEC - (mono_ns() - start);
	return left > 0 ? left : 0;
}

unsigned int tst_remaining_runtime(void)
{
	long long ns = tst_remaining_runtime_ns();

	/* Rounded up: 0 only once the runtime is really spent */
	return (ns + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
}
