// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the stall (include/tst_stall.h): its pure parts with
 * made-up numbers (the wait queue's layout and growth, the calibration's
 * steps, the gap in clock reads, percentiles, the aim at a syscall's
 * end), and the real timer in a forked test: sizing, a disarm before the
 * expiry cancels it, a stall that came is reported, tst_stall_wait()
 * returns the stall's number once its moment has passed, 0 at its bound
 * when none was armed and at once when the pair's loop ends,
 * tst_stall_expect() forgets earlier stalls, the descriptors are all
 * closed by cleanup.
 */
#include <dirent.h>

#include "unit.h"
#include "tst_fuzzy_sync.h"
#include "tst_stall.h"
#include "stall.h"

static void layout_covers_with_fewest_fds(void **state)
{
	int w, e, d, be, bd, best;

	(void)state;
	for (w = 1; w <= 5000; w += (w < 100 ? 1 : 37)) {
		stall_layout(w, &e, &d);
		assert_true((long)e * (d + 1) >= w);
		/* brute force: the fewest descriptors e + d that cover w */
		best = INT_MAX;
		for (be = 1; be <= w; be++) {
			bd = (w + be - 1) / be - 1;
			if (be + bd < best)
				best = be + bd;
		}
		if (e + d != best)
			fail_msg("%d waiters: %d epoll + %d dups, %d descriptors would do",
				 w, e, d, best);
	}
	stall_layout(0, &e, &d);
	assert_int_equal(e * (d + 1), 1);
}

static void gap_is_the_longest_after_arming(void **state)
{
	int64_t t[] = { 1000, 1010, 1020, 1030, 5030, 5040, 5050, 5500, 5510 };
	int64_t start;

	(void)state;
	assert_int_equal(stall_gap(t, 9, 900, &start), 4000);
	assert_int_equal(start, 1030 - 900);
	assert_int_equal(stall_gap(t, 1, 900, &start), 0);
	assert_int_equal(start, 0);
}

static void percentiles(void **state)
{
	int64_t v[] = { 50, 10, 40, 20, 30 }, one[] = { 7 };

	(void)state;
	assert_int_equal(stall_percentile(v, 5, 50), 30);
	assert_int_equal(stall_percentile(v, 5, 0), 10);
	assert_int_equal(stall_percentile(v, 5, 100), 50);
	assert_int_equal(stall_percentile(v, 5, 90), 40);
	assert_int_equal(stall_percentile(one, 1, 90), 7);
	assert_int_equal(stall_percentile(v, 0, 50), 0);
	assert_int_equal(tst_stall_median(v, 5), 30);
}

static void resize_grows_to_the_target_within_bounds(void **state)
{
	(void)state;
	/* proportional, a fifth more */
	assert_int_equal(stall_resize(1000, 50000, 100000), 2401);
	/* far too short: the interrupt's own cost dominates, double */
	assert_int_equal(stall_resize(1000, 5000, 100000), 2000);
	assert_int_equal(stall_resize(1000, 0, 100000), 2000);
	/* long enough already: no smaller than needed, not below the floor */
	assert_int_equal(stall_resize(10, 1000000, 1000), TST_STALL_MIN_WAITERS);
	/* just short: at least one more */
	assert_true(stall_resize(1000, 99999, 100000) > 1000);
	assert_int_equal(stall_resize(60000, 1000, 100000000), TST_STALL_MAX_WAITERS);
}

/*
 * A syscall whose end is at @end: stalls armed before @way_in come
 * before it, later ones before @end fall inside
 */
static int64_t settle_in(struct tst_stall_aim *a, int64_t way_in,
			 int64_t end, int rounds)
{
	int64_t d;
	int i;

	for (i = 0; i < rounds; i++) {
		d = tst_stall_aim_next(a);
		tst_stall_aim_result(a, d, d < way_in ? TST_STALL_BEFORE :
					   d < end ? TST_STALL_INSIDE :
						     TST_STALL_AFTER);
	}
	return a->end_ns;
}

static int64_t settle(struct tst_stall_aim *a, int64_t end, int rounds)
{
	/* the way into the syscall: a stall this early comes before */
	return settle_in(a, 1000, end, rounds);
}

/* Trials of @w[i] entries, each measured as @ns[i] */
static int plan(const int *w, const int64_t *ns, int n, int64_t want,
		enum stall_end *end)
{
	struct stall_trial t[16] = { 0 };
	int i;

	for (i = 0; i < n; i++)
		t[i] = (struct stall_trial){ .waiters = w[i], .stall_ns = ns[i] };
	return stall_next_trial(t, n, 8, want, end);
}

