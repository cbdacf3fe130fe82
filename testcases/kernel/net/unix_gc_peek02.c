// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The unix garbage collector must not purge a live socket's queue when a
 * MSG_PEEK revives a socket in the middle of a collection.
 *
 * The collector of v6.10 and later decides that a cycle is dead by
 * reading each member's file count in turn. Sockets X and R hold each
 * other in their receive queues; X has no descriptor, R has one. If the
 * collector reads X's count, then a peek at R's queue installs X and
 * R's descriptor is closed, and only then the collector reads R's count,
 * both look dead and both queues are purged although X is live.
 * e5b31d988a41 ("af_unix: Give up GC if MSG_PEEK intervened.",
 * CVE-2026-23394) makes MSG_PEEK bump a sequence count that the
 * collector checks, and defers the cycle to the next run.
 *
 * R is in flight thousands of times, so that the collector's look at R
 * is long enough to fit thread A's peek and close into. Thread B closes
 * a unix socket, which schedules a collection, and waits for it to end.
 * Afterwards both queues must still hold their datagrams: a purged
 * queue is a TFAIL.
 *
 * A second cycle, Y and Z, is garbage; Z too is in flight thousands of
 * times. A fixed kernel leaves it alone when A's peek fell into the
 * collector's look at it, an unfixed one always collects it: sock_diag
 * shows whether its queue survived a collection, which tells whether
 * this kernel behaves like one with the fix.
 */
#include "tst_test.h"
#include "tst_fuzzy_sync.h"
#include "tst_stall.h"
#include "unix_gc.h"

/* Copies of R and of Z in flight: a few tens of microseconds of looking */
#define COPIES (8 * UNIX_GC_MAX_FDS)

static struct tst_fzsync_pair pair;
static struct unix_cycle cycle = UNIX_CYCLE_INIT;
static struct unix_dead_cycle dead = UNIX_DEAD_CYCLE_INIT;
static struct unix_gc_trigger gc = UNIX_GC_TRIGGER_INIT;
static struct tst_stall stall;
static struct unix_gc_race race = { .pair = &pair, .gc = &gc,
				    .stall = &stall };

static void setup(void)
{
	unix_gc_trigger_init(&gc);
	unix_cycle_build(&cycle, COPIES);
	/* Its collections would take a dead cycle built before */
	unix_gc_race_setup(&race, &cycle);
	unix_dead_cycle_build(&dead, COPIES);
	tst_fzsync_pair_init(&pair);
}

/* Peeks during a collection: the dead cycle deferred or collected, in
 * all iterations and in those after sampling */
struct during {
	long deferred, collected;
	long deferred_late, collected_late;
};

static void count_during(struct during *d, int deferred)
{
	int late = tst_fzsync_pair_delaying(&pair);

	if (deferred) {
		d->deferred++;
		d->deferred_late += late;
	} else {
		d->collected++;
		d->collected_late += late;
	}
}

static void run(void)
{
	struct during d = { 0 };
	long n = 0;
	int x;

	tst_fzsync_pair_reset(&pair, NULL);
	SAFE_PTHREAD_CREATE(&pair.thread_b, NULL, unix_gc_collect, &race);
	while (tst_fzsync_run_a(&pair)) {
		unix_gc_peek_expect(&race);
		tst_fzsync_start_race_a(&pair);
		x = unix_gc_peek_close(&race, &cycle);
		tst_fzsync_end_race_a(&pair);

		if (unix_cycle_check(&cycle, x))
			break;

		/* B's collection has ended: the dead cycle survived it only
		 * if the collector gave up on it */
		if (unix_dead_cycle_alive(&dead)) {
			count_during(&d, 1);
		} else {
			unix_dead_cycle_destroy(&dead);
			unix_dead_cycle_build(&dead, COPIES);
			if (tst_fzsync_pair_section_outcome(&pair) ==
			    TST_FZSYNC_HIT)
				count_during(&d, 0);
		}

		/* Not for the library: B's stall orders the two sides */
		n++;
	}

	tst_res(TINFO, "during a collection the dead cycle was deferred %ld (%.1f%%) and collected %ld (%.1f%%) times, after sampling %ld/%ld: %s",
		d.deferred, unix_gc_pct(d.deferred, d.deferred + d.collected),
		d.collected, unix_gc_pct(d.collected, d.deferred + d.collected),
		d.deferred_late, d.collected_late,
		d.deferred ? "this kernel behaves as one with e5b31d988a41" :
			     "no sign of e5b31d988a41 in this kernel's behaviour");
	tst_fzsync_pair_verdict(&pair, "peek+close before the collection",
				"during it", "after it",
				"Both receive queues survived %ld collections racing MSG_PEEK",
				n);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
	tst_stall_cleanup(&stall);
	unix_cycle_destroy(&cycle);
	unix_dead_cycle_destroy(&dead);
	unix_gc_trigger_destroy(&gc);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	/* Root is not limited by RLIMIT_NOFILE in the number of descriptors
	 * in flight */
	.needs_root = 1,
	/* Caught 8 of 10 at 30 s on the slowest kernel with the bug, a rate
	 * that asks for 38 s for 9 in 10; with a margin (doc/verification.md) */
	.runtime = 60,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "e5b31d988a41"},
		{"CVE", "2026-23394"},
		{}
	},
};
