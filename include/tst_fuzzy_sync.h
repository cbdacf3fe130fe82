/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzzy sync: make two threads' racing sections overlap.
 *
 * Thread A (the test's main thread) and thread B run a loop each:
 *
 *	tst_fzsync_pair_reset(&pair, thread_b);
 *	while (tst_fzsync_run_a(&pair)) {		// thread_b():
 *		prepare();				while (tst_fzsync_run_b(&pair)) {
 *		tst_fzsync_start_race_a(&pair);			prepare_b();
 *		racing_syscall_a();				tst_fzsync_start_race_b(&pair);
 *		tst_fzsync_end_race_a(&pair);			racing_syscall_b();
 *		tst_fzsync_pair_outcome(&pair, check());	tst_fzsync_end_race_b(&pair);
 *	}						}
 *	tst_fzsync_pair_verdict(&pair, "write first", "overlapped",
 *				"close first", "nothing broke in %ld races", n);
 *
 * run, start and end are two-thread spin barriers. During the first
 * min_samples iterations (sampling) the library measures the sections'
 * lengths and the offset at which they start. After that it delays one
 * side by a random time each iteration so that the start offset of the
 * two sections covers the whole range in which they overlap. The
 * outcomes, optional, steer the delays to where the order of the racy
 * parts flips; the verdict shows that they really met. As in LTP the
 * loop runs until exec_loops, the runtime or the exit flag ends it.
 *
 * Source compatible with LTP's tst_fuzzy_sync.h; doc/design.md lists
 * where the API differs. The hot paths (barriers, delay loop) are
 * inline here; everything else is in lib/fzsync/.
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

/*
 * Defaults of the tunables, applied by tst_fzsync_pair_init() to those
 * left at zero. LTP's values for LTP's tunables.
 */
#define TST_FZSYNC_DEF_AVG_ALPHA	0.25f
#define TST_FZSYNC_DEF_MIN_SAMPLES	1024
#define TST_FZSYNC_DEF_MAX_DEV_RATIO	0.1f
#define TST_FZSYNC_DEF_EXEC_LOOPS	3000000

/* Cache line size: fields of different writers stay on separate lines */
#define TST_FZSYNC_CACHELINE 64

struct fzsync_state;

/**
 * struct tst_fzsync_pair - State of a pair of racing threads.
 *
 * What lives here and what in the library's private state: this struct
 * holds LTP's tunables (and coverage), the fields LTP's tests touch
 * (exec_loops and min_samples before init, exit and thread_b), and what
 * the inline functions of this header read and write in the race loop,
 * grouped by the thread that writes it, each group on cache lines of
 * its own. Everything else (the loop's phase, the statistics, counts,
 * calibration, the offset controller, placement) is private to the
 * library, in @state: allocated by tst_fzsync_pair_init() or
 * tst_fzsync_pair_reset(), freed by tst_fzsync_pair_cleanup(), and read
 * by tests only through the functions below.
 *
 * Set the tunables before tst_fzsync_pair_init(); zero means default.
 */
/*
 * The spun end of a side's timed wait in the last iteration: spins, and
 * the ns from the clock read before them to the one after; spins 0 if
 * the side spun none. The library learns each thread's delay-loop speed
 * from it.
 */
struct tst_fzsync_tail {
	int spins;
	int ns;
};

struct tst_fzsync_pair {
	/* Tunables */
	/* Smoothing of the moving averages, (0, 1];
	 * TST_FZSYNC_DEF_AVG_ALPHA */
	float avg_alpha;
	/* Iterations to sample before delaying, >= 20;
	 * TST_FZSYNC_DEF_MIN_SAMPLES */
	int min_samples;
	/* Largest deviation ratio at which sampling may end, (0, 1];
	 * TST_FZSYNC_DEF_MAX_DEV_RATIO */
	float max_dev_ratio;
	/* Iterations after which the loop ends, >= 20;
	 * TST_FZSYNC_DEF_EXEC_LOOPS */
	int exec_loops;
	/* Yield instead of spinning; set by init with one CPU */
	int yield_in_wait;
	/* Quick mode: stop once every resolution-wide bin of the offset
	 * range holds this many iterations; 0 takes $FZSYNC_COVERAGE,
	 * unset or <= 0 is off (LTP's loop: loops, time, exit) */
	int coverage;

	/* Thread B; a test that creates thread B itself stores it here */
	pthread_t thread_b;
	/* The library's private state, lib/fzsync/fzsync.h */
	struct fzsync_state *state;

	/*
	 * The race loop's hot fields, from here to the end of the struct;
	 * tst_fzsync_pair_reset() clears them.
	 *
	 * A's line, written by A and polled by B in every barrier: what B
	 * needs from A rides with the barrier counter, so B reads it
	 * without a cache miss of its own. The delay of this iteration is
	 * written between the end barrier and the next start barrier and
	 * read by B after the start barrier.
	 */
	unsigned long a_cntr __attribute__((aligned(TST_FZSYNC_CACHELINE)));
	/* < 0 delays A, > 0 B: the delay-loop spins of a counted delay,
	 * the side alone of a timed one */
	int delay;
	/* The delayed side waits until the other's start + target_ns
	 * (B's start - A's start, ns) instead of spinning */
	int delay_timed;
	int64_t target_ns;
	/* The delaying side's clock read, ns, and spins per ns: the end of
	 * a timed delay is spun */
	int timed_read_ns;
	float timed_spins_per_ns;
	/* In a timed delay, the other side starts this long after leaving
	 * the start barrier and publishes that start first, so that the
	 * delayed side sees it in time however short its delay; 0: it
	 * starts at once. Its own spins per ns end the lead */
	int lead_ns;
	float lead_spins_per_ns;
	/* A's start (to come, with a lead) for B in a timed delay, 0 until
	 * known */
	int64_t a_start_pub;

	/* B's line, written by B and polled by A: B's timestamps reach A
	 * with the end barrier's counter */
	unsigned long b_cntr __attribute__((aligned(TST_FZSYNC_CACHELINE)));
	/* tst_fzsync_now() at B's section start (after its delay) and end;
	 * how long its delay took (or its lead); how long after A
	 * published its start B saw it, when B waited for it */
	int64_t b_start, b_end, b_delay_ns, b_seen_ns;
	/* B's start (to come, with a lead) for A in a timed delay, 0 until
	 * known */
	int64_t b_start_pub;
	struct tst_fzsync_tail b_tail;

	/* A's own, read only by A */
	/* Spins of A in this iteration's end barrier */
	int spins __attribute__((aligned(TST_FZSYNC_CACHELINE)));
	int64_t a_start, a_end, a_delay_ns, a_seen_ns;
	struct tst_fzsync_tail a_tail;

	/* Set to make both loops end */
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
 * Call once, in setup. Zero tunables get their defaults
 * (TST_FZSYNC_DEF_*); a tunable out of bounds is TBROK naming it and the
 * bounds. With one usable CPU the pair yields instead of spinning.
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
 * starts the sampling phase. The loop's share of the runtime is what is
 * left of the test function call's runtime now; sampling takes at most
 * half of it. After tst_fzsync_pair_cleanup() the pair starts afresh,
 * as after init.
 */
void tst_fzsync_pair_reset(struct tst_fzsync_pair *pair,
			   void *(*run_b)(void *));

/**
 * tst_fzsync_pair_cleanup() - Stop and join thread B, free the pair's
 *                             private state.
 * @pair: The pair.
 *
 * Safe to call more than once, and from the test's cleanup after a
 * tst_brk() in either thread. The results of the last loop are gone
 * afterwards: call tst_fzsync_pair_verdict() before.
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
 * Updates the moving averages and counts, and after sampling records
 * the offset the iteration had and chooses the next iteration's delay.
 * Called by tst_fzsync_end_race_a().
 */
void tst_fzsync_pair_update(struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_next() - Start an iteration of A's loop, or end it.
 * @pair: The pair.
 *
 * Places the threads on their CPUs before the first iteration and
 * decides the loop's phase: sampling ends once min_samples are taken and
 * the deviations are below max_dev_ratio, or once half of the loop's
 * runtime is spent. As in LTP the loop ends when exec_loops iterations
 * have run, its share of the runtime is spent or the exit flag was set;
 * in quick mode (coverage > 0) also once the offset range is covered.
 * Ending the loop stops and joins thread B and prints a TINFO line with
 * the reason and the iteration counts. Called by tst_fzsync_run_a().
 *
 * Return: non-zero to run the iteration, zero when the loop has ended.
 */
int tst_fzsync_pair_next(struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_add_bias() - Shift the delay towards one side.
 * @pair: The pair.
 * @change: Spins to add: > 0 delays B more, < 0 delays A more.
 *
 * For races whose order a test can see from a result (a syscall failing
 * because the other came first). Only has an effect during the first
 * min_samples iterations, as in LTP; the offset range after sampling
 * then also covers the offset the bias led to.
 * tst_fzsync_pair_outcome() does the same with steps it chooses itself.
 */
void tst_fzsync_pair_add_bias(struct tst_fzsync_pair *pair, int change);

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
 * tst_fzsync_pair_delaying() - Whether the loop has left sampling.
 * @pair: The pair.
 *
 * Return: non-zero when the current iteration runs with aimed delays,
 * zero while sampling.
 */
int tst_fzsync_pair_delaying(const struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_resolution_ns() - Timing resolution of the delays.
 * @pair: The pair, initialised.
 *
 * Return: the shortest difference between two start offsets the delays
 * tell apart, ns: two clock reads or one delay-loop spin, whichever is
 * longer. Quick mode counts offsets in bins at least this wide.
 */
float tst_fzsync_pair_resolution_ns(const struct tst_fzsync_pair *pair);

/**
 * tst_fzsync_pair_verdict_() - End a race loop's test; use
 *                              tst_fzsync_pair_verdict().
 * @file: Source file, __FILE__.
 * @lineno: Source line, __LINE__.
 * @pair: The pair, after its loop; or with the loop left early (break),
 *        in which case thread B is stopped here.
 * @a_early: What TST_FZSYNC_A_EARLY means in this test, e.g. "recvmmsg first".
 * @hit: What TST_FZSYNC_HIT means, e.g. "overlapped".
 * @b_early: What TST_FZSYNC_B_EARLY means, e.g. "close first (EBADF)".
 * @pass_fmt: printf() format of the TPASS message.
 *
 * Prints, as TINFO, the line "outcomes: <a_early> N (x%), <hit> N (x%),
 * <b_early> N (x%); after sampling a/h/b", after the loop's own line of
 * how often the timed sections overlapped and which ended first: the
 * statistics that show a reader the racing syscalls really met. The
 * outcomes are those reported with tst_fzsync_pair_outcome();
 * for a test that reported none, those the sections' timestamps give
 * (tst_fzsync_pair_section_outcome()).
 *
 * Then the verdict: nothing more if the test reported a TFAIL or TBROK
 * since tst_fzsync_pair_reset(); TBROK "racing syscalls never
 * overlapped" if the outcomes of all iterations, sampling included,
 * were neither @hit nor both @a_early and @b_early, as the test then did
 * not do its job; TPASS with the test's message otherwise.
 *
 * Return: non-zero if it reported TPASS.
 */
int tst_fzsync_pair_verdict_(const char *file, const int lineno,
			     struct tst_fzsync_pair *pair,
			     const char *a_early, const char *hit,
			     const char *b_early, const char *pass_fmt, ...)
	__attribute__((format(printf, 7, 8)));

#define tst_fzsync_pair_verdict(pair, a_early, hit, b_early, pass_fmt, ...) \
	tst_fzsync_pair_verdict_(__FILE__, __LINE__, (pair), (a_early), \
				 (hit), (b_early), (pass_fmt), ##__VA_ARGS__)

/**
 * tst_fzsync_now() - The clock of all fuzzy-sync timestamps.
 *
 * CLOCK_MONOTONIC_RAW through the vDSO, no syscall; the same on all CPUs.
 *
 * Return: the time in ns.
 */
static inline int64_t tst_fzsync_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/**
 * tst_fzsync_cpu_relax() - Pause in a spin loop.
 *
 * Tells the CPU that this is a spin-wait (x86 pause, arm64 yield), which
 * spares the sibling hardware thread and the memory bus.
 */
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

/**
 * tst_fzsync_spin() - The delay loop.
 * @spins: Iterations to wait.
 * @yield: Yield once per iteration instead (one usable CPU).
 *
 * One spin steps a counter kept in memory (a store and a load that
 * depends on it, a few cycles): the same kind of step as LTP's delay
 * loop, so that delay_bias amounts tuned for LTP's tests
 * (tst_fzsync_pair_add_bias()) mean about the same time here. The
 * library calibrates its ns per spin; the timing resolution is set by
 * the clock reads anyway.
 */
static inline void tst_fzsync_spin(int spins, int yield)
{
	volatile int left = spins;

	if (yield) {
		for (; left > 0; left--)
			sched_yield();
		return;
	}

	for (; left > 0; left--)
		;
}

/**
 * tst_fzsync_run_a() - Start the next iteration of thread A's loop.
 * @pair: The pair.
 *
 * Return: non-zero to run another iteration; zero once the loop has
 * ended (see tst_fzsync_pair_next()), after thread B has been stopped
 * and joined.
 */
static inline int tst_fzsync_run_a(struct tst_fzsync_pair *pair)
{
	if (!tst_fzsync_pair_next(pair))
		return 0;

	tst_fzsync_wait_a(pair);
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

/**
 * tst_fzsync_timed_tail() - Spins that end a timed delay.
 * @pair: The pair: the clock read.
 * @now: The last clock read of the delay.
 * @end: When the delay is to end, ns.
 * @spins_per_ns: The waiting side's delay loop speed.
 *
 * The rest of the delay, short of the read that ends it, is spun. Reads
 * alone would put the start on a lattice of reads that began when the
 * other's start was seen, with only a few ns of jitter: a window
 * narrower than a read could then fall between its points in every
 * iteration. The spins follow @end ns by ns.
 *
 * Return: the spins, 0 when the next read already ends the delay.
 */
static inline int tst_fzsync_timed_tail(const struct tst_fzsync_pair *pair,
					int64_t now, int64_t end,
					float spins_per_ns)
{
	int64_t left = end - now - pair->timed_read_ns;

	return left > 0 ? (int)(left * spins_per_ns + 0.5f) : 0;
}

/**
 * tst_fzsync_wait_until() - Wait until a time: the end of a timed delay
 *                           or of a lead.
 * @pair: The pair: the clock read.
 * @now: A clock read, ns.
 * @end: When to start, ns.
 * @spins_per_ns: The waiting side's delay loop speed.
 * @tail: Set to the spins of the end and the time they took.
 *
 * Reads the clock until less than two reads are left, then spins the
 * rest (tst_fzsync_timed_tail()).
 *
 * Return: the caller's start time.
 */
static inline int64_t tst_fzsync_wait_until(const struct tst_fzsync_pair *pair,
					    int64_t now, int64_t end,
					    float spins_per_ns,
					    struct tst_fzsync_tail *tail)
{
	/* Two reads before the end: the pair is not reloaded per read */
	int64_t reads_end = end - 2 * pair->timed_read_ns;
	int64_t start;

	while (now < reads_end)
		now = tst_fzsync_now();

	tail->spins = tst_fzsync_timed_tail(pair, now, end, spins_per_ns);
	tst_fzsync_spin(tail->spins, 0);
	start = tst_fzsync_now();
	tail->ns = (int)(start - now);

	return start;
}

/**
 * tst_fzsync_lead() - Start later than at once, for the other side's
 *                     timed delay; used by tst_fzsync_start_race_a()
 *                     and _b().
 * @pair: The pair: the lead, pair->lead_ns.
 * @own_start: Where to publish the start to come.
 * @now: The caller's clock read on leaving the start barrier.
 * @tail: Set to the spun end of the wait (tst_fzsync_wait_until()).
 *
 * A timed delay cannot end before the other side's start is visible,
 * a cache line transfer after it was published. Publishing the start
 * pair->lead_ns ahead of it lets the delayed side start at any offset
 * after it, down to none or before it, still timed on the clock.
 *
 * Return: the caller's start time.
 */
static inline int64_t tst_fzsync_lead(struct tst_fzsync_pair *pair,
				      int64_t *own_start, int64_t now,
				      struct tst_fzsync_tail *tail)
{
	int64_t start = now + pair->lead_ns;

	/* Release: the delayed side reads the start after seeing it */
	__atomic_store_n(own_start, start, __ATOMIC_RELEASE);
	return tst_fzsync_wait_until(pair, now, start,
				     pair->lead_spins_per_ns, tail);
}

/**
 * tst_fzsync_delay() - Delay the calling thread before its section; used
 *                      by tst_fzsync_start_race_a() and _b().
 * @pair: The pair.
 * @spins: Spins of a spun delay.
 * @other_start: The other thread's published start, 0 until known.
 * @target_ns: The caller's start after the other's, for a timed delay.
 * @seen_ns: Set to how long after the other published its start the
 *           caller saw it, 0 if it did not wait for it.
 * @tail: Set to the spun end of a timed delay, no spins otherwise.
 *
 * Aimed delays (pair->delay_timed) wait for the other thread to publish
 * its start and then until that start plus @target_ns, reading the clock
 * until less than two reads are left and spinning the rest
 * (tst_fzsync_wait_until()), which puts the offset between the two
 * starts where it was aimed, to within the jitter of a clock read. The
 * other side leads (tst_fzsync_lead()) where the delay would be over
 * before its start is even visible. Delays while sampling or yielding
 * spin a calibrated count.
 *
 * Return: the caller's start time.
 */
static inline int64_t tst_fzsync_delay(struct tst_fzsync_pair *pair,
				       int spins, int64_t *other_start,
				       int64_t target_ns, int64_t *seen_ns,
				       struct tst_fzsync_tail *tail)
{
	int64_t other, now;

	*seen_ns = 0;
	tail->spins = tail->ns = 0;
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
	/* The other published its start lead_ns before it */
	*seen_ns = now - other + pair->lead_ns;

	return tst_fzsync_wait_until(pair, now, other + target_ns,
				     pair->timed_spins_per_ns, tail);
}

/**
 * tst_fzsync_start_race_a() - Thread A enters its racing section.
 * @pair: The pair.
 *
 * Waits for B, then delays A if this iteration's delay is negative, or
 * leads B's timed delay.
 */
static inline void tst_fzsync_start_race_a(struct tst_fzsync_pair *pair)
{
	int64_t t;

	tst_fzsync_wait_a(pair);

	/* A wrote delay, target_ns and delay_timed itself */
	if (pair->delay < 0) {
		t = tst_fzsync_now();
		pair->a_start = tst_fzsync_delay(pair, -pair->delay,
						 &pair->b_start_pub,
						 -pair->target_ns,
						 &pair->a_seen_ns,
						 &pair->a_tail);
		pair->a_delay_ns = pair->a_start - t;
	} else if (pair->delay > 0 && pair->delay_timed && pair->lead_ns) {
		t = tst_fzsync_now();
		pair->a_start = tst_fzsync_lead(pair, &pair->a_start_pub, t,
						&pair->a_tail);
		pair->a_delay_ns = pair->a_start - t;
	} else {
		pair->a_start = tst_fzsync_now();
		pair->a_delay_ns = 0;
		pair->a_tail.spins = 0;
		/* Release: B, waiting in a timed delay, reads a_start after
		 * seeing it. Only then: the store costs B a cache miss */
		if (pair->delay > 0 && pair->delay_timed)
			__atomic_store_n(&pair->a_start_pub, pair->a_start,
					 __ATOMIC_RELEASE);
	}
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
	/* A is its only writer; B reads it again only after the next start
	 * barrier */
	if (__atomic_load_n(&pair->a_start_pub, __ATOMIC_RELAXED))
		__atomic_store_n(&pair->a_start_pub, 0, __ATOMIC_RELAXED);
	tst_fzsync_pair_update(pair);
}

/**
 * tst_fzsync_start_race_b() - Thread B enters its racing section.
 * @pair: The pair.
 *
 * Waits for A, then delays B if this iteration's delay is positive, or
 * leads A's timed delay.
 */
static inline void tst_fzsync_start_race_b(struct tst_fzsync_pair *pair)
{
	int64_t t;

	tst_fzsync_wait_b(pair);

	/* A wrote delay, target_ns and delay_timed before the barrier and
	 * writes them again only after the end barrier */
	if (pair->delay > 0) {
		t = tst_fzsync_now();
		pair->b_start = tst_fzsync_delay(pair, pair->delay,
						 &pair->a_start_pub,
						 pair->target_ns,
						 &pair->b_seen_ns,
						 &pair->b_tail);
		pair->b_delay_ns = pair->b_start - t;
	} else if (pair->delay < 0 && pair->delay_timed && pair->lead_ns) {
		t = tst_fzsync_now();
		pair->b_start = tst_fzsync_lead(pair, &pair->b_start_pub, t,
						&pair->b_tail);
		pair->b_delay_ns = pair->b_start - t;
	} else {
		pair->b_start = tst_fzsync_now();
		pair->b_delay_ns = 0;
		pair->b_tail.spins = 0;
		/* Release: A, waiting in a timed delay, reads b_start */
		if (pair->delay < 0 && pair->delay_timed)
			__atomic_store_n(&pair->b_start_pub, pair->b_start,
					 __ATOMIC_RELEASE);
	}
}

/**
 * tst_fzsync_end_race_b() - Thread B leaves its racing section.
 * @pair: The pair.
 */
static inline void tst_fzsync_end_race_b(struct tst_fzsync_pair *pair)
{
	pair->b_end = tst_fzsync_now();
	tst_fzsync_wait_b(pair);
	/* After the barrier, when A's delay is surely over; B is its only
	 * writer, and A reads it again only after the next start barrier */
	if (__atomic_load_n(&pair->b_start_pub, __ATOMIC_RELAXED))
		__atomic_store_n(&pair->b_start_pub, 0, __ATOMIC_RELAXED);
}

/**
 * tst_fzsync_pair_section_outcome() - Which section ended first in this
 *                                     iteration, or that they overlapped.
 * @pair: The pair; called by A after tst_fzsync_end_race_a().
 *
 * For tests whose results cannot tell the order of the racy parts: the
 * timed sections' timestamps can.
 *
 * Return: TST_FZSYNC_A_EARLY if A's section ended before B's started,
 * TST_FZSYNC_B_EARLY the other way round, TST_FZSYNC_HIT if they
 * overlapped in time.
 */
static inline enum tst_fzsync_outcome
tst_fzsync_pair_section_outcome(const struct tst_fzsync_pair *pair)
{
	/* B wrote its timestamps before the end barrier A has crossed */
	if (pair->a_end < pair->b_start)
		return TST_FZSYNC_A_EARLY;
	if (pair->b_end < pair->a_start)
		return TST_FZSYNC_B_EARLY;
	return TST_FZSYNC_HIT;
}

#endif /* TST_FUZZY_SYNC_H */
