// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Example reproducer: write() to a pipe racing close() of its read end.
 *
 * Not a kernel bug, a shape: thread A writes to a pipe while thread B
 * closes the pipe's last reader. If the close comes first, write() fails
 * with EPIPE; if it comes last, write() succeeds. Only when the two
 * overlap does write() run into the reader going away from under it,
 * which is where a real bug of this kind would live.
 */
#include <signal.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

static struct tst_fzsync_pair pair;
static int fds[2] = { -1, -1 };

static void setup(void)
{
	/* write() must fail with EPIPE, not kill us */
	signal(SIGPIPE, SIG_IGN);
	tst_fzsync_pair_init(&pair);
}

static void *close_reader(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		close(fds[0]);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void run(void)
{
	char buf[64] = { 0 };
	long n = 0;

	tst_fzsync_pair_reset(&pair, close_reader);
	while (tst_fzsync_run_a(&pair)) {
		SAFE_PIPE(fds);

		tst_fzsync_start_race_a(&pair);
		TEST(write(fds[1], buf, sizeof(buf)));
		tst_fzsync_end_race_a(&pair);

		if (TST_RET == -1 && TST_ERR == EPIPE) {
			/* close() came first: the library moves its start later */
			tst_fzsync_pair_outcome(&pair, TST_FZSYNC_B_EARLY);
		} else if (TST_RET == (long)sizeof(buf)) {
			/* write() first or both at once: the sections' times tell */
			tst_fzsync_pair_outcome(&pair,
					tst_fzsync_pair_section_outcome(&pair));
		} else {
			tst_brk(TBROK | TTERRNO, "write() returned %ld", TST_RET);
		}
		n++;

		SAFE_CLOSE(fds[1]);
	}

	tst_fzsync_pair_verdict(&pair, "write first", "overlapped",
				"close first (EPIPE)",
				"Nothing bad happened in %ld races", n);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
	if (fds[1] != -1)
		SAFE_CLOSE(fds[1]);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	.runtime = 10,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
};
