/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text from tests and kernels, made safe to show: a test's output or a
 * test name may hold terminal escapes (ESC [ 2 J clears the screen),
 * other control characters and bytes that are no UTF-8.
 *
 *	printf("%s  %s\n", printable(name), printable(reason));
 */
#ifndef TOOLS_TEXT_H
#define TOOLS_TEXT_H

#include <stddef.h>

#include "strbuf.h"

/* Bytes of the longest UTF-8 character */
#define UTF8_MAX	4

/*
 * Length of the valid UTF-8 sequence at @s (at most @n bytes), 0 if the
 * bytes there are not valid UTF-8.
 */
size_t utf8_seq(const unsigned char *s, size_t n);

/*
 * Append @n bytes of @s to @b with control characters (C0, DEL, C1),
 * and bytes that are no UTF-8, as \xNN; newlines and tabs are kept
 * when @keep_lines.
 */
void sb_printable(struct sbuf *b, const char *s, size_t n, int keep_lines);

/* @s as sb_printable() makes it, one line; valid until the 8th next call */
const char *printable(const char *s);

#endif /* TOOLS_TEXT_H */
