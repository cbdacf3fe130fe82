// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What kernel an image is, from the x86 boot protocol's setup header:
 * "HdrS" at 0x202, and at 0x20e the offset (minus 0x200) of the version
 * string that uname -r and uname -v are made of.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzvm.h"

char *kimage_version(const char *path)
{
	unsigned char hdr[0x210];
	char buf[256];
	unsigned int off;
	FILE *f = fopen(path, "rb");
	char *res = NULL;

	if (!f)
		return NULL;
	if (fread(hdr, 1, sizeof(hdr), f) == sizeof(hdr) &&
	    !memcmp(hdr + 0x202, "HdrS", 4)) {
		off = (hdr[0x20e] | hdr[0x20f] << 8) + 0x200;
		if (hdr[0x20e] | hdr[0x20f] && !fseek(f, off, SEEK_SET) &&
		    fgets(buf, sizeof(buf), f)) {
			buf[strcspn(buf, "\n")] = '\0';
			res = xstrdup(buf);
		}
	}
	fclose(f);
	return res;
}

char *kimage_release(const char *version)
{
	return strndup(version, strcspn(version, " "));
}
