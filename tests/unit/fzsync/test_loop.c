// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of a race loop driven deterministically: thread A's side
 * only, through the library's functions (tst_fzsync_pair_next(), the
 * accounting of tst_fzsync_pair_update(), outcomes, the verdict), with
 * the timestamps thread B and the delays would have written made up by
 * the test. They check the accounting, the end of sampling, the start of
 * delays and the aims, the loop's stops, and the verdict.
 *
 * Each scenario runs in a forked test process; a failed check there is
 * a TFAIL, and the unit test checks the run's output and status.
 */
#include <limits.h>
#include <math.h>

#include "unit.h"

#include "tst_fuzzy_sync.h"

/*
 * A check in the forked test process. Reported once per check with the
 * iteration's aim, then only counted: a check inside a loop that fails
 * on every iteration would otherwise fill the captured output before
 * the first report could be read.
 */
#define CHECK(cond) do { \
	static int failed_; \
	if (!(cond) && !failed_++) \
		tst_res(TFAIL, "check failed: %s (target %lld ns, delay %d, timed %d)", \
			#cond, (long long)pair.target_ns, pair.delay, pair.delay_timed); \
} while (0)

/* The race made up: A released at 1000, B at 1500 (ns after BASE),
 * sections of 2000 and 1000 ns */
#define BASE		1000000000LL
#define A_RELEASE	1000
#define B_RELEASE	1500
#define RELEASE_OFFSET	(B_RELEASE - A_RELEASE)
#define LEN_A		2000
#define LEN_B		1000
#define MIN_SAMPLES	20

static struct run r;
static struct tst_fzsync_pair pair;
static char stats_path[128];

/* B's start minus A's of an iteration; 0 to keep the release offset */
static int64_t offset_ns;
/* After sampling, delays land exactly on the offset aimed at instead */
static int follow_aims;
static int spins = 10;
/* A's section is LONG_LEN_A when B starts more than this after A, as
 * when A bails out early only if B came first; 0: never */
static int64_t long_a_after;
#define LONG_LEN_A	(4 * LEN_A)
#define LONG_LEN_B	(4 * LEN_B)
/* One delayed section of B in this many is stretched to LONG_LEN_B, at
 * any offset, as by preemptions on a loaded machine; 0: none */
static int stretch_b_every;
/* B's section ends no sooner than this long after A's start, as a read
 * blocking until A has written; 0: never */
static int64_t b_waits_until;
/* After sampling, an iteration with no delay runs at the release offset
 * with B's section LONG_LEN_B long, as when B waits for A only where
 * neither side is delayed; 0: it follows its aim like the others */
static int b_long_undelayed;
static long made;

/* A fresh loop with no thread B */
static void start_loop(int exec_loops, int coverage)
{
	pair = (struct tst_fzsync_pair) {
		.min_samples = MIN_SAMPLES,
		.exec_loops = exec_loops,
		.coverage = coverage,
	};
	tst_fzsync_pair_init(&pair);
	tst_fzsync_pair_reset(&pair, NULL);
}

/* The timestamps of one iteration whose sections start @offset apart,
 * the later one delayed */
static void make_times(int64_t offset)
{
	int64_t a_start = BASE + A_RELEASE, b_start = BASE + B_RELEASE;

	if (offset > RELEASE_OFFSET)
		b_start = a_start + offset;
	else
		a_start = b_start - offset;

	pair.a_start = a_start;
	pair.a_delay_ns = a_start - (BASE + A_RELEASE);
	pair.a_end = a_start + (long_a_after && offset > long_a_after ?
				LONG_LEN_A : LEN_A);
	pair.b_start = b_start;
	pair.b_delay_ns = b_start - (BASE + B_RELEASE);
	pair.b_end = b_start + LEN_B;
	if (b_waits_until && pair.b_end < a_start + b_waits_until)
		pair.b_end = a_start + b_waits_until;
	if (stretch_b_every && tst_fzsync_pair_delaying(&pair) &&
	    ++made % stretch_b_every == 0)
		pair.b_end = b_start + LONG_LEN_B;
	pair.spins = spins;
}

