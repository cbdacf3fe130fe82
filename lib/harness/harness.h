/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The harness's private header: what the lib/harness/ files share with
 * each other and with their unit tests. Nothing here is API for tests.
 */
#ifndef HARNESS_H
#define HARNESS_H

#define TST_NO_DEFAULT_MAIN
#include <stdint.h>
#include <stdio.h>
#include <signal.h>

#include "tst_test.h"

/* Result counters, updated atomically from any thread or process */
struct tst_results {
	tst_atomic_t passed;
	tst_atomic_t failed;
	tst_atomic_t broken;
	tst_atomic_t skipped;
	tst_atomic_t warnings;
};

/*
 * Memory shared by the harness process, the test process and whatever
 * the test forks (MAP_SHARED | MAP_ANONYMOUS, mapped before the fork).
 */
struct tst_shared {
	struct tst_results results;
	/* CLOCK_MONOTONIC ns when the current test function call started */
	int64_t heartbeat_ns;
	/* Taint bits already reported, so parent and child report once */
	unsigned int taint_reported;
	/* Set by the test process right before it exits through the library */
	tst_atomic_t test_done;
};

/* NULL outside of tst_run_tcases() */
extern struct tst_shared *tst_shm;

/* tst_res.c: counting and the exit status */

/* Count one result of type @ttype; TINFO and TDEBUG count nothing */
void tst_count_result(struct tst_results *r, int ttype);

/*
 * The LTP exit status of a run with results @r: TFAIL, TBROK and TWARN
 * bits for any failure, breakage or warning, TCONF only when nothing
 * passed, failed or broke.
 */
int tst_exit_status(const struct tst_results *r);

/* Atomic copy of @r, for comparing results before and after a call */
void tst_results_snapshot(const struct tst_results *r,
			  struct tst_results *copy);

/* Name of a result type, "TPASS" and so on */
const char *tst_res_type_name(int ttype);

/*
 * Where tst_res() counts and what tst_brk() does. tst_res_attach() is
 * called by the harness process: from then on results go to @r and a
 * tst_brk() in that process calls @parent_brk. tst_res_test_process() is
 * called in the forked test process: a tst_brk() there calls @test_brk.
 * Any other process just exits with the result type.
 */
void tst_res_attach(struct tst_results *r, void (*parent_brk)(void));
void tst_res_test_process(void (*test_brk)(void));
void tst_res_set_debug(int on);

/* tst_summary.c */

/* The LTP summary block, with its leading empty line */
void tst_print_summary(FILE *f, const struct tst_results *r);

/* "HINT:" lines for the linux-git and CVE tags; nothing if there are none */
void tst_print_hints(FILE *f, const struct tst_tag *tags);

/* tst_options.c */

/* Command line options of every test */
struct tst_opts {
	unsigned int iterations;	/* -i, default 1 */
	int runtime;			/* -I, -1 when not given */
	int help;			/* -h */
	int debug;			/* -D */
};

/*
 * Parse @argv with getopt(), the test's @extra options included, whose
 * arg pointers are set. Returns 0, or -1 with a message in @err.
 */
int tst_parse_opts(int argc, char *argv[], const struct tst_option *extra,
		   struct tst_opts *opts, char *err, size_t err_size);

/* The help text of @test: options, environment, timeout and tags */
void tst_print_help(FILE *f, const struct tst_test *test);

/* tst_timeout.c */

#define TST_DEFAULT_TIMEOUT	30

/*
 * A multiplier from the environment variable @name: 1 when unset,
 * -1 with a message in @err when not a number or below @min.
 */
double tst_env_multiplier(const char *name, double min, char *err,
			  size_t err_size);

/*
 * Runtime of one test function call in seconds, as LTP computes it:
 * @runtime, or @override (-I) when > 0 and the test sets a runtime, or
 * @min_runtime for a test that sets only that; times @runtime_mul in
 * single precision, truncated; then at least @min_runtime and at least
 * 1. 0 when the test sets neither.
 */
int tst_scaled_runtime(int runtime, int min_runtime, double runtime_mul,
		       int override);

/*
 * Seconds a test function call may take before the test is killed:
 * @timeout (0 meaning the default) * @timeout_mul, rounded up, plus the
 * unscaled @runtime, capped at INT_MAX; -1 for TST_UNLIMITED_TIMEOUT.
 */
int tst_timeout_secs(int timeout, int runtime, double timeout_mul);

/* "1h 02m 03s" for 3723 */
char *tst_fmt_hms(int secs, char *buf, size_t size);

/* tst_runtime.c: the clock of the current test function call */

/* Seconds each test function call may run; 0 for none */
void tst_runtime_set(int secs);

/* A test function call starts: restart the runtime, send a heartbeat */
void tst_call_start(void);

/* tst_child.c: the forked test process */

/*
 * Run setup, @iterations rounds of the test functions and cleanup, then
 * exit; with @duration > 0 (-I for a test without .runtime, LTP's
 * meaning) rounds instead until @duration seconds have passed, one at
 * least. @sigmask is the signal mask to restore (the harness blocks the
 * signals it waits for).
 */
void tst_child_main(unsigned int iterations, int duration,
		    const sigset_t *sigmask) LTP_ATTRIBUTE_NORETURN;

/*
 * Run the test's cleanup once. Returns in the thread that runs it (and
 * when that thread calls it again from inside cleanup); any other thread
 * calling it ends itself, the cleanup thread ends the process.
 */
void tst_run_cleanup(void);

/* tst_watch.c: the harness process waiting for the test process */

/* Signals the harness waits for; block them before forking */
void tst_watch_signals(sigset_t *set);

/*
 * Wait for the test process @pid, killing its process group when a test
 * function call exceeds @timeout seconds (-1: never) or a stop signal
 * arrives. Reports a timeout, a signal or an early exit as TBROK.
 */
void tst_watch(pid_t pid, int timeout);

/*
 * Body of a SAFE_* function for a call returning 0 or -1 with errno:
 * the caller's file and lineno are in scope, @fmt names the call.
 */
#define TST_SAFE_CALL(call, fmt, ...) do { \
	int ret_ = (call); \
	if (ret_) \
		tst_brk_(file, lineno, TBROK | TERRNO, fmt " failed", \
			 __VA_ARGS__); \
	return ret_; \
} while (0)

/* tst_kver.c */

/* Parse "X.Y.Z..." into @v; returns the number of fields read (0-3) */
int tst_parse_kver(const char *str, int v[3]);

/* tst_taint.c */

/* Read taint from @path instead of /proc/sys/kernel/tainted (tests) */
void tst_taint_set_path(const char *path);

/*
 * Report watched taint bits that became set and are not in *@reported
 * yet as TFAIL, adding them to *@reported (atomically).
 */
void tst_taint_report(unsigned int *reported);

/* tst_save_restore.c */

/* Save the files of @pv and write their values; TCONF/TBROK per flags */
void tst_save_restore_setup(const struct tst_path_val *pv);

/* Write the saved values back, last saved first */
void tst_save_restore_undo(void);

/* tst_tmpdir.c */

/* Create $TMPDIR/LTP_<3 chars of test_name>XXXXXX */
void tst_tmpdir_create(const char *test_name);

/* Remove the directory and everything in it */
void tst_tmpdir_remove(void);

/* The directory, NULL if none */
const char *tst_tmpdir_path(void);

#endif /* HARNESS_H */
