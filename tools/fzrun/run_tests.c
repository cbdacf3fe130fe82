// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The main loop: the tests the journal has not seen start yet, one at a
 * time, each between a journaled start and end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "fzrun.h"

struct runner {
	struct run *r;
	struct cfg *c;
	const struct known_list *k;
	struct health *h;
	char *release;
	char *boot;
	char *tmproot;
	struct ui ui;
	struct exec x;
};

/*
 * The runner that is running: when fzrun dies on an error (a full disk,
 * say), no process of the run and no temporary directory outlives it.
 */
static struct runner *active;

static void runner_exit(void)
{
	if (!active)
		return;
	exec_kill_all(&active->x);
	rm_rf(active->tmproot);
	active = NULL;
}

/*
 * Kernel trouble logged after one test ended and before test @seq
 * starts (0: after the last test)
 */
static void between_tests(struct runner *R, int seq)
{
	struct health *h = R->h;
	struct sbuf b = {0};
	struct jw w;
	int i;

	kmsg_begin(h, -1);
	kmsg_drain(h);
	if (!h->nhits)
		return;
	event_begin(&w, &b, "kmsg", NULL);
	jw_kint(&w, "before_seq", seq);
	jw_key(&w, "lines");
	jw_arr(&w);
	for (i = 0; i < h->nhits; i++)
		jw_str(&w, h->hits[i]);
	jw_end_arr(&w);
	jw_end_obj(&w);
	journal_append(R->r, &b);
	sb_free(&b);
	ui_clear(&R->ui);
	warning("kernel log trouble between tests: %s", h->hits[0]);
}

static char **argv_of(const struct jv *q)
{
	const struct jv *a = jv_get(q, "argv");
	size_t i, n = jv_len(a);
	char **argv = xcalloc(n + 1, sizeof(*argv));

	for (i = 0; i < n; i++) {
		const struct jv *s = jv_at(a, i);

		argv[i] = s->t == J_STR ? s->str : "";
	}
	return argv;
}

static void log_note(int fd, const char *fmt, const char *arg)
{
	struct sbuf b = {0};

	sb_puts(&b, "[fzrun] ");
	sb_printf(&b, fmt, arg);
	sb_putc(&b, '\n');
	write_all(fd, b.s, b.len);
	sb_free(&b);
}

static int open_out(const char *dir, const char *rel)
{
	char *path = xasprintf("%s/%s", dir, rel);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		die(FZR_EXIT_USAGE, "cannot create %s: %s", path,
		    strerror(errno));
	free(path);
	return fd;
}

