// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The run of a test: checks, the forked test process, the timeout and the
 * summary.
 *
 * The parent sets up what must survive the test process (saved files,
 * the temporary directory, the taint baseline), forks, and watches the
 * child: each test function call sends a heartbeat through shared memory
 * and the timeout counts from the last one. On expiry the child's whole
 * process group is killed. Whatever the child did, the parent restores
 * the saved files, removes the temporary directory and prints the summary.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "tst_internal.h"

#define POLL_MS	20

struct tst_test *tst_test;

struct shared {
	struct tst_results results;
	/* CLOCK_MONOTONIC ns of the last test function call start */
	int64_t heartbeat_ns;
};

static struct shared *shm;
static const char *tid;
static int runtime_s;
static int64_t runtime_start_ns;
static int cleanup_started;

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void tst_runtime_start(int secs)
{
	runtime_s = secs;
	runtime_start_ns = mono_ns();
	if (shm)
		__atomic_store_n(&shm->heartbeat_ns, runtime_start_ns,
				 __ATOMIC_RELAXED);
}

long long tst_remaining_runtime_ns(void)
{
	long long left;

	if (!runtime_s)
		return 0;
	left = (long long)runtime_s * 1000000000 - (mono_ns() - runtime_start_ns);
	return left > 0 ? left : 0;
}

unsigned int tst_remaining_runtime(void)
{
	return tst_remaining_runtime_ns() / 1000000000;
}

void tst_do_cleanup(void)
{
	if (__atomic_exchange_n(&cleanup_started, 1, __ATOMIC_SEQ_CST))
		return;
	if (tst_test && tst_test->cleanup)
		tst_test->cleanup();
}

void tst_reap_children(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, 0)) > 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status)) {
			/* A child reporting its own TFAIL/TBROK counted it */
			if (!(WEXITSTATUS(status) & ~(TFAIL | TBROK | TWARN | TCONF)))
				continue;
			tst_res(TBROK, "child %d exited with %d", pid,
				WEXITSTATUS(status));
		} else if (WIFSIGNALED(status)) {
			tst_res(TBROK, "child %d killed by %s", pid,
				tst_strsig(WTERMSIG(status)));
		}
	}
}

static void print_summary(void)
{
	struct tst_results *r = &shm->results;

	fprintf(stderr, "\nSummary:\npassed   %d\nfailed   %d\nbroken   %d\nskipped  %d\nwarnings %d\n",
		tst_atomic_load(&r->passed), tst_atomic_load(&r->failed),
		tst_atomic_load(&r->broken), tst_atomic_load(&r->skipped),
		tst_atomic_load(&r->warnings));
}

static void print_hints(void)
{
	const struct tst_tag *t;
	int printed = 0;

	if (!tst_test->tags || !(tst_exit_status(&shm->results) & TFAIL))
		return;

	for (t = tst_test->tags; t->name; t++) {
		if (!printed++)
			fprintf(stderr, "\n");
		if (!strcmp(t->name, "linux-git"))
			fprintf(stderr, "HINT: This is a regression test for linux kernel, see commit:\n\n"
				"https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=%s\n\n",
				t->value);
		else if (!strcmp(t->name, "CVE"))
			fprintf(stderr, "HINT: This test also guards CVE-%s:\n\n"
				"https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-%s\n\n",
				t->value, t->value);
	}
}

/* Everything the parent set up, undone; then the summary */
static void finish(void) LTP_ATTRIBUTE_NORETURN;
static void finish(void)
{
	tst_save_restore_undo();
	tst_tmpdir_remove();
	print_hints();
	print_summary();
	exit(tst_exit_status(&shm->results));
}

static void run_test_functions(unsigned int iterations)
{
	unsigned int i, n;

	for (i = 0; i < iterations; i++) {
		for (n = 0; n < (tst_test->test ? MAX(tst_test->tcnt, 1u) : 1); n++) {
			tst_runtime_start(runtime_s);
			if (tst_test->test)
				tst_test->test(n);
			else
				tst_test->test_all();
			if (tst_test->forks_child)
				tst_reap_children();
		}
	}
}

static void check_taint_in_child(void)
{
	char names[32];
	unsigned int taint;

	if (!tst_test->taint_check)
		return;
	taint = tst_taint_check();
	if (taint)
		tst_res(TFAIL, "Kernel is now tainted: %s",
			tst_taint_names(taint, names, sizeof(names)));
}

static void child_main(unsigned int iterations) LTP_ATTRIBUTE_NORETURN;
static void child_main(unsigned int iterations)
{
	setpgid(0, 0);
	tst_res_set_test_pid(getpid());

	if (tst_tmpdir_path() && chdir(tst_tmpdir_path()))
		tst_brk(TBROK | TERRNO, "chdir(%s)", tst_tmpdir_path());

	if (tst_test->setup)
		tst_test->setup();
	run_test_functions(iterations);
	check_taint_in_child();
	tst_do_cleanup();

	exit(tst_exit_status(&shm->results));
}

static void kill_group(pid_t pid)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
}

