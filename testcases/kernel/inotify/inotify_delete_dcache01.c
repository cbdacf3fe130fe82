// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A file must not be openable by its name once IN_DELETE for it has been
 * read.
 *
 * From 49246466a989 (v5.3) until a37d9a17f099 ("fsnotify: invalidate
 * dcache before IN_DELETE event", v5.17) unlink() queued IN_DELETE
 * before d_delete(), so a listener reacting to the event could still
 * open the deleted file through the dentry cache. Thread A unlinks a
 * file in a watched directory; thread B polls the inotify queue and, as
 * soon as IN_DELETE arrives, opens the file by name. Any open that
 * succeeds is a TFAIL.
 *
 * An iteration in which B's first read already found the event came too
 * late to look into the window (A early); one in which B was still
 * polling when the event was queued raced the unlink (a hit).
 */
#include <stdio.h>
#include <sys/inotify.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

#define FNAME "victim"

static struct tst_fzsync_pair pair;
static int ifd = -1;
/*
 * Set by A once unlink() has returned, when IN_DELETE is already queued
 * (fsnotify queues it inside the call): B's read after seeing it is the
 * last one needed, however long A took to get there. Cleared by A before
 * the start barrier.
 */
static int unlinked;

/* Written by B in its section, read by A after the end barrier */
static struct {
	long empty_reads;	/* reads that found no event */
	int got_delete;
	int open_ret;
	int open_errno;
} b_res;

static void setup(void)
{
	ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ifd < 0)
		tst_brk(TBROK | TERRNO, "inotify_init1()");
	if (inotify_add_watch(ifd, ".", IN_DELETE) < 0)
		tst_brk(TBROK | TERRNO, "inotify_add_watch(.)");

	tst_fzsync_pair_init(&pair);
}

/*
 * Polls until IN_DELETE of FNAME shows up; 0 if a read begun after A's
 * unlink() returned found none, or the loop is ending
 */
static int wait_delete(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	int last_read;
	ssize_t len;
	char *p;

	for (;;) {
		/* Acquire: A's unlink() happened before its store */
		last_read = __atomic_load_n(&unlinked, __ATOMIC_ACQUIRE);
		len = read(ifd, buf, sizeof(buf));
		if (len < 0 && errno != EAGAIN)
			tst_brk(TBROK | TERRNO, "read(inotify fd)");

		for (p = buf; len > 0 && p < buf + len; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW)
				tst_brk(TBROK, "inotify queue overflowed");
			if ((ev->mask & IN_DELETE) && ev->len &&
			    !strcmp(ev->name, FNAME))
				return 1;
		}

		b_res.empty_reads++;
		if (last_read || tst_atomic_load(&pair.exit))
			return 0;
	}
}

static void *reader(void *arg)
{
	int fd;

	while (tst_fzsync_run_b(&pair)) {
		b_res.empty_reads = 0;
		fd = -1;

		tst_fzsync_start_race_b(&pair);
		b_res.got_delete = wait_delete();
		if (b_res.got_delete) {
			fd = open(FNAME, O_RDONLY);
			b_res.open_ret = fd;
			b_res.open_errno = errno;
		}
		tst_fzsync_end_race_b(&pair);

		/* A reads b_res now: close our own copy */
		if (fd >= 0)
			SAFE_CLOSE(fd);
	}

	return arg;
}

static void run(void)
{
	long n = 0, opened = 0;
	int fd;

	tst_fzsync_pair_reset(&pair, reader);
	while (tst_fzsync_run_a(&pair)) {
		fd = SAFE_OPEN(FNAME, O_WRONLY | O_CREAT | O_EXCL, 0644);
		SAFE_WRITE(SAFE_WRITE_ALL, fd, "x", 1);
		SAFE_CLOSE(fd);
		/* Relaxed: B reads it only after the start barrier */
		__atomic_store_n(&unlinked, 0, __ATOMIC_RELAXED);

		tst_fzsync_start_race_a(&pair);
		TEST(unlink(FNAME));
		__atomic_store_n(&unlinked, 1, __ATOMIC_RELEASE);
		tst_fzsync_end_race_a(&pair);

		if (TST_RET)
			tst_brk(TBROK | TTERRNO, "unlink(%s)", FNAME);

		if (!b_res.got_delete)
			tst_brk(TBROK, "no IN_DELETE for %s after unlink() returned", FNAME);

		if (b_res.open_ret >= 0) {
			opened++;
			tst_res(TFAIL, "open(%s) succeeded after IN_DELETE (%ld empty reads before the event)",
				FNAME, b_res.empty_reads);
		} else if (b_res.open_errno != ENOENT) {
			tst_brk(TBROK, "open(%s) after IN_DELETE failed with %s, expected ENOENT",
				FNAME, tst_strerrno(b_res.open_errno));
		}

		tst_fzsync_pair_outcome(&pair, b_res.empty_reads ?
					TST_FZSYNC_HIT : TST_FZSYNC_A_EARLY);
		n++;
	}

	tst_res(TINFO, "open() after IN_DELETE: failed with ENOENT %ld, succeeded %ld",
		n - opened, opened);
	/* B opens only once the event is there: it cannot come first */
	tst_fzsync_pair_verdict(&pair, "event queued before B's first read",
				"event caught while polling",
				"B's open() before the unlink",
				"open() failed with ENOENT after each of %ld IN_DELETE events",
				n);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
	if (ifd != -1)
		SAFE_CLOSE(ifd);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
	.runtime = 30,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "a37d9a17f099"},
		{}
	},
};