static void calibration_steps(void **state)
{
	enum stall_end end;

	(void)state;
	/* long enough at once: that size */
	assert_int_equal(plan((int[]){ 256 }, (int64_t[]){ 130000 }, 1, 100000,
			      &end), 0);
	assert_int_equal(end, STALL_LONG_ENOUGH);
	/* short: grown as stall_resize() says */
	assert_int_equal(plan((int[]){ 256 }, (int64_t[]){ 130000 }, 1, 200000,
			      &end), stall_resize(256, 130000, 200000));
	/* a larger queue that measured shorter is measured again... */
	assert_int_equal(plan((int[]){ 256, 478 }, (int64_t[]){ 130000, 7700 },
			      2, 200000, &end), 478);
	/* ... also when it measured as long as the smaller one */
	assert_int_equal(plan((int[]){ 256, 478 }, (int64_t[]){ 130000, 130000 },
			      2, 200000, &end), 478);
	/* ... and the queue grows from the repeat, longer or not: when
	 * it agrees, the smaller one measured too long */
	assert_int_equal(plan((int[]){ 256, 478, 478 },
			      (int64_t[]){ 130000, 7700, 150000 }, 3, 200000,
			      &end), stall_resize(478, 150000, 200000));
	assert_int_equal(plan((int[]){ 256, 324, 324 },
			      (int64_t[]){ 101000, 81200, 82300 }, 3, 200000,
			      &end), stall_resize(324, 82300, 200000));
	/* the next size is compared with the repeat it grew from */
	assert_int_equal(plan((int[]){ 256, 324, 324, 481 },
			      (int64_t[]){ 101000, 81200, 82300, 95000 }, 4,
			      200000, &end),
			 stall_resize(481, 95000, 200000));
	/* long enough after a repeat: the repeat */
	assert_int_equal(plan((int[]){ 256, 361, 361 },
			      (int64_t[]){ 94400, 92300, 146300 }, 3, 106400,
			      &end), 0);
	assert_int_equal(end, STALL_LONG_ENOUGH);
	/* the largest queue, still short: that one */
	assert_int_equal(plan((int[]){ 30000, TST_STALL_MAX_WAITERS },
			      (int64_t[]){ 900000, 1900000 }, 2, 5000000,
			      &end), 0);
	assert_int_equal(end, STALL_LARGEST);
	/* ... measured again first when it measured no longer */
	assert_int_equal(plan((int[]){ 30000, TST_STALL_MAX_WAITERS },
			      (int64_t[]){ 900000, 7700 }, 2, 5000000,
			      &end), TST_STALL_MAX_WAITERS);
	/* the last trial, still short and growing: the last */
	assert_int_equal(plan((int[]){ 16, 32, 64, 128, 256, 512, 1024, 2048 },
			      (int64_t[]){ 1, 2, 3, 4, 5, 6, 7, 8 }, 8, 1000,
			      &end), 0);
	assert_int_equal(end, STALL_OUT_OF_TRIALS);
	/* a failed last trial is not repeated beyond the trials */
	assert_int_equal(plan((int[]){ 16, 32, 64, 128, 256, 512, 1024, 2048 },
			      (int64_t[]){ 1, 2, 3, 4, 5, 6, 7, 1 }, 8, 1000,
			      &end), 0);
	assert_int_equal(end, STALL_OUT_OF_TRIALS);
}

