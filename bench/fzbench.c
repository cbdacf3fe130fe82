// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Benchmark of fuzzy sync on synthetic races in user space.
 *
 * The shapes are those of shapes.h: sections of known length with a
 * short critical part at a known place, hit when the two critical parts
 * overlap. For every shape the benchmark runs the race blind (no
 * outcomes reported) and with outcome feedback, and prints iterations per
 * overlap next to the uniform ideal: the rate at which start offsets
 * drawn evenly over the overlap range [-len_b, +len_a] would overlap the
 * critical parts, (crit_a + crit_b) / (len_a + len_b).
 *
 * It also measures the empty race loop's speed, and how often the
 * coverage stop ends a loop before a window one timing resolution wide
 * has been hit.
 *
 * Options: -n N delayed iterations per run (default 20000), -t TRIALS of
 * the coverage experiment (default 500).
 */
#include <math.h>
#include <stdio.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"
#include "shapes.h"

enum mode { BLIND, FEEDBACK, MODES };
static const char *const mode_names[] = { "blind", "feedback" };

struct result {
	long iterations, hits, hits_first, hits_after;
	double seconds;
};

static struct tst_fzsync_pair pair;
static const struct window *b_win;
/* Written by B in its section, read by A after the end barrier */
static struct interval b_crit;
/* Set by B once its critical part is over: the "fd" is closed */
static tst_atomic_t b_done;
static char *opt_iters, *opt_trials;
static long delayed_iters = 20000;
static int trials = 500;
/* The quick-mode coverage the experiment runs with */
static int default_coverage;

