// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CPU counts: online, and usable by this thread.
 */
#include "harness.h"

long tst_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? n : 1;
}

long tst_ncpus_available(void)
{
	long n, ncpus = sysconf(_SC_NPROCESSORS_CONF);
	size_t size;
	cpu_set_t *set;

	if (ncpus < CPU_SETSIZE)
		ncpus = CPU_SETSIZE;

	/* The kernel's mask may be bigger than cpu_set_t: grow until it fits */
	for (;;) {
		set = CPU_ALLOC(ncpus);
		if (!set)
			return tst_ncpus();
		size = CPU_ALLOC_SIZE(ncpus);
		if (!sched_getaffinity(0, size, set))
			break;
		CPU_FREE(set);
		if (errno != EINVAL || ncpus > (1L << 20))
			return tst_ncpus();
		ncpus *= 2;
	}

	n = CPU_COUNT_S(size, set);
	CPU_FREE(set);

	return n;
}
