// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Helpers of the perf_mmap tests, see perf_mmap.h.
 */
#define TST_NO_DEFAULT_MAIN

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/perf_event.h>

#include "perf_mmap.h"

#define UID_BASE	60000
#define UID_SLOTS	5
/* Probe buffers needed at most: more means locked_vm went negative */
#define PROBE_MAX	16
#define LOCK_PATH	"/run/lock/fzsync-perf_mmap.lock"
#define LOCK_WAIT_S	600

unsigned long pmm_checks, pmm_fails;
static int probe_guarded;

void pmm_probe_guards(void)
{
	probe_guarded = 1;
}

/* A breach of the accounting the probe measures through, see pmm_probe() */
#define probe_breach(fmt, ...) do { \
	if (!probe_guarded) \
		tst_brk(TBROK, "precondition: the perf accounting that locked_vm is measured with is broken (d44248a41337, perf_mmap_account01 guards it): " fmt, \
			##__VA_ARGS__); \
	pmm_fails++; \
	tst_res(TFAIL, fmt, ##__VA_ARGS__); \
} while (0)

/*
 * The tests set global sysctls, and the harness saves them before the
 * test's setup() and restores them after its cleanup(): two perf_mmap
 * tests at once would measure against each other's limits and restore
 * each other's values. So each takes this lock before main() and holds
 * it until the process that restores the sysctls exits.
 */
static void __attribute__((constructor)) serialise(void)
{
	int fd = open(LOCK_PATH, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int waited;

	/* Not root: the harness ends the test with TCONF */
	if (fd < 0)
		return;

	for (waited = 0; flock(fd, LOCK_EX | LOCK_NB); waited++) {
		if (waited == LOCK_WAIT_S) {
			fprintf(stderr, "another perf_mmap test held %s for %ds\n",
				LOCK_PATH, LOCK_WAIT_S);
			exit(TBROK);
		}
		if (!waited)
			fprintf(stderr, "waiting for another perf_mmap test (%s)\n",
				LOCK_PATH);
		sleep(1);
	}
}

static int req_fd = -1, ack_fd = -1;
static uid_t cur_uid;

long pmm_acct_map(struct pmm_acct *a, long pages)
{
	long locked = MIN(a->locked, a->limit) + pages;
	long extra = locked > a->limit ? locked - a->limit : 0;

	if (a->pinned + extra > a->rlimit)
		return -1;

	a->locked += pages - extra;
	a->pinned += extra;
	return extra;
}

void pmm_acct_unmap(struct pmm_acct *a, long pages, long extra)
{
	a->locked -= pages - extra;
	a->pinned -= extra;
}

long pmm_pgsz(void)
{
	return sysconf(_SC_PAGESIZE);
}

static long ncpus(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN);
}

long pmm_limit(void)
{
	long kb;

	SAFE_FILE_SCANF(PMM_MLOCK_PATH, "%ld", &kb);
	return kb / (pmm_pgsz() / 1024) * ncpus();
}

long pmm_set_limit(long pages)
{
	long per_cpu = MAX((pages + ncpus() - 1) / ncpus(), 1L);

	SAFE_FILE_PRINTF(PMM_MLOCK_PATH, "%ld", per_cpu * (pmm_pgsz() / 1024));
	return per_cpu * ncpus();
}

/* Real uid of a running process? */
static int uid_running(uid_t uid)
{
	char path[300], line[256];
	struct dirent *d;
	unsigned int ruid;
	int found = 0;
	DIR *dir;
	FILE *f;

	dir = opendir("/proc");
	if (!dir)
		tst_brk(TBROK | TERRNO, "opendir(/proc)");

	while (!found && (d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "Uid: %u", &ruid) == 1) {
				found = ruid == uid;
				break;
			}
		}
		fclose(f);
	}

	closedir(dir);
	return found;
}

static uid_t pick_uid(unsigned int seq)
{
	uid_t uid = UID_BASE + (getpid() % 1000) * UID_SLOTS + seq % UID_SLOTS;
	int i;

	for (i = 0; i < 4; i++, uid += 1000 * UID_SLOTS) {
		if (!getpwuid(uid) && !getgrgid(uid) && !uid_running(uid))
			return uid;
	}

	tst_brk(TBROK, "no unused uid found for slot %u", seq);
}

static void become(uid_t uid, long rlimit_pages)
{
	struct rlimit rl;
	unsigned long long caps = ~0ULL;
	char line[256];
	FILE *f;

	rl.rlim_cur = rl.rlim_max = (rlim_t)rlimit_pages * pmm_pgsz();

	if (setgroups(0, NULL))
		tst_brk(TBROK | TERRNO, "setgroups(0, NULL)");
	SAFE_SETRLIMIT(RLIMIT_MEMLOCK, &rl);
	SAFE_SETRESGID(uid, uid, uid);
	SAFE_SETRESUID(uid, uid, uid);

	/* Without CAP_IPC_LOCK, RLIMIT_MEMLOCK is enforced */
	f = fopen("/proc/self/status", "r");
	if (!f)
		tst_brk(TBROK | TERRNO, "fopen(/proc/self/status)");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	fclose(f);
	if (caps)
		tst_brk(TBROK, "uid %u still has capabilities %llx", uid, caps);

	cur_uid = uid;
}