static void *thread_b(void *arg)
{
	unsigned int seed = 2;
	int64_t t0;

	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		t0 = shape_section_start(b_win, &seed);
		shape_critical(b_win, t0, &b_crit);
		tst_atomic_store(1, &b_done);
		shape_busy_until(t0 + b_win->len);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void run_shape(const struct shape *s, enum mode mode, struct result *r)
{
	unsigned int seed = 1;
	int64_t t0, start = 0;
	struct interval a_crit;
	enum tst_fzsync_outcome o;
	long n = 0;
	int hit;

	memset(r, 0, sizeof(*r));
	b_win = &s->b;
	pair.coverage = -1;
	tst_fzsync_pair_reset(&pair, thread_b);

	while (tst_fzsync_run_a(&pair)) {
		tst_atomic_store(0, &b_done);
		tst_fzsync_start_race_a(&pair);
		t0 = shape_section_start(&s->a, &seed);
		/* The "fd" is gone if B's critical part ended before ours began */
		if (s->early_exit && tst_atomic_load(&b_done)) {
			a_crit.start = a_crit.end = tst_fzsync_now();
		} else {
			shape_critical(&s->a, t0, &a_crit);
			shape_busy_until(t0 + s->a.len);
		}
		tst_fzsync_end_race_a(&pair);

		hit = 0;
		if (a_crit.end < b_crit.start) {
			o = TST_FZSYNC_A_EARLY;
		} else if (b_crit.end < a_crit.start) {
			o = TST_FZSYNC_B_EARLY;
		} else {
			o = TST_FZSYNC_HIT;
			hit = 1;
		}

		if (mode == FEEDBACK)
			tst_fzsync_pair_outcome(&pair, o);

		if (!tst_fzsync_pair_delaying(&pair))
			continue;
		if (!n++)
			start = tst_fzsync_now();
		r->hits += hit;
		if (n <= 2000)
			r->hits_first += hit;
		else
			r->hits_after += hit;
		if (n >= delayed_iters) {
			r->seconds = (tst_fzsync_now() - start) / 1e9;
			tst_fzsync_pair_cleanup(&pair);
			break;
		}
	}
	r->iterations = n;
	if (!r->seconds)
		r->seconds = (tst_fzsync_now() - start) / 1e9;
}

static void *empty_b(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void empty_loop(void)
{
	int64_t t0;
	int loops = 1000000;

	pair.exec_loops = loops;
	pair.coverage = -1;
	tst_fzsync_pair_reset(&pair, empty_b);
	t0 = tst_fzsync_now();
	while (tst_fzsync_run_a(&pair)) {
		tst_fzsync_start_race_a(&pair);
		tst_fzsync_end_race_a(&pair);
	}
	tst_res(TINFO, "empty race loop: %.0f iterations/s (%d iterations)",
		loops / ((tst_fzsync_now() - t0) / 1e9), loops);
	pair.exec_loops = INT_MAX;
}

/*
 * Coverage stop: a window one timing resolution wide at a random offset;
 * how often is it hit at least once before the loop stops on coverage?
 */
static int64_t cov_lo, cov_hi;
static int cov_hit;

static void *cov_b(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		shape_busy_until(pair.b_start + 5000);
		tst_fzsync_end_race_b(&pair);
	}

	return arg;
}

static void coverage_trials(void)
{
	int t, found = 0;
	long iters = 0;
	float width = 0, off;
	unsigned int seed = 3;

	for (t = 0; t < trials; t++) {
		pair.coverage = default_coverage;
		pair.min_samples = 200;
		tst_fzsync_pair_reset(&pair, cov_b);
		cov_hit = 0;
		cov_lo = cov_hi = 0;
		while (tst_fzsync_run_a(&pair)) {
			tst_fzsync_start_race_a(&pair);
			shape_busy_until(pair.a_start + 5000);
			tst_fzsync_end_race_a(&pair);
			iters++;
			if (!tst_fzsync_pair_delaying(&pair))
				continue;
			if (!cov_hi) {
				/* The window: one resolution bin's width */
				width = tst_fzsync_pair_resolution_ns(&pair);
				cov_lo = -5000 + (rand_r(&seed) % 10000);
				cov_hi = cov_lo + (int64_t)ceilf(width);
				continue;
			}
			off = pair.b_start - pair.a_start;
			cov_hit |= off >= cov_lo && off < cov_hi;
		}
		found += cov_hit;
	}
	pair.min_samples = 1024;

	tst_res(TINFO, "coverage stop (k=%d): a %.0fns window found in %d of %d trials (%.1f%%), %.0f iterations per trial",
		pair.coverage, width, found, trials, 100.0 * found / trials,
		(double)iters / trials);
	if (found < 0.99 * trials)
		tst_res(TFAIL, "coverage stop missed the window in more than 1%% of trials");
	else
		tst_res(TPASS, "coverage stop found the window in >= 99%% of trials");
}

static void run(void)
{
	struct result r[ARRAY_SIZE(shapes)][MODES];
	unsigned int i, m;
	float ideal, ipo;
	int pass = 1;

	empty_loop();

	for (i = 0; i < ARRAY_SIZE(shapes); i++) {
		for (m = 0; m < MODES; m++) {
			run_shape(&shapes[i], m, &r[i][m]);
			tst_res(TINFO, "%s/%s done: %ld hits in %ld iterations",
				shapes[i].name, mode_names[m], r[i][m].hits,
				r[i][m].iterations);
		}
	}

	printf("\n%-11s %-8s %9s %9s %9s %10s %12s\n", "shape", "mode",
	       "iter/hit", "ideal", "ratio", "hits/s", "hit% >2000");
	for (i = 0; i < ARRAY_SIZE(shapes); i++) {
		const struct shape *s = &shapes[i];

		for (m = 0; m < MODES; m++) {
			struct result *x = &r[i][m];
			long after = x->iterations - 2000;

			/* From the nominal lengths: the measured ones carry
			 * the odd preemption */
			ideal = 1 / shape_uniform_ideal(s);
			ipo = x->hits ? (float)x->iterations / x->hits : INFINITY;
			printf("%-11s %-8s %9.1f %9.1f %9.2f %10.0f %11.1f%%\n",
			       s->name, mode_names[m], ipo, ideal, ipo / ideal,
			       x->hits / x->seconds,
			       after > 0 ? 100.0 * x->hits_after / after : 0);
			if (m == BLIND && ipo > 2 * ideal)
				pass = 0;
			if (m == FEEDBACK && after > 0 &&
			    x->hits_after < 0.3 * after)
				pass = 0;
		}
	}
	printf("\n");
	fflush(stdout);

	if (pass)
		tst_res(TPASS, "blind within 2x of the uniform ideal, feedback >= 30%% overlaps after 2000 iterations, on every shape");
	else
		tst_res(TFAIL, "a shape missed its target (blind <= 2x ideal, feedback >= 30%%)");

	coverage_trials();
}

static void setup(void)
{
	if (opt_iters)
		delayed_iters = atol(opt_iters);
	if (opt_trials)
		trials = atoi(opt_trials);
	if (delayed_iters < 2001 || trials < 1)
		tst_brk(TBROK, "-n must be > 2000 and -t >= 1");
	pair.exec_loops = INT_MAX;
	tst_fzsync_pair_init(&pair);
	/* Quick mode is off by default; the experiment measures it at
	 * FZSYNC_COVERAGE, or at fzrun --quick's default of 6 */
	default_coverage = pair.coverage > 0 ? pair.coverage : 6;
}

static void cleanup(void)
{
	tst_fzsync_pair_cleanup(&pair);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
	.min_cpus = 2,
	.runtime = 600,
	.options = (struct tst_option[]) {
		{"n:", &opt_iters, "Delayed iterations per run (default 20000)"},
		{"t:", &opt_trials, "Trials of the coverage experiment (default 500)"},
		{}
	},
};
