/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzzy sync: make two threads' racing sections overlap.
 *
 * Thread A (the test's main thread) and thread B run a loop each:
 *
 *	while (tst_fzsync_run_a(&pair)) {		while (tst_fzsync_run_b(&pair)) {
 *		prepare();					prepare_b();
 *		tst_fzsync_start_race_a(&pair);			tst_fzsync_start_race_b(&pair);
 *		racing_syscall_a();				racing_syscall_b();
 *		tst_fzsync_end_race_a(&pair);			tst_fzsync_end_race_b(&pair);
 *		check();				}
 *	}
 *
 * run, start and end are two-thread spin barriers. During the first
 * min_samples iterations (sampling) the library measures the sections'
 * lengths and the offset at which they start. After that it delays one
 * side by a random time each iteration so that the start offset of the
 * two sections covers the whole range in which they overlap.
 *
 * Source compatible with LTP's tst_fuzzy_sync.h. The hot paths (barriers,
 * delay loop) are inline here; everything else is in lib/.
 */
#ifndef TST_FUZZY_SYNC_H
#define TST_FUZZY_SYNC_H

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>

#include "tst_test.h"
#include "tst_atomic.h"

/**
 * struct tst_fzsync_stat - Exponential moving average of a quantity.
 * @avg: The average.
 * @avg_dev: Average absolute deviation from @avg.
 * @dev_ratio: @avg_dev relative to the quantity's scale.
 */
struct tst_fzsync_stat {
	float avg;
	float avg_dev;
	float dev_ratio;
};

/**
 * struct tst_fzsync_run_thread - Function and argument of thread B, for a
 *                                test that creates thread B itself.
 * @func: Thread function.
 * @arg: Its argument.
 */
struct tst_fzsync_run_thread {
	void *(*func)(void *arg);
	void *arg;
};

#define TST_FZSYNC_CACHELINE 64

/**
 * struct tst_fzsync_pair - State of a pair of racing threads.
 *
 * Set the tunables before tst_fzsync_pair_init(); zero means default.
 */
struct tst_fzsync_pair {
	/* Tunables */
	/* Smoothing of the moving averages, (0, 1]; default 0.25 */
	float avg_alpha;
	/* Iterations to sample before delaying, >= 20; default 1024 */
	int min_samples;
	/* Largest deviation ratio at which sampling may end; default 0.1 */
	float max_dev_ratio;
	/* Iterations after which the loop ends; default 3,000,000 */
	int exec_loops;
	/* Yield instead of spinning; set by init with one CPU */
	int yield_in_wait;
	/* Stop once every resolution-wide bin of the offset range holds
	 * this many iterations; default $FZSYNC_COVERAGE or 6, < 0 never */
	int coverage;

	/* Thread B; a test may create it itself and store it here */
	pthread_t thread_b;

	/* Internal below: read only for tests */

	/* Moving averages, in ns: start_a - start_b, end_a - start_a,
	 * end_b - start_b, end_a - end_b; spins of A in the end barrier */
	struct tst_fzsync_stat diff_ss;
	struct tst_fzsync_stat diff_sa;
	struct tst_fzsync_stat diff_sb;
	struct tst_fzsync_stat diff_ab;
	struct tst_fzsync_stat spins_avg;

	/* Delay of this iteration in delay-loop spins: < 0 A, > 0 B */
	int delay;
	/* Added to the delay, in spins; see tst_fzsync_pair_add_bias() */
	int delay_bias;
	/* Minimum samples still to take */
	int sampling;
	/* Non-zero once sampling has ended and random delays are applied */
	int delaying;
	/* Iterations run so far */
	int exec_loop;
	/* Spins of A in this iteration's end barrier */
	int spins;

	/* Calibrated duration of one delay-loop spin, ns */
	float spin_ns;
	/* Iterations in which the two sections overlapped in time */
	long overlaps;
	/* Iterations in which A's section ended before B's started,
	 * and the other way round */
	long a_first, b_first;
	/* Deadline of the loop on the fuzzy-sync clock, ns */
	int64_t deadline_ns;
	int64_t sampling_deadline_ns;
	/* Seed and state of the delay choice's random numbers */
	uint64_t seed;
	uint64_t rand_state;
	/* Thread B's function when the library creates thread B */
	struct tst_fzsync_run_thread run_b;
	/* Offset (B's start - A's start) aimed at and realised, ns */
	float aim_ns, offset_ns;
	/* Cost of one clock read, ns */
	float clock_ns;
	/* Outcomes reported with tst_fzsync_pair_outcome(), all of them
	 * and those of iterations with aimed delays */
	long outcomes[3];
	long outcomes_delayed[3];
	/* CPUs of A and B, -1 when not pinned */
	int cpu_a, cpu_b;
	/* Controller, placement and report state, lib/fzsync/fzsync.h */
	struct fzsync_priv *priv;