static void check_child(const char *what, pid_t pid, int status)
{
	if (WIFSIGNALED(status))
		tst_res(TBROK, "%s %d killed by %s", what, pid,
			tst_strsig(WTERMSIG(status)));
	else if (WIFEXITED(status) &&
		 (WEXITSTATUS(status) & ~(TFAIL | TBROK | TWARN | TCONF)))
		tst_res(TBROK, "%s %d exited with %d", what, pid,
			WEXITSTATUS(status));
	/* Otherwise it reported its own results */
}

void pmm_run_as_user(unsigned int seq, long rlimit_pages, void (*fn)(void))
{
	int req[2], ack[2], status, sat;
	uid_t uid = pick_uid(seq);
	long kb, l0;
	pid_t pid;

	SAFE_PIPE(req);
	SAFE_PIPE(ack);
	tst_res(TINFO, "perf work runs as uid %u", uid);

	pid = SAFE_FORK();
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		SAFE_CLOSE(req[0]);
		SAFE_CLOSE(ack[1]);
		req_fd = req[1];
		ack_fd = ack[0];

		become(uid, rlimit_pages);
		l0 = pmm_probe(&sat);
		if (l0 || sat)
			tst_brk(TBROK, "uid %u is not fresh: its perf locked_vm is %s%ld pages",
				uid, sat ? ">= " : "", l0);
		fn();
		exit(0);
	}

	SAFE_CLOSE(req[1]);
	SAFE_CLOSE(ack[0]);
	while (read(req[0], &kb, sizeof(kb)) == sizeof(kb)) {
		SAFE_FILE_PRINTF(PMM_MLOCK_PATH, "%ld", kb);
		SAFE_WRITE(SAFE_WRITE_ALL, ack[1], "", 1);
	}
	SAFE_CLOSE(req[0]);
	SAFE_CLOSE(ack[1]);

	SAFE_WAITPID(pid, &status, 0);
	check_child("uid worker", pid, status);
}

void pmm_request_mlock_kb(long kb)
{
	char c;

	if (write(req_fd, &kb, sizeof(kb)) != sizeof(kb) ||
	    read(ack_fd, &c, 1) != 1)
		tst_brk(TBROK | TERRNO, "perf_event_mlock_kb request to the test process");
}

int pmm_open(void)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_DUMMY,
		.exclude_kernel = 1,
	};
	int fd;

	fd = tst_syscall(__NR_perf_event_open, &attr, 0, -1, -1, 0);
	if (fd >= 0)
		return fd;

	if (errno == ENOENT || errno == ENODEV || errno == EOPNOTSUPP)
		tst_brk(TCONF | TERRNO, "perf_event_open() of a software event");
	tst_brk(TBROK | TERRNO, "perf_event_open() as uid %u, perf_event_paranoid 2",
		cur_uid);
}

void *pmm_map(int fd, long pages)
{
	return mmap(NULL, pages * pmm_pgsz(), PROT_READ | PROT_WRITE,
		    MAP_SHARED, fd, 0);
}

long pmm_vmpin(pid_t pid)
{
	char path[64], line[256];
	unsigned long long kb;
	FILE *f;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");

	f = fopen(path, "r");
	if (!f)
		tst_brk(TBROK | TERRNO, "fopen(%s)", path);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "VmPin: %llu", &kb) == 1) {
			fclose(f);
			/* pinned_vm is printed unsigned: an underflow wraps */
			return (long long)kb / (pmm_pgsz() / 1024);
		}
	}
	fclose(f);

	tst_brk(TBROK, "no VmPin in %s", path);
}

/* Smallest 1 + 2^k pages of which two exceed U */
static long probe_pages(long limit)
{
	long p = 1;

	while (2 * (1 + p) <= limit)
		p *= 2;
	return 1 + p;
}

long pmm_probe(int *saturated)
{
	static int fds[PROBE_MAX + 1];
	static int nfds;
	long limit = pmm_limit(), pages = probe_pages(limit);
	long pin0 = pmm_vmpin(0), grown = 0, step;
	void *maps[PROBE_MAX + 1];
	int n = 0, i;

	*saturated = 0;

	while (!grown) {
		if (n == PROBE_MAX)
			tst_brk(TBROK, "locked_vm probe: VmPin still %ld pages after mapping %ld pages, U = %ld",
				pin0, n * pages, limit);
		if (n == nfds)
			fds[nfds++] = pmm_open();
		maps[n] = pmm_map(fds[n], pages);
		if (maps[n] == MAP_FAILED)
			tst_brk(TBROK | TERRNO, "locked_vm probe: mmap() of %ld pages",
				pages);
		n++;
		grown = pmm_vmpin(0) - pin0;
	}

	/* Beyond U, a buffer goes to VmPin entirely */
	if (n == nfds)
		fds[nfds++] = pmm_open();
	maps[n] = pmm_map(fds[n], pages);
	if (maps[n] == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "locked_vm probe: mmap() of %ld pages",
			pages);
	step = pmm_vmpin(0) - pin0 - grown;
	pmm_checks++;
	if (step != pages || grown > pages)
		probe_breach("%ld-page buffers beyond the per-user limit grew VmPin by %ld and %ld pages",
			     pages, grown, step);

	for (i = n; i >= 0; i--)
		SAFE_MUNMAP(maps[i], pages * pmm_pgsz());

	pmm_checks++;
	if (pmm_vmpin(0) != pin0)
		probe_breach("VmPin %ld pages after unmapping the probe's buffers, %ld before",
			     pmm_vmpin(0), pin0);

	if (n == 1 && grown >= pages) {
		*saturated = 1;
		return limit;
	}

	return limit - n * pages + grown;
}

