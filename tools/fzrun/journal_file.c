// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The run's journal on disk: created by a new run, read back by
 * --resume and --report (through the shared reader), and appended to.
 * Every event is fsync()ed before the runner goes on; a torn last line
 * left by a crash is cut off before a resumed run appends.
 *
 * An exclusive flock() keeps a second fzrun (a --resume while the
 * first one still runs) out of the results directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>

#include "fzrun.h"

static void lock(int fd, const char *dir)
{
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		if (errno == EWOULDBLOCK)
			die(FZR_EXIT_USAGE, "%s is in use by another fzrun", dir);
		die(FZR_EXIT_USAGE, "cannot lock %s/%s: %s", dir, JOURNAL_NAME,
		    strerror(errno));
	}
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

void journal_create(struct run *r, const char *dir)
{
	char *path, *logs;

	if (mkdir_p(dir, 0755))
		die(FZR_EXIT_USAGE, "cannot create results directory %s: %s",
		    dir, strerror(errno));
	if (access(dir, W_OK))
		die(FZR_EXIT_USAGE, "results directory %s is not writable: %s",
		    dir, strerror(errno));
	logs = xasprintf("%s/logs", dir);
	if (mkdir_p(logs, 0755))
		die(FZR_EXIT_USAGE, "cannot create %s: %s", logs,
		    strerror(errno));
	free(logs);
	path = xasprintf("%s/%s", dir, JOURNAL_NAME);
	r->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC,
		     0644);
	if (r->fd < 0 && errno == EEXIST)
		die(FZR_EXIT_USAGE, "%s already holds a run: continue it with --resume %s, or choose another -o",
		    dir, dir);
	if (r->fd < 0)
		die(FZR_EXIT_USAGE, "cannot create %s: %s", path,
		    strerror(errno));
	lock(r->fd, dir);
	sync_dir(dir);
	r->dir = xstrdup(dir);
	free(path);
}

void journal_load(struct run *r, const char *dir, int writable)
{
	char *path = xasprintf("%s/%s", dir, JOURNAL_NAME);

	r->fd = -1;
	if (writable) {
		r->fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (r->fd < 0)
			die(FZR_EXIT_USAGE, "%s holds no run to resume (%s: %s)",
			    dir, path, strerror(errno));
		lock(r->fd, dir);
	}
	if (journal_read(&r->j, path)) {
		if (errno == ENOMSG)
			die(FZR_EXIT_USAGE, "%s: no run start in the journal",
			    path);
		die(FZR_EXIT_USAGE, "%s holds no run (%s: %s)", dir, path,
		    strerror(errno));
	}
	r->dir = xstrdup(dir);
	if (r->j.bad_lines)
		warning("%s:%d: unreadable journal line skipped (%s)%s", path,
			r->j.first_bad_line, r->j.bad_error,
			r->j.bad_lines > 1 ? ", and more after it" : "");
	if (r->j.unknown_tests)
		warning("%s: %d events of tests that were never queued ignored",
			path, r->j.unknown_tests);
	if (r->j.torn && writable) {
		warning("%s: dropped a torn last line (the runner died while writing it)",
			path);
		r->torn_dropped = 1;
		if (journal_cut_torn(&r->j, r->fd))
			die(FZR_EXIT_USAGE, "cannot truncate %s: %s", path,
			    strerror(errno));
	}
	free(path);
}

void event_begin(struct jw *w, struct sbuf *b, const char *type,
		 const struct jtest *t)
{
	sb_reset(b);
	jw_init(w, b, 0);
	jw_obj(w);
	jw_kstr(w, "event", type);
	if (t) {
		jw_kint(w, "seq", t->seq);
		jw_kstr(w, "name", t->name);
	}
	jw_ksec(w, "time", now_real());
}

static void __attribute__((noreturn)) write_failed(struct run *r,
						    const char *text)
{
	if (errno == EINVAL)
		die(FZR_EXIT_USAGE, "internal error: bad journal event: %s",
		    text);
	die(FZR_EXIT_USAGE, "cannot write the journal in %s: %s", r->dir,
	    strerror(errno));
}

void journal_append(struct run *r, struct sbuf *line)
{
	if (journal_write(&r->j, r->fd, line->s, line->len))
		write_failed(r, line->s);
}

void journal_append_lines(struct run *r, struct sbuf *lines)
{
	if (journal_write_lines(&r->j, r->fd, lines->s, lines->len))
		write_failed(r, lines->s);
}
