// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Race recvmsg(MSG_PEEK) of an in-flight unix socket against the unix
 * garbage collector (CVE-2021-0920).
 *
 * The collector takes a socket for garbage when all its file references
 * are in flight. MSG_PEEK installs a new descriptor for an in-flight
 * socket without the collector noticing; before cbcf01128d0a ("af_unix:
 * fix garbage collect vs MSG_PEEK", v5.14) a peek during a collection
 * could make it purge the receive queue of a socket that had just become
 * live again: a use after free (KASAN) or lost messages.
 *
 * Sockets X and R hold each other in their receive queues; X has no
 * descriptor, R has one. Thread A peeks at R's queue, which installs X,
 * and closes R's descriptor, which leaves R reachable only through X.
 * Thread B closes a unix socket, which schedules a collection, and waits
 * for it to finish. Afterwards both queues must still hold their
 * datagrams; a purged queue is a TFAIL, a splat shows in the taint
 * check. The times of the two sections tell whether the peek came
 * before, during or after the collection.
 */
#include "tst_test.h"
#include "tst_fuzzy_sync.h"
#include "tst_stall.h"
#include "unix_gc.h"

static struct tst_fzsync_pair pair;
static struct unix_cycle cycle = UNIX_CYCLE_INIT;
static struct unix_gc_trigger gc = UNIX_GC_TRIGGER_INIT;
static struct tst_stall stall;
static struct unix_gc_race race = { .pair = &pair, .gc = &gc,
				    .stall = &stall };

static void setup(void)
{
	unix_gc_trigger_init(&gc);
	unix_cycle_build(&cycle, 0);
	unix_gc_race_setup(&race, &cycle);
	tst_fzsync_pair_init(&pair);
}

static void run(void)
{
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

		/* No outcomes for the library: B's stall orders the two
		 * sides; the verdict splits by the sections' times */
		n++;
	}

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
	unix_gc_trigger_destroy(&gc);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	/* Root is not limited by RLIMIT_NOFILE in the number of descriptors
	 * in flight, which the ballast needs */
	.needs_root = 1,
	/* Caught 6 of 10 at 30 s on the slowest kernel with the bug, a rate
	 * that asks for 58 s for 9 in 10; with a margin (doc/verification.md) */
	.runtime = 90,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "cbcf01128d0a"},
		{"CVE", "2021-0920"},
		{}
	},
};
