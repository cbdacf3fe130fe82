// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * perf_mmap() and munmap() of ring buffers racing in two processes.
 *
 * The accounting of perf_mmap_account01 under concurrency. Thread A (a
 * fresh unprivileged uid) and thread B (a forked process of that uid: in
 * one mm, mmap_lock would serialise the two) map and unmap buffers at the
 * same time under fuzzy sync. One race per test case:
 *
 * 0. mmap() vs mmap() of separate events, P pages each, 2P > U >= P. The
 *    first charges P to locked_vm, the second the rest, the excess to
 *    VmPin. perf_mmap_calc_limits() and perf_mmap_account() are not
 *    atomic together: if both read locked_vm before either charged it,
 *    both charge P (locked_vm exceeds U until they are unmapped, which
 *    the kernel accepts). The VmPin of both tells which happened.
 * 1. munmap() vs mmap() of separate events: the new buffer's VmPin tells
 *    whether its mmap() still saw the old buffer's pages charged.
 * 2. mmap() vs mmap() of one event with different sizes: exactly one
 *    must win, the other fail with EINVAL.
 * 3. munmap() of an event's only mapping vs mmap() of that event with
 *    another size: EINVAL while the old buffer is attached, else success.
 *
 * Two mappings of one event at a time are left out: on 6.18 they leak
 * locked_vm, which perf_mmap_double01 reports. Every 32 iterations and
 * at the end, with both sides idle, VmPin of both processes must be 0 and
 * the probed locked_vm of the uid 0: nothing may drift.
 */
#include <limits.h>

#include "perf_mmap.h"

/* U aimed at, pages: small buffers keep iterations short */
#define LIMIT		2
#define CHECK_EVERY	32

struct rcase {
	const char *name;
	/* A's section unmaps a buffer mapped before it, else maps one */
	int a_unmaps;
	int same_event;
	/* Outcome names: A first, both at once, B first */
	const char *a_early, *hit, *b_early;
};

/* A case whose results cannot show that both happened at once */
#define NOT_SEEN	"both at once (not visible)"

static const struct rcase cases[] = {
	{ "mmap() vs mmap(), separate events", 0, 0,
	  "A charged first", "both charged against the same locked_vm",
	  "B charged first" },
	{ "munmap() vs mmap(), separate events", 1, 0,
	  "munmap() uncharged first", NOT_SEEN, "mmap() charged first" },
	{ "mmap() vs mmap() of other sizes, one event", 0, 1,
	  "A mapped first", NOT_SEEN, "B mapped first (A got EINVAL)" },
	{ "munmap() vs mmap() of another size, one event", 1, 1,
	  "munmap() detached first", NOT_SEEN, "mmap() came first (EINVAL)" },
};

static const struct rcase *rc;
static struct pmm_race *race;
static long limit;
static int a_fd, b_fd;
static long a_pages, b_pages;
/* VmPin of the first and the second buffer charged (separate events) */
static long extra1, extra2;
static long iter;

static void b_iteration(struct pmm_race *r)
{
	pmm_b_release(r);
	tst_fzsync_wait_b(&r->pair);
	/* A checks, then prepares */
	tst_fzsync_wait_b(&r->pair);

	tst_fzsync_start_race_b(&r->pair);
	pmm_b_map(r, b_fd);
	tst_fzsync_end_race_b(&r->pair);
}

static void *a_race(void *addr, int *err)
{
	if (rc->a_unmaps) {
		*err = munmap(addr, a_pages * pmm_pgsz()) ? errno : 0;
		return MAP_FAILED;
	}

	addr = pmm_map(a_fd, a_pages);
	*err = errno;
	return addr;
}

