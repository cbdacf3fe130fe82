// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the offset controller: bins, stratified aims, the share
 * of undelayed aims at the natural alignment, the aim correction, outcome
 * feedback (clean, noisy, moving, at the natural alignment) and coverage.
 *
 * The race is simulated: an aim becomes a realised offset through a
 * model with a systematic error and noise (an undelayed iteration has
 * the natural offset and the noise only), and a window of offsets
 * decides the outcome.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "fzsync.h"
#include "offset_ctl.h"

static struct fzsync_ctl ctl;
static uint64_t rs;
/* Iterations that ran undelayed */
static long undelayed;

static float u(void)
{
	return fzsync_rand01(&rs);
}

/* What the pair does: aim, subtract the correction, realise with error */
static float iterate(float sys_err, float noise)
{
	float aim = fzsync_ctl_aim(&ctl, u(), u());
	int side = aim > 0;
	float realised = aim - ctl.correction[side] + sys_err +
			 (u() - 0.5f) * 2 * noise;

	if (fzsync_ctl_undelayed(&ctl)) {
		undelayed++;
		realised = aim + (u() - 0.5f) * 2 * noise;
	}
	fzsync_ctl_record(&ctl, aim, realised, side);
	return realised;
}

/* The same with each way of running its own noise: @noise for an
 * undelayed iteration, @delayed_noise for a delayed one */
static float iterate_split(float noise, float delayed_noise)
{
	float aim = fzsync_ctl_aim(&ctl, u(), u());
	float off;

	if (fzsync_ctl_undelayed(&ctl))
		off = aim + (u() - 0.5f) * 2 * noise;
	else
		off = aim - ctl.correction[aim > 0] +
		      (u() - 0.5f) * 2 * delayed_noise;
	fzsync_ctl_record(&ctl, aim, off, aim > 0);
	return off;
}

static enum tst_fzsync_outcome judge(float off, float win_lo, float win_hi)
{
	if (off < win_lo)
		return TST_FZSYNC_B_EARLY;
	if (off > win_hi)
		return TST_FZSYNC_A_EARLY;
	return TST_FZSYNC_HIT;
}

static void test_bins(void **state)
{
	(void)state;
	fzsync_ctl_start(&ctl, -1000, 3000, 0, 50);
	assert_int_equal(ctl.nbins, 80);
	assert_float_equal(ctl.bin_ns, 50, 1e-3);
	assert_int_equal(fzsync_ctl_bin(&ctl, -1000), 0);
	assert_int_equal(fzsync_ctl_bin(&ctl, -951), 0);
	assert_int_equal(fzsync_ctl_bin(&ctl, -950), 1);
	assert_int_equal(fzsync_ctl_bin(&ctl, 2999), 79);
	/* Outside: edge bins */
	assert_int_equal(fzsync_ctl_bin(&ctl, -5000), 0);
	assert_int_equal(fzsync_ctl_bin(&ctl, 9000), 79);

	/* Clamped bin counts */
	fzsync_ctl_start(&ctl, -1e6f, 1e6f, 0, 10);
	assert_int_equal(ctl.nbins, FZSYNC_BINS_MAX);
	fzsync_ctl_start(&ctl, -10, 10, 0, 100);
	assert_int_equal(ctl.nbins, FZSYNC_BINS_MIN);
}

/* Blind: realised offsets fill every bin evenly, not just on average */
static void test_stratified(void **state)
{
	int i;

	(void)state;
	rs = 1;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 100);
	undelayed = 0;
	for (i = 0; i < ctl.nbins * 10 + undelayed; i++)
		iterate(0, 0);
	for (i = 0; i < ctl.nbins; i++)
		assert_int_equal(ctl.seen[i], 10);
	assert_true(fzsync_ctl_covered(&ctl, 10));
	assert_false(fzsync_ctl_covered(&ctl, 11));
	assert_int_equal(ctl.below + ctl.above, 0);
}

/* A systematic error is learned; coverage stays even under noise */
static void test_correction(void **state)
{
	uint32_t min = UINT32_MAX, max = 0;
	int i;

	(void)state;
	rs = 2;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 100);
	for (i = 0; i < 20000; i++)
		iterate(700, 50);
	assert_float_equal(ctl.correction[0], 700, 30);
	assert_float_equal(ctl.correction[1], 700, 30);
	assert_in_range((long)ctl.err_dev, 10, 60);
	for (i = 0; i < ctl.nbins; i++) {
		if (ctl.seen[i] < min)
			min = ctl.seen[i];
		if (ctl.seen[i] > max)
			max = ctl.seen[i];
	}
	assert_true(max - min <= 0.2 * 20000 / ctl.nbins);
}

/* Widening: the new range is binned afresh, the learned correction and
 * the natural offset stay, and the aims cover the new range */