	/* Offset (B's start - A's start) the delayed side waits for, ns,
	 * when delay_timed; otherwise it spins for delay */
	int64_t target_ns;
	int delay_timed;

	/* Written by A, read by B after a barrier */
	int64_t a_start, a_end, a_delay_ns;
	/* A's start of this iteration for a waiting B, 0 until known */
	int64_t a_start_pub;
	/* How long after B's start A saw it, when A waited for it */
	int64_t a_seen_ns;

	/* Written by B, read by A after a barrier */
	int64_t b_start __attribute__((aligned(TST_FZSYNC_CACHELINE)));
	int64_t b_end, b_delay_ns;
	int64_t b_start_pub;
	int64_t b_seen_ns;

	/* Barrier counters, one writer each, on lines of their own */
	unsigned long a_cntr __attribute__((aligned(TST_FZSYNC_CACHELINE)));
	unsigned long b_cntr __attribute__((aligned(TST_FZSYNC_CACHELINE)));
	/* Set by A to make both loops end */
	tst_atomic_t exit __attribute__((aligned(TST_FZSYNC_CACHELINE)));
};

/**
 * enum tst_fzsync_outcome - What a test saw of one iteration's race.
 * @TST_FZSYNC_A_EARLY: A's racy part ran entirely before B's.
 * @TST_FZSYNC_B_EARLY: B's racy part ran entirely before A's.
 * @TST_FZSYNC_HIT: The racy parts overlapped.
 */
enum tst_fzsync_outcome {
	TST_FZSYNC_A_EARLY,
	TST_FZSYNC_B_EARLY,
	TST_FZSYNC_HIT,
};

/**
 * tst_fzsync_pair_init() - Check the tunables and calibrate the delay loop.
 * @pair: The pair, zeroed or with tunables set.
 *
 * Call once, in setup. Zero tunables get their defaults; a tunable out of
 * bounds is TBROK naming it and the bounds. With one usable CPU the pair
 * yields instead of spinning.
 */
