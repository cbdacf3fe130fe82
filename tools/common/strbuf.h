/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Growable strings: the tools build journal lines, reports and messages
 * in them. The buffer is always NUL terminated once something was added.
 *
 *	struct sbuf b = {0};
 *
 *	sb_printf(&b, "%d tests", n);
 *	puts(sb_str(&b));
 *	sb_free(&b);
 */
#ifndef TOOLS_STRBUF_H
#define TOOLS_STRBUF_H

#include <stddef.h>

struct sbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sb_add(struct sbuf *b, const void *s, size_t n);
void sb_puts(struct sbuf *b, const char *s);
void sb_putc(struct sbuf *b, char c);
void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The string, "" for an empty buffer; stays owned by @b */
const char *sb_str(struct sbuf *b);
void sb_reset(struct sbuf *b);
void sb_free(struct sbuf *b);

#endif /* TOOLS_STRBUF_H */
