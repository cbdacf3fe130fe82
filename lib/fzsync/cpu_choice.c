// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The choice of the two CPUs the racing threads run on, from a topology
 * (pinning.c reads it from the machine and pins the threads).
 *
 * Which two CPUs race decides how closely their sections can be lined up:
 * SMT siblings share a core and its caches, two cores of a node share the
 * last-level cache, two nodes share nothing. Some bugs only show in one of
 * these, so a regression run can rotate through them.
 */
#include <stdio.h>
#include <string.h>

#include "cpu_choice.h"

static const char *const kind_names[FZSYNC_KINDS] = {
	[FZSYNC_SMT] = "SMT siblings",
	[FZSYNC_CORES] = "cores of one node",
	[FZSYNC_NODES] = "cores on two nodes",
};

const char *fzsync_pair_kind_name(enum fzsync_pair_kind kind)
{
	return kind < FZSYNC_KINDS ? kind_names[kind] : "forced";
}

static enum fzsync_pair_kind kind_of(const struct fzsync_topology *topo,
				     int i, int j)
{
	if (topo->core[i] == topo->core[j])
		return FZSYNC_SMT;
	if (topo->node[i] == topo->node[j])
		return FZSYNC_CORES;
	return FZSYNC_NODES;
}

int fzsync_placement_find(const struct fzsync_topology *topo,
			  enum fzsync_pair_kind kind,
			  struct fzsync_placement *p)
{
	int i, j;

	for (i = 0; i < topo->ncpus; i++) {
		for (j = i + 1; j < topo->ncpus; j++) {
			if (kind_of(topo, i, j) != kind)
				continue;
			p->cpu_a = topo->cpu[i];
			p->cpu_b = topo->cpu[j];
			p->kind = kind;
			return 0;
		}
	}

	return -1;
}

static int usable(const struct fzsync_topology *topo, int cpu)
{
	int i;

	for (i = 0; i < topo->ncpus; i++) {
		if (topo->cpu[i] == cpu)
			return i;
	}

	return -1;
}

static int pick_forced(const struct fzsync_topology *topo, const char *cpus,
		       struct fzsync_placement *p, char *err, size_t err_size)
{
	int a, b, ia, ib, n = -1;

	if (sscanf(cpus, "%d,%d%n", &a, &b, &n) != 2 || cpus[n]) {
		snprintf(err, err_size,
			 "FZSYNC_CPUS='%s' is not two CPU numbers 'a,b'", cpus);
		return -1;
	}
	ia = usable(topo, a);
	ib = usable(topo, b);
	if (ia < 0 || ib < 0 || a == b) {
		snprintf(err, err_size,
			 "FZSYNC_CPUS='%s' must name two different CPUs this process may use",
			 cpus);
		return -1;
	}

	p->cpu_a = a;
	p->cpu_b = b;
	p->kind = kind_of(topo, ia, ib);
	return 0;
}

int fzsync_placement_pick(const struct fzsync_topology *topo,
			  const char *cpus_env, const char *mode_env,
			  unsigned int round, struct fzsync_placement *p,
			  char *err, size_t err_size)
{
	static const enum fzsync_pair_kind preferred[] = {
		FZSYNC_CORES, FZSYNC_SMT, FZSYNC_NODES,
	};
	struct fzsync_placement found[FZSYNC_KINDS];
	unsigned int nfound = 0, k;

	if (cpus_env && *cpus_env)
		return pick_forced(topo, cpus_env, p, err, err_size);

	if (mode_env && *mode_env && strcmp(mode_env, "rotate") &&
	    strcmp(mode_env, "default")) {
		snprintf(err, err_size,
			 "FZSYNC_PLACEMENT='%s' is neither 'default' nor 'rotate'",
			 mode_env);
		return -1;
	}

	if (topo->ncpus < 2) {
		snprintf(err, err_size, "fewer than two usable CPUs");
		return -1;
	}

	if (mode_env && !strcmp(mode_env, "rotate")) {
		for (k = 0; k < FZSYNC_KINDS; k++) {
			if (!fzsync_placement_find(topo, k, &found[nfound]))
				nfound++;
		}
		*p = found[round % nfound];
		return 0;
	}

	for (k = 0; k < sizeof(preferred) / sizeof(preferred[0]); k++) {
		if (!fzsync_placement_find(topo, preferred[k], p))
			return 0;
	}

	/* Not reached: two usable CPUs always form some kind of pair */
	snprintf(err, err_size, "no pair of CPUs found");
	return -1;
}
