// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_run_tcases(): the harness process of a test.
 *
 * It parses the options, checks what the test needs, sets up what must
 * outlive the test process (saved files, the temporary directory, the
 * device, the taint baseline), forks the test process and waits for it:
 * once, or once per variant and file system. However the test process
 * ended, the harness releases the device, restores the saved files,
 * removes the temporary directory and prints the summary.
 */
#include <sys/mman.h>

#include "harness.h"
#include "tst_kconfig.h"

/* File systems one test runs on at most (.all_filesystems has 9) */
#define MAX_FS_RUNS	32

struct tst_test *tst_test;
struct tst_shared *tst_shm;
unsigned int tst_variant;

static void finish(void) LTP_ATTRIBUTE_NORETURN;
static void finish(void)
{
	static int finishing;

	/* A tst_brk() while undoing the setup: just end */
	if (finishing++)
		exit(tst_exit_status(&tst_shm->results));

	tst_test_dev_release();
	tst_save_restore_undo();
	tst_tmpdir_remove();

	/* On stderr like the results, as LTP; what the test printed first */
	fflush(stdout);
	if (tst_exit_status(&tst_shm->results) & TFAIL)
		tst_print_hints(stderr, tst_test->tags);
	tst_print_summary(stderr, &tst_shm->results);

	exit(tst_exit_status(&tst_shm->results));
}

static void check_struct(const struct tst_test *t)
{
	if (!t->test && !t->test_all)
		tst_brk(TBROK, "No test function specified");
	if (t->test && t->test_all)
		tst_brk(TBROK, "You can define only test or test_all");
	if (t->test && !t->tcnt)
		tst_brk(TBROK, "Number of tests (tcnt) must be > 0");
	if (t->timeout < TST_UNLIMITED_TIMEOUT)
		tst_brk(TBROK, "Invalid timeout %d", t->timeout);
	if (t->runtime < 0 || t->min_runtime < 0)
		tst_brk(TBROK, "Invalid runtime %d or min_runtime %d",
			t->runtime, t->min_runtime);
}

static const char *test_name(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	return slash ? slash + 1 : argv0;
}

static void map_shared(void)
{
	tst_shm = mmap(NULL, sizeof(*tst_shm), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tst_shm == MAP_FAILED) {
		perror("tst_test: mmap() of the shared results failed");
		exit(TBROK);
	}
	memset(tst_shm, 0, sizeof(*tst_shm));
}

static void parse_opts(int argc, char *argv[], struct tst_opts *opts)
{
	char err[256];

	if (tst_parse_opts(argc, argv, tst_test->options, opts, err,
			   sizeof(err))) {
		fprintf(stderr, "%s: %s\n\n", test_name(argv[0]), err);
		tst_print_help(stderr, tst_test);
		exit(TBROK);
	}
	if (opts->help) {
		tst_print_help(stdout, tst_test);
		exit(0);
	}
	tst_res_set_debug(opts->debug);
}

/* Runtime of a test function call and the timeout; -1 for no timeout */
static int set_times(const struct tst_opts *opts)
{
	double timeout_mul, runtime_mul;
	char err[256], hms[32];
	int runtime, timeout;

	timeout_mul = tst_env_multiplier("LTP_TIMEOUT_MUL", 0.1, err,
					 sizeof(err));
	if (timeout_mul < 0)
		tst_brk(TBROK, "%s", err);
	if (tst_has_slow_kconfig())
		timeout_mul *= TST_SLOW_KCONFIG_MUL;
	runtime_mul = tst_env_multiplier("LTP_RUNTIME_MUL", 0.01, err,
					 sizeof(err));
	if (runtime_mul < 0)
		tst_brk(TBROK, "%s", err);

	runtime = tst_scaled_runtime(tst_test->runtime, tst_test->min_runtime,
				     runtime_mul, opts->runtime);
	if (opts->runtime > 0 && !tst_test->runtime)
		tst_res(TINFO, "-I %d: the test sets no .runtime, its test functions repeat for %ds%s",
			opts->runtime, opts->runtime, tst_test->min_runtime ?
			", each call with its .min_runtime" : "");
	tst_runtime_set(runtime);
	timeout = tst_timeout_secs(tst_test->timeout, runtime, timeout_mul);

	if (timeout < 0)
		tst_res(TINFO, "Tests timeout is disabled");
	else
		tst_res(TINFO, "Tests timeout after %ds (%s)", timeout,
			tst_fmt_hms(timeout, hms, sizeof(hms)));
	if (runtime)
		tst_res(TINFO, "Runtime per test function call is %ds (%s)",
			runtime, tst_fmt_hms(runtime, hms, sizeof(hms)));

	return timeout;
}

