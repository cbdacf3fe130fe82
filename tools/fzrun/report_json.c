// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * results.json in the layout of kirk, LTP's runner, so that dashboards
 * reading kirk reports read ours. What kirk does not have goes under
 * "fzsync" keys.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fzrun.h"

#define LOG_MAX		(64 << 10)

static void copy_key(struct jw *w, const struct jv *obj, const char *key)
{
	const struct jv *v = jv_get(obj, key);

	if (!v)
		return;
	jw_key(w, key);
	jw_value(w, v);
}

static void test_entry(struct jw *w, const struct run *r, const struct test *t)
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
	jw_kstr(w, "test_fqn", test_name(t));
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
	log = log_excerpt(r, t, LOG_MAX, &len);
	jw_key(w, "log");
	jw_strn(w, log ? log : "", len);
	free(log);
	jw_key(w, "retval");
	jw_arr(w);
	jw_str(w, jv_gets(e, "retval", "-1"));
	jw_end_arr(w);
	jw_key(w, "duration");
	jw_fixed(w, jv_getn(e, "duration", 0), 3);
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
	jw_kstr(w, "outcome", outcome_names[test_outcome(t)]);
	jw_key(w, "start_time");
	jw_fixed(w, jv_getn(t->start, "time", 0), 3);
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		copy_key(w, e, extra[i]);
	jw_end_obj(w);
	jw_end_obj(w);
}

int report_json(const struct run *r, const char *path)
{
	static const char *const stat_keys[] = {
		"passed", "failed", "broken", "skipped", "warnings"
	};
	const struct jv *rs = r->run_start;
	long stats[5] = {0};
	int outcomes[O_NR] = {0}, i, j, fd, ret = 0;
	double runtime = 0;
	struct sbuf b = {0};
	struct jw w;

	jw_init(&w, &b, 1);
	jw_obj(&w);
	jw_key(&w, "results");
	jw_arr(&w);
	for (i = 0; i < r->ntests; i++) {
		const struct test *t = &r->tests[i];

		outcomes[test_outcome(t)]++;
		if (!t->end)
			continue;
		test_entry(&w, r, t);
		runtime += jv_getn(t->end, "duration", 0);
		for (j = 0; j < 5; j++)
			stats[j] += jv_getn(jv_get(t->end, "counts"),
					    stat_keys[j], 0);
	}
	jw_end_arr(&w);

	jw_key(&w, "stats");
	jw_obj(&w);
	jw_key(&w, "runtime");
	jw_fixed(&w, runtime, 3);
	for (j = 0; j < 5; j++)
		jw_kint(&w, stat_keys[j], stats[j]);
	jw_end_obj(&w);

	jw_key(&w, "environment");
	jw_value(&w, jv_get(rs, "environment"));

	jw_key(&w, "fzsync");
	jw_obj(&w);
	jw_kint(&w, "tests", r->ntests);
	jw_key(&w, "outcomes");
	jw_obj(&w);
	for (i = 0; i < O_NR; i++)
		jw_kint(&w, outcome_names[i], outcomes[i]);
	jw_end_obj(&w);
	jw_kbool(&w, "complete", !outcomes[O_NOTRUN] && !test_running(r));
	jw_kint(&w, "exit_status", run_exit_status(r));
	jw_kstr(&w, "results_dir", r->dir);
	jw_kstr(&w, "journal", JOURNAL_NAME);
	jw_kint(&w, "resumes", r->resumes);
	copy_key(&w, rs, "time_iso");
	copy_key(&w, rs, "kernel");
	copy_key(&w, rs, "uname");
	copy_key(&w, rs, "cpus");
	copy_key(&w, rs, "taint");
	copy_key(&w, rs, "cmdline");
	copy_key(&w, rs, "settings");
	jw_key(&w, "kmsg_between_tests");
	jw_arr(&w);
	for (i = 0; i < (int)r->nevents; i++)
		if (!strcmp(jv_gets(r->events[i], "event", ""), "kmsg"))
			jw_value(&w, r->events[i]);
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_end_obj(&w);
	sb_putc(&b, '\n');

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write_all(fd, b.s, b.len) || fsync(fd))
		ret = -1;
	if (fd >= 0)
		close(fd);
	sb_free(&b);
	return ret;
}