/* One iteration of A's loop; 0 once the loop has ended */
static int iteration(void)
{
	if (!tst_fzsync_pair_next(&pair))
		return 0;

	if (b_long_undelayed && tst_fzsync_pair_delaying(&pair) &&
	    !pair.delay) {
		make_times(RELEASE_OFFSET);
		pair.b_end = pair.b_start + LONG_LEN_B;
	} else if (follow_aims && tst_fzsync_pair_delaying(&pair))
		make_times(pair.target_ns);
	else
		make_times(offset_ns ? offset_ns : RELEASE_OFFSET);
	tst_fzsync_pair_update(&pair);
	return 1;
}

static void run_scenario(void (*fn)(void))
{
	struct tst_test t = { .test_all = fn, .runtime = 60 };

	run_tst(&r, &t);
}

/* A stats file of this process's own, not there yet */
static void fresh_stats_path(void)
{
	snprintf(stats_path, sizeof(stats_path), "/tmp/fzsync-unit-%d-stats",
		 getpid());
	unlink(stats_path);
}

static char *read_stats(char *buf, size_t size)
{
	FILE *f = fopen(stats_path, "r");
	size_t len;

	assert_non_null(f);
	len = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[len] = 0;
	unlink(stats_path);
	return buf;
}

/*
 * Steady timings: sampling takes exactly min_samples, ends on the
 * settled deviations at the next iteration's start, and the offset
 * range is [-len_b, len_a].
 */