static void watch_child(pid_t pid, int timeout)
{
	struct timespec poll = { 0, POLL_MS * 1000000 };
	int64_t heartbeat;
	int status;
	pid_t ret;

	for (;;) {
		ret = waitpid(pid, &status, WNOHANG);
		if (ret == pid)
			break;
		if (ret < 0 && errno != EINTR)
			tst_brk(TBROK | TERRNO, "waitpid(%d)", pid);

		heartbeat = __atomic_load_n(&shm->heartbeat_ns, __ATOMIC_RELAXED);
		if (timeout >= 0 &&
		    mono_ns() - heartbeat > (int64_t)timeout * 1000000000) {
			tst_res(TBROK, "Test timed out after %ds, killing its process group",
				timeout);
			kill_group(pid);
			waitpid(pid, &status, 0);
			break;
		}
		nanosleep(&poll, NULL);
	}

	/* Whatever the test left behind in its group goes too */
	kill(-pid, SIGKILL);

	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
		tst_res(TBROK, "Test killed by %s", tst_strsig(WTERMSIG(status)));
	else if (WIFSIGNALED(status) && !tst_atomic_load(&shm->results.broken))
		tst_res(TBROK, "Test killed by SIGKILL");
	else if (WIFEXITED(status) && WEXITSTATUS(status) &&
		 !tst_exit_status(&shm->results))
		tst_res(TBROK, "Test exited with %d without reporting a failure",
			WEXITSTATUS(status));
}

static void check_requirements(void)
{
	char release[64];
	int want[3] = { 0 };
	FILE *f;

	if (tst_test->needs_root && geteuid())
		tst_brk(TCONF, "Test needs root");

	if (tst_test->min_kver) {
		f = fopen("/proc/sys/kernel/osrelease", "r");
		if (!f || !fgets(release, sizeof(release), f))
			tst_brk(TBROK | TERRNO, "Cannot read the kernel release");
		fclose(f);
		release[strcspn(release, "\n")] = 0;
		if (!tst_parse_kver(tst_test->min_kver, want))
			tst_brk(TBROK, "Invalid min_kver '%s'", tst_test->min_kver);
		if (tst_kvercmp(want[0], want[1], want[2]) < 0)
			tst_brk(TCONF, "The test requires kernel %s or newer, this is %s",
				tst_test->min_kver, release);
	}

	if (tst_test->min_cpus && tst_ncpus() < tst_test->min_cpus)
		tst_brk(TCONF, "Test needs at least %u CPUs online, this machine has %ld",
			tst_test->min_cpus, tst_ncpus());
}

static void brk_in_parent(void)
{
	finish();
}

void tst_run_tcases(int argc, char *argv[], struct tst_test *self)
{
	struct tst_opts opts;
	float timeout_mul, runtime_mul;
	char err[256];
	int timeout;
	pid_t pid;

	tst_test = self;
	tid = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED) {
		perror("mmap");
		exit(TBROK);
	}
	memset(shm, 0, sizeof(*shm));
	tst_res_attach(&shm->results, 0, brk_in_parent);

	if (tst_parse_opts(argc, argv, self->options, &opts, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n\n", tid, err);
		tst_print_help(stderr, self);
		exit(TBROK);
	}
	if (opts.help) {
		tst_print_help(stdout, self);
		exit(0);
	}

	if (!self->test && !self->test_all)
		tst_brk(TBROK, "No test function specified");
	if (self->test && self->test_all)
		tst_brk(TBROK, "Both test and test_all are set");

	timeout_mul = tst_env_multiplier("LTP_TIMEOUT_MUL", 1, err, sizeof(err));
	if (timeout_mul < 0)
		tst_brk(TBROK, "%s", err);
	runtime_mul = tst_env_multiplier("LTP_RUNTIME_MUL", 0.0001f, err,
					 sizeof(err));
	if (runtime_mul < 0)
		tst_brk(TBROK, "%s", err);

	check_requirements();

	runtime_s = tst_scaled_runtime(self->runtime, self->min_runtime,
				       runtime_mul, opts.runtime);
	timeout = tst_timeout_secs(self->timeout, runtime_s, timeout_mul);
	if (timeout < 0)
		tst_res(TINFO, "Timeout per run is disabled");
	else
		tst_res(TINFO, "Timeout per run is %dh %02dm %02ds", timeout / 3600,
			(timeout / 60) % 60, timeout % 60);
	if (runtime_s)
		tst_res(TINFO, "Runtime per test function is %ds", runtime_s);

	if (self->taint_check)
		tst_taint_init(self->taint_check);
	tst_save_restore_setup(self->save_restore);
	if (self->needs_tmpdir)
		tst_tmpdir_create(tid);

	__atomic_store_n(&shm->heartbeat_ns, mono_ns(), __ATOMIC_RELAXED);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork()");
	if (!pid)
		child_main(opts.iterations);

	watch_child(pid, timeout);

	if (self->taint_check) {
		unsigned int taint = tst_taint_check();
		char names[32];

		/* The child reports what it saw; this catches a dead child */
		if (taint && !tst_atomic_load(&shm->results.failed))
			tst_res(TFAIL, "Kernel is now tainted: %s",
				tst_taint_names(taint, names, sizeof(names)));
	}

	finish();
}
