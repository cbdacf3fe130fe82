// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * junit.xml for CI systems: one <testsuite> per runtest file. Failures
 * and warnings are <failure>, broken and interrupted tests <error>,
 * TCONF, known issues and tests a stopped run never reached <skipped>,
 * so that a CI job goes red exactly when fzrun exits non-zero.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

/* XML 1.0 cannot carry most control characters, even as references */
static void xml_esc(struct sbuf *b, const char *str, size_t n, int attr)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		size_t l = utf8_seq(s + i, n - i);
		unsigned char c = s[i];

		if (l > 1) {
			sb_add(b, (const char *)s + i, l);
			i += l;
			continue;
		}
		i++;
		if (!l || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f) {
			sb_puts(b, "\xef\xbf\xbd");
			continue;
		}
		switch (c) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		case '\n': sb_puts(b, attr ? "&#10;" : "\n"); break;
		case '\r': sb_puts(b, "&#13;"); break;
		case '\t': sb_puts(b, attr ? "&#9;" : "\t"); break;
		default: sb_putc(b, c);
		}
	}
}

static void attr(struct sbuf *b, const char *name, const char *val)
{
	sb_printf(b, " %s=\"", name);
	xml_esc(b, val ? val : "", val ? strlen(val) : 0, 1);
	sb_putc(b, '"');
}

struct tally {
	int tests, failures, errors, skipped;
	double time;
};

static int kind(enum outcome o)
{
	switch (o) {
	case O_FAIL:
	case O_WARN:
		return 'f';
	case O_BROK:
	case O_INTERRUPTED:
		return 'e';
	case O_CONF:
	case O_KNOWN:
	case O_NOTRUN:
		return 's';
	default:
		return 0;
	}
}

static void count(struct tally *y, const struct jtest *t)
{
	int k = kind(jtest_outcome(t));

	y->tests++;
	y->failures += k == 'f';
	y->errors += k == 'e';
	y->skipped += k == 's';
	y->time += jv_getn(t->end, "duration", 0);
}

static void tally_attrs(struct sbuf *b, const struct tally *y)
{
	sb_printf(b, " tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\"",
		  y->tests, y->failures, y->errors, y->skipped, y->time);
}

static void testcase(struct sbuf *b, const struct run *r, const struct jtest *t)
{
	enum outcome o = jtest_outcome(t);
	const char *reason = jv_gets(t->end, "reason", "");
	struct sbuf msg = {0};
	char *log;
	size_t len;

	sb_puts(b, "    <testcase");
	attr(b, "name", t->label);
	sb_puts(b, " classname=\"fzsync.");
	xml_esc(b, jv_gets(t->queued, "suite", ""),
		strlen(jv_gets(t->queued, "suite", "")), 1);
	sb_printf(b, "\" time=\"%.3f\">\n", jv_getn(t->end, "duration", 0));

	switch (o) {
	case O_KNOWN:
		sb_printf(&msg, "known issue: %s (%s: %s)",
			  jv_gets(t->end, "known_issue", ""),
			  jv_gets(t->end, "status", ""), reason);
		break;
	case O_NOTRUN:
		sb_puts(&msg, "not run: the run was stopped before this test");
		break;
	case O_INTERRUPTED:
		sb_puts(&msg, t->end ? reason : "did not finish");
		break;
	default:
		sb_puts(&msg, reason);
	}
	switch (kind(o)) {
	case 'f':
		sb_puts(b, "      <failure");
		attr(b, "message", msg.s);
		attr(b, "type", outcome_names[o]);
		sb_puts(b, "/>\n");
		break;
	case 'e':
		sb_puts(b, "      <error");
		attr(b, "message", msg.s);
		attr(b, "type", outcome_names[o]);
		sb_puts(b, "/>\n");
		break;
	case 's':
		sb_puts(b, "      <skipped");
		attr(b, "message", msg.s);
		sb_puts(b, "/>\n");
		break;
	}
	log = t->start ? log_excerpt(r, t, REPORT_LOG_MAX, &len) : NULL;
	if (log && len) {
		sb_puts(b, "      <system-out>");
		xml_esc(b, log, len, 0);
		sb_puts(b, "</system-out>\n");
	}
	free(log);
	sb_puts(b, "    </testcase>\n");
	sb_free(&msg);
}

void report_junit(const struct run *r, struct sbuf *b)
{
	const struct jv *rs = r->j.run_start;
	struct tally all = {0};
	char iso[64];
	int i, j;
	char **suites = NULL;
	int nsuites = 0;

	fmt_time(jv_getn(rs, "time", 0), iso, sizeof(iso));
	for (i = 0; i < r->j.ntests; i++) {
		const char *s = jv_gets(r->j.tests[i].queued, "suite", "");

		count(&all, &r->j.tests[i]);
		for (j = 0; j < nsuites && strcmp(suites[j], s); j++)
			;
		if (j == nsuites) {
			suites = xrealloc(suites, (nsuites + 1) * sizeof(*suites));
			suites[nsuites++] = (char *)s;
		}
	}

	sb_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fzrun\"");
	tally_attrs(b, &all);
	attr(b, "timestamp", iso);
	sb_puts(b, ">\n");
	for (j = 0; j < nsuites; j++) {
		struct tally y = {0};

		for (i = 0; i < r->j.ntests; i++)
			if (!strcmp(jv_gets(r->j.tests[i].queued, "suite", ""), suites[j]))
				count(&y, &r->j.tests[i]);
		sb_puts(b, "  <testsuite");
		attr(b, "name", suites[j]);
		tally_attrs(b, &y);
		attr(b, "timestamp", iso);
		attr(b, "hostname", jv_gets(rs, "hostname", ""));
		sb_puts(b, ">\n    <properties>\n");
		sb_puts(b, "      <property name=\"kernel\"");
		attr(b, "value", jv_gets(rs, "kernel", ""));
		sb_puts(b, "/>\n      <property name=\"uname\"");
		attr(b, "value", jv_gets(rs, "uname", ""));
		sb_puts(b, "/>\n      <property name=\"results_dir\"");
		attr(b, "value", r->dir);
		sb_puts(b, "/>\n    </properties>\n");
		for (i = 0; i < r->j.ntests; i++)
			if (!strcmp(jv_gets(r->j.tests[i].queued, "suite", ""), suites[j]))
				testcase(b, r, &r->j.tests[i]);
		sb_puts(b, "  </testsuite>\n");
	}
	sb_puts(b, "</testsuites>\n");
	free(suites);
}
