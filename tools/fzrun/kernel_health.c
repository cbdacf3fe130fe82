// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel health around each test: the taint mask and the kernel log.
 *
 * /dev/kmsg is opened once at the start of the run and positioned at its
 * end, so only lines logged during the run are seen. Each read() returns
 * one record, "prio,seq,usec,flags;text" plus optional continuation
 * lines; the kernel answers EPIPE when records were overwritten before
 * we read them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "fzrun.h"

/*
 * What the kernel prints when something went wrong. Hung tasks and RCU
 * stalls are reported as "INFO: task ... blocked for more than" and
 * "rcu: INFO: ... detected stall(s)", so those forms are here as well.
 */
static const char *const trouble[] = {
	"BUG:", "KASAN:", "UBSAN:", "WARNING:", "Oops", "general protection fault",
	"refcount_t:", "list_add corruption", "list_del corruption",
	"soft lockup", "hung task", "blocked for more than", "RCU stall",
	"detected stall", "self-detected stall", "kernel BUG at",
};

#define NTROUBLE	(sizeof(trouble) / sizeof(trouble[0]))
/* Matching lines kept per test; a storm of them is counted, not kept */
#define MAX_HITS	50
/* The kernel's longest /dev/kmsg record (CONSOLE_EXT_LOG_MAX) */
#define KMSG_RECORD_MAX	8192
/* Records read per call, so that a printk storm cannot hold the runner */
#define KMSG_DRAIN_MAX	10000
#define USEC_PER_SEC	1000000UL
/* Room for one more letter or "(bitN)" in taint_letters() */
#define TAINT_ITEM_MAX	8

/* Letters of the taint bits as the kernel prints them, bit 0 first */
static const char taint_chars[] = "PFSRMBUDAWCIOELKXTNJ";

long taint_read(void)
{
	const char *path = getenv("FZRUN_TAINT_FILE");
	char *s, *end;
	long v;

	s = read_line_file(path && *path ? path : "/proc/sys/kernel/tainted");
	if (!s)
		return -1;
	v = strtol(s, &end, 10);
	if (end == s || v < 0)
		v = -1;
	free(s);
	return v;
}

void taint_letters(unsigned long mask, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int bit;

	buf[0] = '\0';
	for (bit = 0; bit < 8 * sizeof(mask) && len + TAINT_ITEM_MAX < size;
	     bit++) {
		if (!(mask & (1UL << bit)))
			continue;
		if (bit < sizeof(taint_chars) - 1)
			buf[len++] = taint_chars[bit];
		else
			len += snprintf(buf + len, size - len, "%s(bit%u)",
					len ? " " : "", bit);
		buf[len] = '\0';
	}
}

void health_init(struct health *h, char **extra, int nextra)
{
	int i;

	memset(h, 0, sizeof(*h));
	h->logfd = -1;
	h->npat = nextra;
	h->pat = xcalloc(nextra + 1, sizeof(*h->pat));
	for (i = 0; i < nextra; i++)
		h->pat[i] = extra[i];

	h->kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (h->kfd < 0) {
		warning("cannot read /dev/kmsg (%s): the kernel log is not checked%s",
		     strerror(errno), errno == EPERM || errno == EACCES ?
		     "; run as root or set kernel.dmesg_restrict=0" : "");
		return;
	}
	lseek(h->kfd, 0, SEEK_END);
	h->kmsg_ok = 1;
}

void kmsg_begin(struct health *h, int logfd)
{
	int i;

	for (i = 0; i < h->nhits; i++)
		free(h->hits[i]);
	free(h->hits);
	h->hits = NULL;
	h->nhits = 0;
	h->more_hits = 0;
	h->lines = 0;
	h->lost = 0;
	h->logfd = logfd;
}

static int matches(const struct health *h, const char *text, int kernel)
{
	size_t i;
	int j;

	/* user space may write anything to /dev/kmsg; only --kmsg-match applies */
	for (i = 0; kernel && i < NTROUBLE; i++)
		if (strstr(text, trouble[i]))
			return 1;
	for (j = 0; j < h->npat; j++)
		if (strstr(text, h->pat[j]))
			return 1;
	return 0;
}

static void record(struct health *h, char *rec)
{
	unsigned long prio, usec;
	char *text = strchr(rec, ';'), *line;

	if (!text || sscanf(rec, "%lu,%*u,%lu", &prio, &usec) != 2)
		return;
	text++;
	text[strcspn(text, "\n")] = '\0';
	line = xasprintf("[%5lu.%06lu] %s", usec / USEC_PER_SEC,
			 usec % USEC_PER_SEC, text);
	h->lines++;
	if (h->logfd >= 0) {
		write_all(h->logfd, line, strlen(line));
		write_all(h->logfd, "\n", 1);
	}
	if (matches(h, text, (prio & LOG_FACMASK) == LOG_KERN)) {
		if (h->nhits < MAX_HITS) {
			h->hits = xrealloc(h->hits,
					   (h->nhits + 1) * sizeof(*h->hits));
			h->hits[h->nhits++] = line;
			return;
		}
		h->more_hits++;
	}
	free(line);
}

void kmsg_drain(struct health *h)
{
	char buf[KMSG_RECORD_MAX + 1];
	int records;
	ssize_t n;

	if (h->kfd < 0)
		return;
	for (records = 0; records < KMSG_DRAIN_MAX; records++) {
		n = read(h->kfd, buf, sizeof(buf) - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {
				h->lost++;
				continue;
			}
			break;
		}
		if (n == 0)
			break;
		buf[n] = '\0';
		record(h, buf);
	}
}

void kmsg_end(struct health *h)
{
	kmsg_drain(h);
	h->logfd = -1;
}
