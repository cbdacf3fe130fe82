/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The test harness: struct tst_test, results, and the default main().
 *
 * Source compatible with the part of LTP's tst_test.h that race
 * reproducers use. A test defines
 *
 *	static struct tst_test test = { .test_all = run, ... };
 *
 * and this header supplies main() unless TST_NO_DEFAULT_MAIN is defined.
 * The test body runs in a forked child; the parent enforces the timeout,
 * restores saved files and prints the summary.
 */
#ifndef TST_TEST_H
#define TST_TEST_H

#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>

#include "tst_common.h"
#include "tst_res_flags.h"
#include "tst_atomic.h"
#include "tst_taint.h"
#include "tst_safe_macros.h"
#include "tst_safe_net.h"
#include "tst_safe_pthread.h"
#include "lapi/syscalls.h"

/**
 * struct tst_tag - Reference to the bug a test guards.
 * @name: "linux-git" (fix commit), "CVE" (CVE id without "CVE-"), ...
 * @value: The commit hash or id.
 *
 * Arrays of tags end with an empty entry {}.
 */
struct tst_tag {
	const char *name;
	const char *value;
};

/* Flags of struct tst_path_val: what to do if the file is missing / read only */
#define TST_SR_TCONF_MISSING	0x1
#define TST_SR_TBROK_MISSING	0x2
#define TST_SR_SKIP_MISSING	0x4
#define TST_SR_TCONF_RO		0x8
#define TST_SR_TBROK_RO		0x10
#define TST_SR_SKIP_RO		0x20
#define TST_SR_IGNORE_ERR	0x40
#define TST_SR_TCONF	(TST_SR_TCONF_MISSING | TST_SR_TCONF_RO)
#define TST_SR_TBROK	(TST_SR_TBROK_MISSING | TST_SR_TBROK_RO)
#define TST_SR_SKIP	(TST_SR_SKIP_MISSING | TST_SR_SKIP_RO)

/**
 * struct tst_path_val - A /proc or /sys file saved before setup and
 *                       restored after cleanup.
 * @path: The file.
 * @val: Value written after saving, or NULL to only save and restore.
 * @flags: TST_SR_* flags; missing or read-only files are TBROK by default.
 *
 * Arrays end with an empty entry {}.
 */
struct tst_path_val {
	const char *path;
	const char *val;
	unsigned int flags;
};

/**
 * struct tst_option - An extra command line option of a test.
 * @optstr: getopt() option letter, followed by ':' if it takes a value.
 * @arg: Set to the value (or to "" for a flag) when the option is given.
 * @help: One line of help text.
 *
 * Arrays end with an empty entry {}.
 */
struct tst_option {
	char *optstr;
	char **arg;
	char *help;
};

/* A timeout that never expires */
#define TST_UNLIMITED_TIMEOUT	(-1)

/**
 * struct tst_test - Description of a test.
 *
 * Either @test with @tcnt or @test_all must be set. All other fields are
 * optional.
 */
struct tst_test {
	/* Number of test cases, @test is called with 0 .. @tcnt - 1 */
	unsigned int tcnt;
	/* Extra command line options */
	struct tst_option *options;
	/* Minimal kernel version, e.g. "4.17" */
	const char *min_kver;
	/* Minimal number of online CPUs */
	unsigned int min_cpus;

	int needs_root;
	/* Run in a fresh directory under $TMPDIR, removed afterwards */
	int needs_tmpdir;
	/* The test forks children; they are reaped after each test function */
	int forks_child;

	/*
	 * Seconds a test function call may take on top of the runtime
	 * before the test is killed; 0 means 30, TST_UNLIMITED_TIMEOUT
	 * none. Scaled by LTP_TIMEOUT_MUL, the runtime is not.
	 */
	int timeout;
	/*
	 * Seconds each test function call may run its main loop (a
	 * fuzzy-sync loop runs until it is spent, or exec_loops, or
	 * exit); -I replaces it, LTP_RUNTIME_MUL scales it
	 */
	int runtime;
	/* Lower bound of the scaled runtime (at least 1 s); the runtime of
	 * a test that sets no .runtime */
	int min_runtime;

	/* TST_TAINT_* bits that make the test fail if they get set */
	unsigned int taint_check;

	void (*setup)(void);
	void (*cleanup)(void);
	void (*test)(unsigned int test_nr);
	void (*test_all)(void);

	/* Files saved before setup and restored after cleanup */
	const struct tst_path_val *save_restore;
	/* Bugs this test guards */
	const struct tst_tag *tags;
};

/**
 * tst_run_tcases() - Run a test; called by the default main().
 * @argc: Argument count from main().
 * @argv: Arguments from main().
 * @self: The test.
 *
 * Parses the options (-h, -i N, -I SECONDS, -D and the test's own),
 * runs setup, the test functions and cleanup in a forked child under the
 * timeout, prints the summary and exits with the LTP exit status bits.
 */
void tst_run_tcases(int argc, char *argv[], struct tst_test *self)
	LTP_ATTRIBUTE_NORETURN;

/**
 * tst_res_() - Report a result or a message; use tst_res().
 * @file: Source file, __FILE__.
 * @lineno: Source line, __LINE__.
 * @ttype: Result type TPASS, TFAIL, TWARN, TINFO, TCONF, TBROK or TDEBUG,
 *         optionally or-ed with TERRNO, TTERRNO or TRERRNO.
 * @fmt: printf() format of the message.
 *
 * Prints "file:line: TYPE: message" and counts the result. May be called
 * from any thread or forked child of the test.
 */
