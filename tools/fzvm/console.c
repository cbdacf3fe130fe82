// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest's serial console: copied to the boot's console log as it
 * comes, split into lines, the last RING_LINES kept for the report of a
 * crash, and scanned for the kernel's panic line and the init's marks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fzvm.h"

/* Where kernel trouble begins; the excerpt starts at the first of them */
static const char *const trouble[] = {
	"BUG:", "Oops", "general protection fault", "kernel BUG at",
	"WARNING:", "Kernel panic", "sysrq: Trigger a crash",
	"watchdog: BUG:", "rcu: INFO:", "INFO: task", "KASAN:", "UBSAN:",
	"list_add corruption", "list_del corruption", "refcount_t:",
};

void console_init(struct console *k, int fd, int echo)
{
	memset(k, 0, sizeof(*k));
	k->fd = fd;
	k->fzrun_status = -1;
	k->echo = echo;
	k->last_output = now_mono();
}

/* fzrun's line per finished test: "[3/40] name  pass  1.2s" */
static int progress_line(const char *s)
{
	if (*s++ != '[' || !(*s >= '0' && *s <= '9'))
		return 0;
	s += strspn(s, "0123456789");
	if (*s++ != '/' || !(*s >= '0' && *s <= '9'))
		return 0;
	s += strspn(s, "0123456789");
	return *s == ']';
}

/* What the host shows of the console without --console */
static int worth_echo(const char *s)
{
	return !strncmp(s, MARK_PREFIX, strlen(MARK_PREFIX)) ||
	       !strncmp(s, "fzrun: ", 7) || !strncmp(s, "qemu", 4) ||
	       progress_line(s);
}

/*
 * @what as the kernel printed it: at the start of the line or right
 * after a printk prefix ("[    1.234567] ", "[  T42] "), which may follow
 * a partial line of user space output. Anywhere else it is only text,
 * such as fzrun's summary quoting an earlier panic.
 */
static const char *kernel_text(const char *s, const char *what)
{
	const char *p = strstr(s, what);

	while (p) {
		if (p == s || (p - s >= 2 && p[-1] == ' ' && p[-2] == ']'))
			return p;
		p = strstr(p + 1, what);
	}
	return NULL;
}

static void line_done(struct console *k)
{
	const char *p;
	char *s;

	while (k->len && (k->line[k->len - 1] == '\r'))
		k->len--;
	k->line[k->len] = '\0';
	s = k->line;
	free(k->ring[k->nring % RING_LINES]);
	k->ring[k->nring % RING_LINES] = xstrdup(s);
	k->nring++;
	k->len = 0;

	if (!k->panic && (p = kernel_text(s, PANIC_TEXT)))
		k->panic = xstrdup(p);
	if (!strncmp(s, MARK_START, strlen(MARK_START)))
		k->started = 1;
	else if (!strncmp(s, MARK_EXIT, strlen(MARK_EXIT)))
		k->fzrun_status = atoi(s + strlen(MARK_EXIT));
	else if (!strncmp(s, MARK_ERROR, strlen(MARK_ERROR)) && !k->guest_error)
		k->guest_error = xstrdup(s + strlen(MARK_ERROR));

	if (k->echo == 2 || (k->echo == 1 && worth_echo(s))) {
		printf("  | %s\n", s);
		fflush(stdout);
	}
}

void console_feed(struct console *k, const char *buf, size_t n)
{
	size_t i;

	if (k->fd >= 0 && n)
		write_all(k->fd, buf, n);
	if (n)
		k->last_output = now_mono();
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			line_done(k);
			continue;
		}
		if (k->len < sizeof(k->line) - 1)
			k->line[k->len++] = buf[i];
	}
}

void console_flush(struct console *k)
{
	if (k->len)
		line_done(k);
}

static const char *ring_at(const struct console *k, int i)
{
	return k->ring[i % RING_LINES];
}

/*
 * An excerpt is the last EXCERPT_TAIL lines, or from a few lines before
 * the first kernel trouble on, at most EXCERPT_MAX lines: the oops and
 * its call trace, not the whole boot.
 */
#define EXCERPT_TAIL	40
#define EXCERPT_BEFORE	3
#define EXCERPT_MAX	120

void console_excerpt(const struct console *k, char ***lines, int *n)
{
	int first = k->nring > RING_LINES ? k->nring - RING_LINES : 0;
	int from = k->nring > EXCERPT_TAIL ? k->nring - EXCERPT_TAIL : 0, i;
	size_t t;

	for (i = first; i < k->nring; i++) {
		for (t = 0; t < sizeof(trouble) / sizeof(trouble[0]); t++)
			if (strstr(ring_at(k, i), trouble[t]))
				break;
		if (t < sizeof(trouble) / sizeof(trouble[0])) {
			/* a few lines of what led to it */
			from = i - EXCERPT_BEFORE > first ?
			       i - EXCERPT_BEFORE : first;
			break;
		}
	}
	if (k->nring - from > EXCERPT_MAX)
		from = k->nring - EXCERPT_MAX;
	*n = 0;
	*lines = xmalloc((k->nring - from + 1) * sizeof(**lines));
	for (i = from; i < k->nring; i++)
		(*lines)[(*n)++] = xstrdup(ring_at(k, i));
	(*lines)[*n] = NULL;
}

const char *console_last(const struct console *k)
{
	int i;

	for (i = k->nring - 1; i >= 0 && i >= k->nring - RING_LINES; i--)
		if (*ring_at(k, i))
			return ring_at(k, i);
	return "";
}

const char *console_first(const struct console *k)
{
	int i = k->nring > RING_LINES ? k->nring - RING_LINES : 0;

	for (; i < k->nring; i++)
		if (*ring_at(k, i))
			return ring_at(k, i);
	return "";
}

const char *console_find(const struct console *k, const char *prefix)
{
	int i;

	for (i = k->nring - 1; i >= 0 && i >= k->nring - RING_LINES; i--)
		if (!strncmp(ring_at(k, i), prefix, strlen(prefix)))
			return ring_at(k, i);
	return console_last(k);
}

void console_free(struct console *k)
{
	int i;

	for (i = 0; i < RING_LINES; i++)
		free(k->ring[i]);
	free(k->panic);
	free(k->guest_error);
	memset(k->ring, 0, sizeof(k->ring));
	k->panic = k->guest_error = NULL;
}
