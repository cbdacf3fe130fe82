// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzrun: runs fzsync's (and LTP's) runtest lists on a kernel under test.
 *
 * A new run resolves its test list once and writes it to the journal;
 * --resume takes list and settings from there, so a run continued after
 * a reboot is the same run.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "fzrun.h"

static char *abs_path(const char *p)
{
	char buf[PATH_MAX];

	return realpath(p, buf) ? xstrdup(buf) : xstrdup(p);
}

static void kstr_env(struct jw *w, const char *name)
{
	const char *v = getenv(name);

	jw_key(w, name);
	if (v)
		jw_str(w, v);
	else
		jw_null(w);
}

static void str_array(struct jw *w, const char *key, char **v, int n)
{
	int i;

	jw_key(w, key);
	jw_arr(w);
	for (i = 0; i < n; i++)
		jw_str(w, v[i]);
	jw_end_arr(w);
}

static void write_run_start(struct run *r, struct cfg *c, const char *dirs,
			    int skipped, int ntests)
{
	char letters[96] = "", iso[64];
	struct sbuf b = {0};
	long taint = taint_read();
	double now = now_real();
	struct jw w;
	char cwd[PATH_MAX];

	if (taint > 0)
		taint_letters(taint, letters, sizeof(letters));
	fmt_time(now, iso, sizeof(iso));
	jw_init(&w, &b, 0);
	jw_obj(&w);
	jw_kstr(&w, "event", "run_start");
	jw_kint(&w, "version", JOURNAL_VERSION);
	jw_ksec(&w, "time", now);
	jw_kstr(&w, "time_iso", iso);
	str_array(&w, "cmdline", c->argv, c->argc);
	jw_kstr(&w, "cwd", getcwd(cwd, sizeof(cwd)) ? cwd : "");
	jw_kstr(&w, "results_dir", r->dir);
	sysinfo_write(&w);
	jw_kint(&w, "taint", taint);
	jw_kstr(&w, "taint_letters", letters);
	jw_kint(&w, "tests", ntests);

	jw_key(&w, "settings");
	jw_obj(&w);
	jw_key(&w, "timeout");
	jw_fixed(&w, c->timeout, 1);
	jw_key(&w, "kill_grace");
	jw_fixed(&w, c->kill_grace, 1);
	jw_kint(&w, "max_log", c->max_log);
	jw_key(&w, "known_issues");
	if (c->known_file)
		jw_str(&w, c->known_file);
	else
		jw_null(&w);
	str_array(&w, "kmsg_match", c->kmsg_match, c->nkmsg_match);
	jw_kstr(&w, "path_dirs", dirs);
	kstr_env(&w, "LTP_TIMEOUT_MUL");
	kstr_env(&w, "LTP_RUNTIME_MUL");
	kstr_env(&w, "FZSYNC_COVERAGE");
	str_array(&w, "lists", c->lists, c->nlists);
	str_array(&w, "select", c->select, c->nselect);
	jw_key(&w, "skip_file");
	if (c->skip_file)
		jw_str(&w, c->skip_file);
	else
		jw_null(&w);
	jw_kint(&w, "skipped_by_list", skipped);
	jw_kint(&w, "iterations", c->iterations);
	jw_key(&w, "shard");
	if (c->shard_n) {
		char shard[32];

		snprintf(shard, sizeof(shard), "%d/%d", c->shard_i, c->shard_n);
		jw_str(&w, shard);
	} else {
		jw_null(&w);
	}
	jw_end_obj(&w);
	jw_end_obj(&w);
	journal_append(r, &b);
	sb_free(&b);
}

/*
 * The queue goes to the journal a thousand tests at a time, each batch
 * with one write() and fsync(): a big queue takes seconds, not an
 * fsync() per test, and a stop signal is seen between two batches.
 */
#define QUEUE_BATCH	1000

static void write_queue(struct run *r, const struct test_list *l, int iters)
{
	struct sbuf b = {0}, line = {0};
	int i, it, seq = 0, j, batched = 0;
	struct jw w;

	for (i = 0; i < l->n && !fzr_stop; i++) {
		const struct test_def *t = &l->v[i];

		for (it = 1; it <= iters && !fzr_stop; it++) {
			sb_reset(&line);
			jw_init(&w, &line, 0);
			jw_obj(&w);
			jw_kstr(&w, "event", "test_queued");
			jw_kint(&w, "seq", ++seq);
			jw_kstr(&w, "name", t->name);
			jw_kstr(&w, "suite", t->suite);
			jw_kstr(&w, "command", t->cmdline);
			jw_key(&w, "argv");
			jw_arr(&w);
			for (j = 0; j < t->argc; j++)
				jw_str(&w, t->argv[j]);
			jw_end_arr(&w);
			jw_kbool(&w, "shell", t->shell);
			jw_kstr(&w, "where", t->where);
			jw_kint(&w, "iteration", it);
			jw_kint(&w, "iterations", iters);
			jw_end_obj(&w);
			sb_add(&b, line.s, line.len);
			sb_putc(&b, '\n');
			if (++batched == QUEUE_BATCH) {
				journal_append_lines(r, &b);
				sb_reset(&b);
				batched = 0;
			}
		}
	}
	if (batched)
		journal_append_lines(r, &b);
	sb_free(&b);
	sb_free(&line);
}