void tst_fzsync_pair_init(struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_reset() - Start a new race loop.
 * @pair: The pair.
 * @run_b: Thread B's function, started here with a NULL argument; or NULL
 *         when the test creates thread B itself (with
 *         tst_fzsync_thread_wrapper()) and stores it in @pair->thread_b.
 *
 * Stops a thread B left from a previous loop, clears the statistics and
 * starts the sampling phase. The loop may run for the test's remaining
 * runtime, sampling for at most half of it.
 */
void tst_fzsync_pair_reset(struct tst_fzsync_pair *pair,
			   void *(*run_b)(void *));

/**
 * tst_fzsync_pair_cleanup() - Stop and join thread B.
 * @pair: The pair.
 *
 * Safe to call more than once, and from the test's cleanup after a
 * tst_brk() in either thread.
 */
void tst_fzsync_pair_cleanup(struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_info() - Print the pair's statistics as TINFO.
 * @pair: The pair.
 */
void tst_fzsync_pair_info(struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_thread_wrapper() - Entry point for a thread B that the test
 *                               creates itself.
 * @run_thread: struct tst_fzsync_run_thread naming the function and its
 *              argument; must stay valid until the thread has started.
 *
 * Return: what the function returns.
 */
void *tst_fzsync_thread_wrapper(void *run_thread);

/**
 * tst_fzsync_pair_update() - Account one iteration; called by A.
 * @pair: The pair.
 *
 * Updates the moving averages, ends sampling when they have settled and
 * chooses the next iteration's delay. Called by tst_fzsync_end_race_a().
 */
void tst_fzsync_pair_update(struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_check_time() - Start an iteration of A's loop.
 * @pair: The pair.
 *
 * Places the threads on their CPUs before the first iteration, ends
 * sampling when half of the runtime is spent, and decides whether the
 * loop ends: runtime spent, exec_loops run or offset range covered.
 *
 * Return: non-zero when the loop must end.
 */
int tst_fzsync_pair_check_time(struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_add_bias() - Shift the delay towards one side.
 * @pair: The pair.
 * @change: Spins to add: > 0 delays B more, < 0 delays A more.
 *
 * For races whose order a test can see from a result (a syscall failing
 * because the other came first). Only has an effect during sampling.
 */
static inline void tst_fzsync_pair_add_bias(struct tst_fzsync_pair *pair,
					    int change)
{
	if (pair->sampling > 0)
		pair->delay_bias += change;
}

/**
 * tst_fzsync_pair_outcome() - Tell the library how an iteration went.
 * @pair: The pair.
 * @outcome: Which racy part came first, or that they overlapped.
 *
 * Called by thread A after tst_fzsync_end_race_a(), for tests that can
 * tell the order from a result (a syscall failing because the other came
 * first). During sampling it shifts the delay towards the other side, in
 * place of a hand-tuned tst_fzsync_pair_add_bias(); afterwards it steers
 * the delays to the offsets at which the order flips, while still
 * exploring the whole range.
 */
void tst_fzsync_pair_outcome(struct tst_fzsync_pair *pair,
			     enum tst_fzsync_outcome outcome);

/**
 * tst_fzsync_pair_outcome_info() - Print how the reported outcomes split.
 * @pair: The pair.
 * @a_early: What TST_FZSYNC_A_EARLY means in this test, e.g. "recvmmsg first".
 * @hit: What TST_FZSYNC_HIT means, e.g. "overlapped".
 * @b_early: What TST_FZSYNC_B_EARLY means, e.g. "close first (EBADF)".
 *
 * Prints, as TINFO, the line "outcomes: <a_early> N (x%), <hit> N (x%),
 * <b_early> N (x%); after sampling a/h/b", then how often the timed
 * sections overlapped: the statistics that show a reader the racing
 * syscalls really met.
 *
 * Return: non-zero if, after sampling, the racy parts overlapped or came
 * in both orders; zero if the delays never moved the race across.
 */
int tst_fzsync_pair_outcome_info(struct tst_fzsync_pair *pair,
				 const char *a_early, const char *hit,
				 const char *b_early);

/* Clock of all fuzzy-sync timestamps, in ns; vDSO, no syscall */
static inline int64_t tst_fzsync_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void tst_fzsync_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

/**
 * tst_fzsync_barrier() - Two-thread spin barrier.
 * @ours: This thread's counter (only this thread writes it).
 * @theirs: The other thread's counter.
 * @exit: Exit flag; waiting stops when it is set.
 * @yield: Yield instead of pausing between checks.
 *
 * Each crossing raises the caller's counter by one; the caller then waits
 * until the other thread's counter has caught up. The release store pairs
 * with the other side's acquire load, so everything written before the
 * barrier is visible to the other thread after it.
 *
 * Return: the number of spins spent waiting.
 */
static inline int tst_fzsync_barrier(unsigned long *ours,
				     unsigned long *theirs,
				     tst_atomic_t *exit, int yield)
{
	/* Relaxed: only this thread writes *ours */
	unsigned long n = __atomic_load_n(ours, __ATOMIC_RELAXED) + 1;
	int spins = 0;

	__atomic_store_n(ours, n, __ATOMIC_RELEASE);
	while (__atomic_load_n(theirs, __ATOMIC_ACQUIRE) < n) {
		/* Relaxed: exit only stops waiting; run_b re-reads it
		 * after the barrier with seq_cst */
		if (__atomic_load_n(exit, __ATOMIC_RELAXED))
			break;
		if (yield)
			sched_yield();
		else
			tst_fzsync_cpu_relax();
		spins++;
	}

	return spins;
}

/**
 * tst_fzsync_wait_a() - Barrier between the two threads; thread A's side.
 * @pair: The pair.
 *
 * For tests that need a synchronisation point of their own; must be
 * matched by a tst_fzsync_wait_b() in thread B.
 */
static inline void tst_fzsync_wait_a(struct tst_fzsync_pair *pair)
{
	tst_fzsync_barrier(&pair->a_cntr, &pair->b_cntr, &pair->exit,
			   pair->yield_in_wait);
}

/**
 * tst_fzsync_wait_b() - Barrier between the two threads; thread B's side.
 * @pair: The pair.
 */
static inline void tst_fzsync_wait_b(struct tst_fzsync_pair *pair)
{
	tst_fzsync_barrier(&pair->b_cntr, &pair->a_cntr, &pair->exit,
			   pair->yield_in_wait);
}

/*
 * Busy-wait for @spins iterations. The empty asm keeps the compiler from
 * removing or merging the loop; one iteration is about one cycle, which
 * sets the resolution of the delays.
 */
static inline void tst_fzsync_spin(int spins, int yield)
{
	int i;

	if (yield) {
		for (i = 0; i < spins; i++)
			sched_yield();
		return;
	}

	for (i = 0; i < spins; i++)
		__asm__ __volatile__("" : "+r"(i));
}

/**
 * tst_fzsync_run_a() - Start the next iteration of thread A's loop.
 * @pair: The pair.
 *
 * Return: non-zero to run another iteration; zero once the runtime or
 * exec_loops is spent, after thread B has been stopped and joined.
 */
static inline int tst_fzsync_run_a(struct tst_fzsync_pair *pair)
{
	int exit = tst_fzsync_pair_check_time(pair);

	if (exit)
		tst_atomic_store(1, &pair->exit);

	tst_fzsync_wait_a(pair);

	if (exit) {
		tst_fzsync_pair_cleanup(pair);
		return 0;
	}

	return 1;
}

/**
 * tst_fzsync_run_b() - Start the next iteration of thread B's loop.
 * @pair: The pair.
 *
 * Return: non-zero to run another iteration, zero when A ended the loop.
 */
static inline int tst_fzsync_run_b(struct tst_fzsync_pair *pair)
{
	tst_fzsync_wait_b(pair);

	return !tst_atomic_load(&pair->exit);
}

/*
 * Delay the calling thread before its section. Long aimed delays wait for
 * the other thread to publish its start and then until that start plus
 * @target_ns, which puts the offset between the two starts where it was
 * aimed, to within a clock read. Short ones, which would be over before
 * the other thread's start is even visible, and all delays while sampling
 * or yielding, spin a calibrated count. Returns the caller's start time.
 */
static inline int64_t tst_fzsync_delay(struct tst_fzsync_pair *pair,
				       int spins, int64_t *other_start,
				       int64_t target_ns, int64_t *seen_ns)
{
	int64_t other, now;

	*seen_ns = 0;
	if (!pair->delay_timed) {
		tst_fzsync_spin(spins, pair->yield_in_wait);
		return tst_fzsync_now();
	}

	/* Acquire: pairs with the other side's release of its start */
	while (!(other = __atomic_load_n(other_start, __ATOMIC_ACQUIRE))) {
		if (__atomic_load_n(&pair->exit, __ATOMIC_RELAXED))
			return tst_fzsync_now();
		tst_fzsync_cpu_relax();
	}

	now = tst_fzsync_now();
	*seen_ns = now - other;
	while (now < other + target_ns)
		now = tst_fzsync_now();

	return now;
}

/**
 * tst_fzsync_start_race_a() - Thread A enters its racing section.
 * @pair: The pair.
 *
 * Waits for B, then delays A if this iteration's delay is negative.
 */
static inline void tst_fzsync_start_race_a(struct tst_fzsync_pair *pair)
{
	int64_t t;

	tst_fzsync_wait_a(pair);

	/* A wrote delay, target_ns and delaying itself */
	if (pair->delay < 0) {
		t = tst_fzsync_now();
		pair->a_start = tst_fzsync_delay(pair, -pair->delay,
						 &pair->b_start_pub,
						 -pair->target_ns,
						 &pair->a_seen_ns);
		pair->a_delay_ns = pair->a_start - t;
	} else {
		pair->a_start = tst_fzsync_now();
		pair->a_delay_ns = 0;
	}
	/* Release: a waiting B reads a_start after seeing it */
	__atomic_store_n(&pair->a_start_pub, pair->a_start, __ATOMIC_RELEASE);
}

/**
 * tst_fzsync_end_race_a() - Thread A leaves its racing section.
 * @pair: The pair.
 *
 * Waits for B to leave its section too, then accounts the iteration.
 */
static inline void tst_fzsync_end_race_a(struct tst_fzsync_pair *pair)
{
	pair->a_end = tst_fzsync_now();
	pair->spins = tst_fzsync_barrier(&pair->a_cntr, &pair->b_cntr,
					 &pair->exit, pair->yield_in_wait);
	/* Relaxed: B reads it again only after the next start barrier */
	__atomic_store_n(&pair->a_start_pub, 0, __ATOMIC_RELAXED);
	tst_fzsync_pair_update(pair);
}

/**
 * tst_fzsync_start_race_b() - Thread B enters its racing section.
 * @pair: The pair.
 *
 * Waits for A, then delays B if this iteration's delay is positive.
 */
static inline void tst_fzsync_start_race_b(struct tst_fzsync_pair *pair)
{
	int64_t t;

	tst_fzsync_wait_b(pair);

	/* A wrote delay, target_ns and delaying before the barrier and
	 * writes them again only after the end barrier */
	if (pair->delay > 0) {
		t = tst_fzsync_now();
		pair->b_start = tst_fzsync_delay(pair, pair->delay,
						 &pair->a_start_pub,
						 pair->target_ns,
						 &pair->b_seen_ns);
		pair->b_delay_ns = pair->b_start - t;
	} else {
		pair->b_start = tst_fzsync_now();
		pair->b_delay_ns = 0;
	}
	/* Release: a waiting A reads b_start after seeing it */
	__atomic_store_n(&pair->b_start_pub, pair->b_start, __ATOMIC_RELEASE);
}

/**
 * tst_fzsync_end_race_b() - Thread B leaves its racing section.
 * @pair: The pair.
 */
static inline void tst_fzsync_end_race_b(struct tst_fzsync_pair *pair)
{
	pair->b_end = tst_fzsync_now();
	tst_fzsync_wait_b(pair);
	/* Relaxed: A reads it again only after the next start barrier */
	__atomic_store_n(&pair->b_start_pub, 0, __ATOMIC_RELAXED);
}

#endif /* TST_FUZZY_SYNC_H */