static void aim_tracks_the_end(void **state)
{
	struct tst_stall_aim a;
	int64_t d, lo = INT64_MAX, hi = 0, e;
	unsigned int seed = 6;
	int i, before = 0;

	(void)state;
	/* a first guess far too early and one far too late both settle
	 * within a few steps of the true end */
	tst_stall_aim_init(&a, 10000, 4000, 1);
	e = settle(&a, 30000, 20000);
	if (e < 30000 - 8 * a.step_ns || e > 30000 + 8 * a.step_ns)
		fail_msg("from 10 us: end at %lld, the syscall's is 30 us",
			 (long long)e);
	tst_stall_aim_init(&a, 60000, 4000, 2);
	e = settle(&a, 30000, 20000);
	if (e < 30000 - 8 * a.step_ns || e > 30000 + 8 * a.step_ns)
		fail_msg("from 60 us: end at %lld, the syscall's is 30 us",
			 (long long)e);

	/* the delays: three in four in the band before the end, the rest
	 * around it, never negative */
	tst_stall_aim_init(&a, 30000, 4000, 3);
	for (i = 0; i < 10000; i++) {
		d = tst_stall_aim_next(&a);
		lo = MIN(lo, d);
		hi = MAX(hi, d);
		before += d < 30000;
	}
	assert_true(lo >= 26000 && lo < 26100);
	assert_true(hi <= 34000 && hi > 33900);
	assert_true(before > 8400 && before < 9100);
	tst_stall_aim_init(&a, 1000, 4000, 4);
	for (i = 0; i < 1000; i++)
		assert_true(tst_stall_aim_next(&a) >= 0);
	/* stalls before the syscall leave the end alone */
	for (i = 0; i < 1000; i++) {
		tst_stall_aim_next(&a);
		tst_stall_aim_result(&a, 0, TST_STALL_BEFORE);
	}
	assert_int_equal(a.end_ns, 1000);
	/* as do those of delays from the band before it */
	for (i = 0; i < 1000; i++) {
		tst_stall_aim_next(&a);
		if (!a.exploring)
			tst_stall_aim_result(&a, 0, TST_STALL_AFTER);
	}
	assert_int_equal(a.end_ns, 1000);
	/* an end that would go below a step stays there */
	for (i = 0; i < 1000; i++) {
		tst_stall_aim_next(&a);
		tst_stall_aim_result(&a, 0, TST_STALL_AFTER);
	}
	assert_int_equal(a.end_ns, a.step_ns);
	/* from there, stalls before the syscall at delays past the end
	 * show that the end is later: it climbs out to the true one */
	e = settle_in(&a, 20000, 30000, 20000);
	if (e < 30000 - 8 * a.step_ns || e > 30000 + 8 * a.step_ns)
		fail_msg("from the floor, 20 us into the syscall: end at %lld, the syscall's is 30 us",
			 (long long)e);

	/* where the end is fuzzy, it settles where half fall inside: here
	 * inside with a chance falling from 1 at 28 us to 0 at 32 us */
	tst_stall_aim_init(&a, 20000, 4000, 5);
	for (i = 0; i < 40000; i++) {
		d = tst_stall_aim_next(&a);
		tst_stall_aim_result(&a, d, rand_r(&seed) % 4000 >
					     d - 28000 ? TST_STALL_INSIDE :
							 TST_STALL_AFTER);
	}
	if (a.end_ns < 30000 - 8 * a.step_ns || a.end_ns > 30000 + 8 * a.step_ns)
		fail_msg("a fuzzy end at 28-32 us: settled at %lld",
			 (long long)a.end_ns);
}

static void aim_at_the_last_part(void **state)
{
	struct tst_stall s = { .arm_ns = 2000, .late_spread_ns = 500 };
	struct tst_stall_aim a;

	(void)state;
	/* end after the arming and the syscall; band: the last third and
	 * twice the spread */
	tst_stall_aim_last_part(&a, &s, 30000, 3, 1);
	assert_int_equal(a.end_ns, 32000);
	assert_int_equal(a.band_ns, 10000 + 1000);
	/* a spread wider than the part widens it by the part at most */
	s.late_spread_ns = 20000;
	tst_stall_aim_last_part(&a, &s, 30000, 3, 1);
	assert_int_equal(a.band_ns, 20000);
}

