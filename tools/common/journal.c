// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzrun's journal, read back and appended to.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "files.h"
#include "journal.h"

const char *const outcome_names[O_NR] = {
	[O_PASS] = "pass", [O_CONF] = "conf", [O_KNOWN] = "known",
	[O_FAIL] = "fail", [O_BROK] = "brok", [O_WARN] = "warn",
	[O_INTERRUPTED] = "interrupted", [O_NOTRUN] = "not run",
};

static struct jtest *test_of(struct journal *j, const struct jv *ev)
{
	int seq = jv_getn(ev, "seq", 0);

	if (seq < 1 || seq > j->ntests) {
		j->unknown_tests++;
		return NULL;
	}
	return &j->tests[seq - 1];
}

static void queue(struct journal *j, const struct jv *ev)
{
	struct jtest *t;

	j->tests = xrealloc(j->tests, (j->ntests + 1) * sizeof(*j->tests));
	t = &j->tests[j->ntests++];
	memset(t, 0, sizeof(*t));
	t->seq = j->ntests;
	t->queued = ev;
	t->name = jv_gets(ev, "name", "?");
	if (jv_getn(ev, "iterations", 1) > 1)
		t->label = xasprintf("%s#%d", t->name,
				     (int)jv_getn(ev, "iteration", 1));
	else
		t->label = xstrdup(t->name);
}

void journal_apply(struct journal *j, struct jv *ev)
{
	const char *type = jv_gets(ev, "event", "");
	struct jtest *t;

	j->events = xrealloc(j->events, (j->nevents + 1) * sizeof(*j->events));
	j->events[j->nevents++] = ev;

	if (!strcmp(type, "run_start")) {
		j->run_start = ev;
	} else if (!strcmp(type, "test_queued")) {
		queue(j, ev);
	} else if (!strcmp(type, "test_start")) {
		t = test_of(j, ev);
		if (t)
			t->start = ev;
	} else if (!strcmp(type, "test_end")) {
		t = test_of(j, ev);
		if (t)
			t->end = ev;
	} else if (!strcmp(type, "test_rerun")) {
		/* the test runs again: its earlier events stay as history */
		t = test_of(j, ev);
		if (t) {
			t->start = t->end = NULL;
			t->reruns++;
		}
	} else if (!strcmp(type, "resume")) {
		j->resumes++;
	} else if (!strcmp(type, "run_end")) {
		j->complete = 1;
	} else if (!strcmp(type, "run_stop")) {
		j->stopped = 1;
	}
}

int journal_read(struct journal *j, const char *path)
{
	char *text, *line, *next;
	size_t len;
	int lineno = 0;

	memset(j, 0, sizeof(*j));
	text = read_file(path, &len);
	if (!text)
		return -1;
	j->size = len;
	for (line = text; line < text + len; line = next) {
		char err[sizeof(j->bad_error)];
		char *nl = memchr(line, '\n', text + len - line);
		struct jv *ev;

		lineno++;
		if (!nl) {
			/* the last line, cut short by a crash while written */
			j->torn = 1;
			break;
		}
		next = nl + 1;
		j->good = next - text;
		ev = json_parse(line, nl - line, err, sizeof(err));
		if (ev && ev->t == J_OBJ) {
			journal_apply(j, ev);
			continue;
		}
		jv_free(ev);
		if (!j->bad_lines++) {
			j->first_bad_line = lineno;
			snprintf(j->bad_error, sizeof(j->bad_error), "%s",
				 ev ? "not an object" : err);
		}
	}
	free(text);
	if (!j->run_start) {
		errno = ENOMSG;
		return -1;
	}
	return 0;
}

void journal_free(struct journal *j)
{
	size_t i;
	int k;

	for (i = 0; i < j->nevents; i++)
		jv_free(j->events[i]);
	for (k = 0; k < j->ntests; k++)
		free(j->tests[k].label);
	free(j->events);
	free(j->tests);
	memset(j, 0, sizeof(*j));
}

int journal_cut_torn(struct journal *j, int fd)
{
	if (!j->torn)
		return 0;
	if (ftruncate(fd, j->good))
		return -1;
	j->torn = 0;
	j->size = j->good;
	return 0;
}

int journal_write_lines(struct journal *j, int fd, const char *text,
			size_t len)
{
	struct jv **evs = NULL;
	const char *line, *nl;
	size_t n = 0, i;
	int ret = 0;

	/* parsed before anything is written: a bad event is no torn line */
	for (line = text; line < text + len; line = nl + 1) {
		struct jv *ev;

		nl = memchr(line, '\n', text + len - line);
		ev = nl ? json_parse(line, nl - line, NULL, 0) : NULL;
		if (!ev || ev->t != J_OBJ) {
			jv_free(ev);
			errno = EINVAL;
			ret = -1;
			break;
		}
		evs = xrealloc(evs, (n + 1) * sizeof(*evs));
		evs[n++] = ev;
	}
	if (!ret && (write_all(fd, text, len) || fsync(fd)))
		ret = -1;
	if (ret) {
		int e = errno;

		for (i = 0; i < n; i++)
			jv_free(evs[i]);
		free(evs);
		errno = e;
		return -1;
	}
	j->size += len;
	j->good = j->size;
	for (i = 0; i < n; i++)
		journal_apply(j, evs[i]);
	free(evs);
	return 0;
}

int journal_write(struct journal *j, int fd, const char *line, size_t len)
{
	struct sbuf b = {0};
	int ret;

	sb_add(&b, line, len);
	sb_putc(&b, '\n');
	ret = journal_write_lines(j, fd, b.s, b.len);
	sb_free(&b);
	return ret;
}

const struct jtest *journal_running(const struct journal *j)
{
	int i;

	for (i = 0; i < j->ntests; i++)
		if (j->tests[i].start && !j->tests[i].end)
			return &j->tests[i];
	return NULL;
}

int journal_ended(const struct journal *j)
{
	int i, n = 0;

	for (i = 0; i < j->ntests; i++)
		n += !!j->tests[i].end;
	return n;
}

enum outcome jtest_outcome(const struct jtest *t)
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

const char *jtest_result(const struct jtest *t)
{
	enum outcome o = jtest_outcome(t);

	if (o == O_BROK && jv_getb(t->end, "timed_out"))
		return "timeout";
	return outcome_names[o];
}