/* Which side came first, from the syscalls' results; -1 if impossible */
static int classify(void *a_addr, int a_err)
{
	int b_ok = race->b_addr != MAP_FAILED;
	long pin_a, pin_b;

	if (rc->a_unmaps && a_err) {
		tst_res(TFAIL, "munmap() of the buffer: %s", tst_strerrno(a_err));
		return -1;
	}

	if (rc->same_event) {
		int a_ok = rc->a_unmaps || a_addr != MAP_FAILED;
		int b_einval = !b_ok && race->b_err == EINVAL;

		if (rc->a_unmaps && b_ok)
			return TST_FZSYNC_A_EARLY;
		if (rc->a_unmaps && b_einval)
			return TST_FZSYNC_B_EARLY;
		if (!rc->a_unmaps && a_ok && b_einval)
			return TST_FZSYNC_A_EARLY;
		if (!rc->a_unmaps && b_ok && !a_ok && a_err == EINVAL)
			return TST_FZSYNC_B_EARLY;
		tst_res(TFAIL, "A's %s %s, B's mmap() %s",
			rc->a_unmaps ? "munmap()" : "mmap()",
			a_ok ? "succeeded" : tst_strerrno(a_err),
			b_ok ? "succeeded" : tst_strerrno(race->b_err));
		return -1;
	}

	if (!b_ok || (!rc->a_unmaps && a_addr == MAP_FAILED)) {
		tst_res(TFAIL, "mmap() of separate events failed: A %s, B %s",
			rc->a_unmaps ? "-" : tst_strerrno(a_err),
			tst_strerrno(race->b_err));
		return -1;
	}

	pin_a = pmm_vmpin(0);
	pin_b = pmm_vmpin(pmm_b_pid());
	if (rc->a_unmaps) {
		/* A's buffer was charged first and is gone */
		if (!pin_a && pin_b == extra2)
			return TST_FZSYNC_B_EARLY;
		if (!pin_a && pin_b == extra1)
			return TST_FZSYNC_A_EARLY;
	} else {
		if (pin_a == extra1 && pin_b == extra2)
			return TST_FZSYNC_A_EARLY;
		if (pin_a == extra2 && pin_b == extra1)
			return TST_FZSYNC_B_EARLY;
		if (pin_a == extra1 && pin_b == extra1)
			return TST_FZSYNC_HIT;
	}

	tst_res(TFAIL, "VmPin of A %ld, of B %ld pages; expected %ld and %ld in some order%s",
		pin_a, pin_b, extra1, extra2,
		rc->a_unmaps ? " (A's after its munmap(): 0)" : ", or both the first");
	return -1;
}

static void run_user(void)
{
	void *a_addr = MAP_FAILED;
	int a_err, out;

	a_fd = pmm_open();
	b_fd = rc->same_event ? a_fd : pmm_open();

	race = pmm_race_alloc();
	race->b_pages = b_pages;
	pmm_race_start(race, b_iteration, 1);

	while (tst_fzsync_run_a(&race->pair)) {
		/* B has unmapped its buffer of the last iteration */
		tst_fzsync_wait_a(&race->pair);
		if (!(iter % CHECK_EVERY))
			pmm_check_idle(pmm_b_pid(), iter);
		if (rc->a_unmaps) {
			a_addr = pmm_map(a_fd, a_pages);
			if (a_addr == MAP_FAILED)
				tst_brk(TBROK | TERRNO, "mmap() of %ld pages", a_pages);
		}
		tst_fzsync_wait_a(&race->pair);

		tst_fzsync_start_race_a(&race->pair);
		a_addr = a_race(a_addr, &a_err);
		tst_fzsync_end_race_a(&race->pair);

		out = classify(a_addr, a_err);
		if (a_addr != MAP_FAILED)
			SAFE_MUNMAP(a_addr, a_pages * pmm_pgsz());
		a_addr = MAP_FAILED;
		iter++;

		if (out < 0) {
			pmm_fails++;
			break;
		}
		tst_fzsync_pair_outcome(&race->pair, out);

		if (pmm_fails)
			break;
	}

	/* B's process has exited, unless a failure left the loop */
	if (!pmm_fails)
		pmm_check_idle(0, iter);

	tst_fzsync_pair_verdict(&race->pair, rc->a_early, rc->hit, rc->b_early,
				"%s: %ld iterations, VmPin and locked_vm back to 0 after every %d",
				rc->name, iter, CHECK_EVERY);
}

static void run(unsigned int n)
{
	struct pmm_acct m = { .limit = limit, .rlimit = LONG_MAX };

	rc = &cases[n];
	iter = 0;
	tst_res(TINFO, "%s", rc->name);

	if (rc->same_event) {
		a_pages = 2;
		b_pages = 1;
	} else {
		/* Smallest 1 + 2^k of which two exceed U */
		for (a_pages = 2; 2 * a_pages <= limit; )
			a_pages = 1 + 2 * (a_pages - 1);
		b_pages = a_pages;
	}
	extra1 = pmm_acct_map(&m, a_pages);
	extra2 = pmm_acct_map(&m, b_pages);

	pmm_run_as_user(n, 64 * limit + 64, run_user);
}

static void setup(void)
{
	/* This test guards the accounting the probe relies on */
	pmm_probe_guards();
	limit = pmm_set_limit(LIMIT);
	tst_res(TINFO, "U = %ld pages", limit);
}

static struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = ARRAY_SIZE(cases),
	.needs_root = 1,
	.forks_child = 1,
	.min_cpus = 2,
	.runtime = 8,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.save_restore = PMM_SAVE_RESTORE,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "d44248a41337"},
		{"linux-git", "c4b75479741c"},
		{"linux-git", "003461559ef7"},
		{}
	},
};
