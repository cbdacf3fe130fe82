// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON writer. Test output is arbitrary bytes, so the writer replaces
 * invalid UTF-8 with U+FFFD: a report must always parse.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void json_str(struct sbuf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	sb_putc(b, '"');
	while (i < n) {
		unsigned char c = s[i];
		size_t l = utf8_seq(s + i, n - i);
		const char *esc = NULL;
		char hex[8];

		if (l > 1 || (l == 1 && c >= 0x20 && c != '"' && c != '\\')) {
			i += l;
			run += l;
			continue;
		}
		sb_add(b, (const char *)s + i - run, run);
		run = 0;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\t': esc = "\\t"; break;
		case '\r': esc = "\\r"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (l == 1) {
				snprintf(hex, sizeof(hex), "\\u%04x", c);
				esc = hex;
			} else {
				esc = "\\ufffd";
			}
		}
		sb_puts(b, esc);
		i++;
	}
	sb_add(b, (const char *)s + i - run, run);
	sb_putc(b, '"');
}

/* Writer */

void jw_init(struct jw *w, struct sbuf *b, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->pretty = pretty;
	w->first[0] = 1;
}

static void jw_indent(struct jw *w)
{
	int i;

	if (!w->pretty)
		return;
	sb_putc(w->b, '\n');
	for (i = 0; i < w->depth; i++)
		sb_puts(w->b, "  ");
}

/* Separator before a value (or a key) */
static void jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		sb_putc(w->b, ',');
	w->first[w->depth] = 0;
	jw_indent(w);
}

static void jw_open(struct jw *w, char c)
{
	jw_sep(w);
	sb_putc(w->b, c);
	if (w->depth + 1 < (int)sizeof(w->first))
		w->depth++;
	w->first[w->depth] = 1;
}

static void jw_close(struct jw *w, char c)
{
	int empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		jw_indent(w);
	sb_putc(w->b, c);
}

void jw_obj(struct jw *w)
{
	jw_open(w, '{');
}

void jw_end_obj(struct jw *w)
{
	jw_close(w, '}');
}

void jw_arr(struct jw *w)
{
	jw_open(w, '[');
}

void jw_end_arr(struct jw *w)
{
	jw_close(w, ']');
}

void jw_key(struct jw *w, const char *key)
{
	jw_sep(w);
	json_str(w->b, key, strlen(key));
	sb_puts(w->b, w->pretty ? ": " : ":");
	w->after_key = 1;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
	jw_sep(w);
	json_str(w->b, s ? s : "", s ? n : 0);
}

void jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, s ? strlen(s) : 0);
}

void jw_int(struct jw *w, long long v)
{
	jw_sep(w);
	sb_printf(w->b, "%lld", v);
}

void jw_fixed(struct jw *w, double v, int decimals)
{
	jw_sep(w);
	if (!isfinite(v))
		v = 0;
	sb_printf(w->b, "%.*f", decimals, v);
}

void jw_bool(struct jw *w, int v)
{
	jw_sep(w);
	sb_puts(w->b, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	jw_sep(w);
	sb_puts(w->b, "null");
}

void jw_value(struct jw *w, const struct jv *v)
{
	size_t i;

	if (!v) {
		jw_null(w);
		return;
	}
	switch (v->t) {
	case J_NULL:
		jw_null(w);
		break;
	case J_BOOL:
		jw_bool(w, v->b);
		break;
	case J_NUM:
		if (v->num == (long long)v->num)
			jw_int(w, (long long)v->num);
		else
			jw_fixed(w, v->num, 6);
		break;
	case J_STR:
		jw_strn(w, v->str, v->len);
		break;
	case J_ARR:
		jw_arr(w);
		for (i = 0; i < v->len; i++)
			jw_value(w, v->items[i]);
		jw_end_arr(w);
		break;
	case J_OBJ:
		jw_obj(w);
		for (i = 0; i < v->len; i++) {
			jw_key(w, v->keys[i]);
			jw_value(w, v->items[i]);
		}
		jw_end_obj(w);
		break;
	}
}

void jw_kstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_kint(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_kbool(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

void jw_ksec(struct jw *w, const char *key, double seconds)
{
	jw_key(w, key);
	jw_fixed(w, seconds, 3);
}

void json_kstr(struct sbuf *b, const char *key, const char *s)
{
	json_str(b, key, strlen(key));
	sb_putc(b, ':');
	json_str(b, s, strlen(s));
}