static void test_widen(void **state)
{
	float correction;
	int i;

	(void)state;
	rs = 3;
	fzsync_ctl_start(&ctl, -4000, 6000, 250, 100);
	for (i = 0; i < 5000; i++)
		iterate(700, 50);
	correction = ctl.correction[0];
	assert_float_equal(correction, 700, 30);

	fzsync_ctl_widen(&ctl, -4000, 16000, 100);
	assert_float_equal(ctl.lo, -4000, 1e-3);
	assert_float_equal(fzsync_ctl_hi(&ctl), 16000, 1e-2);
	assert_int_equal(ctl.nbins, 200);
	assert_float_equal(ctl.correction[0], correction, 1e-3);
	assert_float_equal(ctl.natural, 250, 1e-3);
	assert_false(fzsync_ctl_covered(&ctl, 1));
	for (i = 0; i < 20 * ctl.nbins; i++)
		iterate(700, 50);
	assert_true(fzsync_ctl_covered(&ctl, 1));
	/* Only the noise of aims in the top bin lands above */
	assert_true(ctl.above <= 20u * ctl.nbins / 100);
}

/*
 * Feedback: a window of 200ns in a 10000ns range. Uniform offsets would
 * overlap 2% of the time; after 2000 iterations at least 30% must.
 */
static long feedback_hits(float win_lo, float win_hi, int iters, int from,
			  float flip_prob, long *explored)
{
	long hits = 0;
	enum tst_fzsync_outcome o;
	float off;
	int i;

	*explored = 0;
	for (i = 0; i < iters; i++) {
		off = iterate(100, 30);
		o = judge(off, win_lo, win_hi);
		if (i >= from) {
			hits += o == TST_FZSYNC_HIT;
			*explored += ctl.explore;
		}
		if (o != TST_FZSYNC_HIT && u() < flip_prob)
			o = o == TST_FZSYNC_A_EARLY ? TST_FZSYNC_B_EARLY : TST_FZSYNC_A_EARLY;
		fzsync_ctl_outcome(&ctl, off, o);
	}

	return hits;
}

static void test_feedback_homes_in(void **state)
{
	long hits, explored;

	(void)state;
	rs = 3;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 50);
	hits = feedback_hits(2300, 2500, 4000, 2000, 0, &explored);
	assert_true(hits >= 0.3 * 2000);
	/* Still exploring at least 10% */
	assert_true(explored >= 0.1 * 2000);
	assert_float_equal(ctl.focus, 2400, 150);
}

/*
 * A window of 10ns, a quarter of a bin: the boundary between the orders
 * is only known to a bin, the hits' offsets to the aims' error. With
 * aims that land within 5ns, at least 40% of them hit (uniform: 0.1%).
 */
static long tiny_hits(float win_lo, int iters, int from)
{
	enum tst_fzsync_outcome o;
	long hits = 0;
	float off;
	int i;

	for (i = 0; i < iters; i++) {
		off = iterate(0, 5);
		o = judge(off, win_lo, win_lo + 10);
		if (i >= from)
			hits += o == TST_FZSYNC_HIT;
		fzsync_ctl_outcome(&ctl, off, o);
	}
	return hits;
}

static void test_feedback_tiny_window(void **state)
{
	(void)state;
	rs = 9;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 40);
	assert_true(tiny_hits(2305, 6000, 2000) >= 0.4 * 4000);
	/* It moves: the aims at the old hits give up, the new ones gather */
	assert_true(tiny_hits(-1733, 8000, 4000) >= 0.4 * 4000);
}

/* Only the order is known (no HIT): aims still go to the flip point */
static void test_feedback_order_only(void **state)
{
	long hits = 0;
	enum tst_fzsync_outcome o;
	float off;
	int i;

	(void)state;
	rs = 4;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 50);
	for (i = 0; i < 4000; i++) {
		off = iterate(0, 30);
		o = judge(off, -1200, -1000);
		if (i >= 2000)
			hits += o == TST_FZSYNC_HIT;
		/* The test cannot see hits: it reports the nearer side */
		if (o == TST_FZSYNC_HIT)
			o = off < -1100 ? TST_FZSYNC_B_EARLY : TST_FZSYNC_A_EARLY;
		fzsync_ctl_outcome(&ctl, off, o);
	}
	assert_true(hits >= 0.3 * 2000);
}

/* 15% of the outcomes are wrong: still well above the uniform 2% */
static void test_feedback_noisy(void **state)
{
	long hits, explored;

	(void)state;
	rs = 5;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 50);
	hits = feedback_hits(-3000, -2800, 4000, 2000, 0.15f, &explored);
	assert_true(hits >= 0.2 * 2000);
}

