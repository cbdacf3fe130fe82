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

/* Timeouts are this much longer on a kernel with a slow debug option */
#define TST_SLOW_KCONFIG_MUL	4

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
 * Seconds a test function call may take before the test is killed, as
 * LTP computes it: the default plus @timeout, times @timeout_mul (the
 * slow-kernel factor included) in single precision, truncated, plus the
 * already scaled @runtime; capped at INT_MAX; -1 for
 * TST_UNLIMITED_TIMEOUT.
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
 * arrives. Reports a timeout, a signal or an early exit as TBROK and
 * returns 1 then: as in LTP, no further variant or file system runs.
 * Returns 0 when the test process ended through the harness.
 */
int tst_watch(pid_t pid, int timeout);

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

/*
 * Body of a SAFE_* function for a call returning -1 with errno on
 * failure and something >= 0 (a descriptor, a count) otherwise.
 */
#define TST_SAFE_RET(type, call, fmt, ...) do { \
	type ret_ = (call); \
	if (ret_ == -1) \
		tst_brk_(file, lineno, TBROK | TERRNO, fmt " failed", \
			 __VA_ARGS__); \
	else if (ret_ < -1) \
		tst_brk_(file, lineno, TBROK, \
			 fmt " returned an invalid value", __VA_ARGS__); \
	return ret_; \
} while (0)

/* tst_safe_file_ops.c: conversions of a scanf() format that store and count */
int tst_scanf_conversions(const char *fmt);

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

/* tst_kconfig_expr.c: kernel config expressions and lines (pure) */

/* A variable of an expression, or an option of a config file line */
struct tst_kconfig_ref {
	const char *name;	/* "CONFIG_FOO", not NUL-terminated */
	size_t name_len;
	const char *val;	/* after '=', NULL for a bare variable */
	size_t val_len;
};

/* The value of a variable: 1 true, 0 false */
typedef int (*tst_kconfig_lookup)(const struct tst_kconfig_ref *ref,
				  void *priv);

/*
 * Evaluate @expr, calling @lookup for every variable in order. Returns
 * 1 or 0, or -1 with a message in *@err and its column in *@err_pos.
 */
int tst_kconfig_expr_eval(const char *expr, tst_kconfig_lookup lookup,
			  void *priv, const char **err, size_t *err_pos);

/* Whether variable @ref holds for an option of @choice (and @val) */
int tst_kconfig_ref_holds(const struct tst_kconfig_ref *ref, char choice,
			  const char *val);

/*
 * Parse a config file line: "CONFIG_FOO=value" or "# CONFIG_FOO is not
 * set". Returns 1 with the option in @ref and 'y', 'm', 'v' or 'n' in
 * *@choice, 0 for any other line.
 */
int tst_kconfig_parse_line(const char *line, struct tst_kconfig_ref *ref,
			   char *choice);

/* tst_kconfig.c */

/*
 * Number of constraints of @kconfigs that do not hold, each printed
 * with its options (TINFO); the first one and its options in @why.
 */
int tst_kconfig_unmet(const char *const kconfigs[], char *why, size_t size);

/*
 * tst_device.c: attach @file_path to loop @dev_path; returns the open
 * device, or -1 after a TWARN. With @autoclear the kernel detaches the
 * device once its last user is gone, even if the caller dies.
 */
int tst_loop_attach_fd(const char *dev_path, const char *file_path,
		       int autoclear);

/* tst_cmd.c: .needs_cmds; TCONF for a missing command that is needed */
void tst_check_cmds(struct tst_cmd *cmds);

/* tst_fs.c: the FUSE mount helper of @fs_type, -1 when there is none */
int tst_fuse_helper(const char *fs_type, char *path, size_t size);

/*
 * tst_mount.c: mount(2), and for a type the kernel lacks its FUSE
 * helper; *@is_fuse tells which. Returns 0, or -1 with errno.
 */
int tst_mount_fs(const char *source, const char *target, const char *fs_type,
		 unsigned long flags, const void *data, int *is_fuse);

/* tst_test_dev.c: the test's device and file systems */

/* What .needs_device and the fields implying it ask for */
int tst_test_needs_device(const struct tst_test *t);
int tst_test_formats(const struct tst_test *t);
int tst_test_mounts(const struct tst_test *t);

/*
 * The file systems the test runs on, at most @max into @types; TCONF
 * when none is supported. One (the default, $LTP_DEV_FS_TYPE or ext2)
 * unless .all_filesystems or .filesystems list types.
 */
size_t tst_test_fs_plan(const struct tst_test *t, const char **types,
			size_t max);

/* Create .mntpoint; attach the device (loop or $LTP_DEV) if needed */
void tst_test_dev_acquire(const struct tst_test *t);

/* Format and mount for @type as the test asks; -1: skip it (TCONF) */
int tst_test_dev_prepare(const struct tst_test *t, const char *type);

void tst_test_dev_unmount(void);

/* Unmount and detach; safe to call at any point, and twice */
void tst_test_dev_release(void);

/* tst_test_env.c: requirements of struct tst_test checked before setup */
void tst_check_test_env(const struct tst_test *t);

#endif /* HARNESS_H */
