// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human report: TINFO lines on the loop's statistics, its phase
 * changes and the split of its outcomes.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "fzsync.h"

static void stat_info(const char *name, const char *unit,
		      const struct tst_fzsync_stat *s)
{
	tst_res(TINFO, "%s: { avg = %8.0f%s, avg_dev = %8.0f%s, dev_ratio = %.2f }",
		name, s->avg, unit, s->avg_dev, unit, s->dev_ratio);
}

/* Quick mode's bound, in %: a window one bin wide at
 * any position is missed by all 2k offsets of its two bins with a
 * chance of at most (1/4)^k (doc/design.md, "Quick mode") */
static double quick_miss_pct(int k)
{
	return 100.0 * pow(0.25, k);
}

void tst_fzsync_pair_info(struct tst_fzsync_pair *pair)
{
	const struct fzsync_state *st = fzsync_state_of(pair);
	const struct fzsync_loop *l = &st->loop;
	const struct fzsync_timings *t = &l->timings;

	tst_res(TINFO, "loop = %d, delay_bias = %d", l->phase.exec_loop,
		l->delay_bias);
	stat_info("start_a - start_b", "ns", &t->diff_ss);
	stat_info("end_a - start_a  ", "ns", &t->diff_sa);
	stat_info("end_b - start_b  ", "ns", &t->diff_sb);
	stat_info("end_a - end_b    ", "ns", &t->diff_ab);
	stat_info("spins            ", "  ", &t->spins_avg);
	tst_res(TINFO, "delay loop %.3fns/spin%s, clock %.0fns, seed %" PRIu64,
		st->calib.spin_ns, pair->yield_in_wait ? " (yielding)" : "",
		st->calib.clock_ns, st->seed);
}

void fzsync_report_delays(struct tst_fzsync_pair *pair,
			  enum fzsync_sampling_end how)
{
	const struct fzsync_loop *l = &pair->state->loop;

	if (how == FZSYNC_SAMPLING_SETTLED) {
		tst_res(TINFO, "Reached deviation ratios < %.2f, introducing randomness",
			pair->max_dev_ratio);
	} else {
		tst_res(TINFO, "Stopped sampling at %d (out of %d) samples, sampling time reached 50%% of the total time limit",
			l->phase.exec_loop, pair->min_samples);
	}

	tst_res(TINFO, "Offset range [%.0f, %.0f]ns in %d bins of %.0fns",
		l->ctl.lo, fzsync_ctl_hi(&l->ctl),
		l->ctl.nbins, l->ctl.bin_ns);
	tst_fzsync_pair_info(pair);
}

void fzsync_report_widened(struct tst_fzsync_pair *pair, int long_a,
			   int long_b)
{
	const struct fzsync_loop *l = &pair->state->loop;

	tst_res(TINFO, "Offset range widened to [%.0f, %.0f]ns in %d bins of %.0fns: with delays, %s%s%s",
		l->ctl.lo, fzsync_ctl_hi(&l->ctl), l->ctl.nbins, l->ctl.bin_ns,
		long_a ? "A's sections ran longer when B came late" : "",
		long_a && long_b ? ", " : "",
		long_b ? "B's sections ran longer when B came early" : "");
}

void fzsync_report_stop(struct tst_fzsync_pair *pair)
{
	const struct fzsync_loop *l = &pair->state->loop;

	switch (l->phase.stop) {
	case FZSYNC_STOP_EXIT:
		tst_res(TINFO, "Exit flag set, ending the loop");
		break;
	case FZSYNC_STOP_TIME:
		tst_res(TINFO, "Exceeded execution time, requesting exit");
		break;
	case FZSYNC_STOP_LOOPS:
		tst_res(TINFO, "Exceeded execution loops, requesting exit");
		break;
	case FZSYNC_STOP_COVERAGE:
		tst_res(TINFO, "Quick mode, coverage %d: each of %d bins of %.0fns holds %d or more offsets, requesting exit; this bounds the chance of never landing in a window one bin wide (<= %.2g%%), not the chance of triggering a bug that needs many hits",
			pair->coverage, l->ctl.nbins, l->ctl.bin_ns,
			pair->coverage, quick_miss_pct(pair->coverage));
		break;
	case FZSYNC_STOP_NONE:
		break;
	}
}

/* Why the loop ended, for the totals line */
static void stop_reason(const struct tst_fzsync_pair *pair, char *buf,
			size_t size)
{
	const struct fzsync_phase *ph = &pair->state->loop.phase;

	switch (ph->stop) {
	case FZSYNC_STOP_EXIT:
		snprintf(buf, size, "exit flag set");
		break;
	case FZSYNC_STOP_TIME:
		snprintf(buf, size, "runtime of %.1fs spent",
			 (ph->deadline_ns - ph->start_ns) / 1e9);
		break;
	case FZSYNC_STOP_LOOPS:
		snprintf(buf, size, "exec_loops = %d reached", pair->exec_loops);
		break;
	case FZSYNC_STOP_COVERAGE:
		snprintf(buf, size, "quick mode, coverage %d", pair->coverage);
		break;
	case FZSYNC_STOP_NONE:
		snprintf(buf, size, "left by the test");
		break;
	}
}

void fzsync_report_end(struct tst_fzsync_pair *pair)
{
	const struct fzsync_loop *l = &pair->state->loop;
	const struct fzsync_split *s = &l->sections;
	long total = fzsync_split_total(s->all);
	/* The last iteration's end: the test's work after the loop, before
	 * the pair is cleaned up, is not the loop's */
	int64_t end = total ? pair->a_end : tst_fzsync_now();
	int64_t sampled_until = l->phase.delaying ? l->phase.delays_from_ns : end;
	char why[64];

	stop_reason(pair, why, sizeof(why));
	tst_res(TINFO, "Loop ended (%s) after %ld iterations, %ld of them sampling: sections overlapped in %ld, A ended first in %ld, B in %ld; after sampling in %ld of %ld, %ld, %ld; %.3fs, %.3fs of it sampling",
		why, total, total - fzsync_split_total(s->delayed),
		s->all[TST_FZSYNC_HIT], s->all[TST_FZSYNC_A_EARLY],
		s->all[TST_FZSYNC_B_EARLY], s->delayed[TST_FZSYNC_HIT],
		fzsync_split_total(s->delayed), s->delayed[TST_FZSYNC_A_EARLY],
		s->delayed[TST_FZSYNC_B_EARLY],
		(end - l->phase.start_ns) / 1e9,
		(sampled_until - l->phase.start_ns) / 1e9);
}

static double pct(long n, long total)
{
	return total ? 100.0 * n / total : 0;
}

void fzsync_report_split(const char *file, int lineno,
			 const struct fzsync_split *s, const char *a_early,
			 const char *hit, const char *b_early)
{
	const long *all = s->all, *late = s->delayed;
	long total = fzsync_split_total(all);

	tst_res_(file, lineno, TINFO,
		 "outcomes: %s %ld (%.1f%%), %s %ld (%.1f%%), %s %ld (%.1f%%); after sampling %ld/%ld/%ld",
		 a_early, all[TST_FZSYNC_A_EARLY],
		 pct(all[TST_FZSYNC_A_EARLY], total),
		 hit, all[TST_FZSYNC_HIT], pct(all[TST_FZSYNC_HIT], total),
		 b_early, all[TST_FZSYNC_B_EARLY],
		 pct(all[TST_FZSYNC_B_EARLY], total),
		 late[TST_FZSYNC_A_EARLY], late[TST_FZSYNC_HIT],
		 late[TST_FZSYNC_B_EARLY]);
}
