// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Race recvmmsg() that fails on its second message against close() of
 * its socket (CVE-2016-7117).
 *
 * When recvmmsg() had received a datagram and then failed, it stored the
 * error in sock->sk->sk_err after fput() had dropped its reference to
 * the socket: a close() in another thread could free the socket first,
 * a use after free. Fixed by 34b88a68f26a ("net: Fix use after free in
 * the recvmmsg exit path", v4.6; the bug came with a2e2725541fa).
 *
 * Per iteration a fresh AF_UNIX datagram socket pair: thread B sends two
 * datagrams, closes the sending end and then races close() of the
 * receiving end against thread A's recvmmsg() of two messages, the
 * second with an invalid iovec, with a timeout of 1s. As in LTP's
 * cve-2016-7117 test, EBADF means the close came too early; the test
 * reports it with tst_fzsync_pair_outcome(), which moves B's start later
 * while sampling (in steps of the sections' length rather than
 * tst_fzsync_pair_add_bias()'s single spins) and then keeps the delays
 * near the offset where the order flips.
 *
 * On a fixed kernel recvmmsg() returns 1 or fails with EBADF; any other
 * result is a TFAIL, a splat shows in the taint check.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

static struct tst_fzsync_pair pair;
static int sv[2] = { -1, -1 };
static char rbuf[1];
static struct iovec iov = { .iov_base = rbuf, .iov_len = sizeof(rbuf) };
static struct mmsghdr msgs[2];

static void setup(void)
{
	msgs[0].msg_hdr.msg_iov = &iov;
	msgs[0].msg_hdr.msg_iovlen = 1;
	/* Receiving into this fails with EFAULT after the first message */
	msgs[1].msg_hdr.msg_iov = (struct iovec *)-1;
	msgs[1].msg_hdr.msg_iovlen = 1;

	tst_fzsync_pair_init(&pair);
}

static void *send_and_close(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		SAFE_WRITE(SAFE_WRITE_ALL, sv[0], "a", 1);
		SAFE_WRITE(SAFE_WRITE_ALL, sv[0], "b", 1);
		SAFE_CLOSE(sv[0]);

		tst_fzsync_start_race_b(&pair);
		SAFE_CLOSE(sv[1]);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void run(void)
{
	struct timespec timeout = { .tv_sec = 1 };
	long n = 0;

	/* Created before the iteration's run barrier, so that B sees it */
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, sv);

	tst_fzsync_pair_reset(&pair, send_and_close);
	while (tst_fzsync_run_a(&pair)) {
		tst_fzsync_start_race_a(&pair);
		TEST(tst_syscall(__NR_recvmmsg, sv[1], msgs, 2, 0, &timeout));
		tst_fzsync_end_race_a(&pair);

		if (TST_RET == -1 && TST_ERR == EBADF) {
			tst_fzsync_pair_outcome(&pair, TST_FZSYNC_B_EARLY);
			n++;
		} else if (TST_RET == 1 && msgs[0].msg_len == 1 && rbuf[0] == 'a') {
			/* The result cannot tell; the sections' times can */
			tst_fzsync_pair_outcome(&pair,
					tst_fzsync_pair_section_outcome(&pair));
			n++;
		} else {
			tst_res(TFAIL | TTERRNO, "recvmmsg() returned %ld (first message %u bytes), expected 1 or EBADF",
				TST_RET, msgs[0].msg_len);
		}

		/* B closed both ends: the numbers are free again */
		SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, sv);
	}

	tst_fzsync_pair_verdict(&pair, "recvmmsg first", "overlapped",
				"close first (EBADF)",
				"Nothing bad happened in %ld recvmmsg()/close() races",
				n);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
	if (sv[0] != -1)
		SAFE_CLOSE(sv[0]);
	if (sv[1] != -1)
		SAFE_CLOSE(sv[1]);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	.runtime = 30,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "34b88a68f26a"},
		{"CVE", "2016-7117"},
		{}
	},
};
