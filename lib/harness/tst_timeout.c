// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Runtime and timeout arithmetic, with LTP's environment multipliers.
 * Pure functions: the unit tests check them directly.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

/* Rounds up, forgiving the error of decimal multipliers: 100 * 0.1 is 10 */
static double round_up(double v)
{
	return ceil(v - 1e-6);
}

double tst_env_multiplier(const char *name, double min, char *err,
			  size_t err_size)
{
	const char *env = getenv(name);
	char *end;
	double v;

	if (!env || !*env)
		return 1;

	errno = 0;
	v = strtod(env, &end);
	if (end == env || *end || errno || !isfinite(v) || v < min) {
		snprintf(err, err_size, "%s='%s' must be a number >= %g", name,
			 env, min);
		return -1;
	}

	return v;
}

int tst_scaled_runtime(int runtime, int min_runtime, double runtime_mul,
		       int override)
{
	/* LTP's arithmetic: single precision, truncated */
	float r;
	int base = runtime, floor = min_runtime > 1 ? min_runtime : 1;

	/* -I replaces .runtime; a test with only .min_runtime runs that */
	if (runtime > 0 && override > 0)
		base = override;
	if (runtime <= 0)
		base = min_runtime;
	if (base <= 0)
		return 0;

	r = (float)base * (float)runtime_mul;
	if (r >= (float)INT_MAX)
		return INT_MAX;

	return (int)r < floor ? floor : (int)r;
}

int tst_timeout_secs(int timeout, int runtime, double timeout_mul)
{
	double t;

	if (timeout == TST_UNLIMITED_TIMEOUT)
		return -1;
	if (!timeout)
		timeout = TST_DEFAULT_TIMEOUT;

	/* The runtime does not scale with LTP_TIMEOUT_MUL */
	t = round_up((double)timeout * timeout_mul) + runtime;

	return t > INT_MAX ? INT_MAX : (int)t;
}

char *tst_fmt_hms(int secs, char *buf, size_t size)
{
	snprintf(buf, size, "%dh %02dm %02ds", secs / 3600, secs / 60 % 60,
		 secs % 60);
	return buf;
}
