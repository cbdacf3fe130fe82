// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The forked test process: setup, the test function calls, cleanup.
 *
 * It leads a process group of its own so the harness can kill it with
 * everything it forked. Each test function call restarts the runtime and
 * sends the heartbeat the timeout counts from.
 */
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>

#include "harness.h"

static pid_t test_pid;
/* Thread id running cleanup, 0 before cleanup */
static pid_t cleanup_tid;

void tst_run_cleanup(void)
{
	pid_t none = 0, me = gettid();

	if (!__atomic_compare_exchange_n(&cleanup_tid, &none, me, 0,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		/* tst_brk() inside cleanup: cleanup ends here */
		if (none == me)
			return;
		/*
		 * Another thread runs cleanup and then exits the process.
		 * Ending this thread, rather than exiting under its feet,
		 * lets cleanup finish and join this thread if it wants to.
		 */
		pthread_exit(NULL);
	}

	if (tst_test->cleanup)
		tst_test->cleanup();
}

static void test_exit(void) LTP_ATTRIBUTE_NORETURN;
static void test_exit(void)
{
	tst_atomic_store(1, &tst_shm->test_done);
	exit(tst_exit_status(&tst_shm->results));
}

/* tst_brk() in the test process */
static void test_brk(void)
{
	tst_run_cleanup();
	test_exit();
}

static void check_child(pid_t pid, int status)
{
	if (WIFSIGNALED(status)) {
		tst_res(TBROK, "Child (%d) killed by signal %s", pid,
			tst_strsig(WTERMSIG(status)));
		return;
	}
	if (!WIFEXITED(status))
		return;

	/* What tst_brk() in a child exits with was reported already */
	switch (WEXITSTATUS(status)) {
	case TPASS:
	case TFAIL:
	case TBROK:
	case TCONF:
		break;
	default:
		tst_res(TBROK, "Child (%d) exited with %d", pid,
			WEXITSTATUS(status));
	}
}

void tst_reap_children(void)
{
	int status;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid > 0) {
			check_child(pid, status);
			continue;
		}
		if (errno == ECHILD)
			return;
		if (errno != EINTR)
			tst_brk(TBROK | TERRNO, "waitpid(-1) failed");
	}
}

static int results_equal(const struct tst_results *a,
			 const struct tst_results *b)
{
	return a->passed == b->passed && a->failed == b->failed &&
	       a->broken == b->broken && a->skipped == b->skipped &&
	       a->warnings == b->warnings;
}

static void run_one(unsigned int n)
{
	struct tst_results before, after;

	tst_results_snapshot(&tst_shm->results, &before);
	tst_call_start();

	if (tst_test->test)
		tst_test->test(n);
	else
		tst_test->test_all();

	/* A child forked by the test returned instead of exiting */
	if (getpid() != test_pid)
		exit(0);

	if (tst_test->forks_child)
		tst_reap_children();

	tst_results_snapshot(&tst_shm->results, &after);
	if (results_equal(&before, &after))
		tst_brk(TBROK, "Test haven't reported results!");

	/* Here, not in the harness, so it shows after the test's lines */
	if (tst_test->taint_check)
		tst_taint_report(&tst_shm->taint_reported);
}

static double mono_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void tst_child_main(unsigned int iterations, int duration,
		    const sigset_t *sigmask)
{
	const char *tmpdir = tst_tmpdir_path();
	unsigned int i, n, calls;
	double end;

	test_pid = getpid();
	tst_res_test_process(test_brk);
	sigprocmask(SIG_SETMASK, sigmask, NULL);
	if (setpgid(0, 0))
		tst_brk(TBROK | TERRNO, "setpgid(0, 0) failed");

	if (tmpdir && chdir(tmpdir))
		tst_brk(TBROK | TERRNO, "chdir(%s) failed", tmpdir);

	if (tst_test->setup)
		tst_test->setup();

	calls = tst_test->test ? tst_test->tcnt : 1;
	/* -I without .runtime, as in LTP: rounds until the time is up */
	end = mono_secs() + duration;
	for (i = 0; duration ? i == 0 || mono_secs() < end : i < iterations;
	     i++) {
		for (n = 0; n < calls; n++)
			run_one(n);
	}

	tst_run_cleanup();
	test_exit();
}
