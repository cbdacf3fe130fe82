// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The run as its journal describes it. Every event, whether it was just
 * written or read back by --resume or --report, goes through
 * run_apply(), so all of them see the same state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

const char *const outcome_names[O_NR] = {
	[O_PASS] = "pass", [O_CONF] = "conf", [O_KNOWN] = "known",
	[O_FAIL] = "fail", [O_BROK] = "brok", [O_WARN] = "warn",
	[O_INTERRUPTED] = "interrupted", [O_NOTRUN] = "not run",
};

static struct test *test_of(struct run *r, const struct jv *ev)
{
	int seq = jv_getn(ev, "seq", 0);

	if (seq < 1 || seq > r->ntests) {
		warn("journal: %s event for unknown test %d ignored",
		     jv_gets(ev, "event", "?"), seq);
		return NULL;
	}
	return &r->tests[seq - 1];
}

void run_apply(struct run *r, struct jv *ev)
{
	const char *type = jv_gets(ev, "event", "");
	struct test *t;

	r->events = xrealloc(r->events, (r->nevents + 1) * sizeof(*r->events));
	r->events[r->nevents++] = ev;

	if (!strcmp(type, "run_start")) {
		r->run_start = ev;
	} else if (!strcmp(type, "test_queued")) {
		r->tests = xrealloc(r->tests, (r->ntests + 1) * sizeof(*r->tests));
		t = &r->tests[r->ntests++];
		memset(t, 0, sizeof(*t));
		t->seq = r->ntests;
		t->queued = ev;
	} else if (!strcmp(type, "test_start")) {
		t = test_of(r, ev);
		if (t)
			t->start = ev;
	} else if (!strcmp(type, "test_end")) {
		t = test_of(r, ev);
		if (t)
			t->end = ev;
	} else if (!strcmp(type, "resume")) {
		r->resumes++;
	}
}

enum outcome test_outcome(const struct test *t)
{
	const char *s;

	if (!t->end)
		return t->start ? O_INTERRUPTED : O_NOTRUN;
	if (jv_getb(t->end, "interrupted"))
		return O_INTERRUPTED;
	if (jv_gets(t->end, "known_issue", NULL))
		return O_KNOWN;
	s = jv_gets(t->end, "status", "");
	if (!strcmp(s, "pass"))
		return O_PASS;
	if (!strcmp(s, "conf"))
		return O_CONF;
	if (!strcmp(s, "fail"))
		return O_FAIL;
	if (!strcmp(s, "warn"))
		return O_WARN;
	return O_BROK;
}

int outcome_bad(enum outcome o)
{
	return o == O_FAIL || o == O_BROK || o == O_WARN || o == O_INTERRUPTED;
}

const char *test_name(const struct test *t)
{
	return jv_gets(t->queued, "name", "?");
}

void test_label(const struct test *t, struct sbuf *b)
{
	sb_puts(b, test_name(t));
	if (jv_getn(t->queued, "iterations", 1) > 1)
		sb_printf(b, "#%d", (int)jv_getn(t->queued, "iteration", 1));
}

const struct test *test_running(const struct run *r)
{
	int i;

	for (i = 0; i < r->ntests; i++)
		if (r->tests[i].start && !r->tests[i].end)
			return &r->tests[i];
	return NULL;
}

int run_exit_status(const struct run *r)
{
	int i, notrun = 0;

	for (i = 0; i < r->ntests; i++) {
		enum outcome o = test_outcome(&r->tests[i]);

		if (outcome_bad(o))
			return FZR_EXIT_FAIL;
		notrun |= o == O_NOTRUN;
	}
	return notrun ? FZR_EXIT_STOPPED : FZR_EXIT_OK;
}
