// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzrun's journal on the host: which tests the guest queued, started and
 * ended. The guest may have died in the middle of a line; such a torn
 * last line is ignored, and cut off before the host appends to the
 * journal, exactly as fzrun --resume would.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fzvm.h"

static struct htest *test_of(struct hjournal *j, const struct jv *ev)
{
	int seq = jv_getn(ev, "seq", 0);

	return seq >= 1 && seq <= j->nt ? &j->t[seq - 1] : NULL;
}

static void apply(struct hjournal *j, struct jv *ev)
{
	const char *type = jv_gets(ev, "event", "");
	struct htest *t;

	j->ev = xrealloc(j->ev, (j->nev + 1) * sizeof(*j->ev));
	j->ev[j->nev++] = ev;
	if (!strcmp(type, "run_start")) {
		j->run_start = ev;
	} else if (!strcmp(type, "test_queued")) {
		j->t = xrealloc(j->t, (j->nt + 1) * sizeof(*j->t));
		t = &j->t[j->nt++];
		memset(t, 0, sizeof(*t));
		t->seq = j->nt;
		t->queued = ev;
		t->name = jv_gets(ev, "name", "?");
		if (jv_getn(ev, "iterations", 1) > 1)
			t->label = xasprintf("%s#%d", t->name,
					     (int)jv_getn(ev, "iteration", 1));
		else
			t->label = xstrdup(t->name);
	} else if (!strcmp(type, "test_start")) {
		t = test_of(j, ev);
		if (t)
			t->start = ev;
	} else if (!strcmp(type, "test_end")) {
		t = test_of(j, ev);
		if (t)
			t->end = ev;
	} else if (!strcmp(type, "run_end")) {
		j->complete = 1;
	} else if (!strcmp(type, "run_stop")) {
		j->stopped = 1;
	}
}

int hjournal_load(struct hjournal *j, const char *path)
{
	char *text, *line, *nl;
	size_t len;

	memset(j, 0, sizeof(*j));
	j->path = xstrdup(path);
	text = read_file(path, &len);
	if (!text)
		return -1;
	j->size = len;
	for (line = text; line < text + len; line = nl + 1) {
		struct jv *ev;

		nl = memchr(line, '\n', text + len - line);
		if (!nl)
			break;
		j->good = nl + 1 - text;
		ev = json_parse(line, nl - line, NULL, 0);
		if (ev && ev->t == J_OBJ)
			apply(j, ev);
		else
			jv_free(ev);
	}
	free(text);
	return j->run_start ? 0 : -1;
}

void hjournal_free(struct hjournal *j)
{
	int i;

	for (i = 0; i < j->nev; i++)
		jv_free(j->ev[i]);
	for (i = 0; i < j->nt; i++)
		free(j->t[i].label);
	free(j->ev);
	free(j->t);
	free(j->path);
	memset(j, 0, sizeof(*j));
}

const struct htest *hjournal_running(const struct hjournal *j)
{
	int i;

	for (i = 0; i < j->nt; i++)
		if (j->t[i].start && !j->t[i].end)
			return &j->t[i];
	return NULL;
}

int hjournal_ended(const struct hjournal *j)
{
	int i, n = 0;

	for (i = 0; i < j->nt; i++)
		n += !!j->t[i].end;
	return n;
}

const char *htest_outcome(const struct htest *t)
{
	if (!t->end)
		return t->start ? "interrupted" : "not run";
	if (jv_getb(t->end, "interrupted"))
		return "interrupted";
	if (jv_gets(t->end, "known_issue", NULL))
		return "known";
	if (jv_getb(t->end, "timed_out"))
		return "timeout";
	return jv_gets(t->end, "status", "brok");
}

int hjournal_append(struct hjournal *j, const char *line)
{
	int fd = open(j->path, O_WRONLY | O_CLOEXEC);
	struct jv *ev;
	size_t len = strlen(line);
	int ret;

	ev = json_parse(line, len, NULL, 0);
	if (fd < 0 || !ev) {
		if (fd >= 0)
			close(fd);
		jv_free(ev);
		return -1;
	}
	ret = (j->good < j->size && ftruncate(fd, j->good)) ||
	      lseek(fd, j->good, SEEK_SET) < 0 ||
	      write_all(fd, line, len) || write_all(fd, "\n", 1) || fsync(fd);
	close(fd);
	if (ret) {
		jv_free(ev);
		return -1;
	}
	j->good += len + 1;
	j->size = j->good;
	apply(j, ev);
	return 0;
}
