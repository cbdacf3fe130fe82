// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The last sampling iterations and their quantiles, see recent.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "recent.h"

/*
 * Long sections needed to tell waiting from a long form of fixed length:
 * their spreads are quartiles, which a handful of samples leaves to chance
 */
#define WAITS_SAMPLES_MIN	16
/*
 * How far a section's end after the other's start moves per ns its
 * start moves, at most, for the section to wait: halfway between a
 * waiting section's 0 (it ends when the other side writes, wherever it
 * started) and a long form of fixed length's 1. Halfway, since noise
 * that stretches sections more the longer they run (seen in a guest
 * under TCG) tilts a wait's slope too.
 */
#define WAITS_SLOPE_MAX		0.5f

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

/* A long section: where it started, and where it ended after the
 * other side's start */
struct waits_sample {
	float offset, end;
};

static int cmp_offset(const void *a, const void *b)
{
	const struct waits_sample *x = a, *y = b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

/* The medians of offset and end of the @n samples at @v, sorted by
 * offset */
static void medians(const struct waits_sample *v, int n, float *offset,
		    float *end)
{
	float o[FZSYNC_RECENT], e[FZSYNC_RECENT];
	int i;

	for (i = 0; i < n; i++) {
		o[i] = v[i].offset;
		e[i] = v[i].end;
	}
	qsort(e, n, sizeof(*e), cmp_float);
	*offset = sorted_quantile(o, n, 0.5f);
	*end = sorted_quantile(e, n, 0.5f);
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
	struct waits_sample v[FZSYNC_RECENT];
	int n = r->n < FZSYNC_RECENT ? (int)r->n : FZSYNC_RECENT;
	int i, k = 0, half;
	float o_early, e_early, o_late, e_late;

	for (i = 0; i < n; i++) {
		float l = side_b ? r->len_b[i] : r->len_a[i];
		float o = r->offset[i];

		if (l <= min_len || (side_b ? o > mid : o <= mid))
			continue;
		v[k].offset = o;
		/* B's end after A's start, or A's after B's */
		v[k++].end = side_b ? o + l : l - o;
	}
	if (k < WAITS_SAMPLES_MIN)
		return 0;

	/*
	 * The slope of the end over the start, from the medians of the
	 * earlier and the later half: medians, since a few sections that
	 * something else stretched must not decide it
	 */
	qsort(v, k, sizeof(*v), cmp_offset);
	half = k / 2;
	medians(v, half, &o_early, &e_early);
	medians(v + half, k - half, &o_late, &e_late);
	if (o_late <= o_early)
		return 0;

	return fabsf(e_late - e_early) < WAITS_SLOPE_MAX * (o_late - o_early);
}
