// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fake test: floods stdout with argv[1] MiB of text mixed with invalid
 * UTF-8, NUL and other control characters and markup, then passes with
 * a summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[])
{
	static const char junk[] =
		"flood line \xff\xfe\xc3 \x01\x02\x1b[31m nul[\0] <tag> & \"q\" ]]> \xe2\x82\xac\n";
	long mib = argc > 1 ? atol(argv[1]) : 1, i, n;
	char buf[65536];
	size_t len = 0;

	while (len + sizeof(junk) < sizeof(buf)) {
		memcpy(buf + len, junk, sizeof(junk) - 1);
		len += sizeof(junk) - 1;
	}
	n = mib * 1048576 / len;
	for (i = 0; i < n; i++)
		if (fwrite(buf, 1, len, stdout) != len)
			return 2;
	printf("flood.c:27: TPASS: wrote %ld bytes\n", n * (long)len);
	printf("\nSummary:\npassed   1\nfailed   0\nbroken   0\nskipped  0\nwarnings 0\n");
	return 0;
}
