// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * AF_UNIX garbage collector scaffolding for the unix_gc_peek tests.
 */
#define TST_NO_DEFAULT_MAIN

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"
#include "tst_stall.h"
#include "unix_gc.h"

/*
 * The kernel makes a sender of unix sockets wait for a running collection
 * once the user has this many descriptors in flight
 * (UNIX_INFLIGHT_SANE_USER, SCM_MAX_FD * 8).
 */
#define BALLAST_MSGS 9
/* The stall outlasts this many peek + close of thread A */
#define STALL_PEEKS 4
/* Sequential rounds that measure a collection and a peek + close */
#define MEASURE_ROUNDS 32
/* The collection is the last this-many-th of B's wait for it (the rest
 * is the close that schedules it and the worker's wake-up) */
#define COLLECT_PART 2

void unix_send_fds(int sock, int fd, int n)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * UNIX_GC_MAX_FDS)];
		struct cmsghdr align;
	} u;
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = CMSG_SPACE(sizeof(int) * n),
	};
	struct cmsghdr *cmsg;
	int i, *fds;

	if (n < 1 || n > UNIX_GC_MAX_FDS)
		tst_brk(TBROK, "cannot send %d descriptors in one message", n);

	memset(&u, 0, sizeof(u));
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int) * n);
	fds = (int *)CMSG_DATA(cmsg);
	for (i = 0; i < n; i++)
		fds[i] = fd;

	SAFE_SENDMSG(1, sock, &msg, 0);
}

ssize_t unix_recv_fd(int sock, int flags, int *fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg;
	ssize_t ret;

	*fd = -1;
	ret = recvmsg(sock, &msg, flags | MSG_CMSG_CLOEXEC);
	if (ret < 0)
		return ret;

	cmsg = CMSG_FIRSTHDR(&msg);
	if (cmsg && cmsg->cmsg_level == SOL_SOCKET &&
	    cmsg->cmsg_type == SCM_RIGHTS &&
	    cmsg->cmsg_len >= CMSG_LEN(sizeof(int)))
		memcpy(fd, CMSG_DATA(cmsg), sizeof(int));

	return ret;
}

static void send_copies(int sock, int fd, int copies)
{
	int n;

	for (; copies > 0; copies -= n) {
		n = copies < UNIX_GC_MAX_FDS ? copies : UNIX_GC_MAX_FDS;
		unix_send_fds(sock, fd, n);
	}
}

void unix_cycle_build(struct unix_cycle *c, int extra)
{
	int xs[2], rs[2];

	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, xs);
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, rs);

	/* X goes in flight first, so the collector looks at X before R */
	unix_send_fds(rs[0], xs[1], 1);
	SAFE_CLOSE(xs[1]);
	unix_send_fds(xs[0], rs[1], 1);
	send_copies(xs[0], rs[1], extra);

	c->x_tx = xs[0];
	c->r_tx = rs[0];
	c->r = rs[1];
}

int unix_cycle_check(struct unix_cycle *c, int x)
{
	int r, queued = 0;
	ssize_t ret;

	ret = unix_recv_fd(x, MSG_PEEK | MSG_DONTWAIT, &r);
	if (ret < 0 && errno == EAGAIN) {
		tst_res(TFAIL, "receive queue of live socket X (fd %d) was purged: the datagram carrying R is gone",
			x);
		SAFE_CLOSE(x);
		return -1;
	}
	if (ret != 1 || r < 0)
		tst_brk(TBROK | TERRNO, "peeking at X's queue returned %zd, descriptor %d",
			ret, r);

	SAFE_IOCTL(r, SIOCINQ, &queued);
	SAFE_CLOSE(x);
	c->r = r;
	if (!queued) {
		tst_res(TFAIL, "receive queue of R was purged while X, which holds R, is live: the datagram carrying X is gone");
		return -1;
	}

	return 0;
}

void unix_cycle_destroy(struct unix_cycle *c)
{
	/* What is left becomes garbage for the next collection */
	if (c->r != -1)
		SAFE_CLOSE(c->r);
	if (c->x_tx != -1)
		SAFE_CLOSE(c->x_tx);
	if (c->r_tx != -1)
		SAFE_CLOSE(c->r_tx);
}