static void set_ulimits(const struct tst_ulimit_val *ul)
{
	struct rlimit rl;

	for (; ul && ul->resource; ul++) {
		SAFE_GETRLIMIT(ul->resource, &rl);
		if (ul->rlim_cur > rl.rlim_max)
			tst_brk(TBROK, "Limit %lu of resource %d exceeds its hard limit %lu",
				(unsigned long)ul->rlim_cur, ul->resource,
				(unsigned long)rl.rlim_max);
		rl.rlim_cur = ul->rlim_cur;
		SAFE_SETRLIMIT(ul->resource, &rl);
	}
}

/*
 * One test process: setup, the test functions, cleanup. Returns 1 when
 * it was killed or exited on its own (reported): the run ends there.
 */
static int run_test_process(const struct tst_opts *opts, int timeout,
			     const sigset_t *oldmask)
{
	pid_t pid;

	tst_atomic_store(0, &tst_shm->test_done);
	/* Setup counts against the timeout like the first call */
	tst_call_start();
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork() failed");
	if (!pid)
		tst_child_main(opts->iterations,
			       tst_test->runtime ? 0 : opts->runtime > 0 ?
			       opts->runtime : 0, oldmask);

	return tst_watch(pid, timeout);
}

/* The test process of each file system the test runs on; 1: run ended */
static int run_per_fs(const struct tst_opts *opts, int timeout,
		       const sigset_t *oldmask, const char **types,
		       size_t ntypes)
{
	size_t i;
	int broken;

	for (i = 0; i < ntypes; i++) {
		if (ntypes > 1 || tst_test->all_filesystems)
			tst_res(TINFO, "=== Testing on %s ===", types[i]);
		if (tst_test_dev_prepare(tst_test, types[i]))
			continue;
		broken = run_test_process(opts, timeout, oldmask);
		tst_test_dev_unmount();
		if (broken)
			return 1;
	}
	return 0;
}

void tst_run_tcases(int argc, char *argv[], struct tst_test *self)
{
	const char *fs_types[MAX_FS_RUNS];
	unsigned int variants;
	size_t nfs = 0;
	struct tst_opts opts;
	sigset_t watched, oldmask;
	int timeout;

	tst_test = self;
	/* An inherited SIG_IGN would make the kernel reap our children */
	signal(SIGCHLD, SIG_DFL);

	map_shared();
	tst_res_attach(&tst_shm->results, finish);
	parse_opts(argc, argv, &opts);
	if (self->tconf_msg)
		tst_brk(TCONF, "%s", self->tconf_msg);
	check_struct(self);
	tst_check_test_env(self);
	timeout = set_times(&opts);

	if (self->taint_check)
		tst_taint_init(self->taint_check);
	tst_save_restore_setup(self->save_restore);
	set_ulimits(self->ulimit);
	if (self->needs_tmpdir || self->mntpoint || tst_test_needs_device(self))
		tst_tmpdir_create(test_name(argv[0]));
	tst_test_dev_acquire(self);
	if (tst_test_needs_device(self))
		nfs = tst_test_fs_plan(self, fs_types, ARRAY_SIZE(fs_types));

	/* Blocked before the fork so no SIGCHLD or stop signal is lost */
	tst_watch_signals(&watched);
	sigprocmask(SIG_BLOCK, &watched, &oldmask);

	variants = self->test_variants ? self->test_variants : 1;
	for (tst_variant = 0; tst_variant < variants; tst_variant++) {
		if (nfs ? run_per_fs(&opts, timeout, &oldmask, fs_types, nfs) :
		    run_test_process(&opts, timeout, &oldmask))
			break;
	}

	/* Catches taint the test process could not report, e.g. it died */
	if (self->taint_check)
		tst_taint_report(&tst_shm->taint_reported);

	finish();
}
