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
 * whole size and that VmPin returns afterwards (TFAIL otherwise). Needs
 * RLIMIT_MEMLOCK room for about U pages.
 */
long pmm_probe(int *saturated);

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
 * Thread B in another process. Within one mm, mmap() and munmap() are
 * serialised by mmap_lock, so the perf code of two racing threads never
 * runs concurrently; the racing tests run thread B's loop in a forked
 * child that shares the pair (and the event fds) with thread A.
 */

/* Zeroed MAP_SHARED memory, inherited by the thread B process */
void *pmm_shared_alloc(size_t size);

/*
 * pmm_pair_start() - tst_fzsync_pair_reset() with thread B's @loop run in
 *                    a forked process.
 * @pair: The pair; must be in pmm_shared_alloc() memory.
 * @loop: Thread B's loop; must use pmm_run_b() in place of
 *        tst_fzsync_run_b().
 *
 * The process is killed if the calling process dies. The pair's cleanup
 * (tst_fzsync_run_a() at the end) waits for it.
 */
void pmm_pair_start(struct tst_fzsync_pair *pair, void (*loop)(void));

/* pid of the thread B process, valid after the first tst_fzsync_run_a() */
pid_t pmm_b_pid(void);

/* tst_fzsync_run_b() that puts the process on thread B's CPU first */
int pmm_run_b(struct tst_fzsync_pair *pair);

/* "12.3% (45)" for @n of @total; up to 8 @slot buffers live at once */
const char *pmm_pct(long n, long total, int slot);

#endif /* PERF_MMAP_H */