void unix_dead_cycle_build(struct unix_dead_cycle *d, int copies)
{
	int ys[2], zs[2];
	struct stat st;

	if (d->diag == -1)
		d->diag = SAFE_SOCKET(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG);

	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, ys);
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, zs);
	SAFE_FSTAT(ys[1], &st);

	unix_send_fds(zs[0], ys[1], 1);
	send_copies(ys[0], zs[1], copies);
	SAFE_CLOSE(ys[1]);
	SAFE_CLOSE(zs[1]);

	d->y_tx = ys[0];
	d->z_tx = zs[0];
	d->y_ino = st.st_ino;
}

/* Bytes in the socket's receive queue, -1 once the socket is gone */
static long diag_rqlen(int diag, unsigned int ino)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} msg = {
		.nlh = {
			.nlmsg_len = sizeof(msg),
			.nlmsg_type = SOCK_DIAG_BY_FAMILY,
			.nlmsg_flags = NLM_F_REQUEST,
		},
		.req = {
			.sdiag_family = AF_UNIX,
			.udiag_ino = ino,
			.udiag_show = UDIAG_SHOW_RQLEN,
			.udiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE },
		},
	};
	long buf[1024];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlattr *nla;
	ssize_t len;
	int left;

	if (send(diag, &msg, sizeof(msg), 0) != sizeof(msg))
		tst_brk(TBROK | TERRNO, "sock_diag request");
	len = recv(diag, buf, sizeof(buf), 0);
	if (len < 0 || !NLMSG_OK(nlh, (size_t)len))
		tst_brk(TBROK | TERRNO, "sock_diag reply of %zd bytes", len);

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		int err = -((struct nlmsgerr *)NLMSG_DATA(nlh))->error;

		if (err == ENOENT)
			return -1;
		tst_brk(TBROK, "sock_diag of inode %u: %s", ino,
			tst_strerrno(err));
	}

	nla = (struct nlattr *)((char *)NLMSG_DATA(nlh) +
				NLMSG_ALIGN(sizeof(struct unix_diag_msg)));
	left = nlh->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct unix_diag_msg)));
	while (left >= (int)sizeof(*nla) && nla->nla_len >= sizeof(*nla) &&
	       nla->nla_len <= left) {
		if (nla->nla_type == UNIX_DIAG_RQLEN) {
			struct unix_diag_rqlen *rql = (void *)((char *)nla + NLA_HDRLEN);

			return rql->udiag_rqueue;
		}
		left -= NLA_ALIGN(nla->nla_len);
		nla = (struct nlattr *)((char *)nla + NLA_ALIGN(nla->nla_len));
	}

	tst_brk(TBROK, "sock_diag reply without UNIX_DIAG_RQLEN");
}

int unix_dead_cycle_alive(struct unix_dead_cycle *d)
{
	return diag_rqlen(d->diag, d->y_ino) > 0;
}

void unix_dead_cycle_destroy(struct unix_dead_cycle *d)
{
	if (d->y_tx != -1)
		SAFE_CLOSE(d->y_tx);
	if (d->z_tx != -1)
		SAFE_CLOSE(d->z_tx);
	if (d->diag != -1)
		SAFE_CLOSE(d->diag);
}

void unix_gc_trigger_init(struct unix_gc_trigger *t)
{
	int devnull;

	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, t->sink);
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_DGRAM, 0, t->ballast);

	/* Not sockets: they count for the user but are not in the graph */
	devnull = SAFE_OPEN("/dev/null", O_RDONLY);
	send_copies(t->ballast[0], devnull, BALLAST_MSGS * UNIX_GC_MAX_FDS);
	SAFE_CLOSE(devnull);
}

void unix_gc_trigger_arm(struct unix_gc_trigger *t)
{
	t->trig = SAFE_SOCKET(AF_UNIX, SOCK_DGRAM, 0);
}

