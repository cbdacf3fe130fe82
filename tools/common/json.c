// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON writer and parser. Test output is arbitrary bytes, so the writer
 * replaces invalid UTF-8 with U+FFFD: a report must always parse.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

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

/* Parser */

struct jp {
	const char *s;
	const char *end;
	const char *err;
	int depth;
};

static struct jv *jp_value(struct jp *p);

static void jp_ws(struct jp *p)
{
	while (p->s < p->end && strchr(" \t\r\n", *p->s) && *p->s)
		p->s++;
}

static struct jv *jp_fail(struct jp *p, const char *msg, struct jv *v)
{
	if (!p->err)
		p->err = msg;
	jv_free(v);
	return NULL;
}

static struct jv *jv_new(enum jtype t)
{
	struct jv *v = xcalloc(1, sizeof(*v));

	v->t = t;
	return v;
}

static int jp_hex4(struct jp *p, unsigned int *cp)
{
	int i;

	*cp = 0;
	if (p->end - p->s < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char c = *p->s++;

		*cp <<= 4;
		if (c >= '0' && c <= '9')
			*cp |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*cp |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*cp |= c - 'A' + 10;
		else
			return -1;
	}
	return 0;
}

static void put_utf8(struct sbuf *b, unsigned int cp)
{
	char u[4];

	if (cp < 0x80) {
		sb_putc(b, cp);
	} else if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		sb_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		sb_add(b, u, 3);
	} else {
		u[0] = 0xf0 | (cp >> 18);
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		sb_add(b, u, 4);
	}
}

static struct jv *jp_string(struct jp *p)
{
	struct sbuf b = {0};
	struct jv *v;

	p->s++;
	for (;;) {
		const char *start = p->s;

		while (p->s < p->end && *p->s != '"' && *p->s != '\\' &&
		       (unsigned char)*p->s >= 0x20)
			p->s++;
		sb_add(&b, start, p->s - start);
		if (p->s >= p->end || (unsigned char)*p->s < 0x20) {
			sb_free(&b);
			return jp_fail(p, "unterminated string", NULL);
		}
		if (*p->s == '"')
			break;
		p->s++;
		if (p->s >= p->end)
			goto bad;
		char c = *p->s++;
		unsigned int cp, lo;

		switch (c) {
		case '"': sb_putc(&b, '"'); break;
		case '\\': sb_putc(&b, '\\'); break;
		case '/': sb_putc(&b, '/'); break;
		case 'b': sb_putc(&b, '\b'); break;
		case 'f': sb_putc(&b, '\f'); break;
		case 'n': sb_putc(&b, '\n'); break;
		case 'r': sb_putc(&b, '\r'); break;
		case 't': sb_putc(&b, '\t'); break;
		case 'u':
			if (jp_hex4(p, &cp))
				goto bad;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (p->end - p->s < 6 || p->s[0] != '\\' ||
				    p->s[1] != 'u')
					goto bad;
				p->s += 2;
				if (jp_hex4(p, &lo) || lo < 0xdc00 || lo > 0xdfff)
					goto bad;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				goto bad;
			}
			put_utf8(&b, cp);
			break;
		default:
			goto bad;
		}
	}
	p->s++;
	v = jv_new(J_STR);
	if (!b.s)
		sb_add(&b, "", 0);
	v->str = b.s;
	v->len = b.len;
	return v;
bad:
	sb_free(&b);
	return jp_fail(p, "bad escape in string", NULL);
}

static struct jv *jp_number(struct jp *p)
{
	char buf[64];
	size_t n = 0;
	char *endp;
	struct jv *v;

	while (p->s + n < p->end && n < sizeof(buf) - 1 &&
	       strchr("+-0123456789.eE", p->s[n]) && p->s[n])
		n++;
	memcpy(buf, p->s, n);
	buf[n] = '\0';
	v = jv_new(J_NUM);
	v->num = strtod(buf, &endp);
	if (!n || *endp)
		return jp_fail(p, "bad number", v);
	p->s += n;
	return v;
}

static struct jv *jp_word(struct jp *p, const char *word, struct jv *v)
{
	size_t n = strlen(word);

	if ((size_t)(p->end - p->s) < n || strncmp(p->s, word, n))
		return jp_fail(p, "unexpected character", v);
	p->s += n;
	return v;
}

