// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_res() and tst_brk(): printing and counting results.
 *
 * Every message is formatted into one buffer and written with a single
 * write(2), so lines of concurrent threads and processes do not mix. The
 * counters live in memory shared with the forked test process, so a
 * result reported anywhere in the test reaches the harness's summary.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define MSG_MAX	4096

long TST_RET;
int TST_ERR;
void *TST_RET_PTR;

static struct tst_results local_results;
static struct tst_results *results = &local_results;
static pid_t lib_pid, test_pid;
static void (*parent_brk)(void);
static void (*test_brk)(void);
static int debug;

void tst_res_attach(struct tst_results *r, void (*brk)(void))
{
	results = r;
	lib_pid = getpid();
	parent_brk = brk;
}

void tst_res_test_process(void (*brk)(void))
{
	test_pid = getpid();
	test_brk = brk;
}

void tst_res_set_debug(int on)
{
	debug = on;
}

/* The counter of results of @ttype in @r; NULL for TINFO and TDEBUG */
static tst_atomic_t *counter(struct tst_results *r, int ttype)
{
	switch (TTYPE_RESULT(ttype)) {
	case TPASS: return &r->passed;
	case TFAIL: return &r->failed;
	case TBROK: return &r->broken;
	case TCONF: return &r->skipped;
	case TWARN: return &r->warnings;
	}
	return NULL;
}

void tst_count_result(struct tst_results *r, int ttype)
{
	tst_atomic_t *n = counter(r, ttype);

	if (n)
		tst_atomic_inc(n);
}

void tst_results_snapshot(const struct tst_results *r,
			  struct tst_results *copy)
{
	/* The counters are only read; the cast is for the atomic helpers */
	struct tst_results *v = (struct tst_results *)r;

	copy->passed = tst_atomic_load(&v->passed);
	copy->failed = tst_atomic_load(&v->failed);
	copy->broken = tst_atomic_load(&v->broken);
	copy->skipped = tst_atomic_load(&v->skipped);
	copy->warnings = tst_atomic_load(&v->warnings);
}

long tst_res_count(int ttype)
{
	tst_atomic_t *n = counter(results, ttype);

	return n ? tst_atomic_load(n) : 0;
}

int tst_exit_status(const struct tst_results *r)
{
	struct tst_results c;
	int status = 0;

	tst_results_snapshot(r, &c);
	if (c.failed)
		status |= TFAIL;
	if (c.broken)
		status |= TBROK;
	if (c.warnings)
		status |= TWARN;
	/* Skipped means something only when nothing else happened */
	if (c.skipped && !c.passed && !c.failed && !c.broken)
		status |= TCONF;

	return status;
}

const char *tst_res_type_name(int ttype)
{
	switch (TTYPE_RESULT(ttype)) {
	case TPASS: return "TPASS";
	case TFAIL: return "TFAIL";
	case TBROK: return "TBROK";
	case TWARN: return "TWARN";
	case TDEBUG: return "TDEBUG";
	case TINFO: return "TINFO";
	case TCONF: return "TCONF";
	}
	return "???";
}

/* Append to @buf of @size holding @len bytes; never past size - 1 */
static size_t vappend(char *buf, size_t len, size_t size, const char *fmt,
		      va_list va)
{
	int n;

	if (len >= size - 1)
		return len;
	n = vsnprintf(buf + len, size - len, fmt, va);
	if (n < 0)
		return len;
	return MIN(len + n, size - 1);
}

static size_t append(char *buf, size_t len, size_t size, const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	len = vappend(buf, len, size, fmt, va);
	va_end(va);
	return len;
}

/* @err is errno at the caller, for TERRNO */
static void print(const char *file, int lineno, int ttype, int err,
		  const char *fmt, va_list va)
{
	const char *base = strrchr(file, '/');
	char buf[MSG_MAX];
	size_t len;
	ssize_t ret;

	len = append(buf, 0, sizeof(buf) - 1, "%s:%d: %s: ",
		     base ? base + 1 : file, lineno, tst_res_type_name(ttype));
	len = vappend(buf, len, sizeof(buf) - 1, fmt, va);

	if (ttype & TERRNO) {
		len = append(buf, len, sizeof(buf) - 1, ": %s (%d)",
			     tst_strerrno(err), err);
	} else if (ttype & TTERRNO) {
		len = append(buf, len, sizeof(buf) - 1, ": %s (%d)",
			     tst_strerrno(TST_ERR), TST_ERR);
	} else if (ttype & TRERRNO) {
		/* Syscalls return -errno, pthread functions +errno */
		int rerr = TST_RET < 0 ? -(int)TST_RET : (int)TST_RET;

		len = append(buf, len, sizeof(buf) - 1, ": %s (%d)",
			     tst_strerrno(rerr), rerr);
	}
	buf[len++] = '\n';

	/* Anything the test printf()ed comes first */
	fflush(stdout);
	ret = write(STDERR_FILENO, buf, len);
	(void)ret;
}

static void vres(const char *file, int lineno, int ttype, int err,
		 const char *fmt, va_list va)
{
	if (TTYPE_RESULT(ttype) == TDEBUG && !debug)
		return;
	print(file, lineno, ttype, err, fmt, va);
	tst_count_result(results, ttype);
}

static void res(const char *file, int lineno, int ttype, int err,
		const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	vres(file, lineno, ttype, err, fmt, va);
	va_end(va);
}

void tst_res_(const char *file, const int lineno, int ttype,
	      const char *fmt, ...)
{
	int err = errno;
	va_list va;

	va_start(va, fmt);
	vres(file, lineno, ttype, err, fmt, va);
	va_end(va);
	errno = err;
}

void tst_brk_(const char *file, const int lineno, int ttype,
	      const char *fmt, ...)
{
	int err = errno, type = TTYPE_RESULT(ttype);
	pid_t pid;
	va_list va;

	va_start(va, fmt);
	if (type == TBROK || type == TCONF || type == TFAIL) {
		vres(file, lineno, ttype, err, fmt, va);
	} else {
		char msg[MSG_MAX];

		vappend(msg, 0, sizeof(msg), fmt, va);
		type = TBROK;
		res(file, lineno, (ttype & ~TTYPE_MASK) | TBROK, err,
		    "tst_brk with invalid type %s: %s",
		    tst_res_type_name(ttype), msg);
	}
	va_end(va);

	pid = getpid();
	if (test_pid && pid == test_pid && test_brk)
		test_brk();
	if (lib_pid && pid == lib_pid && parent_brk)
		parent_brk();

	/* A process forked by the test, or no harness at all */
	exit(type);
}