void tst_res_(const char *file, const int lineno, int ttype,
	      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define tst_res(ttype, arg_fmt, ...) \
	tst_res_(__FILE__, __LINE__, (ttype), (arg_fmt), ##__VA_ARGS__)

/**
 * tst_brk_() - Report a fatal result and end the test; use tst_brk().
 * @file: Source file, __FILE__.
 * @lineno: Source line, __LINE__.
 * @ttype: TBROK or TCONF (TFAIL is accepted too), optionally or-ed with
 *         TERRNO, TTERRNO or TRERRNO.
 * @fmt: printf() format of the message.
 *
 * Never returns. In the test process it runs the test's cleanup and
 * exits. Cleanup runs once: a tst_brk() inside cleanup exits right away,
 * and a tst_brk() in another thread while cleanup runs ends only that
 * thread. In a forked child of the test it only exits that child, with
 * the result type as its exit status.
 */
void tst_brk_(const char *file, const int lineno, int ttype,
	      const char *fmt, ...)
	__attribute__((format(printf, 4, 5))) LTP_ATTRIBUTE_NORETURN;

#define tst_brk(ttype, arg_fmt, ...) \
	tst_brk_(__FILE__, __LINE__, (ttype), (arg_fmt), ##__VA_ARGS__)

/**
 * tst_res_count() - How many results of one type the test has reported.
 * @ttype: TPASS, TFAIL, TBROK, TWARN or TCONF.
 *
 * Return: the count so far, over all the test's threads and forked
 * children; 0 for TINFO and TDEBUG, which are not counted.
 */
long tst_res_count(int ttype);

/* Return value and errno of the last TEST() */
extern long TST_RET;
extern int TST_ERR;
extern void *TST_RET_PTR;

#define TEST(SCALL) \
	do { \
		errno = 0; \
		TST_RET = SCALL; \
		TST_ERR = errno; \
	} while (0)

#define TESTPTR(SCALL) \
	do { \
		errno = 0; \
		TST_RET_PTR = (void *)(SCALL); \
		TST_ERR = errno; \
	} while (0)

/**
 * tst_remaining_runtime() - Seconds left of the current test function's
 *                           runtime.
 *
 * The runtime counts from the start of each test function call (each of
 * @tcnt calls and each -i iteration gets all of it). As in LTP it is
 * .runtime, or -I in its place, scaled by LTP_RUNTIME_MUL, then raised
 * to .min_runtime and to at least 1 s; a test that sets only
 * .min_runtime runs that, scaled. For a test without .runtime, -I
 * keeps LTP's older meaning: the test functions repeat for that many
 * seconds.
 *
 * Return: seconds left, rounded up; 0 once the runtime is spent. TBROK
 * for a test with neither .runtime nor .min_runtime.
 */
unsigned int tst_remaining_runtime(void);

/**
 * tst_remaining_runtime_ns() - Nanoseconds left of the runtime.
 *
 * Return: nanoseconds left, 0 once the runtime is spent; TBROK as
 * tst_remaining_runtime().
 */
long long tst_remaining_runtime_ns(void);

/**
 * tst_ncpus() - Number of online CPUs.
 *
 * Return: the number of online CPUs.
 */
long tst_ncpus(void);

/**
 * tst_ncpus_available() - Number of CPUs this process may run on.
 *
 * Return: the number of CPUs in the affinity mask of the calling thread.
 */
long tst_ncpus_available(void);

/**
 * tst_kvercmp() - Compare the running kernel's version with r1.r2.r3.
 * @r1: Major version.
 * @r2: Minor version.
 * @r3: Patch level.
 *
 * Return: <0, 0 or >0 when the running kernel is older, equal or newer.
 */
int tst_kvercmp(int r1, int r2, int r3);

/**
 * tst_strerrno() - Symbolic name of an errno value.
 * @err: errno value.
 *
 * Return: "EBADF" and so on, or "???" for an unknown value.
 */
const char *tst_strerrno(int err);

/**
 * tst_strsig() - Symbolic name of a signal.
 * @sig: Signal number.
 *
 * Return: "SIGSEGV" and so on, or "???" for an unknown signal.
 */
const char *tst_strsig(int sig);

/**
 * tst_get_tmpdir() - Path of the test's temporary directory.
 *
 * Return: a malloc()ed absolute path; the caller frees it. NULL when the
 * test does not set needs_tmpdir.
 */
char *tst_get_tmpdir(void);

/**
 * tst_reap_children() - Wait for all children of the test process.
 *
 * Called after each test function when forks_child is set. A child
 * killed by a signal, or exiting with a status other than 0 or one
 * tst_brk() exits with (TFAIL, TBROK, TCONF: reported by the child
 * already), is reported as TBROK naming its pid.
 */
void tst_reap_children(void);

/* The test's struct; NULL outside of a test */
extern struct tst_test *tst_test;

#ifndef TST_NO_DEFAULT_MAIN

static struct tst_test test;

int main(int argc, char *argv[])
{
	tst_run_tcases(argc, argv, &test);
}

#endif /* TST_NO_DEFAULT_MAIN */

#endif /* TST_TEST_H */
