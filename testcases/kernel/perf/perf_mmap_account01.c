// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * perf_mmap() memory accounting across the per-user limit.
 *
 * Before d44248a41337 ("perf/core: Rework memory accounting in
 * perf_mmap()", v5.4), once a user was over perf_event_mlock_kb, every
 * perf_mmap() added the user's whole locked_vm beyond the limit to the
 * mm's pinned_vm: pinned_vm grew quadratically over per-CPU buffers and
 * mmap() failed with EPERM long before RLIMIT_MEMLOCK was reached. The
 * split was reworked again by 5e6c3c7b1ec2, 36b3db03b474 ("perf/core: Fix
 * the mlock accounting, again") and c4b75479741c ("perf/core: Make the
 * mlock accounting simple again"); 003461559ef7 ("perf/core: Fix mlock
 * accounting in perf_mmap()") fixed a locked_vm underflow when locked_vm
 * is above a perf_event_mlock_kb that was lowered meanwhile.
 *
 * As a fresh unprivileged uid, the test maps buffers of separate events
 * one at a time and compares VmPin after every mmap() and munmap() with
 * the model of perf_mmap.h: VmPin grows by exactly the pages beyond the
 * per-user limit U; mmap() fails with EPERM exactly when VmPin would
 * exceed RLIMIT_MEMLOCK; with the sysctl lowered below the uid's
 * locked_vm, a new buffer goes to VmPin whole and locked_vm does not
 * underflow; after unmapping, VmPin is 0 and the probed locked_vm is back
 * where it started.
 */
#include "perf_mmap.h"

/* U aimed at, pages */
#define LIMIT		32
#define MAX_BUFS	64

struct buf {
	int fd;
	void *addr;
	long pages;
	long extra;
};

static struct buf bufs[MAX_BUFS];
static int nbufs;
static struct pmm_acct model;
static long limit, limit_low, rlim, kb_full, kb_low;
static unsigned long n_maps, n_unmaps, n_eperm, n_probes, n_lowered;

static int check_pin(const char *what, long pages)
{
	long pin = pmm_vmpin(0);

	pmm_checks++;
	if (pin == model.pinned)
		return 1;

	pmm_fails++;
	tst_res(TFAIL, "VmPin %ld pages after %s of %ld pages, expected %ld (locked_vm %ld, U %ld, RLIMIT_MEMLOCK %ld)",
		pin, what, pages, model.pinned, model.locked, model.limit,
		model.rlimit);
	return 0;
}

/* Maps a buffer of a new event, expecting what the model says */
static void map_buf(long pages)
{
	struct buf *b = &bufs[nbufs];
	long pin = model.pinned;

	if (nbufs == MAX_BUFS)
		tst_brk(TBROK, "more than %d buffers", MAX_BUFS);

	b->fd = pmm_open();
	b->pages = pages;
	b->extra = pmm_acct_map(&model, pages);
	b->addr = pmm_map(b->fd, pages);

	if (b->extra < 0) {
		pmm_checks++;
		if (b->addr != MAP_FAILED) {
			pmm_fails++;
			tst_res(TFAIL, "mmap() of %ld pages succeeded with VmPin %ld pages, RLIMIT_MEMLOCK %ld pages",
				pages, pin, model.rlimit);
			nbufs++;
			return;
		}
		if (errno != EPERM) {
			pmm_fails++;
			tst_res(TFAIL | TERRNO, "mmap() of %ld pages beyond RLIMIT_MEMLOCK, expected EPERM",
				pages);
		} else {
			n_eperm++;
		}
		SAFE_CLOSE(b->fd);
		check_pin("a refused mmap()", pages);
		return;
	}

	if (b->addr == MAP_FAILED) {
		pmm_fails++;
		tst_res(TFAIL | TERRNO, "mmap() of %ld pages (VmPin %ld + %ld <= RLIMIT_MEMLOCK %ld)",
			pages, pin, b->extra, model.rlimit);
		pmm_acct_unmap(&model, pages, b->extra);
		SAFE_CLOSE(b->fd);
		return;
	}

	nbufs++;
	n_maps++;
	check_pin("mmap()", pages);
}

static void unmap_buf(int i)
{
	struct buf *b = &bufs[i];

	if (b->fd < 0)
		return;

	SAFE_MUNMAP(b->addr, b->pages * pmm_pgsz());
	SAFE_CLOSE(b->fd);
	pmm_acct_unmap(&model, b->pages, b->extra);
	n_unmaps++;
	/* After a mismatch the model is off: only clean up */
	if (!pmm_fails)
		check_pin("munmap()", b->pages);
}

static void check_locked(const char *when)
{
	int sat;
	long locked = pmm_probe(&sat);

	n_probes++;
	pmm_checks++;
	if (sat && model.locked >= model.limit)
		return;
	if (!sat && locked == model.locked)
		return;

	pmm_fails++;
	tst_res(TFAIL, "locked_vm of the uid %s%ld pages %s, expected %ld",
		sat ? ">= " : "", locked, when, model.locked);
}

/* Largest 1 + 2^k (or 1) pages whose extra fits under RLIMIT_MEMLOCK */
static long fill_pages(void)
{
	long pages = 1 + 16;
	struct pmm_acct a;

	for (;;) {
		a = model;
		if (pmm_acct_map(&a, pages) >= 0 || pages == 1)
			return pages;
		pages = pages == 2 ? 1 : 1 + (pages - 1) / 2;
	}
}

static void linear(void)
{
	long pages = 1 + 8;
	int i;

	for (i = 0; i < limit / pages + 4 && !pmm_fails; i++)
		map_buf(pages);

	if (!pmm_fails && !model.pinned)
		tst_brk(TBROK, "%d buffers did not get past U = %ld", i, limit);
}

static void lowered_sysctl(void)
{
	pmm_request_mlock_kb(kb_low);
	model.limit = pmm_limit();
	if (model.limit != limit_low)
		tst_brk(TBROK, "U is %ld pages after lowering perf_event_mlock_kb to %ld, expected %ld",
			model.limit, kb_low, limit_low);

	/* locked_vm > U now: the new buffer must go to VmPin whole */
	map_buf(1 + 8);
	n_lowered++;
	unmap_buf(0);

	pmm_request_mlock_kb(kb_full);
	model.limit = pmm_limit();
	check_locked("after mapping with perf_event_mlock_kb lowered");
}

static void eperm_boundary(void)
{
	long pages;

	while (model.pinned < model.rlimit && !pmm_fails)
		map_buf(fill_pages());
	if (pmm_fails)
		return;

	/* VmPin == RLIMIT_MEMLOCK: one more page is refused */
	map_buf(1);
	map_buf(2);

	/* and room for exactly one buffer is enough again */
	pages = bufs[nbufs - 1].pages;
	unmap_buf(nbufs - 1);
	bufs[--nbufs].fd = -1;
	map_buf(pages);
}

static void unmap_all(void)
{
	int i;

	/* Not in mapping order: the uncharges must not depend on it */
	for (i = 1; i < nbufs; i += 2)
		unmap_buf(i);
	for (i = 0; i < nbufs; i += 2)
		unmap_buf(i);
	for (i = 0; i < nbufs; i++)
		bufs[i].fd = -1;
}

static void run_user(void)
{
	int i;

	for (i = 0; i < MAX_BUFS; i++)
		bufs[i].fd = -1;

	model.limit = pmm_limit();
	model.rlimit = rlim;

	linear();
	if (!pmm_fails)
		lowered_sysctl();
	if (!pmm_fails)
		eperm_boundary();

	unmap_all();
	if (!pmm_fails) {
		check_pin("unmapping everything", 0);
		check_locked("after unmapping everything");
	}

	tst_res(TINFO, "outcomes: %lu invariants checked, %lu failed: VmPin after %lu mmap()s and %lu munmap()s, %lu EPERM at RLIMIT_MEMLOCK, %lu locked_vm probes, %lu mmap()s with perf_event_mlock_kb lowered",
		pmm_checks, pmm_fails, n_maps, n_unmaps, n_eperm, n_probes,
		n_lowered);

	if (!pmm_fails)
		tst_res(TPASS, "VmPin held the pages beyond U = %ld, EPERM exactly at RLIMIT_MEMLOCK = %ld pages, no underflow after lowering U to %ld, locked_vm back to 0",
			limit, rlim, limit_low);
}

static void run(void)
{
	pmm_run_as_user(0, rlim, run_user);
}

static void setup(void)
{
	/* This test guards the accounting the probe relies on */
	pmm_probe_guards();
	limit = pmm_set_limit(LIMIT);
	kb_full = limit / sysconf(_SC_NPROCESSORS_ONLN) * (pmm_pgsz() / 1024);
	kb_low = MAX(kb_full / 4, pmm_pgsz() / 1024);
	limit_low = kb_low / (pmm_pgsz() / 1024) * sysconf(_SC_NPROCESSORS_ONLN);
	rlim = 4 * limit;
	tst_res(TINFO, "U = %ld pages (perf_event_mlock_kb %ld), lowered to %ld pages, RLIMIT_MEMLOCK %ld pages",
		limit, kb_full, limit_low, rlim);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.needs_root = 1,
	.forks_child = 1,
	.runtime = 5,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.save_restore = PMM_SAVE_RESTORE,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "d44248a41337"},
		{"linux-git", "5e6c3c7b1ec2"},
		{"linux-git", "36b3db03b474"},
		{"linux-git", "c4b75479741c"},
		{"linux-git", "003461559ef7"},
		{}
	},
};
