// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the CPU choice (cpu_choice.c) on made-up topologies, and
 * of the topology pinning.c reads from this machine.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fzsync.h"

/* cpus 0-7: cores {0,4} {1,5} {2,6} {3,7}; node 0: cores 0,1; node 1: 2,3 */
static void two_nodes_smt(struct fzsync_topology *t)
{
	static const int core[] = { 0, 1, 2, 3, 0, 1, 2, 3 };
	static const int node[] = { 0, 0, 1, 1, 0, 0, 1, 1 };
	int i;

	t->ncpus = 8;
	for (i = 0; i < 8; i++) {
		t->cpu[i] = i;
		t->core[i] = core[i];
		t->node[i] = node[i];
	}
}

/* Two cores, no SMT, one node: this machine's shape */
static void two_cores(struct fzsync_topology *t)
{
	t->ncpus = 2;
	t->cpu[0] = 0; t->core[0] = 0; t->node[0] = 0;
	t->cpu[1] = 1; t->core[1] = 1; t->node[1] = 0;
}

static void test_find_kinds(void **state)
{
	struct fzsync_topology t;
	struct fzsync_placement p;

	(void)state;
	two_nodes_smt(&t);
	assert_int_equal(fzsync_placement_find(&t, FZSYNC_SMT, &p), 0);
	assert_int_equal(p.cpu_a, 0);
	assert_int_equal(p.cpu_b, 4);
	assert_int_equal(fzsync_placement_find(&t, FZSYNC_CORES, &p), 0);
	assert_int_equal(p.cpu_a, 0);
	assert_int_equal(p.cpu_b, 1);
	assert_int_equal(fzsync_placement_find(&t, FZSYNC_NODES, &p), 0);
	assert_int_equal(p.cpu_a, 0);
	assert_int_equal(p.cpu_b, 2);

	two_cores(&t);
	assert_int_equal(fzsync_placement_find(&t, FZSYNC_SMT, &p), -1);
	assert_int_equal(fzsync_placement_find(&t, FZSYNC_NODES, &p), -1);
	assert_int_equal(fzsync_placement_find(&t, FZSYNC_CORES, &p), 0);
}

static void test_default_prefers_cores_of_one_node(void **state)
{
	struct fzsync_topology t;
	struct fzsync_placement p;
	char err[128];

	(void)state;
	two_nodes_smt(&t);
	assert_int_equal(fzsync_placement_pick(&t, NULL, NULL, 0, &p, err,
					       sizeof(err)), 0);
	assert_int_equal(p.kind, FZSYNC_CORES);
	assert_int_equal(fzsync_placement_pick(&t, "", "default", 5, &p, err,
					       sizeof(err)), 0);
	assert_int_equal(p.kind, FZSYNC_CORES);

	/* Only SMT siblings: take them */
	t.ncpus = 2;
	t.cpu[1] = 4;
	t.core[1] = 0;
	t.node[1] = 0;
	assert_int_equal(fzsync_placement_pick(&t, NULL, NULL, 0, &p, err,
					       sizeof(err)), 0);
	assert_int_equal(p.kind, FZSYNC_SMT);
}

static void test_rotate(void **state)
{
	struct fzsync_topology t;
	struct fzsync_placement p;
	char err[128];
	unsigned int r;

	(void)state;
	two_nodes_smt(&t);
	for (r = 0; r < 6; r++) {
		assert_int_equal(fzsync_placement_pick(&t, NULL, "rotate", r, &p,
						       err, sizeof(err)), 0);
		assert_int_equal(p.kind, (enum fzsync_pair_kind)(r % 3));
		assert_int_not_equal(p.cpu_a, p.cpu_b);
	}

	/* Only one kind available: rotation stays on it */
	two_cores(&t);
	for (r = 0; r < 3; r++) {
		assert_int_equal(fzsync_placement_pick(&t, NULL, "rotate", r, &p,
						       err, sizeof(err)), 0);
		assert_int_equal(p.kind, FZSYNC_CORES);
	}
}

static void test_forced(void **state)
{
	struct fzsync_topology t;
	struct fzsync_placement p;
	char err[128];

	(void)state;
	two_nodes_smt(&t);
	assert_int_equal(fzsync_placement_pick(&t, "6,2", NULL, 0, &p, err,
					       sizeof(err)), 0);
	assert_int_equal(p.cpu_a, 6);
	assert_int_equal(p.cpu_b, 2);
	assert_int_equal(p.kind, FZSYNC_SMT);

	assert_int_equal(fzsync_placement_pick(&t, "1,9", NULL, 0, &p, err,
					       sizeof(err)), -1);
	assert_non_null(strstr(err, "FZSYNC_CPUS='1,9'"));
	assert_int_equal(fzsync_placement_pick(&t, "3,3", NULL, 0, &p, err,
					       sizeof(err)), -1);
	assert_int_equal(fzsync_placement_pick(&t, "3", NULL, 0, &p, err,
					       sizeof(err)), -1);
	assert_non_null(strstr(err, "not two CPU numbers"));
	assert_int_equal(fzsync_placement_pick(&t, "1,2x", NULL, 0, &p, err,
					       sizeof(err)), -1);
}

static void test_errors(void **state)
{
	struct fzsync_topology t;
	struct fzsync_placement p;
	char err[128];

	(void)state;
	two_cores(&t);
	assert_int_equal(fzsync_placement_pick(&t, NULL, "sideways", 0, &p,
					       err, sizeof(err)), -1);
	assert_non_null(strstr(err, "FZSYNC_PLACEMENT='sideways'"));

	t.ncpus = 1;
	assert_int_equal(fzsync_placement_pick(&t, NULL, NULL, 0, &p, err,
					       sizeof(err)), -1);
}

/* The real machine: every usable CPU is listed once, in order */
static void test_read_topology(void **state)
{
	struct fzsync_topology t;
	cpu_set_t set;
	int i;

	(void)state;
	fzsync_topology_read(&t);
	assert_int_equal(sched_getaffinity(0, sizeof(set), &set), 0);
	assert_int_equal(t.ncpus, CPU_COUNT(&set));
	for (i = 0; i < t.ncpus; i++) {
		assert_true(CPU_ISSET(t.cpu[i], &set));
		if (i)
			assert_true(t.cpu[i] > t.cpu[i - 1]);
		assert_true(t.node[i] >= 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_kinds),
		cmocka_unit_test(test_default_prefers_cores_of_one_node),
		cmocka_unit_test(test_rotate),
		cmocka_unit_test(test_forced),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_read_topology),
	};

	return cmocka_run_group_tests_name("fzsync_placement", tests, NULL, NULL);
}
