// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pinning thread A and thread B to the CPUs chosen for them.
 */
#include <stdlib.h>

#include "fzsync.h"

static int pin(pthread_t thread, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return pthread_setaffinity_np(thread, sizeof(set), &set);
}

void fzsync_place_threads(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;
	struct fzsync_topology *topo;
	struct fzsync_placement *p = &priv->placement;
	char err[256];
	int ret;

	pair->cpu_a = pair->cpu_b = -1;
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
				    priv->round - 1, p, err, sizeof(err));
	free(topo);
	if (ret)
		tst_brk(TBROK, "fuzzy sync: %s", err);

	if (pthread_getaffinity_np(pthread_self(), sizeof(priv->a_mask),
				   &priv->a_mask) ||
	    pin(pthread_self(), p->cpu_a)) {
		tst_res(TINFO, "fuzzy sync: cannot pin thread A, threads not placed");
		return;
	}
	priv->a_pinned = 1;

	if (pair->thread_b && (ret = pin(pair->thread_b, p->cpu_b))) {
		tst_res(TINFO, "fuzzy sync: cannot pin thread B: %s",
			tst_strerrno(ret));
	} else {
		pair->cpu_b = p->cpu_b;
	}
	pair->cpu_a = p->cpu_a;

	tst_res(TINFO, "fuzzy sync: thread A on CPU %d, thread B on CPU %d (%s)",
		pair->cpu_a, pair->cpu_b, fzsync_pair_kind_name(p->kind));
}

void fzsync_unplace(struct tst_fzsync_pair *pair)
{
	struct fzsync_priv *priv = pair->priv;

	if (!priv->a_pinned)
		return;

	pthread_setaffinity_np(pthread_self(), sizeof(priv->a_mask),
			       &priv->a_mask);
	priv->a_pinned = 0;
}