void unix_gc_trigger_fire(struct unix_gc_trigger *t)
{
	/* Releasing a unix socket while any is in flight schedules unix_gc() */
	SAFE_CLOSE(t->trig);
	/* wait_for_unix_gc() in sendmsg() flushes the running collection */
	unix_send_fds(t->sink[0], t->sink[0], 1);
}

void unix_gc_trigger_drain(struct unix_gc_trigger *t)
{
	int fd;

	if (unix_recv_fd(t->sink[1], MSG_DONTWAIT, &fd) != 1 || fd < 0)
		tst_brk(TBROK | TERRNO, "receiving from the collector's sink");
	SAFE_CLOSE(fd);
}

void unix_gc_trigger_destroy(struct unix_gc_trigger *t)
{
	int i;

	if (t->trig != -1)
		SAFE_CLOSE(t->trig);
	for (i = 0; i < 2; i++) {
		if (t->sink[i] != -1)
			SAFE_CLOSE(t->sink[i]);
		if (t->ballast[i] != -1)
			SAFE_CLOSE(t->ballast[i]);
	}
}

static int peek_close(struct unix_cycle *c)
{
	int x;

	TEST(unix_recv_fd(c->r, MSG_PEEK | MSG_DONTWAIT, &x));
	if (TST_RET != 1 || x < 0)
		tst_brk(TBROK | TTERRNO, "peeking at R's queue returned %ld, descriptor %d",
			TST_RET, x);
	SAFE_CLOSE(c->r);
	c->r = -1;
	return x;
}

void unix_gc_race_setup(struct unix_gc_race *race, struct unix_cycle *c)
{
	int64_t col[MEASURE_ROUNDS], peek[MEASURE_ROUNDS], t, peek_ns;
	int i, x;

	for (i = 0; i < MEASURE_ROUNDS; i++) {
		unix_gc_trigger_arm(race->gc);
		t = tst_fzsync_now();
		unix_gc_trigger_fire(race->gc);
		col[i] = tst_fzsync_now() - t;
		unix_gc_trigger_drain(race->gc);

		/* No collection runs: the cycle stays whole */
		t = tst_fzsync_now();
		x = peek_close(c);
		peek[i] = tst_fzsync_now() - t;
		if (unix_cycle_check(c, x))
			tst_brk(TBROK, "the cycle was purged with no collection running");
	}
	race->collect_ns = tst_stall_median(col, MEASURE_ROUNDS);
	peek_ns = tst_stall_median(peek, MEASURE_ROUNDS);
	tst_res(TINFO, "a collection takes %.1f us, a peek + close %.1f us",
		race->collect_ns / 1000.0, peek_ns / 1000.0);
	tst_stall_init(race->stall, STALL_PEEKS * peek_ns);
	/* The collection runs at the end of B's wait for it */
	tst_stall_aim_init(&race->aim, race->stall->arm_ns + race->collect_ns,
			   race->collect_ns / COLLECT_PART, tst_fzsync_now());
}

void unix_gc_peek_expect(struct unix_gc_race *race)
{
	tst_stall_expect(race->stall);
}

int unix_gc_peek_close(struct unix_gc_race *race, struct unix_cycle *c)
{
	/* B arms right at its start; a start delayed longer than a
	 * collection is not waited for */
	tst_stall_wait(race->stall, race->collect_ns, race->pair);
	return peek_close(c);
}

void *unix_gc_collect(void *arg)
{
	struct unix_gc_race *race = arg;
	int64_t d, start, end;

	while (tst_fzsync_run_b(race->pair)) {
		unix_gc_trigger_arm(race->gc);
		d = tst_stall_aim_next(&race->aim);

		tst_fzsync_start_race_b(race->pair);
		tst_stall_arm(race->stall, d);
		start = tst_fzsync_now();
		unix_gc_trigger_fire(race->gc);
		end = tst_fzsync_now();
		tst_stall_disarm(race->stall);
		tst_fzsync_end_race_b(race->pair);

		tst_stall_aim_result(&race->aim, d,
				     tst_stall_where(race->stall, start, end,
						     race->collect_ns));
		unix_gc_trigger_drain(race->gc);
	}

	return NULL;
}

double unix_gc_pct(long n, long total)
{
	return total ? 100.0 * n / total : 0;
}
