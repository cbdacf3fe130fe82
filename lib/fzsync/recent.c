// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The last sampling iterations and their quantiles, see recent.h.
 */
#include <stdlib.h>
#include <string.h>

#include "recent.h"

/*
 * Long sections needed to tell waiting from a long form of fixed length:
 * their spreads are quartiles, which a handful of samples leaves to chance
 */
#define WAITS_SAMPLES_MIN	16
/*
 * A waiting section's end after the other's start spreads this many
 * times less than its length: both spread with the offsets for a long
 * form of fixed length the other way round
 */
#define WAITS_SPREAD_RATIO	2

void fzsync_recent_add(struct fzsync_recent *r, float len_a, float len_b,
		       float offset)
{
	int i = r->n++ % FZSYNC_RECENT;

	r->len_a[i] = len_a;
	r->len_b[i] = len_b;
	r->offset[i] = offset;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

/* The @q quantile of the @n sorted values at @v (nearest rank) */
static float sorted_quantile(const float *v, int n, float q)
{
	int rank = (int)(q * n + 0.5f);

	if (rank > n - 1)
		rank = n - 1;
	if (rank < 0)
		rank = 0;

	return v[rank];
}

/* The @q quantile of the @n values at @v */
static float quantile(const float *v, int n, float q)
{
	float sorted[FZSYNC_RECENT];

	memcpy(sorted, v, n * sizeof(*v));
	qsort(sorted, n, sizeof(*sorted), cmp_float);
	return sorted_quantile(sorted, n, q);
}

/* The distance between the quartiles of the @n values at @v, sorted here */
static float spread(float *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_float);
	return sorted_quantile(v, n, 0.75f) - sorted_quantile(v, n, 0.25f);
}

struct fzsync_recent_stats fzsync_recent_stats(const struct fzsync_recent *r,
					       float q)
{
	int n = r->n < FZSYNC_RECENT ? (int)r->n : FZSYNC_RECENT;
	struct fzsync_recent_stats s = { 0, 0, 0, 0, 0 };

	if (!n)
		return s;

	s.len_a = quantile(r->len_a, n, q);
	s.len_b = quantile(r->len_b, n, q);
	s.median_a = quantile(r->len_a, n, 0.5f);
	s.median_b = quantile(r->len_b, n, 0.5f);
	s.offset = quantile(r->offset, n, 0.5f);
	return s;
}

int fzsync_recent_waits(const struct fzsync_recent *r, int side_b,
			float min_len, float mid)
{
	float len[FZSYNC_RECENT], end[FZSYNC_RECENT];
	int n = r->n < FZSYNC_RECENT ? (int)r->n : FZSYNC_RECENT;
	int i, k = 0;

	for (i = 0; i < n; i++) {
		float l = side_b ? r->len_b[i] : r->len_a[i];
		float o = r->offset[i];

		if (l <= min_len || (side_b ? o > mid : o <= mid))
			continue;
		len[k] = l;
		/* B's end after A's start, or A's after B's */
		end[k++] = side_b ? o + l : l - o;
	}
	if (k < WAITS_SAMPLES_MIN)
		return 0;

	return WAITS_SPREAD_RATIO * spread(end, k) < spread(len, k);
}