static void sampling_settles(void)
{
	int i;

	start_loop(1000, -1);
	for (i = 0; i < MIN_SAMPLES; i++) {
		CHECK(iteration());
		CHECK(!tst_fzsync_pair_delaying(&pair));
		/* While sampling, no delay but the bias */
		CHECK(pair.delay == 0);
	}
	CHECK(iteration());
	CHECK(tst_fzsync_pair_delaying(&pair));
	tst_fzsync_pair_info(&pair);
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

static void test_sampling_settles(void **state)
{
	(void)state;
	run_scenario(sampling_settles);
	assert_status(&r, 0);
	assert_output(&r, "Minimum sampling period ended");
	assert_output(&r, "Reached deviation ratios < 0.10, introducing randomness");
	assert_output(&r, "Offset range [-1000, 2000]ns in ");
	/* The averages of the made-up race */
	assert_output(&r, "start_a - start_b: { avg =     -500ns, avg_dev =        0ns");
	assert_output(&r, "end_a - start_a  : { avg =     2000ns, avg_dev =        0ns");
	assert_output(&r, "end_b - start_b  : { avg =     1000ns, avg_dev =        0ns");
	assert_output(&r, "loop = 21, delay_bias = 0");
}

/* Offsets jumping by more than the sections: sampling never settles */
static void sampling_unsettled(void)
{
	int i;

	start_loop(1000, -1);
	for (i = 0; i < 300; i++) {
		offset_ns = i & 1 ? 3000 : -3000;
		CHECK(iteration());
	}
	CHECK(!tst_fzsync_pair_delaying(&pair));
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

static void test_sampling_unsettled(void **state)
{
	(void)state;
	run_scenario(sampling_unsettled);
	assert_status(&r, 0);
	assert_output(&r, "Minimum sampling period ended");
	assert_no_output(&r, "introducing randomness");
}

/*
 * The accounting: which section ended first, split by phase, as the
 * verdict reports it for a test that reports no outcomes.
 */
static void sections_counted(void)
{
	int i, sampled = 0, delayed = 0;

	start_loop(1000, -1);
	for (i = 0; i < 60; i++) {
		CHECK(tst_fzsync_pair_next(&pair));
		/* 5 with A first (B starts after A's end), 3 with B first,
		 * the rest overlapped; after sampling 4, 2 and the rest */
		if (!tst_fzsync_pair_delaying(&pair)) {
			offset_ns = sampled < 5 ? LEN_A + 100 :
				    sampled < 8 ? -LEN_B - 100 : RELEASE_OFFSET;
			sampled++;
		} else {
			offset_ns = delayed < 4 ? LEN_A + 100 :
				    delayed < 6 ? -LEN_B - 100 : RELEASE_OFFSET;
			delayed++;
		}
		make_times(offset_ns);
		tst_fzsync_pair_update(&pair);
	}
	CHECK(delayed > 6);
	tst_res(TINFO, "EXPECT outcomes: A first 9 (%.1f%%), overlapped %d (%.1f%%), B first 5 (%.1f%%); after sampling 4/%d/2",
		100.0 * 9 / 60, 60 - 14, 100.0 * 46 / 60, 100.0 * 5 / 60,
		delayed - 6);
	tst_res(TINFO, "EXPECT Loop ended (left by the test) after 60 iterations, %d of them sampling: sections overlapped in 46, A ended first in 9, B in 5; after sampling in %d of %d, 4, 2; ...",
		sampled, delayed - 6, delayed);
	tst_fzsync_pair_verdict(&pair, "A first", "overlapped", "B first",
				"verdict %d", 1);
	tst_fzsync_pair_cleanup(&pair);
}

/*
 * Each "EXPECT <text>" line of the run's output is in it elsewhere too,
 * as a whole line; a text that ends with "..." only as the line's start
 * (the times that follow differ from run to run)
 */
static void assert_expected(void)
{
	const char *p = r.out;
	char want[512];
	int n = 0, len;

	while ((p = strstr(p, "EXPECT "))) {
		p += strlen("EXPECT ");
		len = (int)strcspn(p, "\n");
		if (len >= 3 && !strncmp(p + len - 3, "...", 3))
			snprintf(want, sizeof(want), "TINFO: %.*s", len - 3, p);
		else
			snprintf(want, sizeof(want), "TINFO: %.*s\n", len, p);
		assert_output(&r, want);
		n++;
	}
	assert_true(n > 0);
}

static void test_sections_counted(void **state)
{
	(void)state;
	run_scenario(sections_counted);
	assert_status(&r, 0);
	assert_expected();
	assert_output(&r, "TPASS: verdict 1");
	assert_no_output(&r, "TFAIL");
}

/*
 * The start of delays and the aims: every aim is in the offset range,
 * the side that waits is the one that must start later than the other,
 * timed, the other leading where the wait is short, and with the delays
 * landing on the aims the range is covered and the
 * loop stops on coverage. The FZSYNC_STATS record says so.
 */
static void aims_cover(void)
{
	int n = 0, a_delayed = 0, b_delayed = 0, timed = 0, led = 0;
	float tol;

	setenv("FZSYNC_STATS", stats_path, 1);
	follow_aims = 1;
	start_loop(100000, 2);
	/* An aim is in a bin, a bin at most this wide; the aim correction
	 * moves it by a quarter bin at most */
	tol = fmaxf(tst_fzsync_pair_resolution_ns(&pair),
		    (LEN_A + LEN_B) / 256.0f);
	while (iteration()) {
		if (!tst_fzsync_pair_delaying(&pair))
			continue;
		n++;
		CHECK(pair.target_ns >= -LEN_B - tol &&
		      pair.target_ns <= LEN_A + tol);
		/* B waits when its start must come after A's, A when
		 * before */
		if (pair.delay > 0) {
			b_delayed++;
			CHECK(pair.target_ns >= -tol);
		} else if (pair.delay < 0) {
			a_delayed++;
			CHECK(pair.target_ns <= tol);
		}
		/*
		 * Every aimed delay is timed; the other side leads when
		 * the wait after its start is shorter than seeing it
		 * takes, by what is missing
		 */
		if (pair.delay) {
			CHECK(pair.delay_timed);
			timed++;
			CHECK(pair.lead_ns >= 0);
			led += pair.lead_ns > 0;
			if (pair.lead_ns)
				CHECK(pair.lead_ns + (pair.delay > 0 ?
					pair.target_ns : -pair.target_ns) >
				      tst_fzsync_pair_resolution_ns(&pair));
		}
	}
	CHECK(a_delayed > 0 && b_delayed > 0);
	CHECK(led > 0 && led < timed);
	tst_res(TINFO, "aimed %d, A delayed %d, B delayed %d, timed %d, led %d",
		n, a_delayed, b_delayed, timed, led);
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

static void test_aims_cover(void **state)
{
	char stats[65536];

	(void)state;
	fresh_stats_path();
	run_scenario(aims_cover);
	assert_status(&r, 0);
	assert_output(&r, "Quick mode, coverage 2: each of ");
	assert_output(&r, "holds 2 or more offsets, requesting exit; this bounds the chance of never landing in a window one bin wide (<= 6.2%), not the chance of triggering a bug that needs many hits");
	assert_output(&r, "Loop ended (quick mode, coverage 2) after ");
	read_stats(stats, sizeof(stats));
	if (!strstr(stats, "\"stop\":\"coverage\"") ||
	    !strstr(stats, "\"sampling\":20,") ||
	    !strstr(stats, "\"len_a_ns\":2000,\"len_b_ns\":1000,\"start_offset_ns\":500,") ||
	    !strstr(stats, "\"range_ns\":[-1000,2000]"))
		fail_msg("unexpected FZSYNC_STATS record:\n%s\noutput:\n%s",
			 stats, r.out);
	/* One record per loop */
	assert_int_equal(strchr(stats, '\n') - stats + 1, (long)strlen(stats));
}

/*
 * The offset range comes from the 95th percentile of the sampled
 * lengths: a section preempted now and then does not stretch it.
 */
static void range_ignores_outliers(void)
{
	int i;

	start_loop(1000, -1);
	for (i = 0; i < MIN_SAMPLES; i++) {
		CHECK(tst_fzsync_pair_next(&pair));
		make_times(RELEASE_OFFSET);
		/* One B section took 1.5 ms */
		if (i == 7)
			pair.b_end = pair.b_start + 1500000;
		tst_fzsync_pair_update(&pair);
	}
	/* Until the averages have forgotten the outlier */
	for (i = 0; i < 200 && !tst_fzsync_pair_delaying(&pair); i++)
		CHECK(iteration());
	CHECK(tst_fzsync_pair_delaying(&pair));
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

/* The range printed at the end of sampling, and the ns per spin */
static void range_seen(float *lo, float *hi, float *spin_ns)
{
	const char *p = strstr(r.out, "Offset range [");
	const char *q = strstr(r.out, "delay loop ");

	if (!p || sscanf(p, "Offset range [%f, %f]", lo, hi) != 2 || !q ||
	    sscanf(q, "delay loop %fns/spin", spin_ns) != 1)
		fail_msg("no offset range or spin time in:\n%s", r.out);
}

static void test_range_ignores_outliers(void **state)
{
	float lo, hi, spin_ns;

	(void)state;
	run_scenario(range_ignores_outliers);
	assert_status(&r, 0);
	range_seen(&lo, &hi, &spin_ns);
	assert_float_equal(lo, -LEN_B, 1);
	assert_float_equal(hi, LEN_A, 1);
}

/*
 * More preempted sections than the quantile ignores, as on a loaded
 * machine: the range stops at 16 times the median length.
 */
static void range_caps_preempted(void)
{
	int i;

	start_loop(1000, -1);
	for (i = 0; i < 400; i++) {
		CHECK(tst_fzsync_pair_next(&pair));
		make_times(RELEASE_OFFSET);
		/* One B section in eight took 1.5 ms */
		if (i % 8 == 3)
			pair.b_end = pair.b_start + 1500000;
		tst_fzsync_pair_update(&pair);
	}
	/* Then steady ones, until the averages settle: the last 512
	 * samples still hold 50 outliers, a tenth */
	for (i = 0; i < 100 && !tst_fzsync_pair_delaying(&pair); i++)
		CHECK(iteration());
	CHECK(tst_fzsync_pair_delaying(&pair));
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

static void test_range_caps_preempted(void **state)
{
	float lo, hi, spin_ns;

	(void)state;
	run_scenario(range_caps_preempted);
	assert_status(&r, 0);
	range_seen(&lo, &hi, &spin_ns);
	assert_float_equal(lo, -16 * LEN_B, 1);
	assert_float_equal(hi, LEN_A, 1);
}

/*
 * A bias the test set while sampling keeps its offset in the range, as
 * LTP's delays spread around it: [c - len_b, c + len_a] around the
 * offset c it led to.
 */
#define TEST_BIAS	20000

static void range_follows_test_bias(void)
{
	int i;

	start_loop(1000, -1);
	CHECK(iteration());
	tst_fzsync_pair_add_bias(&pair, TEST_BIAS);
	for (i = 1; i < MIN_SAMPLES; i++)
		CHECK(iteration());
	CHECK(iteration());
	CHECK(tst_fzsync_pair_delaying(&pair));
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

static void test_range_follows_test_bias(void **state)
{
	float lo, hi, spin_ns;

	(void)state;
	run_scenario(range_follows_test_bias);
	assert_status(&r, 0);
	range_seen(&lo, &hi, &spin_ns);
	assert_float_equal(lo, -LEN_B, 1);
	assert_float_equal(hi, RELEASE_OFFSET + TEST_BIAS * spin_ns + LEN_A,
			   TEST_BIAS * spin_ns * 0.01f + 1);
}

/*
 * A's long form shows only with delays, at offsets past the order flip:
 * the range grows to hold it, once. B's sections stretched one in ten
 * at any offset, as by preemptions, leave the range as it was; so do
 * B's sections that wait for A, which start early and end in the range.
 */
#define WIDEN_ITERATIONS	4000

/* WIDEN_ITERATIONS iterations landing on their aims */
static void delayed_loop(void)
{
	int i;

	start_loop(WIDEN_ITERATIONS, -1);
	follow_aims = 1;
	for (i = 0; i < WIDEN_ITERATIONS; i++)
		CHECK(iteration());
	CHECK(tst_fzsync_pair_delaying(&pair));
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

static void range_widens(void)
{
	setenv("FZSYNC_STATS", stats_path, 1);
	long_a_after = LEN_A / 2;
	delayed_loop();
}

/* The offsets the record's bins hold: the first count of each bin */
static long bins_total(const char *rec)
{
	const char *p = strstr(rec, "\"bins\":[");
	long total = 0, n;

	if (!p)
		fail_msg("no bins in:\n%s", rec);
	for (p += strlen("\"bins\":["); (p = strchr(p, '[')); p++) {
		if (sscanf(p, "[%ld,", &n) != 1)
			fail_msg("bad bin at %.20s", p);
		total += n;
	}
	return total;
}

static void range_stays(void)
{
	stretch_b_every = 10;
	delayed_loop();
}

static void range_stays_waiting(void)
{
	b_waits_until = RELEASE_OFFSET + LEN_B;
	delayed_loop();
}

static void range_stays_undelayed_long(void)
{
	b_long_undelayed = 1;
	delayed_loop();
}

static void test_range_widens(void **state)
{
	static char stats[65536];
	int widened, bins_from;
	const char *p;
	float lo, hi;

	(void)state;
	fresh_stats_path();
	run_scenario(range_widens);
	assert_status(&r, 0);
	/* The record's bins count from the widening on */
	read_stats(stats, sizeof(stats));
	if (sscanf(strstr(stats, "\"widened\":") ?: "", "\"widened\":%d,\"bins_from\":%d",
		   &widened, &bins_from) != 2 || widened != 1)
		fail_msg("no widening in the FZSYNC_STATS record:\n%s", stats);
	assert_in_range(bins_from, MIN_SAMPLES + 1, WIDEN_ITERATIONS);
	assert_in_range(bins_total(stats), WIDEN_ITERATIONS - bins_from - 2,
			WIDEN_ITERATIONS - bins_from + 2);
	p = strstr(r.out, "Offset range widened to [");
	if (!p || sscanf(p, "Offset range widened to [%f, %f]", &lo, &hi) != 2)
		fail_msg("range not widened:\n%s", r.out);
	assert_float_equal(lo, -LEN_B, 1);
	assert_float_equal(hi, LONG_LEN_A, 1);
	assert_null(strstr(p + 1, "Offset range widened"));

	run_scenario(range_stays);
	assert_status(&r, 0);
	assert_no_output(&r, "TFAIL");
	assert_non_null(strstr(r.out, "Offset range ["));
	assert_null(strstr(r.out, "widened"));

	run_scenario(range_stays_waiting);
	assert_status(&r, 0);
	assert_no_output(&r, "TFAIL");
	assert_non_null(strstr(r.out, "Offset range ["));
	assert_null(strstr(r.out, "widened"));

	/* Sections long only at the natural alignment, which sampling
	 * measured, are no long form that delays found */
	run_scenario(range_stays_undelayed_long);
	assert_status(&r, 0);
	assert_no_output(&r, "TFAIL");
	assert_non_null(strstr(r.out, "Offset range ["));
	assert_null(strstr(r.out, "widened"));
}

/* exec_loops iterations run; the exit flag ends the loop too */
static void loop_stops(void)
{
	int n = 0;

	start_loop(30, -1);
	while (iteration())
		n++;
	CHECK(n == 30);
	tst_fzsync_pair_cleanup(&pair);

	start_loop(1000, -1);
	for (n = 0; n < 5; n++)
		CHECK(iteration());
	tst_atomic_store(1, &pair.exit);
	CHECK(!iteration());
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

static void test_loop_stops(void **state)
{
	(void)state;
	run_scenario(loop_stops);
	assert_status(&r, 0);
	assert_output(&r, "Exceeded execution loops, requesting exit");
	assert_output(&r, "Loop ended (exec_loops = 30 reached) after 30 iterations");
	assert_output(&r, "Exit flag set, ending the loop");
	assert_output(&r, "Loop ended (exit flag set) after 5 iterations");
}

/* While sampling, the bias is the delay; outcomes walk it */
static void bias_walks(void)
{
	int i;

	start_loop(1000, -1);
	CHECK(iteration());
	tst_fzsync_pair_add_bias(&pair, 3);
	tst_fzsync_pair_add_bias(&pair, -1);
	CHECK(iteration());
	CHECK(pair.delay == 2);

	/* B came first: B must start later */
	tst_fzsync_pair_outcome(&pair, TST_FZSYNC_B_EARLY);
	CHECK(pair.delay > 2);
	tst_fzsync_pair_outcome(&pair, TST_FZSYNC_A_EARLY);
	tst_fzsync_pair_outcome(&pair, TST_FZSYNC_A_EARLY);
	CHECK(pair.delay < 2);

	/* After sampling the bias stays where it was */
	for (i = 0; i < MIN_SAMPLES; i++)
		CHECK(iteration());
	CHECK(tst_fzsync_pair_delaying(&pair));
	tst_fzsync_pair_add_bias(&pair, 100);
	tst_fzsync_pair_info(&pair);
	tst_fzsync_pair_cleanup(&pair);
	tst_res(TPASS, "done");
}

/* The delay_bias tst_fzsync_pair_info() printed for iteration @loop */
static int bias_at(int loop)
{
	char want[64];
	const char *p;
	int bias;

	snprintf(want, sizeof(want), "loop = %d, delay_bias = ", loop);
	p = strstr(r.out, want);
	if (!p || sscanf(p + strlen(want), "%d", &bias) != 1)
		fail_msg("no '%s' in:\n%s", want, r.out);
	return bias;
}

static void test_bias_walks(void **state)
{
	(void)state;
	run_scenario(bias_walks);
	assert_status(&r, 0);
	assert_no_output(&r, "TFAIL");
	/* At the end of sampling, and after add_bias(100) */
	assert_int_equal(bias_at(22), bias_at(21));
}

/*
 * Outcomes only in one order, sampling included: never overlapped. A
 * hit during sampling counts: those iterations ran the syscalls too.
 */
static void verdict_never_crossed(void)
{
	int i;

	start_loop(1000, -1);
	for (i = 0; i < MIN_SAMPLES + 50; i++) {
		CHECK(iteration());
		tst_fzsync_pair_outcome(&pair, TST_FZSYNC_A_EARLY);
	}
	tst_fzsync_pair_verdict(&pair, "rm first", "interleaved",
				"write first", "not reached");
	tst_fzsync_pair_cleanup(&pair);
}

static void verdict_crossed_in_sampling(void)
{
	int i;

	start_loop(1000, -1);
	for (i = 0; i < MIN_SAMPLES + 50; i++) {
		CHECK(iteration());
		tst_fzsync_pair_outcome(&pair, i < 3 ? TST_FZSYNC_HIT :
					TST_FZSYNC_A_EARLY);
	}
	tst_fzsync_pair_verdict(&pair, "rm first", "interleaved",
				"write first", "met in sampling");
	tst_fzsync_pair_cleanup(&pair);
}

static void test_verdict_never_crossed(void **state)
{
	(void)state;
	run_scenario(verdict_never_crossed);
	assert_status(&r, TBROK);
	assert_output(&r, "outcomes: rm first 70 (100.0%), interleaved 0 (0.0%), write first 0 (0.0%); after sampling 50/0/0");
	assert_output(&r, "TBROK: racing syscalls never overlapped: in 70 iterations no 'interleaved' and not both 'rm first' and 'write first'");
	assert_no_output(&r, "TPASS");

	run_scenario(verdict_crossed_in_sampling);
	assert_status(&r, 0);
	assert_output(&r, "outcomes: rm first 67 (95.7%), interleaved 3 (4.3%), write first 0 (0.0%); after sampling 50/0/0");
	assert_output(&r, "TPASS: met in sampling");
}

/* Both orders after sampling, and a break out of the loop with thread B
 * still running: the verdict stops B and passes */
static void *spinning_b(void *arg)
{
	while (tst_fzsync_run_b(&pair)) {
		tst_fzsync_start_race_b(&pair);
		tst_fzsync_end_race_b(&pair);
	}
	return arg;
}

static void verdict_after_break(void)
{
	int i, delayed = 0;

	/* Real threads: let sampling end soon, race until the break. Empty
	 * sections may never settle the deviation; then sampling ends by
	 * time, so exec_loops must not end the loop first on a fast machine */
	pair = (struct tst_fzsync_pair) {
		.min_samples = MIN_SAMPLES,
		.max_dev_ratio = 1,
		.coverage = -1,
		.exec_loops = INT_MAX,
	};
	tst_fzsync_pair_init(&pair);
	tst_fzsync_pair_reset(&pair, spinning_b);
	for (i = 0; tst_fzsync_run_a(&pair); i++) {
		tst_fzsync_start_race_a(&pair);
		tst_fzsync_end_race_a(&pair);
		if (!tst_fzsync_pair_delaying(&pair))
			continue;
		tst_fzsync_pair_outcome(&pair, i & 1 ? TST_FZSYNC_A_EARLY :
					TST_FZSYNC_B_EARLY);
		if (++delayed == 10)
			break;
	}
	tst_fzsync_pair_verdict(&pair, "a", "hit", "b", "left after %d", delayed);
	tst_fzsync_pair_cleanup(&pair);
}

static void test_verdict_after_break(void **state)
{
	/* Sampling ends by time after 10 s at the latest, then 10
	 * iterations are quick even under load */
	struct tst_test t = { .test_all = verdict_after_break, .runtime = 20 };

	(void)state;
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "after sampling 5/0/5\n");
	assert_output(&r, "TPASS: left after 10\n");
}

/* A TFAIL during the loop: the verdict prints the split, nothing more */
static void verdict_after_fail(void)
{
	int i;

	start_loop(1000, -1);
	for (i = 0; i < MIN_SAMPLES + 50; i++) {
		CHECK(iteration());
		tst_fzsync_pair_outcome(&pair, TST_FZSYNC_HIT);
	}
	tst_res(TFAIL, "the kernel broke");
	tst_fzsync_pair_verdict(&pair, "a", "hit", "b", "not reached");
	tst_fzsync_pair_cleanup(&pair);
}

static void test_verdict_after_fail(void **state)
{
	(void)state;
	run_scenario(verdict_after_fail);
	assert_status(&r, TFAIL);
	assert_output(&r, "outcomes: a 0 (0.0%), hit 70 (100.0%), b 0 (0.0%); after sampling 0/50/0");
	assert_output(&r, "Loop ended (left by the test) after 70 iterations, 20 of them sampling: sections overlapped in 70, A ended first in 0, B in 0; after sampling in 50 of 50, 0, 0");
	assert_no_output(&r, "TPASS");
	assert_no_output(&r, "TBROK");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sampling_settles),
		cmocka_unit_test(test_sampling_unsettled),
		cmocka_unit_test(test_sections_counted),
		cmocka_unit_test(test_aims_cover),
		cmocka_unit_test(test_range_ignores_outliers),
		cmocka_unit_test(test_range_caps_preempted),
		cmocka_unit_test(test_range_follows_test_bias),
		cmocka_unit_test(test_range_widens),
		cmocka_unit_test(test_loop_stops),
		cmocka_unit_test(test_bias_walks),
		cmocka_unit_test(test_verdict_never_crossed),
		cmocka_unit_test(test_verdict_after_break),
		cmocka_unit_test(test_verdict_after_fail),
	};

	return cmocka_run_group_tests_name("loop", tests, NULL, NULL);
}
