/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Harness internals shared between lib/ files and the unit tests.
 */
#ifndef TST_INTERNAL_H
#define TST_INTERNAL_H

#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"

/* Result counters; in memory shared by the test process and its children */
struct tst_results {
	tst_atomic_t passed;
	tst_atomic_t failed;
	tst_atomic_t broken;
	tst_atomic_t skipped;
	tst_atomic_t warnings;
};

/* The LTP exit status of a run with these results */
int tst_exit_status(const struct tst_results *r);

/* Count one result of type @ttype (TINFO and TDEBUG count nothing) */
void tst_count_result(struct tst_results *r, int ttype);

/* Command line options of every test */
struct tst_opts {
	unsigned int iterations;	/* -i, default 1 */
	int runtime;			/* -I, -1 when not given */
	int help;			/* -h */
};

/*
 * Parse the options, the test's extra ones included. Returns 0, or -1
 * with a message in @err.
 */
int tst_parse_opts(int argc, char *argv[], const struct tst_option *extra,
		   struct tst_opts *opts, char *err, size_t err_size);

/* Print the options of a test to @f */
void tst_print_help(FILE *f, const struct tst_test *test);

/*
 * A multiplier from the environment: @dflt when unset, -1 with a message
 * when not a number or below @min.
 */
float tst_env_multiplier(const char *name, float min, char *err,
			 size_t err_size);

/* Runtime of one test function call, in seconds, after scaling */
int tst_scaled_runtime(int runtime, int min_runtime, float runtime_mul,
		       int override);

/* Seconds before a test function call is killed, -1 for never */
int tst_timeout_secs(int timeout, int runtime, float timeout_mul);

/* Parse "X.Y.Z..." into @v[3]; returns the number of fields read */
int tst_parse_kver(const char *str, int v[3]);

/* Save and set the test's save_restore files; restore them */
void tst_save_restore_setup(const struct tst_path_val *pv);
void tst_save_restore_undo(void);

/* Create the test's temporary directory; remove it */
void tst_tmpdir_create(const char *test_name);
void tst_tmpdir_remove(void);
const char *tst_tmpdir_path(void);

/* Where the harness is: results go to the shared counters only while a
 * test runs; tst_brk() behaves differently in the parent */
void tst_res_attach(struct tst_results *results, pid_t test_pid,
		    void (*parent_brk)(void));
void tst_res_set_test_pid(pid_t pid);

/* Run the test's cleanup once, whoever asks first */
void tst_do_cleanup(void);

/* Start of the current test function call, for tst_remaining_runtime() */
void tst_runtime_start(int runtime_s);

#endif /* TST_INTERNAL_H */
