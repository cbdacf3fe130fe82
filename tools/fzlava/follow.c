// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzrun's journal, read while fzrun writes it. fzrun appends each line
 * with one write(), so a read may end inside a line: the bytes after the
 * last newline wait for the next read. A journal cut shorter (fzrun
 * --resume cuts off a line a crash tore) drops the bytes cut off.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "alloc.h"
#include "fzlava.h"
#include "msg.h"

#define READ_CHUNK	65536

void follow_init(struct follow *f, const char *dir)
{
	struct stat st;

	memset(f, 0, sizeof(*f));
	f->path = xasprintf("%s/" JOURNAL_NAME, dir);
	f->fd = -1;
	if (!stat(f->path, &st))
		f->before = st.st_size;
}

static int apply_lines(struct follow *f)
{
	char *line = f->partial.s, *end = f->partial.s + f->partial.len;
	off_t at = f->offset - (off_t)f->partial.len;	/* of f->partial.s */
	char *nl, err[128];
	int n = 0;

	while (line < end && (nl = memchr(line, '\n', end - line))) {
		struct jv *ev = json_parse(line, nl - line, err, sizeof(err));

		if (ev && ev->t == J_OBJ) {
			const char *type = jv_gets(ev, "event", "");

			if (at + (line - f->partial.s) >= f->before &&
			    (!strcmp(type, "run_start") || !strcmp(type, "resume")))
				f->ours = 1;
			journal_apply(&f->j, ev);
			n++;
		} else {
			jv_free(ev);
			if (!f->bad_lines++)
				warning("%s: a line that is no JSON object skipped (%s)",
					f->path, ev ? "not an object" : err);
		}
		line = nl + 1;
	}
	/* keep the unfinished line */
	memmove(f->partial.s, line, end - line);
	f->partial.len = end - line;
	f->partial.s[f->partial.len] = 0;
	return n;
}

int follow_read(struct follow *f)
{
	char buf[READ_CHUNK];
	struct stat st;
	ssize_t got;

	if (f->fd < 0) {
		f->fd = open(f->path, O_RDONLY | O_CLOEXEC);
		if (f->fd < 0)
			return errno == ENOENT ? 0 : -1;
	}
	if (fstat(f->fd, &st))
		return -1;
	if (st.st_size < f->offset) {
		off_t cut = f->offset - st.st_size;

		f->partial.len = (off_t)f->partial.len > cut ?
				 f->partial.len - cut : 0;
		f->offset = st.st_size;
	}
	while ((got = pread(f->fd, buf, sizeof(buf), f->offset)) > 0) {
		sb_add(&f->partial, buf, got);
		f->offset += got;
	}
	if (got < 0)
		return -1;
	if (!f->partial.len)
		return 0;
	return apply_lines(f);
}

void follow_free(struct follow *f)
{
	if (f->fd >= 0)
		close(f->fd);
	journal_free(&f->j);
	sb_free(&f->partial);
	free(f->path);
}
