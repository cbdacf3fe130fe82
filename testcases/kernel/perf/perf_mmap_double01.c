// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * locked_vm leak when one perf event's ring buffer is mapped twice.
 *
 * perf_mmap() charges every mmap() of an event's buffer to the uid's
 * locked_vm, also when the buffer exists already and is only mapped once
 * more (the "mmap() the same buffer multiple times" branch of
 * perf_mmap_rb() on 6.18 calls perf_mmap_account() with the whole size),
 * but perf_mmap_close() takes back one buffer's charge, once, when its
 * last mapping goes. Each mapping beyond the first leaks nr_pages + 1
 * pages of the uid's locked_vm for as long as the uid's user_struct
 * lives, i.e. while the uid has processes. Once the leak passes
 * perf_event_mlock_kb, every new buffer of the uid goes to VmPin whole and
 * mmap() fails with EPERM at RLIMIT_MEMLOCK.
 *
 * As a fresh unprivileged uid, the test maps one event's 1+8-page buffer
 * twice and unmaps both, then probes locked_vm: in one process one mmap()
 * after the other; from two threads at the same time; and from two
 * processes at the same time (both under fuzzy sync). Any change of
 * locked_vm is a TFAIL naming the leaked pages.
 *
 * No fix is known to this test; 6.18.44 leaks 9 pages per cycle in all
 * three variants.
 */
#include "perf_mmap.h"

/* U aimed at: leaks of up to ~50 cycles stay measurable */
#define LIMIT		512
#define PAGES		(1 + 8)
#define SEQ_CYCLES	4
#define RACE_LOOPS	40

static const char *const variants[] = {
	"one process, one mmap() after the other",
	"two threads mapping at the same time",
	"two processes mapping at the same time",
};

static unsigned int variant;
static struct pmm_race *race;
static long limit;
static int fd;

/* locked_vm leaked so far; *sat set if it is at least U */
static long leaked(int *sat)
{
	return pmm_probe(sat);
}

static void cycle(void)
{
	void *a = pmm_map(fd, PAGES), *b = pmm_map(fd, PAGES);

	if (a == MAP_FAILED || b == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap() of one event's buffer twice");
	SAFE_MUNMAP(a, PAGES * pmm_pgsz());
	SAFE_MUNMAP(b, PAGES * pmm_pgsz());
}

static void sequential(void)
{
	long one, all;
	int sat1, sat;
	int i;

	cycle();
	one = leaked(&sat1);
	for (i = 1; i < SEQ_CYCLES; i++)
		cycle();
	all = leaked(&sat);

	if (!one && !all) {
		tst_res(TINFO, "outcomes: %d double-mmap cycles, locked_vm unchanged",
			SEQ_CYCLES);
		tst_res(TPASS, "%s: locked_vm unchanged after %d double-mmap cycles",
			variants[variant], SEQ_CYCLES);
		return;
	}

	tst_res(TINFO, "outcomes: %d double-mmap cycles, locked_vm %s%ld pages after 1, %s%ld after %d",
		SEQ_CYCLES, sat1 ? ">= " : "", one, sat ? ">= " : "", all,
		SEQ_CYCLES);
	tst_res(TFAIL, "%s: locked_vm leaked %s%ld pages after 1 double-mmap cycle of a 1+8-page buffer, %s%ld after %d (%s%ld per cycle)",
		variants[variant], sat1 ? ">= " : "", one, sat ? ">= " : "",
		all, SEQ_CYCLES, sat ? ">= " : "", all / SEQ_CYCLES);
}

static void b_iteration(struct pmm_race *r)
{
	pmm_b_release(r);
	tst_fzsync_wait_b(&r->pair);

	tst_fzsync_start_race_b(&r->pair);
	pmm_b_map(r, fd);
	tst_fzsync_end_race_b(&r->pair);
}

static void concurrent(void)
{
	long both = 0, refused = 0, leak;
	void *a;
	int a_err, sat;

	race = pmm_race_alloc();
	race->b_pages = PAGES;
	/* RACE_LOOPS leave little for sampling: end it at min_samples
	 * unless the deviations are wild, so that the verdict sees aimed
	 * cycles */
	race->pair.min_samples = 20;
	race->pair.max_dev_ratio = 1;
	race->pair.exec_loops = RACE_LOOPS;
	/* Variant 1 in a thread, 2 in a process */
	pmm_race_start(race, b_iteration, variant == 2);

	while (tst_fzsync_run_a(&race->pair)) {
		/* B has unmapped its mapping of the last cycle */
		tst_fzsync_wait_a(&race->pair);

		tst_fzsync_start_race_a(&race->pair);
		a = pmm_map(fd, PAGES);
		a_err = errno;
		tst_fzsync_end_race_a(&race->pair);

		if (a != MAP_FAILED && race->b_addr != MAP_FAILED) {
			both++;
		} else {
			refused++;
			tst_res(TINFO, "mmap() of the event: A %s, B %s",
				a == MAP_FAILED ? tst_strerrno(a_err) : "ok",
				race->b_addr == MAP_FAILED ?
				tst_strerrno(race->b_err) : "ok");
		}
		if (a != MAP_FAILED)
			SAFE_MUNMAP(a, PAGES * pmm_pgsz());
	}

	leak = leaked(&sat);

	tst_res(TINFO, "both mapped %s, one refused %s",
		pmm_pct(both, both + refused, 0),
		pmm_pct(refused, both + refused, 1));
	if (leak) {
		tst_res(TFAIL, "%s: locked_vm leaked %s%ld pages after %ld double-mmap cycles of a 1+8-page buffer (%s%.1f per cycle)",
			variants[variant], sat ? ">= " : "", leak, both,
			sat ? ">= " : "", both ? (double)leak / both : 0.0);
	}
	tst_fzsync_pair_verdict(&race->pair, "A's mmap() first", "overlapped",
				"B's mmap() first",
				"%s: locked_vm unchanged after %ld double-mmap cycles",
				variants[variant], both);
}

static void run_user(void)
{
	fd = pmm_open();

	if (variant)
		concurrent();
	else
		sequential();
}

static void run(unsigned int n)
{
	variant = n;
	tst_res(TINFO, "%s", variants[n]);
	pmm_run_as_user(n, 4 * limit, run_user);
}

static void setup(void)
{
	limit = pmm_set_limit(LIMIT);
	tst_res(TINFO, "U = %ld pages", limit);
}

static struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = ARRAY_SIZE(variants),
	.needs_root = 1,
	.forks_child = 1,
	.min_cpus = 2,
	.runtime = 5,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.save_restore = PMM_SAVE_RESTORE,
};
