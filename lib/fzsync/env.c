// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzzy sync's numbers from the environment (FZSYNC_SEED,
 * FZSYNC_COVERAGE): one parser, one message. A value is a whole integer,
 * decimal or 0x hexadecimal; anything else, or a value out of bounds, is
 * TBROK naming the bounds, never wrapped (strtoull() takes "-1" for
 * 2^64 - 1) or taken in part.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>

#include "fzsync.h"

/* @s as a sign and a magnitude: 0, or -1 when it is no integer */
static int parse(const char *s, int *neg, uint64_t *mag)
{
	int base = 10, digits = 0;
	uint64_t v = 0;

	*neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++, digits++) {
		int d = isdigit((unsigned char)*s) ? *s - '0' :
			base == 16 && isxdigit((unsigned char)*s) ?
			tolower((unsigned char)*s) - 'a' + 10 : -1;

		if (d < 0 || v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*mag = v;
	return digits ? 0 : -1;
}

int fzsync_env_u64(const char *name, uint64_t *out)
{
	const char *env = getenv(name);
	uint64_t v;
	int neg;

	if (!env || !*env)
		return 0;
	if (parse(env, &neg, &v) || (neg && v))
		tst_brk(TBROK, "%s='%s' must be an integer from 0 to %" PRIu64,
			name, env, UINT64_MAX);
	*out = v;
	return 1;
}

long long fzsync_env_int(const char *name, long long min, long long max,
			 long long dflt, const char *hint)
{
	const char *env = getenv(name);
	long long v;
	uint64_t mag;
	int neg;

	if (!env || !*env)
		return dflt;
	if (parse(env, &neg, &mag) || mag > (uint64_t)LLONG_MAX)
		goto bad;
	v = neg ? -(long long)mag : (long long)mag;
	if (v < min || v > max)
		goto bad;
	return v;
bad:
	tst_brk(TBROK, "%s='%s' must be an integer from %lld to %lld%s%s%s",
		name, env, min, max, hint ? " (" : "", hint ? hint : "",
		hint ? ")" : "");
	return dflt;
}
