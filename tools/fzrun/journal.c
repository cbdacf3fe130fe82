// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The journal: one JSON object per line, each written with one write()
 * and fsync()ed before the runner goes on. A crash can only tear the
 * last line; reading drops such a line and truncates it away.
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
	char *text, *line, *next;
	size_t len, good = 0;
	int lineno = 0;

	r->fd = -1;
	if (writable) {
		r->fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (r->fd < 0)
			die(FZR_EXIT_USAGE, "%s holds no run to resume (%s: %s)",
			    dir, path, strerror(errno));
		lock(r->fd, dir);
	}
	text = read_file(path, &len);
	if (!text)
		die(FZR_EXIT_USAGE, "%s holds no run (%s: %s)", dir, path,
		    strerror(errno));
	r->dir = xstrdup(dir);

	for (line = text; line < text + len; line = next) {
		char err[128];
		struct jv *ev;
		char *nl = memchr(line, '\n', text + len - line);

		lineno++;
		next = nl ? nl + 1 : text + len;
		ev = json_parse(line, (nl ? nl : text + len) - line, err,
				sizeof(err));
		if (ev && nl && ev->t == J_OBJ) {
			run_apply(r, ev);
			good = next - text;
			continue;
		}
		jv_free(ev);
		if (next < text + len) {
			warn("%s:%d: unreadable journal line skipped (%s)",
			     path, lineno, err);
			good = next - text;
			continue;
		}
		/* the last line, torn by a crash while it was written */
		r->torn = 1;
	}
	if (r->torn && writable) {
		warn("%s: dropped a torn last line (the runner died while writing it)",
		     path);
		if (ftruncate(r->fd, good))
			die(FZR_EXIT_USAGE, "cannot truncate %s: %s", path,
			    strerror(errno));
	}
	if (!r->run_start)
		die(FZR_EXIT_USAGE, "%s: no run start in the journal", path);
	free(text);
	free(path);
}

void journal_append(struct run *r, struct sbuf *line)
{
	char err[128];
	struct jv *ev;

	ev = json_parse(line->s, line->len, err, sizeof(err));
	if (!ev)
		die(FZR_EXIT_USAGE, "internal error: bad journal event (%s): %s",
		    err, line->s);
	sb_putc(line, '\n');
	if (write_all(r->fd, line->s, line->len) || fsync(r->fd))
		die(FZR_EXIT_USAGE, "cannot write the journal in %s: %s",
		    r->dir, strerror(errno));
	run_apply(r, ev);
}
