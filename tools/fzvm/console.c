// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest's serial console: copied to the boot's console log as it
 * comes, split into lines, the last RING_LINES kept, and scanned for the
 * kernel's panic line, the init's marks, kernel reports and floods.
 *
 * The excerpt of a crash starts where the kernel's trouble began: the
 * first report line (BUG:, Oops, WARNING:, Kernel panic, ...) since the
 * last test ended or fzrun started, a few lines before it, and up to
 * REPORT_HEAD_LINES from there, kept apart from the ring, so that a long
 * report (a KASAN report with its stacks and the panic's own dump) keeps
 * the line that names the bug; then the last TAIL_LINES, which end with
 * the panic.
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

/* Lines before the first report line that the excerpt keeps */
#define LEAD_LINES		3
/* The report's head: a KASAN report with three stacks and the memory
 * state is about 100 lines, the panic's dump after it another 50 */
#define REPORT_HEAD_LINES	200
/* The end of the console after a long report: the panic line */
#define TAIL_LINES		40
/* Without a report: what led to the end */
#define PLAIN_LINES		40

/*
 * A console flood: the same kernel report line this often (a KASAN
 * report repeating with kasan_multi_shot prints tens of thousands), or
 * this much output before fzrun started: a KASAN kernel's boot prints
 * about 60 KiB here, so 4 MiB is far above normal.
 */
#define FLOOD_REPEATS		20
#define FLOOD_BOOT_BYTES	(4 << 20)

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

static const char *ring_at(const struct console *k, int i)
{
	return k->ring[i % RING_LINES];
}

/* The report line @s starts with, after a printk prefix; NULL if none */
static const char *trouble_text(const char *s)
{
	const char *p;
	size_t t;

	for (t = 0; t < sizeof(trouble) / sizeof(trouble[0]); t++)
		if ((p = kernel_text(s, trouble[t])))
			return p;
	return NULL;
}

static void report_reset(struct console *k)
{
	int i;

	for (i = 0; i < k->nreport; i++)
		free(k->report[i]);
	free(k->report);
	k->report = NULL;
	k->nreport = 0;
	k->report_end = 0;
}

static void report_add(struct console *k, const char *s)
{
	k->report = xrealloc(k->report, (k->nreport + 1) * sizeof(*k->report));
	k->report[k->nreport++] = xstrdup(s);
}

/* How often report line @title came; floods after FLOOD_REPEATS */
static void count_title(struct console *k, const char *title)
{
	int i, slot = 0;

	for (i = 0; i < TITLE_SLOTS; i++) {
		if (k->titles[i] && !strcmp(k->titles[i], title))
			break;
		if (k->title_n[i] < k->title_n[slot])
			slot = i;
	}
	if (i == TITLE_SLOTS) {
		/* a new title replaces the rarest */
		i = slot;
		free(k->titles[i]);
		k->titles[i] = xstrdup(title);
		k->title_n[i] = 0;
	}
	if (++k->title_n[i] >= FLOOD_REPEATS && !k->flood)
		k->flood = xasprintf("the kernel report line \"%s\" came %d times%s",
				     title, k->title_n[i],
				     k->started ? "" : " before fzrun started");
}

/* Line @s (already in the ring at k->nring - 1) for the report */
static void report_line(struct console *k, const char *s)
{
	const char *title = trouble_text(s);
	int i, from;

	if (title)
		count_title(k, title);
	if (k->nreport) {
		if (k->nreport < REPORT_HEAD_LINES) {
			report_add(k, s);
			k->report_end = k->nring;
		}
		return;
	}
	if (!title)
		return;
	from = k->nring - 1 - LEAD_LINES;
	if (from < 0)
		from = 0;
	if (from < k->nring - RING_LINES)
		from = k->nring - RING_LINES;
	for (i = from; i < k->nring; i++)
		report_add(k, ring_at(k, i));
	k->report_end = k->nring;
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
	report_line(k, s);
	if (!strncmp(s, MARK_START, strlen(MARK_START))) {
		k->started = 1;
		report_reset(k);
	} else if (progress_line(s)) {
		/* a test ended: trouble from here on is the next one's */
		report_reset(k);
	}
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
	k->bytes += n;
	if (!k->started && !k->flood && k->bytes > FLOOD_BOOT_BYTES)
		k->flood = xasprintf("%zu MiB of console output before fzrun started (a boot prints well under 1 MiB)",
				     k->bytes >> 20);
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

void console_excerpt(const struct console *k, char ***lines, int *n)
{
	int first = k->nring > RING_LINES ? k->nring - RING_LINES : 0;
	int from, i, skipped;

	*n = 0;
	*lines = xmalloc((k->nreport + TAIL_LINES + PLAIN_LINES + 2) *
			 sizeof(**lines));
	if (!k->nreport) {
		from = k->nring > PLAIN_LINES ? k->nring - PLAIN_LINES : 0;
	} else {
		for (i = 0; i < k->nreport; i++)
			(*lines)[(*n)++] = xstrdup(k->report[i]);
		from = k->report_end;
		if (k->nring - from > TAIL_LINES) {
			skipped = k->nring - TAIL_LINES - from;
			from = k->nring - TAIL_LINES;
			(*lines)[(*n)++] = xasprintf("[fzvm] ... %d console line%s left out ...",
						     skipped, skipped == 1 ? "" : "s");
		}
	}
	if (from < first)
		from = first;
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
	for (i = 0; i < TITLE_SLOTS; i++)
		free(k->titles[i]);
	report_reset(k);
	free(k->panic);
	free(k->guest_error);
	free(k->flood);
	memset(k->ring, 0, sizeof(k->ring));
	memset(k->titles, 0, sizeof(k->titles));
	k->panic = k->guest_error = k->flood = NULL;
}