struct pmm_race *pmm_race_alloc(void)
{
	struct pmm_race *r = SAFE_MMAP(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	r->b_addr = MAP_FAILED;
	return r;
}

/* The race in progress; one per process at a time */
static struct pmm_race *race;
static void (*race_b_iteration)(struct pmm_race *r);

/* Thread B process: pid for A, and the tid of the thread that forked
 * it, which the library pins to B's CPU */
static struct {
	pid_t pid;
	pid_t forker_tid;
} *proc_b;

/* B's loop, in a thread or a process */
static void b_loop(int (*run_b)(struct tst_fzsync_pair *pair))
{
	while (run_b(&race->pair))
		race_b_iteration(race);
	pmm_b_release(race);
}

/*
 * tst_fzsync_run_b() that first moves the process to the CPUs of the
 * thread that forked it: A pinned that thread to B's CPU before the
 * first barrier.
 */
static int run_b_process(struct tst_fzsync_pair *pair)
{
	static int placed;
	cpu_set_t set;

	if (!tst_fzsync_run_b(pair))
		return 0;

	if (!placed++ &&
	    (sched_getaffinity(proc_b->forker_tid, sizeof(set), &set) ||
	     sched_setaffinity(0, sizeof(set), &set)))
		tst_res(TINFO | TERRNO, "cannot move the thread B process to thread B's CPU");

	return 1;
}

static void *b_thread(void *arg)
{
	b_loop(tst_fzsync_run_b);
	return arg;
}

static void *b_process(void *arg)
{
	pid_t pid, parent = getpid();
	int status;

	proc_b->forker_tid = syscall(__NR_gettid);
	pid = SAFE_FORK();
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(TBROK);
		__atomic_store_n(&proc_b->pid, getpid(), __ATOMIC_RELEASE);
		b_loop(run_b_process);
		exit(0);
	}

	SAFE_WAITPID(pid, &status, 0);
	check_child("thread B process", pid, status);
	return arg;
}

void pmm_race_start(struct pmm_race *r, void (*b_iteration)(struct pmm_race *r),
		    int in_process)
{
	if (!proc_b)
		proc_b = SAFE_MMAP(NULL, sizeof(*proc_b), PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	proc_b->pid = 0;
	race = r;
	race_b_iteration = b_iteration;

	tst_fzsync_pair_init(&r->pair);
	tst_fzsync_pair_reset(&r->pair, in_process ? b_process : b_thread);
}

pid_t pmm_b_pid(void)
{
	return __atomic_load_n(&proc_b->pid, __ATOMIC_ACQUIRE);
}

void pmm_b_map(struct pmm_race *r, int fd)
{
	r->b_addr = pmm_map(fd, r->b_pages);
	r->b_err = r->b_addr == MAP_FAILED ? errno : 0;
	r->b_op = PMM_B_MAP;
}

void pmm_b_unmap(struct pmm_race *r)
{
	r->b_err = munmap(r->b_addr, r->b_pages * pmm_pgsz()) ? errno : 0;
	r->b_addr = MAP_FAILED;
	r->b_op = PMM_B_UNMAP;
}

void pmm_b_release(struct pmm_race *r)
{
	if (r->b_addr != MAP_FAILED)
		SAFE_MUNMAP(r->b_addr, r->b_pages * pmm_pgsz());
	r->b_addr = MAP_FAILED;
}

const char *pmm_pct(long n, long total, int slot)
{
	static char buf[8][32];

	slot %= 8;
	snprintf(buf[slot], sizeof(buf[slot]), "%.1f%% (%ld)",
		 total ? 100.0 * n / total : 0.0, n);
	return buf[slot];
}

void pmm_check_idle(pid_t b_pid, long iter)
{
	long pin_a = pmm_vmpin(0), pin_b = b_pid ? pmm_vmpin(b_pid) : 0;
	long locked;
	int sat;

	pmm_checks++;
	if (pin_a || pin_b) {
		pmm_fails++;
		tst_res(TFAIL, "VmPin of A %ld, of B %ld pages with nothing mapped, after %ld iterations",
			pin_a, pin_b, iter);
		return;
	}

	locked = pmm_probe(&sat);
	pmm_checks++;
	if (locked || sat) {
		pmm_fails++;
		tst_res(TFAIL, "locked_vm of the uid is %s%ld pages after %ld iterations, expected 0%s",
			sat ? ">= " : "", locked, iter,
			sat ? " (or it went negative: a double uncharge)" : "");
	}
}
