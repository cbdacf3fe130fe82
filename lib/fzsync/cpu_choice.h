/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Choice of the CPUs thread A and thread B run on: pure, from a topology
 * given to it.
 */
#ifndef CPU_CHOICE_H
#define CPU_CHOICE_H

#include <sched.h>
#include <stddef.h>

/* Kinds of CPU pairs, in the order FZSYNC_PLACEMENT=rotate cycles them */
enum fzsync_pair_kind {
	FZSYNC_SMT,		/* two hardware threads of one core */
	FZSYNC_CORES,		/* two cores of one NUMA node */
	FZSYNC_NODES,		/* cores on two NUMA nodes */
	FZSYNC_KINDS,
};

struct fzsync_topology {
	int ncpus;
	int cpu[CPU_SETSIZE];	/* usable CPUs, ascending */
	int core[CPU_SETSIZE];	/* first SMT sibling of cpu[i] */
	int node[CPU_SETSIZE];	/* NUMA node of cpu[i] */
};

struct fzsync_placement {
	int cpu_a, cpu_b;
	enum fzsync_pair_kind kind;
};

/* First pair of @kind in @topo; returns 0, or -1 if there is none */
int fzsync_placement_find(const struct fzsync_topology *topo,
			  enum fzsync_pair_kind kind,
			  struct fzsync_placement *p);

/*
 * Pair for the @round-th race loop of the process: FZSYNC_CPUS forces
 * one ("a,b"), FZSYNC_PLACEMENT=rotate cycles through the kinds the
 * machine has, the default prefers two cores of one node. Returns 0, or
 * -1 with a message in @err.
 */
int fzsync_placement_pick(const struct fzsync_topology *topo,
			  const char *cpus_env, const char *mode_env,
			  unsigned int round, struct fzsync_placement *p,
			  char *err, size_t err_size);

/* "SMT siblings", "cores of one node", "cores on two nodes" */
const char *fzsync_pair_kind_name(enum fzsync_pair_kind kind);

#endif /* CPU_CHOICE_H */
