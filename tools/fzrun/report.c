// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reports are rewritten from the journal at the end of every run,
 * resume and --report, each to a temporary file renamed into place, so
 * a reader never sees half a report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

char *log_excerpt(const struct run *r, const struct jtest *t, size_t max,
		  size_t *len)
{
	const char *rel = jv_gets(t->end, "log", jv_gets(t->start, "log", NULL));
	char *path, *text, *res;
	size_t n, head, tail;
	struct sbuf b = {0};

	*len = 0;
	if (!rel)
		return NULL;
	path = xasprintf("%s/%s", r->dir, rel);
	text = read_file(path, &n);
	free(path);
	if (!text || n <= max) {
		*len = text ? n : 0;
		return text;
	}
	/* a quarter from the start (setup), the rest from the end (results) */
	head = max / 4;
	tail = max - head;
	sb_add(&b, text, head);
	sb_printf(&b, "\n[fzrun: %zu bytes cut here, the whole log is %s]\n",
		  n - head - tail, rel);
	sb_add(&b, text + n - tail, tail);
	free(text);
	res = b.s;
	*len = b.len;
	return res;
}

static void one(struct run *r, const char *name,
		void (*fn)(const struct run *r, struct sbuf *b))
{
	char *path = xasprintf("%s/%s", r->dir, name);
	struct sbuf b = {0};

	fn(r, &b);
	if (write_file(path, b.s, b.len)) {
		warning("cannot write %s: %s", path, strerror(errno));
		if (!r->write_error.len)
			sb_printf(&r->write_error, "cannot write %s: %s", name,
				  strerror(errno));
		r->reports_missing = 1;
	}
	sb_free(&b);
	free(path);
}

void report_all(struct run *r)
{
	one(r, "results.json", report_json);
	one(r, "junit.xml", report_junit);
}
