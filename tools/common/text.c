// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Text made safe to show on a terminal.
 */
#include <string.h>

#include "text.h"

/* printable() results alive at once: a message may show several */
#define PRINTABLE_SLOTS	8

size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and values above U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

void sb_printable(struct sbuf *b, const char *str, size_t n, int keep_lines)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		size_t l = utf8_seq(s + i, n - i);
		unsigned int c = s[i];

		/* U+0080 to U+009F: the C1 controls, CSI among them */
		if (l == 2 && c == 0xc2 && s[i + 1] < 0xa0)
			l = 0;
		if (l > 1 || (l == 1 && c >= 0x20 && c != 0x7f) ||
		    (keep_lines && (c == '\n' || c == '\t'))) {
			sb_add(b, s + i, l ? l : 1);
			i += l ? l : 1;
			continue;
		}
		sb_printf(b, "\\x%02x", c);
		i++;
	}
}

const char *printable(const char *s)
{
	static struct sbuf slot[PRINTABLE_SLOTS];
	static int next;
	struct sbuf *b = &slot[next++ % PRINTABLE_SLOTS];

	sb_reset(b);
	sb_printable(b, s ? s : "", s ? strlen(s) : 0, 0);
	return sb_str(b);
}
