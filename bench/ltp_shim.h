/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The project-only calls of the catalogue's reproducers, for building
 * them against LTP's library (make bench-ltp, iterations per second):
 * LTP has no outcome feedback, verdict or section outcome, so
 *
 *	tst_fzsync_pair_outcome()		does nothing,
 *	tst_fzsync_pair_verdict()		is the test's TPASS message,
 *	tst_fzsync_pair_section_outcome()	reads LTP's timestamps,
 *	tst_fzsync_pair_delaying()		is LTP's "sampling < 0",
 *	tst_fzsync_now()			is CLOCK_MONOTONIC_RAW in ns,
 *	tst_fzsync_cpu_relax()			is the CPU's pause,
 *
 * and tst_res() takes TBROK as the project's does (LTP's refuses it at
 * compile time). Forced in with -include, before the test's own
 * includes; helper files (lib*.c, no main()) get -DBENCH_LTP_HELPER.
 */
#ifndef BENCH_LTP_SHIM_H
#define BENCH_LTP_SHIM_H

#ifdef BENCH_LTP_HELPER
# define TST_NO_DEFAULT_MAIN
#endif

#include <stdint.h>
#include <time.h>

#include "tst_test.h"
#include "tst_fuzzy_sync.h"

enum tst_fzsync_outcome {
	TST_FZSYNC_A_EARLY,
	TST_FZSYNC_B_EARLY,
	TST_FZSYNC_HIT,
};

#undef tst_res
#define tst_res(ttype, arg_fmt, ...) \
	tst_res_(__FILE__, __LINE__, (ttype), (arg_fmt), ##__VA_ARGS__)

static inline void tst_fzsync_pair_outcome(struct tst_fzsync_pair *pair,
					   enum tst_fzsync_outcome outcome)
{
	(void)pair;
	(void)outcome;
}

static inline int tst_fzsync_pair_delaying(const struct tst_fzsync_pair *pair)
{
	return pair->sampling < 0;
}

static inline int64_t tst_fzsync_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The stall (lib/stall, built on LTP's side too) spins with it */
static inline void tst_fzsync_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#endif
}

static inline int64_t bench_ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static inline enum tst_fzsync_outcome
tst_fzsync_pair_section_outcome(const struct tst_fzsync_pair *pair)
{
	if (bench_ns(pair->a_end) < bench_ns(pair->b_start))
		return TST_FZSYNC_A_EARLY;
	if (bench_ns(pair->b_end) < bench_ns(pair->a_start))
		return TST_FZSYNC_B_EARLY;
	return TST_FZSYNC_HIT;
}

#define tst_fzsync_pair_verdict(pair, a_early, hit, b_early, pass_fmt, ...) \
	((void)(pair), tst_res(TPASS, pass_fmt, ##__VA_ARGS__), 1)

#endif /* BENCH_LTP_SHIM_H */