static void where_a_stall_fell(void **state)
{
	struct tst_stall s = { .stall_ns = 100000, .arm_ns = 20000,
			       .call_ns = 980000, .armed_ns = 1000000 };

	(void)state;
	/* arming to the syscall's start took the stall */
	assert_int_equal(tst_stall_where(&s, 1000000 + 60000, 1000000 + 80000, 20000),
			 TST_STALL_BEFORE);
	/* the syscall took it */
	assert_int_equal(tst_stall_where(&s, 1000000 + 100, 1000000 + 100 + 120000, 20000),
			 TST_STALL_INSIDE);
	/* neither */
	assert_int_equal(tst_stall_where(&s, 1000000 + 100, 1000000 + 100 + 25000, 20000),
			 TST_STALL_AFTER);
	/* the arming call took it */
	s.call_ns = 1000000 - 20000 - 60000;
	assert_int_equal(tst_stall_where(&s, 1000000 + 100, 1000000 + 100 + 25000, 20000),
			 TST_STALL_BEFORE);
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	while (d && (de = readdir(d)))
		n += de->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static struct tst_stall stall;
static struct tst_fzsync_pair pair;

static unsigned long waited;

static void *waiter(void *arg)
{
	int64_t *done = arg;

	waited = tst_stall_wait(&stall, 1000000000, &pair);
	*done = tst_fzsync_now();
	return NULL;
}

static void real_timer(void)
{
	int fds = open_fds(), fired;
	int64_t t, done = 0, at;
	cpu_set_t before, after;
	pthread_t th;

	if (sched_getaffinity(0, sizeof(before), &before))
		tst_brk(TBROK | TERRNO, "sched_getaffinity()");
	tst_stall_init(&stall, 20000);
	if (sched_getaffinity(0, sizeof(after), &after))
		tst_brk(TBROK | TERRNO, "sched_getaffinity()");
	/* the calibration ran on one CPU, and gave the others back */
	if (!CPU_EQUAL(&before, &after))
		tst_brk(TBROK, "the stall's calibration left the thread on %d of %d CPUs",
			CPU_COUNT(&after), CPU_COUNT(&before));
	if (stall.waiters < TST_STALL_MIN_WAITERS || stall.stall_ns <= 0)
		tst_brk(TBROK, "stall of %d entries measured %lld ns",
			stall.waiters, (long long)stall.stall_ns);
	if (open_fds() != fds + stall.nepoll + stall.ndups + 1)
		tst_brk(TBROK, "%d descriptors for %d epoll and %d dups",
			open_fds() - fds, stall.nepoll, stall.ndups);

	if (tst_stall_disarm(&stall))
		tst_brk(TBROK, "a stall never armed was reported as come");
	/* cancelled before it comes */
	tst_stall_arm(&stall, 1000000000);
	if (tst_stall_disarm(&stall))
		tst_brk(TBROK, "a stall due in 1 s was reported as come");
	/* a wait for a disarmed stall returns at once, with its number */
	if (tst_stall_wait(&stall, 1000000, &pair) != 1)
		tst_brk(TBROK, "the first wait was not for stall 1");
	/* none armed since: the wait ends at its bound */
	t = tst_fzsync_now();
	if (tst_stall_wait(&stall, 2000000, &pair))
		tst_brk(TBROK, "a wait with no stall armed returned one");
	if (tst_fzsync_now() - t < 2000000)
		tst_brk(TBROK, "a wait with no stall armed ended before its bound");
	/* an arm before tst_stall_expect() is not waited for */
	tst_stall_arm(&stall, 1000000000);
	tst_stall_disarm(&stall);
	tst_stall_expect(&stall);
	if (tst_stall_wait(&stall, 1000000, &pair))
		tst_brk(TBROK, "a stall armed before tst_stall_expect() was waited for");

	/* comes while this thread spins, and the waiter sees its moment */
	SAFE_PTHREAD_CREATE(&th, NULL, waiter, &done);
	tst_stall_arm(&stall, 50000);
	at = stall.at_ns;
	for (t = tst_fzsync_now(); tst_fzsync_now() - t < 20000000;)
		;
	SAFE_PTHREAD_JOIN(th, NULL);
	fired = tst_stall_disarm(&stall);
	if (!fired)
		tst_brk(TBROK, "a stall due in 50 us did not come in 20 ms");
	if (done < at)
		tst_brk(TBROK, "tst_stall_wait() returned %lld ns before the moment",
			(long long)(at - done));
	if (waited != 3)
		tst_brk(TBROK, "the waiter waited for stall %lu, not 3", waited);
	if (stall.at_ns)
		tst_brk(TBROK, "the moment is still published after disarming");

	/* none armed since the last wait: the pair's exit ends the wait */
	__atomic_store_n(&pair.exit, 1, __ATOMIC_RELAXED);
	if (tst_stall_wait(&stall, 1000000000, &pair))
		tst_brk(TBROK, "a wait ended by the exit flag returned a stall");

	tst_stall_cleanup(&stall);
	tst_stall_cleanup(&stall);
	if (open_fds() != fds)
		tst_brk(TBROK, "%d descriptors left after cleanup", open_fds() - fds);
	tst_res(TPASS, "real stall: sized, cancelled, fired, waited for, closed");
}

static struct tst_test real_test = { .test_all = real_timer };

static void real_stall(void **state)
{
	struct run r;

	(void)state;
	run_tst(&r, &real_test);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: real stall");
	assert_output(&r, "stall: ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout_covers_with_fewest_fds),
		cmocka_unit_test(gap_is_the_longest_after_arming),
		cmocka_unit_test(percentiles),
		cmocka_unit_test(resize_grows_to_the_target_within_bounds),
		cmocka_unit_test(calibration_steps),
		cmocka_unit_test(aim_tracks_the_end),
		cmocka_unit_test(aim_at_the_last_part),
		cmocka_unit_test(where_a_stall_fell),
		cmocka_unit_test(real_stall),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
