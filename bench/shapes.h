/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Synthetic race shapes of the benchmarks (fzbench, fzshape).
 *
 *	const struct shape *s = &shapes[i];
 *	t0 = shape_section_start(&s->a, &seed);	// after tst_fzsync_start_race_a()
 *	shape_critical(&s->a, t0, &crit);
 *	shape_busy_until(t0 + s->a.len);	// then tst_fzsync_end_race_a()
 *
 * Each thread busy-waits through a section of known length with a short
 * critical part at a known place. A critical part is its start timestamp
 * plus its nominal length, so a part of a few nanoseconds, shorter than a
 * clock read, keeps its length; the race is hit when the two parts
 * overlap in time.
 *
 * Only libc here: fzshape includes this against LTP's headers too.
 */
#ifndef BENCH_SHAPES_H
#define BENCH_SHAPES_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

struct window {
	int crit_start;		/* ns from section start */
	int crit_len;		/* ns */
	int len;		/* ns, whole section */
	int jitter;		/* ns of random extra delay before the section */
};

struct shape {
	const char *name;
	struct window a, b;
	/* A's section ends at once if B's critical part is already over,
	 * like a syscall failing on an fd the other thread closed */
	int early_exit;
};

struct interval {
	int64_t start, end;
};

static const struct shape shapes[] = {
	/*
	 * The grid: two sections of 10 us, each critical part near the
	 * section's entry, in its middle or near its exit, all nine
	 * pairs. The window's offset then lies at the middle of the
	 * overlap range (three pairs), halfway to either end (two each
	 * side) or at either end (one each): no position is favoured.
	 */
	{ "near-entry",  {  100, 150, 10000, 0 },    {  200, 150, 10000, 0 }, 0 },
	{ "entry-mid",   {  100, 150, 10000, 0 },    { 4900, 150, 10000, 0 }, 0 },
	{ "entry-exit",  {  100, 150, 10000, 0 },    { 9700, 150, 10000, 0 }, 0 },
	{ "mid-entry",   { 4900, 150, 10000, 0 },    {  100, 150, 10000, 0 }, 0 },
	{ "mid-mid",     { 4900, 150, 10000, 0 },    { 4800, 150, 10000, 0 }, 0 },
	{ "mid-exit",    { 4900, 150, 10000, 0 },    { 9700, 150, 10000, 0 }, 0 },
	{ "exit-entry",  { 9700, 150, 10000, 0 },    {  100, 150, 10000, 0 }, 0 },
	{ "exit-mid",    { 9700, 150, 10000, 0 },    { 4900, 150, 10000, 0 }, 0 },
	{ "near-exit",   { 9700, 150, 10000, 0 },    { 9600, 150, 10000, 0 }, 0 },
	/* Shapes of real races */
	{ "unequal",     {  400, 100,  1500, 0 },    {14000, 200, 20000, 0 }, 0 },
	{ "jitter",      { 3000, 150,  8000, 0 },    { 5000, 150,  8000, 500 }, 0 },
	{ "early-exit",  { 6000, 150, 10000, 0 },    { 1000, 150,  3000, 0 }, 1 },
	/* Windows of a few ns: a single racy load against a store */
	{ "tiny-short",  {  300,   5,  1000, 0 },    {  700,   5,  1000, 0 }, 0 },
	{ "tiny-long",   { 8000,   2, 10000, 0 },    { 1500,   3, 10000, 0 }, 0 },
	/* Both syscalls with a variable entry (page faults, locks) */
	{ "both-jitter", { 2000, 100,  6000, 1000 }, { 3000, 100,  6000, 1000 }, 0 },
	/* A long syscall whose racy part is at its end */
	{ "long-late",   {48000, 100, 50000, 0 },    {  100, 100,  2000, 0 }, 0 },
};

#define SHAPES_COUNT (sizeof(shapes) / sizeof(shapes[0]))

/* The fuzzy-sync clock of both libraries */
static inline int64_t shape_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void shape_busy_until(int64_t t)
{
	while (shape_now() < t)
		;
}

/* The section's time origin: now plus the window's random jitter */
static inline int64_t shape_section_start(const struct window *w,
					  unsigned int *seed)
{
	int64_t t0 = shape_now();

	if (w->jitter)
		t0 += rand_r(seed) % w->jitter;
	return t0;
}

static inline void shape_critical(const struct window *w, int64_t t0,
				  struct interval *crit)
{
	shape_busy_until(t0 + w->crit_start);
	crit->start = shape_now();
	crit->end = crit->start + w->crit_len;
	shape_busy_until(crit->end);
}

/*
 * Hits per iteration if start offsets were drawn evenly over the overlap
 * range [-len_b, +len_a] (nominal lengths, half the jitter on average).
 */
static inline double shape_uniform_ideal(const struct shape *s)
{
	return (double)(s->a.crit_len + s->b.crit_len) /
	       (s->a.len + s->a.jitter / 2.0 + s->b.len + s->b.jitter / 2.0);
}

/*
 * The shortest iteration that can hit: both sections run to their ends
 * (an early exit has no critical part to hit), whatever the library, so
 * 1e9 / this is a ceiling on any library's hits per second.
 */
