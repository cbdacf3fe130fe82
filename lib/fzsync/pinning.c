// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pinning: the topology of this machine (libnuma for nodes, sysfs for
 * SMT siblings), and thread A and thread B pinned to the CPUs
 * cpu_choice.c picks from it.
 */
#include <numa.h>
#include <stdio.h>
#include <stdlib.h>

#include "fzsync.h"

/* Race loops this process has pinned: the FZSYNC_PLACEMENT=rotate round */
static unsigned int loops_pinned;

/* First CPU of the thread_siblings_list, i.e. the core's id */
static int first_sibling(int cpu)
{
	char path[128];
	FILE *f;
	int first = cpu;

	snprintf(path, sizeof(path),
		 "/sys/devices/system/cpu/cpu%d/topology/thread_siblings_list",
		 cpu);
	f = fopen(path, "r");
	if (!f)
		return cpu;
	if (fscanf(f, "%d", &first) != 1)
		first = cpu;
	fclose(f);

	return first;
}

void fzsync_topology_read(struct fzsync_topology *topo)
{
	int have_numa = numa_available() >= 0;
	cpu_set_t set;
	int cpu, node;

	topo->ncpus = 0;
	if (sched_getaffinity(0, sizeof(set), &set))
		return;

	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		node = have_numa ? numa_node_of_cpu(cpu) : 0;
		topo->cpu[topo->ncpus] = cpu;
		topo->core[topo->ncpus] = first_sibling(cpu);
		topo->node[topo->ncpus] = node < 0 ? 0 : node;
		topo->ncpus++;
	}
}

static int pin(pthread_t thread, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return pthread_setaffinity_np(thread, sizeof(set), &set);
}

void fzsync_pin_threads(struct tst_fzsync_pair *pair)
{
	struct fzsync_pinning *pn = &pair->state->loop.pin;
	struct fzsync_placement *p = &pn->placement;
	struct fzsync_topology *topo;
	char err[256];
	int ret;

	pn->cpu_a = pn->cpu_b = -1;
	if (pair->yield_in_wait) {
		tst_res(TINFO, "fuzzy sync: one usable CPU, the threads yield instead of spinning");
		return;
	}

	topo = malloc(sizeof(*topo));
	if (!topo)
		tst_brk(TBROK, "fuzzy sync: out of memory");
	fzsync_topology_read(topo);
	ret = fzsync_placement_pick(topo, getenv("FZSYNC_CPUS"),
				    getenv("FZSYNC_PLACEMENT"),
				    loops_pinned++, p, err, sizeof(err));
	free(topo);
	if (ret)
		tst_brk(TBROK, "fuzzy sync: %s", err);

	if (pthread_getaffinity_np(pthread_self(), sizeof(pn->a_mask),
				   &pn->a_mask) ||
	    pin(pthread_self(), p->cpu_a)) {
		tst_res(TINFO, "fuzzy sync: cannot pin thread A, threads not placed");
		return;
	}
	pn->a_pinned = 1;

	if (pair->thread_b && (ret = pin(pair->thread_b, p->cpu_b))) {
		tst_res(TINFO, "fuzzy sync: cannot pin thread B: %s",
			tst_strerrno(ret));
	} else {
		pn->cpu_b = p->cpu_b;
	}
	pn->cpu_a = p->cpu_a;

	tst_res(TINFO, "fuzzy sync: thread A on CPU %d, thread B on CPU %d (%s)",
		pn->cpu_a, pn->cpu_b, fzsync_pair_kind_name(p->kind));
}

void fzsync_unpin(struct tst_fzsync_pair *pair)
{
	struct fzsync_pinning *pn = &pair->state->loop.pin;

	if (!pn->a_pinned)
		return;

	pthread_setaffinity_np(pthread_self(), sizeof(pn->a_mask),
			       &pn->a_mask);
	pn->a_pinned = 0;
}
