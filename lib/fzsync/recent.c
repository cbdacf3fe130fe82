// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The last sampling iterations and their quantiles, see recent.h.
 */
#include <stdlib.h>
#include <string.h>

#include "recent.h"

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

/* The @q quantile of the @n values at @v (nearest rank) */
static float quantile(const float *v, int n, float q)
{
	float sorted[FZSYNC_RECENT];
	int rank;

	memcpy(sorted, v, n * sizeof(*v));
	qsort(sorted, n, sizeof(*sorted), cmp_float);
	rank = (int)(q * n + 0.5f);
	if (rank > n - 1)
		rank = n - 1;
	if (rank < 0)
		rank = 0;

	return sorted[rank];
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