/* Random outcomes carry no information: aims must not collapse */
static void test_feedback_random_not_trapped(void **state)
{
	int i, covered = 0;
	float off;

	(void)state;
	rs = 6;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 50);
	for (i = 0; i < 4000; i++) {
		off = iterate(0, 30);
		fzsync_ctl_outcome(&ctl, off, u() < 0.5f ? TST_FZSYNC_A_EARLY :
							   TST_FZSYNC_B_EARLY);
	}
	for (i = 0; i < ctl.nbins; i++)
		covered += ctl.seen[i] > 0;
	assert_int_equal(covered, ctl.nbins);
	assert_true(ctl.focus_width > 10 * ctl.bin_ns);
}

/* The window moves: the controller follows within 2000 iterations */
static void test_feedback_moving_window(void **state)
{
	long hits, explored;

	(void)state;
	rs = 7;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 50);
	feedback_hits(4000, 4200, 3000, 0, 0, &explored);
	hits = feedback_hits(-500, -300, 4000, 2000, 0, &explored);
	assert_true(hits >= 0.3 * 2000);
}

/*
 * Coverage rule: once every bin of the timing resolution holds k
 * realised offsets, a window one resolution wide anywhere in the range
 * has been hit at least once, with probability >= 99% for k = 4.
 */
static void test_coverage_finds_window(void **state)
{
	int trial, found = 0, hit, i;
	float lo, off;

	(void)state;
	rs = 8;
	for (trial = 0; trial < 1000; trial++) {
		fzsync_ctl_start(&ctl, -4000, 6000, 0, 50);
		lo = -4000 + u() * (10000 - 50);
		hit = 0;
		for (i = 0; !fzsync_ctl_covered(&ctl, 4); i++) {
			off = iterate(0, 25);
			hit |= off >= lo && off < lo + 50;
		}
		found += hit;
	}
	assert_true(found >= 990);
}

/*
 * Blind, a window at the natural alignment (B's critical part right where
 * A's is, no delay needed): a quarter of the aims make no delay and hit
 * it, where aims spread evenly over the range would hit 3% of the time.
 * The aims the natural offset takes are not the stratified aims' own:
 * the bins stay as even as with delayed aims alone (test_correction).
 */
static void test_natural_share(void **state)
{
	long hits = 0;
	uint32_t min = UINT32_MAX, max = 0;
	float off;
	int i;

	(void)state;
	rs = 10;
	undelayed = 0;
	fzsync_ctl_start(&ctl, -4000, 6000, 40, 50);
	for (i = 0; i < 8000; i++) {
		off = iterate(300, 30);
		hits += judge(off, -100, 200) == TST_FZSYNC_HIT;
	}
	assert_in_range(undelayed, 8000 / 4 - 200, 8000 / 4 + 200);
	assert_true(hits >= 0.25 * 8000);
	for (i = 0; i < ctl.nbins; i++) {
		if (ctl.seen[i] < min)
			min = ctl.seen[i];
		if (ctl.seen[i] > max)
			max = ctl.seen[i];
	}
	assert_true(max - min <= 0.2 * (8000 - undelayed) / ctl.nbins);
	/* The delays' error was learned from the delayed aims alone */
	assert_float_equal(ctl.correction[0], 300, 40);
	assert_float_equal(ctl.correction[1], 300, 40);
}

/* An undelayed iteration counts neither in the bins the aims stratify
 * nor in the correction, only in the report of the offsets */
static void test_undelayed_not_recorded(void **state)
{
	float aim, correction;
	int i, b, found = 0;
	uint32_t seen[FZSYNC_BINS_MAX], offsets;

	(void)state;
	rs = 11;
	fzsync_ctl_start(&ctl, -4000, 6000, -20, 50);
	for (i = 0; i < 1000; i++)
		iterate(100, 10);
	for (i = 0; i < 100 && !found; i++) {
		aim = fzsync_ctl_aim(&ctl, u(), u());
		if (!fzsync_ctl_undelayed(&ctl)) {
			fzsync_ctl_record(&ctl, aim, aim, 0);
			continue;
		}
		found = 1;
		assert_float_equal(aim, -20, 1e-3);
		correction = ctl.correction[0];
		memcpy(seen, ctl.seen, sizeof(seen));
		offsets = fzsync_ctl_offsets(&ctl, fzsync_ctl_bin(&ctl, aim + 3000));
		fzsync_ctl_record(&ctl, aim, aim + 3000, 0);
		assert_float_equal(ctl.correction[0], correction, 1e-6);
		for (b = 0; b < ctl.nbins; b++)
			assert_int_equal(ctl.seen[b], seen[b]);
		/* ... but in the report of the offsets the loop had */
		assert_int_equal(fzsync_ctl_offsets(&ctl,
				 fzsync_ctl_bin(&ctl, aim + 3000)), offsets + 1);
	}
	assert_true(found);
}

/*
 * Feedback on a window at the natural alignment: the undelayed
 * exploration finds it and the focused aims stay on it.
 */
