// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzzy sync reaches a synthetic race window.
 *
 * Each thread busy-waits through a section of known length; somewhere in
 * it lies a short critical part whose start and end are timestamped. The
 * two critical parts "race" when their intervals overlap in time (the
 * clock is the same on all CPUs). Without fuzzy sync's
 * delays, two threads released together would keep missing windows that
 * sit at different places in their sections; with them, the test must
 * reach the window again and again, for several window shapes.
 *
 * Per shape the test reports how many iterations (after sampling) it took
 * per overlap, next to the ideal of a start offset drawn evenly over the
 * overlap range: (crit_a + crit_b) / (len_a + len_b).
 */
#include <stdio.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

/*
 * Overlaps each shape must reach in the test's runtime; a runtime made
 * shorter (-I, LTP_RUNTIME_MUL) asks for as many fewer, at least
 * HITS_MIN, and a shortfall there says the runtime was too short to
 * judge (on a busy machine one second may see no overlap), not that
 * fuzzy sync failed
 */
#define HITS_WANTED	200
#define HITS_MIN	10
#define RUNTIME_S	20
/* Iterations per overlap may exceed the uniform ideal by this factor */
#define IDEAL_FACTOR	5

struct window {
	int crit_start;		/* ns from the section start to the critical part */
	int crit_len;		/* ns */
	int len;		/* ns, whole section */
	int jitter;		/* ns added at random to the section's start */
};

struct shape {
	const char *name;
	struct window a, b;
};

static const struct shape shapes[] = {
	{ "centred",        { 4900, 200, 10000, 0 }, { 4900, 200, 10000, 0 } },
	{ "entry vs exit",  {  100, 200, 10000, 0 }, { 9700, 200, 10000, 0 } },
	{ "exit vs entry",  { 9700, 200, 10000, 0 }, {  100, 200, 10000, 0 } },
	{ "unequal",        {  400, 100,  1000, 0 }, {15000, 300, 20000, 0 } },
	{ "jitter",         { 3000, 200,  8000, 0 }, { 5000, 200, 8000, 1000 } },
};

struct interval {
	int64_t start, end;
};

static struct tst_fzsync_pair pair;
/* Written by B in its section, read by A after the end barrier */
static struct interval b_crit;
static unsigned int cur;

static void busy_until(int64_t t)
{
	while (tst_fzsync_now() < t)
		;
}

static int jitter(const struct window *w, unsigned int *seed)
{
	return w->jitter ? (int)(rand_r(seed) % (unsigned int)w->jitter) : 0;
}

/* Runs one section; *crit is when its critical part ran */
static void section(const struct window *w, unsigned int *seed,
		    struct interval *crit)
{
	int64_t t0 = tst_fzsync_now() + jitter(w, seed);

	busy_until(t0 + w->crit_start);
	crit->start = tst_fzsync_now();
	busy_until(t0 + w->crit_start + w->crit_len);
	crit->end = tst_fzsync_now();
	busy_until(t0 + w->len);
}

static void *thread_b(void *arg)
{
	const struct window *w = &shapes[*(unsigned int *)arg].b;
	unsigned int seed = 2;

	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		section(w, &seed, &b_crit);
		tst_fzsync_end_race_b(&pair);
	}

	return NULL;
}

static void run(unsigned int i)
{
	const struct shape *s = &shapes[i];
	struct tst_fzsync_run_thread wrap = { .func = thread_b, .arg = &cur };
	long hits = 0, early = 0, late = 0, delayed = 0;
	float ideal = (float)(s->a.len + s->b.len) / (s->a.crit_len + s->b.crit_len);
	unsigned int seed = 1;
	struct interval a_crit;
	long wanted = HITS_WANTED * (long long)tst_remaining_runtime_ns() /
		      (RUNTIME_S * 1000000000LL);

	if (wanted > HITS_WANTED)
		wanted = HITS_WANTED;
	if (wanted < HITS_MIN)
		wanted = HITS_MIN;
	cur = i;
	tst_fzsync_pair_reset(&pair, NULL);
	SAFE_PTHREAD_CREATE(&pair.thread_b, NULL, tst_fzsync_thread_wrapper,
			    &wrap);

	while (tst_fzsync_run_a(&pair)) {
		tst_fzsync_start_race_a(&pair);
		section(&s->a, &seed, &a_crit);
		tst_fzsync_end_race_a(&pair);

		if (!tst_fzsync_pair_delaying(&pair))
			continue;

		delayed++;
		if (a_crit.end < b_crit.start)
			early++;
		else if (b_crit.end < a_crit.start)
			late++;
		else
			hits++;

		if (hits >= wanted) {
			tst_fzsync_pair_cleanup(&pair);
			break;
		}
	}

	tst_res(TINFO, "%s: critical parts overlapped %ld times in %ld delayed iterations, A too early %ld, A too late %ld",
		s->name, hits, delayed, early, late);

	if (hits < wanted) {
		tst_res(wanted < HITS_WANTED ? TCONF : TFAIL,
			"%s: only %ld of %ld overlaps within the runtime%s",
			s->name, hits, wanted, wanted < HITS_WANTED ?
			", shortened: too short to judge here" : "");
		return;
	}

	if ((float)delayed / hits > IDEAL_FACTOR * ideal) {
		tst_res(TFAIL, "%s: %.1f iterations per overlap, more than %d times the uniform ideal %.1f",
			s->name, (float)delayed / hits, IDEAL_FACTOR, ideal);
		return;
	}

	tst_res(TPASS, "%s: %.1f iterations per overlap (uniform ideal %.1f)",
		s->name, (float)delayed / hits, ideal);
}

static void setup(void)
{
	/* Run until HITS_WANTED, however long the offset range takes */
	pair.coverage = -1;
	tst_fzsync_pair_init(&pair);
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(shapes),
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
	.min_cpus = 2,
	.runtime = RUNTIME_S,
};