static inline int shape_hit_period_min_ns(const struct shape *s)
{
	return s->a.len > s->b.len ? s->a.len : s->b.len;
}

/*
 * The best chance any one iteration has of hitting, at the best start
 * offset: 1 without jitter; with it, the window moves by B's jitter
 * minus A's each iteration (each uniform over [0, jitter) ns, as
 * shape_section_start() draws it), and no library that does not know
 * the draw catches more than the likeliest stretch of that difference
 * as wide as the window. Times 1e9 / shape_hit_period_min_ns(), a
 * ceiling on hits per second.
 */
/* Draws (j_a, j_b) of [0, ja) x [0, jb) with j_b - j_a = d */
static inline long shape_jitter_pairs(int ja, int jb, int d)
{
	int lo = d < 0 ? -d : 0;
	int hi = ja - 1 < jb - 1 - d ? ja - 1 : jb - 1 - d;

	return hi >= lo ? hi - lo + 1 : 0;
}

static inline double shape_hit_chance_max(const struct shape *s)
{
	int ja = s->a.jitter ? s->a.jitter : 1;
	int jb = s->b.jitter ? s->b.jitter : 1;
	/* The parts overlap when B's start minus A's lies in a closed
	 * interval this many ns wide */
	int width = s->a.crit_len + s->b.crit_len + 1;
	long best = 0, in = 0;
	int d;

	/* A window of that width slid over the differences 1 - ja .. jb - 1 */
	for (d = 1 - ja; d <= jb - 1 + width; d++) {
		in += shape_jitter_pairs(ja, jb, d) -
		      shape_jitter_pairs(ja, jb, d - width);
		if (in > best)
			best = in;
	}

	return (double)best / ((double)ja * jb);
}

/* The sum of max(x, c + j) over j = j0 .. j1 */
static inline double shape_sum_max(int64_t x, int64_t c, int64_t j0,
				   int64_t j1)
{
	/* c + j <= x up to split */
	int64_t split = x - c;

	if (j1 < j0)
		return 0;
	if (split < j0 - 1)
		split = j0 - 1;
	if (split > j1)
		split = j1;
	return (double)(split - j0 + 1) * x + (double)(j1 - split) * c +
	       (double)(split + 1 + j1) * (j1 - split) / 2;
}

/*
 * The ends of the window: offsets of B's section start after A's, jitter
 * aside, at which the critical parts just meet
 */
static inline void shape_window_ends(const struct shape *s, int *lo,
				     int *hi)
{
	*lo = s->a.crit_start - s->b.crit_start - s->b.crit_len;
	*hi = s->a.crit_start + s->a.crit_len - s->b.crit_start;
}

/*
 * Hits per second no library exceeds: the best, over the offsets o
 * between the sections' origins (B's minus A's, before the jitter), of
 * the chance that an iteration at o hits over its mean length. An
 * iteration runs from the earlier origin to the later end, and the next
 * one starts no sooner; a library that does not know the jitter draw
 * picks o, or a mix of offsets, which does no better than its best one.
 * Sharper than one hit per longer section where the window lies away
 * from the natural alignment: to hit there, one section starts while
 * the other has run for most of its length.
 */
static inline double shape_hits_per_s_max(const struct shape *s)
{
	int ja = s->a.jitter ? s->a.jitter : 1;
	int jb = s->b.jitter ? s->b.jitter : 1;
	double best = 0;
	int lo, hi, o, j;

	/* The parts overlap when j_b - j_a lies in [lo - o, hi - o] */
	shape_window_ends(s, &lo, &hi);

	for (o = lo - (jb - 1); o <= hi + (ja - 1); o++) {
		/* B's draws below this make A exit early: its part is over
		 * before A's origin */
		int early = s->early_exit ?
			-o - s->b.crit_start - s->b.crit_len : 0;
		double hits = 0, len;

		if (early < 0)
			early = 0;
		if (early > jb)
			early = jb;
		/* With an early exit the later end is B's, for every j_a */
		len = ja * shape_sum_max(0, o + s->b.len, 0, early - 1);
		for (j = 0; j < ja; j++) {
			int from = j + lo - o, to = j + hi - o;

			from = from > 0 ? from : 0;
			to = to < jb - 1 ? to : jb - 1;
			hits += to >= from ? to - from + 1 : 0;
			len += shape_sum_max(j + s->a.len, o + s->b.len,
					     early, jb - 1);
		}
		len = len / ((double)ja * jb) - (o < 0 ? o : 0);
		hits /= (double)ja * jb;
		if (hits / len > best)
			best = hits / len;
	}

	return best * 1e9;
}

/*
 * The start offsets (B's section start minus A's, ns) at which the
 * critical parts overlap: the open interval (*lo, *hi). Without jitter
 * only; 0 for a shape with some, whose window moves each iteration.
 */
static inline int shape_window(const struct shape *s, int *lo, int *hi)
{
	if (s->a.jitter || s->b.jitter)
		return 0;
	shape_window_ends(s, lo, hi);
	return 1;
}

#endif /* BENCH_SHAPES_H */
