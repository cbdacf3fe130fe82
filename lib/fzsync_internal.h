/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzzy-sync internals shared between lib/ files and the unit tests.
 */
#ifndef FZSYNC_INTERNAL_H
#define FZSYNC_INTERNAL_H

#include <stdint.h>

#define TST_NO_DEFAULT_MAIN

#include "tst_fuzzy_sync.h"

/* Fold one sample into a moving average; the first sample seeds it */
void fzsync_stat_update(struct tst_fzsync_stat *s, float alpha, float sample,
			int first);

/* Deviation ratio of @s relative to @scale (>= 1 ns is assumed) */
void fzsync_stat_ratio(struct tst_fzsync_stat *s, float scale);

/* Non-zero when every deviation ratio of @pair is at most @max_dev */
int fzsync_stats_settled(const struct tst_fzsync_pair *pair, float max_dev);

/*
 * Delay in spins (< 0: delay A, > 0: delay B) that moves B's start
 * relative to A's by @shift_ns, clamped to what an int holds.
 */
int fzsync_delay_spins(float shift_ns, float spin_ns);

/* Random number in [0, 1) from xorshift64* state @state (never 0) */
float fzsync_rand01(uint64_t *state);

/* ns per iteration of tst_fzsync_spin(), best of a few timed runs */
float fzsync_calibrate_spin(int yield);

/* ns per tst_fzsync_now() call */
float fzsync_calibrate_clock(void);

/*
 * Integers from the environment (fzsync_env.c), decimal or 0x hex: a
 * value that is no integer or out of bounds is TBROK naming the bounds.
 * fzsync_env_u64() returns 1 with *@out set, 0 when @name is not set;
 * fzsync_env_int() returns @dflt when it is not set; @hint (or NULL)
 * follows the bounds in the message.
 */
int fzsync_env_u64(const char *name, uint64_t *out);
long long fzsync_env_int(const char *name, long long min, long long max,
			 long long dflt, const char *hint);

/* End sampling: fix the offset range and start aiming delays */
void fzsync_start_delays(struct tst_fzsync_pair *pair);

#endif /* FZSYNC_INTERNAL_H */
