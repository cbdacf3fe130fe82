// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Race an inotify event carrying a file's name against a rename of the
 * file between a short and a long name (CVE-2017-7533).
 *
 * Before 49d31c2f389a ("dentry name snapshots", v4.13) fsnotify passed
 * the child's d_name.name to inotify_handle_event() unlocked; a rename
 * between a short (inline) and a long (separately allocated) name could
 * change or free the name while inotify measured and copied it: a slab
 * out-of-bounds read (KASAN) or heap corruption. Thread A writes to an
 * open file in a watched directory, thread B renames the file from its
 * short to its long name and back, one direction per iteration.
 *
 * On a fixed kernel every IN_MODIFY names the file by its old or its new
 * name, whole; anything else is a TFAIL, a splat shows in the taint
 * check. The position of IN_MODIFY relative to IN_MOVED_FROM and
 * IN_MOVED_TO tells the order: before them the write came first, after
 * them the rename, and an IN_MODIFY carrying the name that does not fit
 * its position, or queued between the two, overlapped the rename.
 */
#include <stdio.h>
#include <sys/inotify.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

#define DIR_NAME "d"
/* Longer than any inline dentry name */
#define LONG_LEN 200

static struct tst_fzsync_pair pair;
static int fd = -1, ifd = -1;
static char short_name[] = "s";
static char long_name[LONG_LEN + 1];
static char short_path[sizeof(DIR_NAME) + sizeof(short_name)];
static char long_path[sizeof(DIR_NAME) + LONG_LEN + 1];

static void setup(void)
{
	memset(long_name, 'l', LONG_LEN);
	snprintf(short_path, sizeof(short_path), DIR_NAME "/%s", short_name);
	snprintf(long_path, sizeof(long_path), DIR_NAME "/%s", long_name);

	SAFE_MKDIR(DIR_NAME, 0755);
	fd = SAFE_OPEN(short_path, O_WRONLY | O_CREAT, 0644);

	ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ifd < 0)
		tst_brk(TBROK | TERRNO, "inotify_init1()");
	if (inotify_add_watch(ifd, DIR_NAME, IN_MODIFY | IN_MOVE) < 0)
		tst_brk(TBROK | TERRNO, "inotify_add_watch(%s)", DIR_NAME);

	tst_fzsync_pair_init(&pair);
}

/* Even iterations rename short to long, odd ones back */
static void names(int iter, const char **from, const char **to)
{
	*from = iter & 1 ? long_name : short_name;
	*to = iter & 1 ? short_name : long_name;
}

static void *renamer(void *arg)
{
	int iter = 0;

	while (tst_fzsync_run_b(&pair)) {
		const char *from = iter & 1 ? long_path : short_path;
		const char *to = iter & 1 ? short_path : long_path;

		tst_fzsync_start_race_b(&pair);
		SAFE_RENAME(from, to);
		tst_fzsync_end_race_b(&pair);
		iter++;
	}

	return arg;
}

/* Drops what is left of an iteration's events after a failure */
static void drain(void)
{
	char buf[4096];

	while (read(ifd, buf, sizeof(buf)) > 0)
		;
}

/* Position of IN_MODIFY among the events: 0 before MOVED_FROM, 1 between
 * MOVED_FROM and MOVED_TO, 2 after MOVED_TO; -1 on a bad event sequence */
static int read_events(int iter, int *modify_new)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const char *from, *to;
	const struct inotify_event *ev;
	int moves = 0, pos = -1, nmodify = 0;
	ssize_t len;
	char *p;

	names(iter, &from, &to);

	while ((len = read(ifd, buf, sizeof(buf))) > 0) {
		for (p = buf; p < buf + len; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW)
				tst_brk(TBROK, "inotify queue overflowed");

			if (ev->mask & (IN_MOVED_FROM | IN_MOVED_TO)) {
				const char *want = ev->mask & IN_MOVED_FROM ? from : to;

				if (!ev->len || strcmp(ev->name, want)) {
					tst_res(TFAIL, "%s named '%.*s', expected %zu byte name",
						ev->mask & IN_MOVED_FROM ? "IN_MOVED_FROM" : "IN_MOVED_TO",
						ev->len ? 64 : 0, ev->len ? ev->name : "",
						strlen(want));
					drain();
					return -1;
				}
				moves++;
				continue;
			}

			if (!(ev->mask & IN_MODIFY))
				continue;

			nmodify++;
			if (ev->len && !strcmp(ev->name, from)) {
				*modify_new = 0;
			} else if (ev->len && !strcmp(ev->name, to)) {
				*modify_new = 1;
			} else {
				tst_res(TFAIL, "IN_MODIFY named '%.*s' (%zu bytes), neither the old nor the new name",
					64, ev->len ? ev->name : "",
					ev->len ? strnlen(ev->name, ev->len) : 0);
				drain();
				return -1;
			}
			pos = moves;
		}
	}
	if (errno != EAGAIN)
		tst_brk(TBROK | TERRNO, "read(inotify fd)");

	if (moves != 2 || nmodify != 1) {
		tst_res(TFAIL, "got %d move and %d IN_MODIFY events, expected 2 and 1",
			moves, nmodify);
		return -1;
	}

	return pos;
}

static void run(void)
{
	int iter = 0, pos, modify_new;
	enum tst_fzsync_outcome out;
	long n = 0;

	tst_fzsync_pair_reset(&pair, renamer);
	while (tst_fzsync_run_a(&pair)) {
		tst_fzsync_start_race_a(&pair);
		TEST(pwrite(fd, "x", 1, 0));
		tst_fzsync_end_race_a(&pair);

		if (TST_RET != 1)
			tst_brk(TBROK | TTERRNO, "pwrite() returned %ld", TST_RET);

		pos = read_events(iter++, &modify_new);
		if (pos < 0)
			continue;

		if (pos == 0 && !modify_new)
			out = TST_FZSYNC_A_EARLY;
		else if (pos == 2 && modify_new)
			out = TST_FZSYNC_B_EARLY;
		else
			out = TST_FZSYNC_HIT;

		tst_fzsync_pair_outcome(&pair, out);
		n++;
	}

	tst_fzsync_pair_verdict(&pair, "write first", "interleaved",
				"rename first",
				"%ld IN_MODIFY events racing renames carried whole names",
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
		{"linux-git", "49d31c2f389a"},
		{"CVE", "2017-7533"},
		{}
	},
};