/* results/fzrun-DATE, and results/latest pointing to it */
static char *default_outdir(void)
{
	char stamp[32], *dir = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int i;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	for (i = 1; ; i++) {
		free(dir);
		dir = i == 1 ? xasprintf("results/fzrun-%s", stamp) :
			       xasprintf("results/fzrun-%s-%d", stamp, i);
		if (access(dir, F_OK))
			return dir;
	}
}

static void link_latest(const char *dir)
{
	const char *base = strrchr(dir, '/') + 1;

	unlink("results/latest.tmp");
	if (!symlink(base, "results/latest.tmp"))
		rename("results/latest.tmp", "results/latest");
}

/* Tests a normal user could not run: the harness says so in its TCONF */
static void root_warning(const struct run *r)
{
	int i, n = 0;

	if (!geteuid())
		return;
	for (i = 0; i < r->j.ntests; i++) {
		const struct jtest *t = &r->j.tests[i];

		n += jtest_outcome(t) == O_CONF &&
		     strstr(jv_gets(t->end, "reason", ""), "TCONF: ") &&
		     strstr(jv_gets(t->end, "reason", ""), "root");
	}
	if (n)
		warning("%d of %d test%s %s skipped because they need root; run fzrun as root to run them",
			n, r->j.ntests, r->j.ntests == 1 ? "" : "s",
			n == 1 ? "was" : "were");
}

static int finish(struct run *r, int status, int ran)
{
	report_all(r);
	ui_summary(r);
	if (ran)
		root_warning(r);
	if (r->write_error.len) {
		note("unusable results directory %s: %s; the journal holds the run: free space there, then rewrite the reports with fzrun --report %s",
		     r->dir, r->write_error.s, r->dir);
		return FZR_EXIT_USAGE;
	}
	return status;
}

static int new_run(struct cfg *c)
{
	struct test_list l = {0};
	struct known_list k = {0};
	struct sbuf dirs = {0};
	struct health h;
	struct run r = {0};
	char *root = find_root(), *outdir;
	int i, skipped, status, is_default = !c->outdir;

	for (i = 0; i < c->nlists; i++)
		runtest_load(c->lists[i], root, &l);
	runtest_select(&l, c->select, c->nselect);
	skipped = runtest_skip(&l, c->skip_file);
	runtest_shard(&l, c->shard_i, c->shard_n);
	if (c->list_only) {
		for (i = 0; i < l.n; i++)
			printf("%s\t%s\n", l.v[i].name, l.v[i].cmdline);
		return FZR_EXIT_OK;
	}
	if (!l.n && !c->shard_n)
		die(FZR_EXIT_USAGE, "no tests selected");
	if ((long)l.n * c->iterations > MAX_RUN_TESTS) {
		if (c->iterations > 1)
			die(FZR_EXIT_USAGE, "%d tests x %d iterations are %ld tests; a run holds at most %d",
			    l.n, c->iterations, (long)l.n * c->iterations,
			    MAX_RUN_TESTS);
		die(FZR_EXIT_USAGE, "%d tests; a run holds at most %d", l.n,
		    MAX_RUN_TESTS);
	}
	if (!c->known_file && !c->no_known_issues && root) {
		char *tree = xasprintf("%s/runtest/known-issues", root);

		if (is_file(tree))
			c->known_file = tree;
		else
			free(tree);
	}
	if (c->known_file) {
		known_load(c->known_file, &k);
		c->known_file = abs_path(c->known_file);
	}
	setup_path(c, root, &dirs);

	outdir = c->outdir ? c->outdir : default_outdir();
	journal_create(&r, outdir);
	free(r.dir);
	r.dir = abs_path(outdir);
	if (is_default)
		link_latest(outdir);

	health_init(&h, c->kmsg_match, c->nkmsg_match);
	stop_signals_init();
	write_run_start(&r, c, sb_str(&dirs), skipped, l.n * c->iterations);
	write_queue(&r, &l, c->iterations);
	if (isatty(1))
		printf("fzrun: %d tests, results in %s\n", r.j.ntests, r.dir);
	status = run_tests(&r, c, &k, &h);
	return finish(&r, status, 1);
}

