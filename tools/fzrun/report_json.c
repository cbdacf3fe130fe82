// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * results.json in the layout of kirk, LTP's runner, so that dashboards
 * reading kirk reports read ours. What kirk does not have goes under
 * "fzsync" keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

static void copy_key(struct jw *w, const struct jv *obj, const char *key)
{
	const struct jv *v = jv_get(obj, key);

	if (!v)
		return;
	jw_key(w, key);
	jw_value(w, v);
}

static void test_entry(struct jw *w, const struct run *r, const struct jtest *t)
{
	static const char *const extra[] = {
		"reason", "known_issue", "known_issue_where",
		"known_issue_not_seen", "exit_code", "signal", "timed_out",
		"interrupted", "stop_signal", "rebooted", "pstore", "summary",
		"taint_before", "taint_after", "taint_new", "kmsg", "kmsg_more",
		"kmsg_lost", "kmsg_log", "log", "log_bytes", "log_dropped",
		"leftover_processes", "stuck_processes", "kernel", "vm",
	};
	const struct jv *e = t->end, *argv = jv_get(t->queued, "argv");
	const struct jv *counts = jv_get(e, "counts");
	const char *status = jv_gets(e, "status", "brok");
	char *log;
	size_t i, len;

	jw_obj(w);
	jw_kstr(w, "test_fqn", t->name);
	jw_kstr(w, "status", status);
	jw_key(w, "test");
	jw_obj(w);
	jw_kstr(w, "command", jv_at(argv, 0) && jv_at(argv, 0)->t == J_STR ?
		jv_at(argv, 0)->str : "");
	jw_key(w, "arguments");
	jw_arr(w);
	for (i = 1; i < jv_len(argv); i++)
		jw_value(w, jv_at(argv, i));
	jw_end_arr(w);
	log = log_excerpt(r, t, REPORT_LOG_MAX, &len);
	jw_key(w, "log");
	jw_strn(w, log ? log : "", len);
	free(log);
	jw_key(w, "retval");
	jw_arr(w);
	jw_str(w, jv_gets(e, "retval", "-1"));
	jw_end_arr(w);
	jw_ksec(w, "duration", jv_getn(e, "duration", 0));
	jw_kint(w, "failed", jv_getn(counts, "failed", 0));
	jw_kint(w, "passed", jv_getn(counts, "passed", 0));
	jw_kint(w, "broken", jv_getn(counts, "broken", 0));
	jw_kint(w, "skipped", jv_getn(counts, "skipped", 0));
	jw_kint(w, "warnings", jv_getn(counts, "warnings", 0));
	jw_kstr(w, "result", status);
	jw_end_obj(w);

	jw_key(w, "fzsync");
	jw_obj(w);
	jw_kint(w, "seq", t->seq);
	jw_kstr(w, "suite", jv_gets(t->queued, "suite", ""));
	jw_kstr(w, "command", jv_gets(t->queued, "command", ""));
	jw_kint(w, "iteration", jv_getn(t->queued, "iteration", 1));
	jw_kstr(w, "outcome", outcome_names[jtest_outcome(t)]);
	jw_ksec(w, "start_time", jv_getn(t->start, "time", 0));
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		copy_key(w, e, extra[i]);
	jw_end_obj(w);
	jw_end_obj(w);
}

void report_json(const struct run *r, struct sbuf *b)
{
	const struct jv *rs = r->j.run_start;
	long stats[NCOUNTS] = {0};
	int outcomes[O_NR] = {0}, i, j;
	double runtime = 0;
	struct jw w;

	jw_init(&w, b, 1);
	jw_obj(&w);
	jw_key(&w, "results");
	jw_arr(&w);
	for (i = 0; i < r->j.ntests; i++) {
		const struct jtest *t = &r->j.tests[i];

		outcomes[jtest_outcome(t)]++;
		if (!t->end)
			continue;
		test_entry(&w, r, t);
		runtime += jv_getn(t->end, "duration", 0);
		for (j = 0; j < NCOUNTS; j++)
			stats[j] += jv_getn(jv_get(t->end, "counts"),
					    count_names[j], 0);
	}
	jw_end_arr(&w);

	jw_key(&w, "stats");
	jw_obj(&w);
	jw_ksec(&w, "runtime", runtime);
	for (j = 0; j < NCOUNTS; j++)
		jw_kint(&w, count_names[j], stats[j]);
	jw_end_obj(&w);

	jw_key(&w, "environment");
	jw_value(&w, jv_get(rs, "environment"));

	jw_key(&w, "fzsync");
	jw_obj(&w);
	jw_kint(&w, "tests", r->j.ntests);
	jw_key(&w, "outcomes");
	jw_obj(&w);
	for (i = 0; i < O_NR; i++)
		jw_kint(&w, outcome_names[i], outcomes[i]);
	jw_end_obj(&w);
	jw_kbool(&w, "complete", !outcomes[O_NOTRUN] &&
		 !journal_running(&r->j) && !run_not_queued(r));
	jw_kint(&w, "not_queued", run_not_queued(r));
	jw_kint(&w, "exit_status", run_exit_status(r));
	jw_kstr(&w, "results_dir", r->dir);
	jw_kstr(&w, "journal", JOURNAL_NAME);
	jw_kint(&w, "resumes", r->j.resumes);
	copy_key(&w, rs, "time_iso");
	copy_key(&w, rs, "kernel");
	copy_key(&w, rs, "uname");
	copy_key(&w, rs, "cpus");
	copy_key(&w, rs, "taint");
	copy_key(&w, rs, "cmdline");
	copy_key(&w, rs, "settings");
	jw_key(&w, "kmsg_between_tests");
	jw_arr(&w);
	for (i = 0; i < (int)r->j.nevents; i++)
		if (!strcmp(jv_gets(r->j.events[i], "event", ""), "kmsg"))
			jw_value(&w, r->j.events[i]);
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_end_obj(&w);
	sb_putc(b, '\n');
}