static void run_one(struct runner *R, struct jtest *t)
{
	const struct jv *q = t->queued;
	const char *name = t->name;
	struct exec *x = &R->x;
	char **argv = argv_of(q);
	char *file, *logrel, *kmsgrel, *tmpdir, *bin = NULL, buf[64];
	const char *missing = NULL;
	long taint_before, taint_after;
	struct verdict_in vin;
	struct sbuf b = {0};
	struct jw w;
	int logfd, kfd;

	if (jv_getn(q, "iterations", 1) > 1)
		file = xasprintf("%04d-%s.%d", t->seq, name,
				 (int)jv_getn(q, "iteration", 1));
	else
		file = xasprintf("%04d-%s", t->seq, name);
	if (t->reruns) {
		char *again = xasprintf("%s.rerun%d", file, t->reruns);

		free(file);
		file = again;
	}
	logrel = xasprintf("logs/%s.log", file);
	kmsgrel = xasprintf("logs/%s.kmsg", file);
	tmpdir = xasprintf("%s/%s", R->tmproot, file);
	if (mkdir(tmpdir, 0700) && errno != EEXIST)
		die(FZR_EXIT_USAGE, "cannot create %s: %s", tmpdir,
		    strerror(errno));
	logfd = open_out(R->r->dir, logrel);
	kfd = open_out(R->r->dir, kmsgrel);

	x->argv = argv;
	x->shell = jv_getb(q, "shell");
	x->cmdline = jv_gets(q, "command", "");
	x->tmpdir = tmpdir;
	x->logfd = logfd;
	x->pid = 0;
	x->pid_start = 0;
	if (!x->shell && (!argv[0] || !(bin = which(argv[0]))))
		missing = argv[0] ? argv[0] : "";
	free(bin);

	taint_before = taint_read();
	if (!missing)
		exec_spawn(x);
	else
		memset(&x->out, 0, sizeof(x->out));

	event_begin(&w, &b, "test_start", t);
	jw_kint(&w, "pid", x->pid);
	jw_kint(&w, "pid_start", x->pid_start);
	jw_kstr(&w, "boot_id", R->boot);
	jw_kint(&w, "taint", taint_before);
	jw_key(&w, "timeout");
	jw_fixed(&w, x->timeout, 1);
	jw_kstr(&w, "log", logrel);
	jw_kstr(&w, "tmpdir", tmpdir);
	jw_end_obj(&w);
	journal_append(R->r, &b);

	ui_begin(&R->ui, t);
	kmsg_begin(R->h, kfd);
	if (!missing) {
		exec_go(x);
		exec_wait(x);
	}
	kmsg_end(R->h);
	taint_after = taint_read();

	if (missing)
		log_note(logfd, "test binary '%s' not found in PATH", missing);
	if (x->timed_out || x->stop_signal) {
		if (x->stop_signal)
			snprintf(buf, sizeof(buf), "runner stopped by %s",
				 signame(x->stop_signal));
		else
			snprintf(buf, sizeof(buf), "timed out after %.0fs",
				 x->timeout);
		log_note(logfd, x->sigkilled ?
			 "%s: the test's processes got SIGTERM, then SIGKILL" :
			 "%s: the test's processes got SIGTERM", buf);
	}
	if (!missing && x->leftovers.len)
		log_note(logfd, "killed processes the test left behind: %s",
			 x->leftovers.s);
	if (!missing && x->survivors.len)
		log_note(logfd, "processes stuck in the kernel, left behind: %s",
			 x->survivors.s);
	if (!missing && x->log_dropped) {
		snprintf(buf, sizeof(buf), "%zu", x->log_dropped);
		log_note(logfd, "log truncated: %s further bytes of output dropped (--max-log)",
			 buf);
	}
	if (R->h->lines)
		log_note(logfd, "kernel log lines during the test: %s", kmsgrel);
	if (!missing && x->log_lost) {
		warning("%s: %zu bytes of its output could not be written to %s: %s",
			t->label, x->log_lost, logrel, strerror(x->log_errno));
		if (!R->r->write_error.len)
			sb_printf(&R->r->write_error, "the output of %s could not be written to %s: %s",
				  t->label, logrel, strerror(x->log_errno));
	}
	fsync(logfd);
	close(logfd);
	fsync(kfd);
	close(kfd);
	if (!R->h->lines) {
		char *p = xasprintf("%s/%s", R->r->dir, kmsgrel);

		unlink(p);
		free(p);
	}

	memset(&vin, 0, sizeof(vin));
	vin.x = missing ? NULL : x;
	vin.missing = missing;
	vin.taint_before = taint_before;
	vin.taint_after = taint_after;
	vin.h = R->h;
	vin.kmsg_log = R->h->lines ? kmsgrel : NULL;
	vin.log = logrel;
	vin.known = known_match(R->k, name, R->release);
	vin.release = R->release;

	event_begin(&w, &b, "test_end", t);
	verdict_event(&w, &vin);
	jw_end_obj(&w);
	journal_append(R->r, &b);
	ui_end(&R->ui, t);

	rm_rf(tmpdir);
	sb_free(&b);
	free(argv);
	free(file);
	free(logrel);
	free(kmsgrel);
	free(tmpdir);
}

static void run_event(struct run *r, const char *type)
{
	struct sbuf b = {0};
	struct jw w;

	event_begin(&w, &b, type, NULL);
	if (fzr_stop)
		jw_kstr(&w, "signal", signame(fzr_stop));
	jw_end_obj(&w);
	journal_append(r, &b);
	sb_free(&b);
}

int run_tests(struct run *r, struct cfg *c, const struct known_list *k,
	      struct health *h)
{
	struct runner R = { .r = r, .c = c, .k = k, .h = h };
	const char *tmp = getenv("TMPDIR");
	int i;

	R.release = kernel_release();
	R.boot = boot_id();
	R.tmproot = xasprintf("%s/fzrun.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(R.tmproot))
		die(FZR_EXIT_USAGE, "cannot create a temporary directory %s: %s",
		    R.tmproot, strerror(errno));
	R.x.timeout = c->timeout;
	R.x.grace = c->kill_grace;
	R.x.max_log = c->max_log;
	R.x.verbose = c->verbose;
	R.x.health = h;
	R.x.tick = ui_tick;
	R.x.tick_arg = &R.ui;
	ui_init(&R.ui, r, c->verbose, c->quiet_progress);
	active = &R;
	atexit(runner_exit);

	for (i = 0; i < r->j.ntests && !fzr_stop; i++) {
		struct jtest *t = &r->j.tests[i];

		if (t->start)
			continue;
		between_tests(&R, t->seq);
		run_one(&R, t);
	}
	between_tests(&R, 0);
	ui_clear(&R.ui);
	run_event(r, fzr_stop ? "run_stop" : "run_end");
	if (fzr_stop)
		note("stopped by %s; continue with: fzrun --resume %s",
		     signame(fzr_stop), r->dir);

	rm_rf(R.tmproot);
	active = NULL;
	exec_free(&R.x);
	free(R.tmproot);
	free(R.release);
	free(R.boot);
	return fzr_stop ? FZR_EXIT_STOPPED : run_exit_status(r);
}