/* The stored settings, unless given again on the command line */
static void resume_settings(struct cfg *c, const struct jv *s)
{
	const struct jv *km = jv_get(s, "kmsg_match");
	const char *v;
	size_t i;

	if (!c->timeout)
		c->timeout = jv_getn(s, "timeout", 0);
	if (!c->kill_grace)
		c->kill_grace = jv_getn(s, "kill_grace", 0);
	if (!c->max_log)
		c->max_log = jv_getn(s, "max_log", 0);
	if (!c->known_file && !c->no_known_issues &&
	    jv_gets(s, "known_issues", NULL))
		c->known_file = xstrdup(jv_gets(s, "known_issues", NULL));
	if (!c->nkmsg_match) {
		for (i = 0; i < jv_len(km); i++) {
			const struct jv *m = jv_at(km, i);

			c->kmsg_match = xrealloc(c->kmsg_match,
						 (i + 1) * sizeof(char *));
			c->kmsg_match[c->nkmsg_match++] =
				xstrdup(m->t == J_STR ? m->str : "");
		}
	}
	v = jv_gets(s, "LTP_TIMEOUT_MUL", NULL);
	if (v && !getenv("LTP_TIMEOUT_MUL"))
		setenv("LTP_TIMEOUT_MUL", v, 1);
	v = jv_gets(s, "LTP_RUNTIME_MUL", NULL);
	if (v && !getenv("LTP_RUNTIME_MUL"))
		setenv("LTP_RUNTIME_MUL", v, 1);
	v = jv_gets(s, "FZSYNC_COVERAGE", NULL);
	if (v && !getenv("FZSYNC_COVERAGE"))
		setenv("FZSYNC_COVERAGE", v, 1);
	cfg_defaults(c);
}

static int resume(struct cfg *c)
{
	const struct jv *settings;
	struct known_list k = {0};
	struct sbuf dirs = {0}, b = {0};
	struct health h;
	struct run r = {0};
	char *boot = boot_id(), *rel = kernel_release();
	const char *stored;
	struct jw w;
	int i;

	journal_load(&r, c->resume_dir, 1);
	free(r.dir);
	r.dir = abs_path(c->resume_dir);
	settings = jv_get(r.j.run_start, "settings");
	resume_settings(c, settings);
	if (c->known_file)
		known_load(c->known_file, &k);
	if (c->nbindirs) {
		setup_path(c, NULL, &dirs);
	} else {
		stored = jv_gets(settings, "path_dirs", "");
		if (*stored) {
			char *p = xasprintf("%s:%s", stored,
					    getenv("PATH") ? getenv("PATH") : "");

			setenv("PATH", p, 1);
			free(p);
		}
	}

	health_init(&h, c->kmsg_match, c->nkmsg_match);
	stop_signals_init();

	event_begin(&w, &b, "resume", NULL);
	str_array(&w, "cmdline", c->argv, c->argc);
	jw_kstr(&w, "kernel", rel);
	jw_kstr(&w, "boot_id", boot);
	jw_kint(&w, "taint", taint_read());
	jw_kbool(&w, "torn_line_dropped", r.torn_dropped);
	jw_kint(&w, "not_queued", run_not_queued(&r));
	jw_end_obj(&w);
	journal_append(&r, &b);
	if (strcmp(rel, jv_gets(r.j.run_start, "kernel", rel)))
		warning("this run started on kernel %s, it continues on %s",
		     jv_gets(r.j.run_start, "kernel", "?"), rel);
	if (run_not_queued(&r))
		warning("the journal queues %d of the run's %d tests: the runner was stopped while it wrote its queue; %d tests are not run",
			r.j.ntests, r.j.ntests + run_not_queued(&r),
			run_not_queued(&r));

	for (i = 0; i < r.j.ntests; i++)
		if (r.j.tests[i].start && !r.j.tests[i].end)
			mark_interrupted(&r, &r.j.tests[i]);
	/* the tests stopped by a signal or a crash run again */
	for (i = 0; c->rerun_interrupted && i < r.j.ntests; i++) {
		if (jtest_outcome(&r.j.tests[i]) != O_INTERRUPTED)
			continue;
		event_begin(&w, &b, "test_rerun", &r.j.tests[i]);
		jw_end_obj(&w);
		journal_append(&r, &b);
	}
	sb_free(&b);
	free(boot);
	free(rel);
	return finish(&r, run_tests(&r, c, &k, &h), 1);
}

const char *const tool_name = "fzrun";

int main(int argc, char *argv[])
{
	struct cfg c;

	cfg_parse(&c, argc, argv);
	if (c.report_dir) {
		struct run r = {0};

		journal_load(&r, c.report_dir, 0);
		free(r.dir);
		r.dir = abs_path(c.report_dir);
		return finish(&r, run_exit_status(&r), 0);
	}
	if (c.resume_dir)
		return resume(&c);
	cfg_defaults(&c);
	return new_run(&c);
}
