/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the perf_mmap tests: perf event ring buffers mapped by a
 * fresh unprivileged uid, and the memory accounting the kernel does for
 * them.
 *
 * The accounting (kernel/events/core.c as of 6.18, perf_mmap_calc_limits()
 * and perf_mmap_close(); c4b75479741c and 003461559ef7): a buffer of P
 * pages (1 + 2^n) is charged to the uid's locked_vm, which lives in
 * struct user_struct and is not shown anywhere, up to the per-user limit
 *
 *	U = perf_event_mlock_kb / (page size in kB) * online CPUs
 *
 * (a locked_vm above U, possible after the sysctl was lowered, counts as
 * U). The part beyond U, "extra", goes to the mapping mm's pinned_vm,
 * VmPin in /proc/PID/status, and the mmap() fails with EPERM when
 * pinned_vm + extra > RLIMIT_MEMLOCK (perf_event_paranoid > -1, no
 * CAP_IPC_LOCK). Unmapping the last mapping of a buffer takes back what
 * its first mmap() charged. A fresh uid starts with locked_vm 0; it can
 * be probed: map buffers until VmPin grows, then
 * locked_vm = U - mapped + growth.
 */
#ifndef PERF_MMAP_H
#define PERF_MMAP_H

#include <sys/types.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

#define PMM_PARANOID_PATH	"/proc/sys/kernel/perf_event_paranoid"
#define PMM_MLOCK_PATH		"/proc/sys/kernel/perf_event_mlock_kb"

/* struct tst_test .save_restore of every perf_mmap test */
#define PMM_SAVE_RESTORE \
	((const struct tst_path_val[]) { \
		{ PMM_PARANOID_PATH, "2", TST_SR_TCONF }, \
		{ PMM_MLOCK_PATH, NULL, TST_SR_TCONF }, \
		{} \
	})

/* Model of one uid's locked_vm and one mm's pinned_vm, in pages */
struct pmm_acct {
	long limit;	/* U */
	long rlimit;	/* RLIMIT_MEMLOCK */
	long locked;
	long pinned;
};

/*
 * pmm_acct_map() - Charge a mapping of @pages to the model.
 *
 * Return: the pages that go to pinned_vm, or -1 if the kernel must refuse
 * the mmap() with EPERM (the model is then unchanged).
 */
long pmm_acct_map(struct pmm_acct *a, long pages);

/* Undoes pmm_acct_map() of @pages that returned @extra */
void pmm_acct_unmap(struct pmm_acct *a, long pages, long extra);

/* Test process side */

/* Writes the perf_event_mlock_kb that makes U at least @pages; returns U */
long pmm_set_limit(long pages);

/*
 * pmm_run_as_user() - Run @fn in a child as a fresh unprivileged uid.
 * @seq: Number of this child within the test run, 0..4 (picks the uid).
 * @rlimit_pages: RLIMIT_MEMLOCK of the child, in pages.
 * @fn: The work.
 *
 * The child drops root (uid and gid 60000 + ..., no supplementary groups,
 * no capabilities) and checks that the uid's locked_vm starts at 0. The
 * test process serves pmm_request_mlock_kb() until the child exits.
 */
void pmm_run_as_user(unsigned int seq, long rlimit_pages, void (*fn)(void));

/* Child side */

/* Has the test process write perf_event_mlock_kb; waits until it is done */
void pmm_request_mlock_kb(long kb);

/* PERF_COUNT_SW_DUMMY, this task, any CPU, exclude_kernel */
int pmm_open(void);

/* mmap() of a ring buffer; MAP_FAILED with errno set on failure */
void *pmm_map(int fd, long pages);

/* VmPin of @pid (0: self), pages; negative if pinned_vm underflowed */
long pmm_vmpin(pid_t pid);

/* Per-user limit U, pages, from the current sysctl */
long pmm_limit(void);

/* Page size, bytes */
long pmm_pgsz(void);