static void test_feedback_natural_window(void **state)
{
	long hits, explored;

	(void)state;
	rs = 12;
	undelayed = 0;
	fzsync_ctl_start(&ctl, -10000, 10000, 0, 80);
	hits = feedback_hits(-250, 50, 4000, 2000, 0, &explored);
	assert_true(hits >= 0.5 * 2000);
	/* Once focused, at least one exploration in four is undelayed */
	assert_true(undelayed >= 4000 / FZSYNC_EXPLORE_EVERY / 4 / 2);
}

/*
 * Feedback on a window at the natural alignment that only the threads'
 * own spread fits: delays land within 150ns, the window is 100ns wide
 * around the natural offset, where undelayed iterations spread 20ns.
 * Aims through delays hit about a third of the time; once the undelayed
 * explorations have shown that they hit more, the focused aims make no
 * delay either, and at least 70% of the iterations hit.
 */
static void test_feedback_natural_spread(void **state)
{
	enum tst_fzsync_outcome o;
	long hits = 0, late_undelayed = 0;
	float off;
	int i;

	(void)state;
	rs = 13;
	fzsync_ctl_start(&ctl, -10000, 10000, 30, 80);
	for (i = 0; i < 6000; i++) {
		off = iterate_split(20, 150);
		o = judge(off, -20, 80);
		if (i >= 3000) {
			hits += o == TST_FZSYNC_HIT;
			late_undelayed += fzsync_ctl_undelayed(&ctl);
		}
		fzsync_ctl_outcome(&ctl, off, o);
	}
	assert_true(hits >= 0.7 * 3000);
	assert_true(late_undelayed >= 0.7 * 3000);
}

/*
 * A window narrower than the aims' error: aims at the hits land within
 * 100ns of their offset and hit the 10ns window one time in twenty, so
 * runs of 64 misses come about once per 25 of their hits. Such runs are
 * no sign that the window moved: at least 95% of the focused aims stay
 * on the hits (with a fixed 64 misses, 67%), and at least 4% of all
 * iterations hit.
 */
static void test_feedback_rare_hits_stay(void **state)
{
	enum tst_fzsync_outcome o;
	long hits = 0, focused = 0, at_hits = 0;
	float off;
	int i;

	(void)state;
	rs = 14;
	fzsync_ctl_start(&ctl, -4000, 6000, 0, 50);
	for (i = 0; i < 60000; i++) {
		off = iterate(0, 100);
		o = judge(off, 1200, 1210);
		if (i >= 20000) {
			hits += o == TST_FZSYNC_HIT;
			focused += !ctl.explore;
			at_hits += ctl.at_hits;
		}
		fzsync_ctl_outcome(&ctl, off, o);
	}
	assert_true(at_hits >= 0.95 * focused);
	assert_true(hits >= 0.04 * 40000);
}

/*
 * While undelayed iterations hit more often than the aims at the hits,
 * those aims are still tried: here the delays land 2000ns wide at first,
 * so the undelayed iterations (5% hits at the natural alignment) take
 * the focused aims, and then within 5ns, when aims at the hits hit
 * nearly always. They take the focused aims back: at least half of the
 * iterations hit (frozen on the undelayed ones: 5%).
 */
static void test_feedback_at_hits_rechecked(void **state)
{
	enum tst_fzsync_outcome o;
	long hits = 0;
	float off;
	int i;

	(void)state;
	rs = 15;
	fzsync_ctl_start(&ctl, -4000, 6000, -400, 50);
	for (i = 0; i < 16000; i++) {
		off = iterate_split(100, i < 8000 ? 2000 : 5);
		o = judge(off, -405, -395);
		if (i >= 12000)
			hits += o == TST_FZSYNC_HIT;
		fzsync_ctl_outcome(&ctl, off, o);
	}
	assert_true(hits >= 0.5 * 4000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bins),
		cmocka_unit_test(test_stratified),
		cmocka_unit_test(test_correction),
		cmocka_unit_test(test_widen),
		cmocka_unit_test(test_feedback_homes_in),
		cmocka_unit_test(test_feedback_tiny_window),
		cmocka_unit_test(test_feedback_order_only),
		cmocka_unit_test(test_feedback_noisy),
		cmocka_unit_test(test_feedback_random_not_trapped),
		cmocka_unit_test(test_feedback_moving_window),
		cmocka_unit_test(test_coverage_finds_window),
		cmocka_unit_test(test_natural_share),
		cmocka_unit_test(test_undelayed_not_recorded),
		cmocka_unit_test(test_feedback_natural_window),
		cmocka_unit_test(test_feedback_natural_spread),
		cmocka_unit_test(test_feedback_rare_hits_stay),
		cmocka_unit_test(test_feedback_at_hits_rechecked),
	};

	return cmocka_run_group_tests_name("fzsync_ctl", tests, NULL, NULL);
}
