// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_run_tcases(): the harness process of a test.
 *
 * It parses the options, checks what the test needs, sets up what must
 * outlive the test process (saved files, the temporary directory, the
 * taint baseline), forks the test process and waits for it. However the
 * test process ended, the harness restores the saved files, removes the
 * temporary directory and prints the summary.
 */
#include <sys/mman.h>
#include <sys/utsname.h>

#include "harness.h"

struct tst_test *tst_test;
struct tst_shared *tst_shm;

static void finish(void) LTP_ATTRIBUTE_NORETURN;
static void finish(void)
{
	static int finishing;

	/* A tst_brk() while undoing the setup: just end */
	if (finishing++)
		exit(tst_exit_status(&tst_shm->results));

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

static void check_kver(const char *min_kver)
{
	struct utsname u;
	int want[3];

	if (!tst_parse_kver(min_kver, want))
		tst_brk(TBROK, "Invalid min_kver '%s'", min_kver);
	if (uname(&u))
		tst_brk(TBROK | TERRNO, "uname() failed");
	if (tst_kvercmp(want[0], want[1], want[2]) < 0)
		tst_brk(TCONF, "The test requires kernel %s or newer, this is %s",
			min_kver, u.release);
}

static void check_requirements(const struct tst_test *t)
{
	if (t->needs_root && geteuid())
		tst_brk(TCONF, "Test needs root");

	if (t->min_kver)
		check_kver(t->min_kver);

	if (t->min_cpus && tst_ncpus() < (long)t->min_cpus)
		tst_brk(TCONF, "Test needs at least %u CPUs online, this machine has %ld",
			t->min_cpus, tst_ncpus());
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

void tst_run_tcases(int argc, char *argv[], struct tst_test *self)
{
	struct tst_opts opts;
	sigset_t watched, oldmask;
	int timeout;
	pid_t pid;

	tst_test = self;
	/* An inherited SIG_IGN would make the kernel reap our children */
	signal(SIGCHLD, SIG_DFL);

	map_shared();
	tst_res_attach(&tst_shm->results, finish);
	parse_opts(argc, argv, &opts);
	check_struct(self);
	check_requirements(self);
	timeout = set_times(&opts);

	if (self->taint_check)
		tst_taint_init(self->taint_check);
	tst_save_restore_setup(self->save_restore);
	if (self->needs_tmpdir)
		tst_tmpdir_create(test_name(argv[0]));

	/* Blocked before the fork so no SIGCHLD or stop signal is lost */
	tst_watch_signals(&watched);
	sigprocmask(SIG_BLOCK, &watched, &oldmask);

	/* Setup counts against the timeout like the first call */
	tst_call_start();
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork() failed");
	if (!pid)
		tst_child_main(opts.iterations,
			       self->runtime ? 0 : opts.runtime > 0 ?
			       opts.runtime : 0, &oldmask);

	tst_watch(pid, timeout);

	/* Catches taint the test process could not report, e.g. it died */
	if (self->taint_check)
		tst_taint_report(&tst_shm->taint_reported);

	finish();
}