static void jv_push(struct jv *v, char *key, struct jv *item)
{
	v->items = xrealloc(v->items, (v->len + 1) * sizeof(*v->items));
	if (v->t == J_OBJ) {
		v->keys = xrealloc(v->keys, (v->len + 1) * sizeof(*v->keys));
		v->keys[v->len] = key;
	}
	v->items[v->len++] = item;
}

static struct jv *jp_container(struct jp *p, enum jtype t)
{
	char close = t == J_OBJ ? '}' : ']';
	struct jv *v = jv_new(t);

	if (++p->depth > 64)
		return jp_fail(p, "nested too deep", v);
	p->s++;
	jp_ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		p->depth--;
		return v;
	}
	for (;;) {
		struct jv *key = NULL, *item;

		jp_ws(p);
		if (t == J_OBJ) {
			if (p->s >= p->end || *p->s != '"')
				return jp_fail(p, "expected a key", v);
			key = jp_string(p);
			if (!key)
				return jp_fail(p, "bad key", v);
			jp_ws(p);
			if (p->s >= p->end || *p->s != ':') {
				jv_free(key);
				return jp_fail(p, "expected ':'", v);
			}
			p->s++;
		}
		item = jp_value(p);
		if (!item) {
			jv_free(key);
			return jp_fail(p, "bad value", v);
		}
		if (key) {
			jv_push(v, key->str, item);
			key->str = NULL;
			jv_free(key);
		} else {
			jv_push(v, NULL, item);
		}
		jp_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			break;
		}
		return jp_fail(p, "expected ',' or a closing bracket", v);
	}
	p->depth--;
	return v;
}

static struct jv *jp_value(struct jp *p)
{
	struct jv *v;

	jp_ws(p);
	if (p->s >= p->end)
		return jp_fail(p, "unexpected end", NULL);
	switch (*p->s) {
	case '{':
		return jp_container(p, J_OBJ);
	case '[':
		return jp_container(p, J_ARR);
	case '"':
		return jp_string(p);
	case 't':
		v = jv_new(J_BOOL);
		v->b = 1;
		return jp_word(p, "true", v);
	case 'f':
		return jp_word(p, "false", jv_new(J_BOOL));
	case 'n':
		return jp_word(p, "null", jv_new(J_NULL));
	default:
		return jp_number(p);
	}
}

struct jv *json_parse(const char *s, size_t len, char *err, size_t errsz)
{
	struct jp p = { .s = s, .end = s + len };
	struct jv *v = jp_value(&p);

	if (v) {
		jp_ws(&p);
		if (p.s != p.end)
			v = jp_fail(&p, "trailing characters", v);
	}
	if (!v && err)
		snprintf(err, errsz, "%s at offset %zu", p.err ? p.err : "error",
			 (size_t)(p.s - s));
	return v;
}

void jv_free(struct jv *v)
{
	size_t i;

	if (!v)
		return;
	if (v->t == J_ARR || v->t == J_OBJ) {
		for (i = 0; i < v->len; i++) {
			jv_free(v->items[i]);
			if (v->keys)
				free(v->keys[i]);
		}
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	size_t i;

	if (!obj || obj->t != J_OBJ)
		return NULL;
	for (i = 0; i < obj->len; i++)
		if (!strcmp(obj->keys[i], key))
			return obj->items[i];
	return NULL;
}

const char *jv_gets(const struct jv *obj, const char *key, const char *def)
{
	const struct jv *v = jv_get(obj, key);

	return v && v->t == J_STR ? v->str : def;
}

double jv_getn(const struct jv *obj, const char *key, double def)
{
	const struct jv *v = jv_get(obj, key);

	return v && v->t == J_NUM ? v->num : def;
}

int jv_getb(const struct jv *obj, const char *key)
{
	const struct jv *v = jv_get(obj, key);

	return v && v->t == J_BOOL && v->b;
}

size_t jv_len(const struct jv *arr)
{
	return arr && arr->t == J_ARR ? arr->len : 0;
}

const struct jv *jv_at(const struct jv *arr, size_t i)
{
	return i < jv_len(arr) ? arr->items[i] : NULL;
}

void json_kstr(struct sbuf *b, const char *key, const char *s)
{
	json_str(b, key, strlen(key));
	sb_putc(b, ':');
	json_str(b, s, strlen(s));
}
