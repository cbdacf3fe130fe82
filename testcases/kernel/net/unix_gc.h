/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AF_UNIX garbage collector scaffolding for the unix_gc_peek tests.
 *
 * The cycle: socket X is in flight in R's receive queue, R is in flight
 * in X's queue. X has no file descriptor, R has one (r), so the cycle is
 * alive. Peeking at R's queue installs X into a new descriptor; closing
 * r afterwards leaves R reachable only through live X. A collector that
 * read X's file count before the peek and R's after the close takes the
 * pair for garbage and purges both receive queues, although X is live.
 */
#ifndef UNIX_GC_H
#define UNIX_GC_H

#include <sys/types.h>

#include "tst_stall.h"

/* Most descriptors one SCM_RIGHTS message carries */
#define UNIX_GC_MAX_FDS 253

struct unix_cycle {
	int x_tx;	/* X's peer: sends into X's queue */
	int r_tx;	/* R's peer: sends into R's queue */
	int r;		/* R's only descriptor, -1 while closed */
};

#define UNIX_CYCLE_INIT { .x_tx = -1, .r_tx = -1, .r = -1 }

/* A socket whose close() schedules the collector, and a way to wait for it */
struct unix_gc_trigger {
	int trig;	/* closed to schedule a collection */
	int sink[2];	/* a send with a unix socket attached waits for it */
	int ballast[2];	/* keeps the user's in-flight count above the
			   kernel's threshold for that wait */
};

#define UNIX_GC_TRIGGER_INIT \
	{ .trig = -1, .sink = { -1, -1 }, .ballast = { -1, -1 } }

/*
 * unix_send_fds() - Send one byte carrying @n copies of @fd.
 */
void unix_send_fds(int sock, int fd, int n);

/*
 * unix_recv_fd() - recvmsg() one datagram with @flags, taking at most one
 * descriptor.
 *
 * Return: recvmsg()'s result; *@fd is the received descriptor or -1.
 */
ssize_t unix_recv_fd(int sock, int flags, int *fd);

/*
 * unix_cycle_build() - Build the X/R cycle. X's queue holds R once, then
 * @extra more copies of R, which make the collector's look at R long.
 */
void unix_cycle_build(struct unix_cycle *c, int extra);

/*
 * unix_cycle_check() - After the peek returned X as @x and r was closed:
 * both queues must still hold their datagrams. Gets a new r through X,
 * closes @x and so restores the cycle.
 *
 * Return: 0, or -1 after a TFAIL naming what the collector purged.
 */
int unix_cycle_check(struct unix_cycle *c, int x);

void unix_cycle_destroy(struct unix_cycle *c);

/*
 * A cycle that is garbage: Y and Z hold each other and have no
 * descriptors; only their peers, which do not keep them alive, are open.
 */
struct unix_dead_cycle {
	int y_tx;		/* Y's peer */
	int z_tx;		/* Z's peer */
	unsigned int y_ino;	/* Y's inode, to look it up with sock_diag */
	int diag;		/* NETLINK_SOCK_DIAG socket */
};

#define UNIX_DEAD_CYCLE_INIT { .y_tx = -1, .z_tx = -1, .diag = -1 }

/*
 * unix_dead_cycle_build() - Build the dead cycle. Y's queue holds
 * @copies copies of Z, which make the collector's look at Z long.
 */
void unix_dead_cycle_build(struct unix_dead_cycle *d, int copies);

/*
 * unix_dead_cycle_alive() - Whether Y's receive queue still holds Z,
 * that is whether no collection has purged the cycle yet; asked through
 * sock_diag, which sees the queue as soon as the collector emptied it.
 */
int unix_dead_cycle_alive(struct unix_dead_cycle *d);

/* Closes the peers of a collected cycle and the sock_diag socket */
void unix_dead_cycle_destroy(struct unix_dead_cycle *d);

void unix_gc_trigger_init(struct unix_gc_trigger *t);

/* Creates the socket whose close() schedules the collector */
void unix_gc_trigger_arm(struct unix_gc_trigger *t);

/*
 * unix_gc_trigger_fire() - Close the armed socket, which schedules a
 * collection, and wait until that collection has finished.
 */
void unix_gc_trigger_fire(struct unix_gc_trigger *t);

/* Receives what unix_gc_trigger_fire() sent */
void unix_gc_trigger_drain(struct unix_gc_trigger *t);

void unix_gc_trigger_destroy(struct unix_gc_trigger *t);

struct tst_fzsync_pair;

/*
 * Thread B of the unix_gc_peek tests: what it races with. The collector
 * runs in a worker on B's CPU while B waits for it; @stall, armed by B
 * in the last part of that wait (@aim tracks where it ends), holds the
 * collector up there, and thread A peeks and closes while it is held
 * (tst_stall_wait()).
 */
struct unix_gc_race {
	struct tst_fzsync_pair *pair;
	struct unix_gc_trigger *gc;
	struct tst_stall *stall;
	/* How long unix_gc_trigger_fire() takes, ns */
	int64_t collect_ns;
	struct tst_stall_aim aim;
};

/*
 * unix_gc_race_setup() - Measure a collection and thread A's peek +
 * close of @c (restoring the cycle after each), and make @race's stall
 * STALL_PEEKS times as long as a peek + close.
 */
void unix_gc_race_setup(struct unix_gc_race *race, struct unix_cycle *c);

/* unix_gc_peek_expect() - Thread A, before its racing section */
void unix_gc_peek_expect(struct unix_gc_race *race);

/*
 * unix_gc_peek_close() - Thread A's racing section: wait for B's stall,
 * then peek at R's queue (installing X) and close R's descriptor.
 *
 * Return: X's new descriptor; TBROK if the peek did not return one.
 */
int unix_gc_peek_close(struct unix_gc_race *race, struct unix_cycle *c);

/*
 * unix_gc_collect() - Thread B: arm @race's trigger outside the racing
 * section, fire it (run a collection) inside with the stall armed, wait
 * for it after.
 */
void *unix_gc_collect(void *race);

/* unix_gc_pct() - @n as a percentage of @total, 0 for no total */
double unix_gc_pct(long n, long total);

#endif /* UNIX_GC_H */
