// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The result of a finished test, written as the fields of its test_end
 * journal event.
 *
 * The exit status carries LTP's result bits (1 fail, 2 broken, 4 warn,
 * 32 skipped); anything else is not a result and makes the test broken.
 * The kernel's health then has the last word: new taint bits or kernel
 * log trouble make the test fail whatever it reported, and a known issue
 * excuses only the test's own failure, never a sick kernel.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "fzrun.h"

/* The bits of an LTP test's exit status */
#define LTP_TFAIL	1
#define LTP_TBROK	2
#define LTP_TWARN	4
#define LTP_TCONF	32
#define LTP_BITS	(LTP_TFAIL | LTP_TBROK | LTP_TWARN | LTP_TCONF)

static void add_reason(struct sbuf *r, const char *s)
{
	if (!s || !*s)
		return;
	if (r->len)
		sb_puts(r, "; ");
	sb_puts(r, s);
}

/* "foo.c:12: TFAIL: bad" without the file:line: noise */
static const char *msg_of(const char *line)
{
	const char *s = strstr(line, ": T");

	return s && s[3] ? s + 2 : line;
}

void verdict_event(struct jw *w, const struct verdict_in *in)
{
	const struct exec *x = in->x;
	const struct ltp_output *o = x ? &x->out : NULL;
	const char *status = "pass", *sig = NULL;
	struct sbuf reason = {0}, health = {0};
	char retval[32], buf[512];
	long code = -1;
	int i, kernel_trouble = 0;

	snprintf(retval, sizeof(retval), "-1");
	if (in->missing) {
		status = "brok";
		snprintf(buf, sizeof(buf), "test binary '%s' not found in PATH",
			 in->missing);
		add_reason(&reason, buf);
		code = EXIT_CANNOT_RUN;
		snprintf(retval, sizeof(retval), "%ld", code);
	} else if (x->exec_errno) {
		status = "brok";
		snprintf(buf, sizeof(buf), "cannot execute '%s': %s",
			 x->shell ? "/bin/sh" : x->argv[0],
			 strerror(x->exec_errno));
		add_reason(&reason, buf);
		code = EXIT_CANNOT_RUN;
		snprintf(retval, sizeof(retval), "%ld", code);
	} else if (x->status == -1) {
		status = "brok";
		snprintf(buf, sizeof(buf), "%s, and the test process did not die after SIGKILL (stuck in the kernel)",
			 x->timed_out ? "timed out" : "stopped");
		add_reason(&reason, buf);
	} else {
		if (WIFSIGNALED(x->status)) {
			sig = signame(WTERMSIG(x->status));
			code = EXIT_SIGNAL_BASE + WTERMSIG(x->status);
		} else {
			code = WEXITSTATUS(x->status);
		}
		snprintf(retval, sizeof(retval), "%ld", code);

		if (x->stop_signal) {
			status = "brok";
			snprintf(buf, sizeof(buf), "runner stopped by %s during this test",
				 signame(x->stop_signal));
			add_reason(&reason, buf);
		} else if (x->timed_out) {
			status = "brok";
			snprintf(buf, sizeof(buf), "timed out after %.0fs, killed with %s",
				 x->timeout, sig ? sig : "SIGTERM");
			add_reason(&reason, buf);
		} else if (sig) {
			status = "brok";
			snprintf(buf, sizeof(buf), "killed by %s%s", sig,
				 WCOREDUMP(x->status) ? " (core dumped)" : "");
			add_reason(&reason, buf);
		} else if (code & ~LTP_BITS) {
			status = "brok";
			snprintf(buf, sizeof(buf), "exit status %ld is not an LTP result",
				 code);
			add_reason(&reason, buf);
		} else if (code & LTP_TFAIL) {
			status = "fail";
		} else if (code & LTP_TBROK) {
			status = "brok";
		} else if (code & LTP_TWARN) {
			status = "warn";
		} else if (code == LTP_TCONF) {
			status = "conf";
		} else if (o->have_summary && o->counts[C_FAILED]) {
			status = "fail";
			snprintf(buf, sizeof(buf), "summary counts %ld failure(s) but the exit status is 0",
				 o->counts[C_FAILED]);
			add_reason(&reason, buf);
		}
		if (!reason.len) {
			int idx = !strcmp(status, "fail") ? M_FAIL :
				  !strcmp(status, "brok") ? M_BROK :
				  !strcmp(status, "warn") ? M_WARN :
				  !strcmp(status, "conf") ? M_CONF : -1;

			if (idx >= 0 && o->first[idx][0]) {
				add_reason(&reason, msg_of(o->first[idx]));
			} else if (idx >= 0) {
				/* a shell's or a crash's words are better than none */
				snprintf(buf, sizeof(buf), o->last[0] ?
					 "no %s message; last output line: %s" :
					 "no %s message and no output%s",
					 msg_names[idx], o->last);
				add_reason(&reason, buf);
			}
		}
	}

	/* kernel health */
	if (in->taint_before >= 0 && in->taint_after >= 0 &&
	    (in->taint_after & ~in->taint_before)) {
		char letters[96];

		taint_letters(in->taint_after & ~in->taint_before, letters,
			      sizeof(letters));
		snprintf(buf, sizeof(buf), "kernel tainted: %s", letters);
		add_reason(&health, buf);
		kernel_trouble = 1;
	}
	if (in->h && in->h->nhits) {
		snprintf(buf, sizeof(buf), "kernel log: %s", in->h->hits[0]);
		add_reason(&health, buf);
		kernel_trouble = 1;
	}
	if (kernel_trouble) {
		status = "fail";
		if (reason.len)
			add_reason(&health, reason.s);
		sb_free(&reason);
		reason = health;
	}

	jw_kstr(w, "status", status);
	if (in->known && strcmp(status, "pass") && strcmp(status, "conf") &&
	    !kernel_trouble) {
		jw_kstr(w, "known_issue", in->known->reason);
		jw_kstr(w, "known_issue_where", in->known->where);
	} else if (in->known && !kernel_trouble && !strcmp(status, "pass")) {
		jw_kstr(w, "known_issue_not_seen", in->known->reason);
	}
	jw_kstr(w, "reason", sb_str(&reason));
	jw_kstr(w, "retval", retval);
	jw_key(w, "exit_code");
	if (code >= 0 && !sig)
		jw_int(w, code);
	else
		jw_null(w);
	jw_key(w, "signal");
	if (sig)
		jw_str(w, sig);
	else
		jw_null(w);
	jw_ksec(w, "duration", x ? x->duration : 0);
	jw_kbool(w, "timed_out", x && x->timed_out);
	jw_kbool(w, "interrupted", x && x->stop_signal);
	if (x && x->stop_signal)
		jw_kstr(w, "stop_signal", signame(x->stop_signal));

	jw_kbool(w, "summary", o && o->have_summary);
	jw_key(w, "counts");
	jw_obj(w);
	for (i = 0; i < NCOUNTS; i++) {
		long v = o && o->have_summary ? o->counts[i] : 0;

		if (!o || !o->have_summary)
			v = (i == C_PASSED && !strcmp(status, "pass")) ||
			    (i == C_FAILED && !strcmp(status, "fail")) ||
			    (i == C_BROKEN && !strcmp(status, "brok")) ||
			    (i == C_SKIPPED && !strcmp(status, "conf")) ||
			    (i == C_WARNINGS && !strcmp(status, "warn"));
		jw_kint(w, count_names[i], v);
	}
	jw_end_obj(w);

	jw_kint(w, "taint_before", in->taint_before);
	jw_kint(w, "taint_after", in->taint_after);
	if (in->taint_before >= 0 && in->taint_after >= 0) {
		char letters[96];

		taint_letters(in->taint_after & ~in->taint_before, letters,
			      sizeof(letters));
		jw_kstr(w, "taint_new", letters);
	} else {
		jw_kstr(w, "taint_new", "");
	}

	jw_key(w, "kmsg");
	jw_arr(w);
	for (i = 0; in->h && i < in->h->nhits; i++)
		jw_str(w, in->h->hits[i]);
	jw_end_arr(w);
	if (in->h && in->h->more_hits)
		jw_kint(w, "kmsg_more", in->h->more_hits);
	if (in->h && in->h->lost)
		jw_kbool(w, "kmsg_lost", 1);
	if (in->kmsg_log)
		jw_kstr(w, "kmsg_log", in->kmsg_log);

	jw_kstr(w, "log", in->log);
	if (x) {
		jw_kint(w, "log_bytes", x->log_bytes);
		jw_kint(w, "log_dropped", x->log_dropped);
		if (x->log_lost) {
			jw_kint(w, "log_lost", x->log_lost);
			jw_kstr(w, "log_error", strerror(x->log_errno));
		}
		if (x->leftovers.len)
			jw_kstr(w, "leftover_processes", x->leftovers.s);
		if (x->survivors.len)
			jw_kstr(w, "stuck_processes", x->survivors.s);
	}
	jw_kstr(w, "kernel", in->release);
	sb_free(&reason);
}