/*
 * pmm_probe() - The uid's locked_vm, pages.
 * @saturated: Set when locked_vm is U or more (the value returned is U).
 *
 * Maps buffers of separate events until VmPin grows and unmaps them.
 * Checks on the way that one more buffer beyond U grows VmPin by its
 * whole size and that VmPin returns afterwards. Those are the
 * accounting of d44248a41337, which perf_mmap_account01 and
 * perf_mmap_race01 guard: a breach is their TFAIL once they called
 * pmm_probe_guards(). For every other test it is a broken precondition
 * of its own check, which measures through the probe: TBROK naming the
 * accounting bug, so that each test fails only for the bug it guards.
 * Needs RLIMIT_MEMLOCK room for about U pages.
 */
long pmm_probe(int *saturated);

/*
 * pmm_probe_guards() - Make the probe's accounting checks this test's
 * own (TFAIL instead of TBROK). Call in setup, before
 * pmm_run_as_user().
 */
void pmm_probe_guards(void);

/* Invariants checked and failed, by pmm_probe() and the tests */
extern unsigned long pmm_checks, pmm_fails;

/*
 * pmm_check_idle() - With nothing mapped in A (this process) or B
 * (@b_pid, 0 for none), nothing may be charged: VmPin 0 on both sides and
 * the uid's locked_vm back to 0. A double uncharge shows as a negative
 * locked_vm, which the probe sees as >= U. @iter names the iterations run.
 */
void pmm_check_idle(pid_t b_pid, long iter);

/*
 * The racing tests' two sides. Within one mm, mmap() and munmap() are
 * serialised by mmap_lock, so the perf code of two racing threads never
 * runs concurrently; thread B's loop therefore runs in a forked child
 * that shares the race (the pair, B's mapping) and the event fds with
 * thread A, or, to compare, in a thread.
 */

/* What B's last call was */
enum pmm_b_op {
	PMM_B_MAP = 1,
	PMM_B_UNMAP,
};

struct pmm_race {
	struct tst_fzsync_pair pair;
	/* B's mapping, of b_pages pages; MAP_FAILED when it has none */
	void *b_addr;
	long b_pages;
	/* B's last pmm_b_map() or pmm_b_unmap(), and its errno, 0 if it
	 * succeeded; written by B in its section */
	enum pmm_b_op b_op;
	int b_err;
};

/*
 * pmm_race_alloc() - A race in zeroed MAP_SHARED memory, which a thread B
 * process inherits; B has no mapping. Set the pair's tunables and
 * b_pages, then call pmm_race_start().
 */
struct pmm_race *pmm_race_alloc(void);

/*
 * pmm_race_start() - tst_fzsync_pair_init() and tst_fzsync_pair_reset()
 *                    with thread B running @b_iteration once per
 *                    iteration of its loop.
 * @r: The race, from pmm_race_alloc().
 * @b_iteration: B's side of one iteration, from after the run barrier:
 *               the extra tst_fzsync_wait_b() A's iteration has, then
 *               tst_fzsync_start_race_b(), B's racing call,
 *               tst_fzsync_end_race_b().
 * @b_process: Run thread B in a forked process (killed if the calling
 *             process dies); zero: in a thread.
 *
 * When B's loop ends B's mapping goes. The loop's end (tst_fzsync_run_a()
 * returning 0, or tst_fzsync_pair_verdict() after a break) waits for B.
 */
void pmm_race_start(struct pmm_race *r, void (*b_iteration)(struct pmm_race *r),
		    int b_process);

/* pid of the thread B process, valid after the first tst_fzsync_run_a() */
pid_t pmm_b_pid(void);

/* B: map @fd's buffer of b_pages pages, the errno in b_err */
void pmm_b_map(struct pmm_race *r, int fd);

/* B: munmap() B's mapping, the errno in b_err */
void pmm_b_unmap(struct pmm_race *r);

/* B: unmap B's mapping, if it has one, outside of the race */
void pmm_b_release(struct pmm_race *r);

/* "12.3% (45)" for @n of @total; up to 8 @slot buffers live at once */
const char *pmm_pct(long n, long total, int slot);

#endif /* PERF_MMAP_H */
