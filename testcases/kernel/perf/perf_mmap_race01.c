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

struct shared {
	struct tst_fzsync_pair pair;
	/* B's mapping of this iteration; written in its section */
	void *b_addr;
	int b_err;
};

struct rcase {
	const char *name;
	/* A's section unmaps a buffer mapped before it, else maps one */
	int a_unmaps;
	int same_event;
	/* Outcome names: A first, B first, both at once */
	const char *cls[3];
};

static const struct rcase cases[] = {
	{ "mmap() vs mmap(), separate events", 0, 0,
	  { "A charged first", "B charged first",
	    "both charged against the same locked_vm" } },
	{ "munmap() vs mmap(), separate events", 1, 0,
	  { "munmap() uncharged first", "mmap() charged first", NULL } },
	{ "mmap() vs mmap() of other sizes, one event", 0, 1,
	  { "A mapped first", "B mapped first (A got EINVAL)", NULL } },
	{ "munmap() vs mmap() of another size, one event", 1, 1,
	  { "munmap() detached first", "mmap() came first (EINVAL)", NULL } },
};

static const struct rcase *rc;
static struct shared *sh;
static long limit;
static int a_fd, b_fd;
static long a_pages, b_pages;
/* VmPin of the first and the second buffer charged (separate events) */
static long extra1, extra2;
static long iter;

static void b_unmap(void)
{
	if (sh->b_addr != MAP_FAILED)
		SAFE_MUNMAP(sh->b_addr, b_pages * pmm_pgsz());
	sh->b_addr = MAP_FAILED;
}

static void b_loop(void)
{
	while (pmm_run_b(&sh->pair)) {
		b_unmap();
		tst_fzsync_wait_b(&sh->pair);
		/* A checks, then prepares */
		tst_fzsync_wait_b(&sh->pair);

		tst_fzsync_start_race_b(&sh->pair);
		sh->b_addr = pmm_map(b_fd, b_pages);
		sh->b_err = errno;
		tst_fzsync_end_race_b(&sh->pair);
	}
	b_unmap();
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
	int b_ok = sh->b_addr != MAP_FAILED;
	long pin_a, pin_b;

	if (rc->a_unmaps && a_err) {
		tst_res(TFAIL, "munmap() of the buffer: %s", tst_strerrno(a_err));
		return -1;
	}

	if (rc->same_event) {
		int a_ok = rc->a_unmaps || a_addr != MAP_FAILED;
		int b_einval = !b_ok && sh->b_err == EINVAL;

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
			b_ok ? "succeeded" : tst_strerrno(sh->b_err));
		return -1;
	}

	if (!b_ok || (!rc->a_unmaps && a_addr == MAP_FAILED)) {
		tst_res(TFAIL, "mmap() of separate events failed: A %s, B %s",
			rc->a_unmaps ? "-" : tst_strerrno(a_err),
			tst_strerrno(sh->b_err));
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

static void report(const long *cnt)
{
	long total = cnt[0] + cnt[1] + cnt[2];
	struct tst_fzsync_pair *p = &sh->pair;

	if (rc->cls[2]) {
		tst_res(TINFO, "outcomes: %s %s, %s %s, %s %s; sections overlapped %ld, A first %ld, B first %ld",
			rc->cls[0], pmm_pct(cnt[0], total, 0),
			rc->cls[1], pmm_pct(cnt[1], total, 1),
			rc->cls[2], pmm_pct(cnt[2], total, 2),
			p->overlaps, p->a_first, p->b_first);
	} else {
		tst_res(TINFO, "outcomes: %s %s, %s %s; sections overlapped %ld, A first %ld, B first %ld",
			rc->cls[0], pmm_pct(cnt[0], total, 0),
			rc->cls[1], pmm_pct(cnt[1], total, 1),
			p->overlaps, p->a_first, p->b_first);
	}
}

static void run_user(void)
{
	long cnt[3] = { 0 };
	void *a_addr = MAP_FAILED;
	int a_err, out;

	a_fd = pmm_open();
	b_fd = rc->same_event ? a_fd : pmm_open();

	sh = pmm_shared_alloc(sizeof(*sh));
	sh->b_addr = MAP_FAILED;
	tst_fzsync_pair_init(&sh->pair);
	pmm_pair_start(&sh->pair, b_loop);

	while (tst_fzsync_run_a(&sh->pair)) {
		/* B has unmapped its buffer of the last iteration */
		tst_fzsync_wait_a(&sh->pair);
		if (!(iter % CHECK_EVERY))
			pmm_check_idle(pmm_b_pid(), iter);
		if (rc->a_unmaps) {
			a_addr = pmm_map(a_fd, a_pages);
			if (a_addr == MAP_FAILED)
				tst_brk(TBROK | TERRNO, "mmap() of %ld pages", a_pages);
		}
		tst_fzsync_wait_a(&sh->pair);

		tst_fzsync_start_race_a(&sh->pair);
		a_addr = a_race(a_addr, &a_err);
		tst_fzsync_end_race_a(&sh->pair);

		out = classify(a_addr, a_err);
		if (a_addr != MAP_FAILED)
			SAFE_MUNMAP(a_addr, a_pages * pmm_pgsz());
		a_addr = MAP_FAILED;
		iter++;

		if (out < 0) {
			pmm_fails++;
			tst_fzsync_pair_cleanup(&sh->pair);
			break;
		}
		cnt[out]++;
		tst_fzsync_pair_outcome(&sh->pair, out);

		if (pmm_fails) {
			tst_fzsync_pair_cleanup(&sh->pair);
			break;
		}
	}

	/* B's process has exited */
	if (!pmm_fails)
		pmm_check_idle(0, iter);

	report(cnt);
	if (!pmm_fails)
		tst_res(TPASS, "%s: %ld iterations, VmPin and locked_vm back to 0 after every %d",
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
