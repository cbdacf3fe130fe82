// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The running kernel's version, compared with what a test needs.
 */
#include <stdlib.h>
#include <sys/utsname.h>

#include "harness.h"

int tst_parse_kver(const char *str, int v[3])
{
	int n = 0;

	v[0] = v[1] = v[2] = 0;
	while (n < 3 && *str >= '0' && *str <= '9') {
		char *end;

		v[n++] = (int)strtol(str, &end, 10);
		if (*end != '.')
			break;
		str = end + 1;
	}

	return n;
}

int tst_kvercmp(int r1, int r2, int r3)
{
	struct utsname u;
	int v[3];

	/* uname() cannot fail with a valid buffer; assume new enough */
	if (uname(&u))
		return 0;
	tst_parse_kver(u.release, v);

	if (v[0] != r1)
		return v[0] - r1;
	if (v[1] != r2)
		return v[1] - r2;
	return v[2] - r3;
}
