// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON parser, for journals and statistics read back, and lookups that
 * tolerate missing keys and wrong types.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "json.h"

/* Deeper nesting is no journal or statistics record: refuse, not recurse */
#define JSON_MAX_DEPTH	64
/* Longer than any number a double can tell apart */
#define JSON_MAX_NUMBER	64

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
	char buf[JSON_MAX_NUMBER];
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

	if (++p->depth > JSON_MAX_DEPTH)
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

