// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Race the removal of an inode's last inotify mark against an event on
 * that inode.
 *
 * Before d90a10e2444b ("fsnotify: Fix fsnotify_mark_connector race",
 * v4.17) the inode's fsnotify_mark_connector could be freed by
 * inotify_rm_watch() while fsnotify() reporting an event on the inode
 * still walked it; the kernel oopsed or looped. Thread A adds an
 * IN_MODIFY watch on a file and races inotify_rm_watch() against thread
 * B's write() and lseek() on the same file, as LTP's inotify09 does.
 *
 * A fixed kernel survives; an oops or warning shows up in the taint
 * check, a loop as the timeout. The event queue tells how each iteration
 * went: IN_MODIFY before IN_IGNORED means the write was reported first,
 * IN_IGNORED alone means the mark was gone first, and IN_MODIFY after
 * IN_IGNORED means the event was delivered while the mark was being torn
 * down.
 */
#include <stdio.h>
#include <sys/inotify.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

#define FNAME "watched"

static struct tst_fzsync_pair pair;
static int fd = -1, ifd = -1;

static void setup(void)
{
	SAFE_FILE_PRINTF(FNAME, "%s", "");
	fd = SAFE_OPEN(FNAME, O_RDWR);
	ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ifd < 0)
		tst_brk(TBROK | TERRNO, "inotify_init1()");

	tst_fzsync_pair_init(&pair);
}

static void *write_seek(void *arg)
{
	char buf[64] = { 0 };

	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		SAFE_WRITE(SAFE_WRITE_ALL, fd, buf, sizeof(buf));
		SAFE_LSEEK(fd, 0, SEEK_SET);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

/*
 * Reads this iteration's events of @wd and tells their order: A_EARLY
 * the mark was gone first, HIT the event came while it was torn down,
 * B_EARLY the write was reported first; -1 after a TFAIL.
 */
static int read_events(int wd)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int modify_before = 0, modify_after = 0, ignored = 0;
	const struct inotify_event *ev;
	ssize_t len;
	char *p;

	while ((len = read(ifd, buf, sizeof(buf))) > 0) {
		for (p = buf; p < buf + len; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW)
				tst_brk(TBROK, "inotify queue overflowed");
			if (ev->wd != wd)
				tst_brk(TBROK, "event 0x%x of stale watch %d, current %d",
					ev->mask, ev->wd, wd);
			if (ev->mask & IN_IGNORED)
				ignored++;
			else if ((ev->mask & IN_MODIFY) && ignored)
				modify_after++;
			else if (ev->mask & IN_MODIFY)
				modify_before++;
		}
	}
	if (errno != EAGAIN)
		tst_brk(TBROK | TERRNO, "read(inotify fd)");

	if (ignored != 1) {
		tst_res(TFAIL, "inotify_rm_watch(%d) queued %d IN_IGNORED events, expected 1",
			wd, ignored);
		return -1;
	}

	if (modify_after)
		return TST_FZSYNC_HIT;

	return modify_before ? TST_FZSYNC_B_EARLY : TST_FZSYNC_A_EARLY;
}

static void run(void)
{
	long n = 0;
	int wd, out;

	tst_fzsync_pair_reset(&pair, write_seek);
	while (tst_fzsync_run_a(&pair)) {
		wd = inotify_add_watch(ifd, FNAME, IN_MODIFY);
		if (wd < 0)
			tst_brk(TBROK | TERRNO, "inotify_add_watch()");

		tst_fzsync_start_race_a(&pair);
		TEST(inotify_rm_watch(ifd, wd));
		tst_fzsync_end_race_a(&pair);

		if (TST_RET)
			tst_brk(TBROK | TTERRNO, "inotify_rm_watch(%d)", wd);

		out = read_events(wd);
		if (out < 0)
			continue;
		tst_fzsync_pair_outcome(&pair, out);
		n++;
	}

	tst_fzsync_pair_verdict(&pair, "rm_watch first",
				"IN_MODIFY after IN_IGNORED", "write first",
				"Kernel survived %ld mark removals racing IN_MODIFY",
				n);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
	if (ifd != -1)
		SAFE_CLOSE(ifd);
	if (fd != -1)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
	.runtime = 30,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "d90a10e2444b"},
		{}
	},
};
