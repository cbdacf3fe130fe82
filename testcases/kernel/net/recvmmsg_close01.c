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
 * Thread B sends a datagram on a fresh AF_UNIX datagram socket pair and
 * closes the sending end; thread A calls recvmmsg() on the receiving
 * end for two messages, the second with an invalid iovec (it fails at
 * once with EFAULT), with a timeout of 1s, and B closes the receiving
 * end meanwhile.
 *
 * The window: between recvmmsg()'s fput() and its store to sk_err lie a
 * few instructions, while the close() has to drop the descriptor, return
 * to user space and release the socket there (task work), microseconds.
 * No offset of the two starts makes the close() fit; a stall of A's CPU
 * does (include/tst_stall.h): A arms one in the last part of its
 * recvmmsg(), where its exit path is (struct tst_stall_aim tracks where
 * recvmmsg() ends, from whether the stall fell inside it), B waits until
 * it has begun and closes then. Where the stall comes right after the
 * fput(), the release runs to its end while A waits. The stall is made a
 * few times as long as such a close() takes here.
 *
 * EBADF means the close came before recvmmsg() looked the descriptor
 * up; any other result but 1 is a TFAIL; a splat shows in the taint
 * check (with panic_on_oops, as the kernel's panic). The stall, not the
 * library's delays, orders the two sides, so the outcomes (close first
 * by EBADF, during recvmmsg() or after it by the times) are counted by
 * the test and not fed back: moving B's start would only make it miss
 * the stall.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"
#include "tst_stall.h"

/* The stall outlasts this many close()s of the receiving end */
#define STALL_CLOSES	3
/* recvmmsg()'s exit path is within its last this-many-th */
#define EXIT_PART	3
/* Sequential rounds that measure recvmmsg() and close() in setup */
#define MEASURE_ROUNDS	64

static struct tst_fzsync_pair pair;
static struct tst_stall stall;
static int sv[2] = { -1, -1 };
static char rbuf[1];
static struct iovec iov = { .iov_base = rbuf, .iov_len = sizeof(rbuf) };
static struct mmsghdr msgs[2];
/* recvmmsg()'s and close()'s durations without a race, ns */
static int64_t recv_ns, close_ns;
static struct tst_stall_aim aim;

static long recv2(int fd)
{
	struct timespec timeout = { .tv_sec = 1 };

	return tst_syscall(__NR_recvmmsg, fd, msgs, 2, 0, &timeout);
}

/* Medians of recvmmsg() of a datagram and of close() of its socket */
static void measure(void)
{
	int64_t r[MEASURE_ROUNDS], c[MEASURE_ROUNDS], t;
	int i, s[2];

	for (i = 0; i < MEASURE_ROUNDS; i++) {
		SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, s);
		SAFE_WRITE(SAFE_WRITE_ALL, s[0], "a", 1);
		SAFE_CLOSE(s[0]);
		t = tst_fzsync_now();
		if (recv2(s[1]) != 1)
			tst_brk(TBROK | TERRNO, "recvmmsg() of one datagram and a bad iovec");
		r[i] = tst_fzsync_now() - t;
		t = tst_fzsync_now();
		SAFE_CLOSE(s[1]);
		c[i] = tst_fzsync_now() - t;
	}
	recv_ns = tst_stall_median(r, MEASURE_ROUNDS);
	close_ns = tst_stall_median(c, MEASURE_ROUNDS);
}

static void setup(void)
{
	msgs[0].msg_hdr.msg_iov = &iov;
	msgs[0].msg_hdr.msg_iovlen = 1;
	/* Receiving into this fails with EFAULT after the first message */
	msgs[1].msg_hdr.msg_iov = (struct iovec *)-1;
	msgs[1].msg_hdr.msg_iovlen = 1;

	measure();
	tst_res(TINFO, "recvmmsg() takes %.1f us, close() of its socket %.1f us",
		recv_ns / 1000.0, close_ns / 1000.0);
	tst_stall_init(&stall, STALL_CLOSES * close_ns);
	/* The exit path is in recvmmsg()'s last part */
	tst_stall_aim_last_part(&aim, &stall, recv_ns, EXIT_PART,
				tst_fzsync_now());
	tst_fzsync_pair_init(&pair);
}

static void *send_and_close(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		SAFE_WRITE(SAFE_WRITE_ALL, sv[0], "a", 1);
		SAFE_CLOSE(sv[0]);
		tst_stall_expect(&stall);

		tst_fzsync_start_race_b(&pair);
		/* Close while A's CPU is stalled; A arms right at its start,
		 * a start delayed longer is not waited for */
		tst_stall_wait(&stall, recv_ns + close_ns, &pair);
		SAFE_CLOSE(sv[1]);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void run(void)
{
	long n = 0, stalled = 0, ebadf = 0, during = 0;
	int64_t d, at, start, end;

	/* Created before the iteration's run barrier, so that B sees it */
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, sv);

	tst_fzsync_pair_reset(&pair, send_and_close);
	while (tst_fzsync_run_a(&pair)) {
		d = tst_stall_aim_next(&aim);

		tst_fzsync_start_race_a(&pair);
		tst_stall_arm(&stall, d);
		at = stall.at_ns;
		start = tst_fzsync_now();
		TEST(recv2(sv[1]));
		end = tst_fzsync_now();
		/* A stall not come yet would only cost time */
		stalled += tst_stall_disarm(&stall);
		tst_fzsync_end_race_a(&pair);
		tst_stall_aim_result(&aim, d, tst_stall_where(&stall, start,
							     end, recv_ns));

		if (TST_RET == -1 && TST_ERR == EBADF) {
			ebadf++;
			n++;
		} else if (TST_RET == 1 && msgs[0].msg_len == 1 && rbuf[0] == 'a') {
			/* B closes at the stall's moment: during recvmmsg()
			 * if that ended later */
			during += end > at;
			n++;
		} else {
			tst_res(TFAIL | TTERRNO, "recvmmsg() returned %ld (first message %u bytes), expected 1 or EBADF",
				TST_RET, msgs[0].msg_len);
		}

		/* B closed both ends: the numbers are free again */
		SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, sv);
	}

	tst_res(TINFO, "A's CPU stalled in %ld of %ld recvmmsg()s, aimed at %.1f us before their end at %.1f us; close() before recvmmsg() (EBADF) %ld, during it %ld, after it %ld",
		stalled, n, aim.band_ns / 1000.0, aim.end_ns / 1000.0, ebadf,
		during, n - ebadf - during);
	tst_fzsync_pair_verdict(&pair, "recvmmsg ended first", "overlapped",
				"close ended first",
				"Nothing bad happened in %ld recvmmsg()/close() races",
				n);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
	tst_stall_cleanup(&stall);
	if (sv[0] != -1)
		SAFE_CLOSE(sv[0]);
	if (sv[1] != -1)
		SAFE_CLOSE(sv[1]);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	/* 9 in 10 at 69 s from 20 catches in 601 s of test time on 6.1.192
	 * with the bug, times 1.5; 9 of 10 measured at 120 s
	 * (doc/verification.md) */
	.runtime = 120,
	.taint_check = TST_TAINT_W | TST_TAINT_D,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "34b88a68f26a"},
		{"CVE", "2016-7117"},
		{}
	},
};
