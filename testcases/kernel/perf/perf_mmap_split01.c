// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CVE-2025-38563: split of a perf ring buffer mapping.
 *
 * A partial munmap() or a shrinking mremap() of a ring buffer mapping
 * split its VMA: perf_mmap_open() then ran for the new part with the
 * buffer's counts, and the closes of the parts no longer matched the
 * one mmap() (refcount and accounting errors, use-after-free). Fixed by
 * b024d7b56c77 ("perf/core: Prevent VMA split of buffer mappings",
 * v6.17): ->may_split() refuses, the syscall fails with EINVAL.
 *
 * As a fresh unprivileged uid, thread A maps an event's 1+8-page buffer
 * and tries, in turn, to unmap its last page, to unmap its first page
 * and to shrink it to 1+4 pages with mremap(); all must fail with
 * EINVAL. First once by itself, then racing thread B, which maps the
 * same event's buffer a second time and unmaps it again, in another
 * process (so the mappings change under the event's counts from another
 * mm, not serialised by A's mmap_lock), under fuzzy sync.
 *
 * Note that on 6.18 each of B's second mappings leaks 9 pages of the
 * uid's locked_vm (perf_mmap_double01); this test does not check the
 * accounting.
 */
#include "perf_mmap.h"

#define LIMIT		32
#define PAGES		(1 + 8)

enum split { TAIL, HEAD, SHRINK, NSPLITS };

static const char *const split_names[] = {
	"munmap() of the last page",
	"munmap() of the first page",
	"mremap() to 1+4 pages",
};

static struct pmm_race *race;
static long limit;
static int fd;
static char *buf;

/* B maps the event's buffer a second time, or unmaps it again */
static void b_iteration(struct pmm_race *r)
{
	tst_fzsync_start_race_b(&r->pair);
	if (r->b_addr == MAP_FAILED)
		pmm_b_map(r, fd);
	else
		pmm_b_unmap(r);
	tst_fzsync_end_race_b(&r->pair);
}

/* Returns 0 or the errno of the split attempt */
static int try_split(enum split s)
{
	long pg = pmm_pgsz();
	void *p;

	switch (s) {
	case TAIL:
		return munmap(buf + (PAGES - 1) * pg, pg) ? errno : 0;
	case HEAD:
		return munmap(buf, pg) ? errno : 0;
	default:
		p = mremap(buf, PAGES * pg, (1 + 4) * pg, 0);
		return p == MAP_FAILED ? errno : 0;
	}
}

static int check_split(enum split s, int err)
{
	if (err == EINVAL)
		return 1;

	pmm_fails++;
	if (!err)
		tst_res(TFAIL, "%s of a ring buffer mapping succeeded: its VMA was split",
			split_names[s]);
	else
		tst_res(TFAIL, "%s of a ring buffer mapping failed with %s, expected EINVAL",
			split_names[s], tst_strerrno(err));
	return 0;
}

static void run_user(void)
{
	long einval[NSPLITS] = { 0 }, b_ops[3] = { 0 }, n = 0, split = 0;
	enum split s;
	int err;

	fd = pmm_open();
	buf = pmm_map(fd, PAGES);
	if (buf == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap() of %d pages", PAGES);

	for (s = 0; s < NSPLITS; s++)
		if (!check_split(s, try_split(s)))
			goto out;

	race = pmm_race_alloc();
	race->b_pages = PAGES;
	pmm_race_start(race, b_iteration, 1);

	while (tst_fzsync_run_a(&race->pair)) {
		s = n++ % NSPLITS;

		tst_fzsync_start_race_a(&race->pair);
		err = try_split(s);
		tst_fzsync_end_race_a(&race->pair);

		if (!check_split(s, err)) {
			split += !err;
			break;
		}
		einval[s]++;

		if (race->b_err) {
			pmm_fails++;
			tst_res(TFAIL, "B's second %s of the event's buffer: %s",
				race->b_op == PMM_B_MAP ? "mmap()" : "munmap()",
				tst_strerrno(race->b_err));
			break;
		}
		b_ops[race->b_op]++;
	}

	tst_res(TINFO, "EINVAL for %s %s, %s %s, %s %s; split %ld; B's second mapping: mmap() %ld, munmap() %ld",
		split_names[TAIL], pmm_pct(einval[TAIL], n, 0),
		split_names[HEAD], pmm_pct(einval[HEAD], n, 1),
		split_names[SHRINK], pmm_pct(einval[SHRINK], n, 2), split,
		b_ops[PMM_B_MAP], b_ops[PMM_B_UNMAP]);
	/* Also removes what is left of a split mapping */
	SAFE_MUNMAP(buf, PAGES * pmm_pgsz());
	tst_fzsync_pair_verdict(&race->pair, "A's split first", "overlapped",
				"B's mapping change first",
				"%ld split attempts of a ring buffer mapping failed with EINVAL, racing a second mapping of the event",
				n + NSPLITS);
	return;

out:
	SAFE_MUNMAP(buf, PAGES * pmm_pgsz());
}

static void run(void)
{
	pmm_run_as_user(0, 4 * limit, run_user);
}

static void setup(void)
{
	limit = pmm_set_limit(LIMIT);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.needs_root = 1,
	.forks_child = 1,
	.min_cpus = 2,
	.runtime = 10,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.save_restore = PMM_SAVE_RESTORE,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "b024d7b56c77"},
		{"CVE", "2025-38563"},
		{}
	},
};
