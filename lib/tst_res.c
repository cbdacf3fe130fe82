// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_res() and tst_brk(): printing and counting results.
 *
 * Every message is formatted into one buffer and written with a single
 * write(2), so lines of concurrent threads and children do not mix. The
 * counters live in memory shared with the forked test process, so a
 * result reported anywhere in the test reaches the parent's summary.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tst_internal.h"

long TST_RET;
int TST_ERR;
void *TST_RET_PTR;

static struct tst_results local_results;
static struct tst_results *results = &local_results;
static pid_t test_pid;
static void (*parent_brk)(void);

void tst_res_attach(struct tst_results *r, pid_t pid, void (*brk)(void))
{
	results = r;
	test_pid = pid;
	parent_brk = brk;
}

void tst_res_set_test_pid(pid_t pid)
{
	test_pid = pid;
}

void tst_count_result(struct tst_results *r, int ttype)
{
	switch (TTYPE_RESULT(ttype)) {
	case TPASS:
		tst_atomic_inc(&r->passed);
		break;
	case TFAIL:
		tst_atomic_inc(&r->failed);
		break;
	case TBROK:
		tst_atomic_inc(&r->broken);
		break;
	case TCONF:
		tst_atomic_inc(&r->skipped);
		break;
	case TWARN:
		tst_atomic_inc(&r->warnings);
		break;
	}
}

int tst_exit_status(const struct tst_results *r)
{
	struct tst_results *v = (struct tst_results *)r;
	int status = 0;

	if (tst_atomic_load(&v->failed))
		status |= TFAIL;
	if (tst_atomic_load(&v->broken))
		status |= TBROK;
	if (tst_atomic_load(&v->warnings))
		status |= TWARN;
	/* Skipped only counts when nothing else ran */
	if (tst_atomic_load(&v->skipped) && !tst_atomic_load(&v->passed) &&
	    !(status & (TFAIL | TBROK)))
		status |= TCONF;

	return status;
}

static const char *type_name(int ttype)
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

static void print(const char *file, int lineno, int ttype, const char *fmt,
		  va_list va)
{
	char buf[4096];
	int len, err = errno;
	ssize_t ret;

	len = snprintf(buf, sizeof(buf), "%s:%d: %s: ", file, lineno,
		       type_name(ttype));
	len += vsnprintf(buf + len, sizeof(buf) - len, fmt, va);
	if ((size_t)len >= sizeof(buf))
		len = sizeof(buf) - 1;

	if (ttype & TERRNO)
		len += snprintf(buf + len, sizeof(buf) - len, ": %s (%d)",
				tst_strerrno(err), err);
	else if (ttype & TTERRNO)
		len += snprintf(buf + len, sizeof(buf) - len, ": %s (%d)",
				tst_strerrno(TST_ERR), TST_ERR);
	else if (ttype & TRERRNO)
		len += snprintf(buf + len, sizeof(buf) - len, ": %s (%ld)",
				tst_strerrno(-TST_RET), -TST_RET);
	if ((size_t)len >= sizeof(buf) - 1)
		len = sizeof(buf) - 2;
	buf[len++] = '\n';

	fflush(stdout);
	ret = write(STDERR_FILENO, buf, len);
	(void)ret;
	errno = err;
}

void tst_res_(const char *file, const int lineno, int ttype,
	      const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	print(file, lineno, ttype, fmt, va);
	va_end(va);
	tst_count_result(results, ttype);
}

void tst_brk_(const char *file, const int lineno, int ttype,
	      const char *fmt, ...)
{
	va_list va;

	switch (TTYPE_RESULT(ttype)) {
	case TBROK:
	case TCONF:
	case TFAIL:
		break;
	default:
		tst_res_(__FILE__, __LINE__, TBROK,
			 "tst_brk() called with result type %s",
			 type_name(ttype));
		ttype = TBROK;
	}

	va_start(va, fmt);
	print(file, lineno, ttype, fmt, va);
	va_end(va);
	tst_count_result(results, ttype);

	/* A forked child of the test only ends itself */
	if (test_pid && getpid() != test_pid)
		exit(TTYPE_RESULT(ttype));

	if (test_pid) {
		tst_do_cleanup();
		exit(tst_exit_status(results));
	}

	if (parent_brk)
		parent_brk();

	exit(TTYPE_RESULT(ttype));
}
