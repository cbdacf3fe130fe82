// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Recursive-descent JSON reader and a string writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct parser {
	const char *p, *end;
	int depth;
};

static struct jv *value(struct parser *ps);

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && strchr(" \t\r\n", *ps->p))
		ps->p++;
}

static int eat(struct parser *ps, char c)
{
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == c) {
		ps->p++;
		return 1;
	}
	return 0;
}

static struct jv *new_jv(enum jtype t)
{
	struct jv *v = xmalloc(sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->t = t;
	return v;
}

static void put_utf8(struct sbuf *b, unsigned int cp)
{
	char u[4];

	if (cp < 0x80) {
		sb_putc(b, cp);
	} else if (cp < 0x800) {
		u[0] = 0xc0 | cp >> 6;
		u[1] = 0x80 | (cp & 0x3f);
		sb_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | cp >> 12;
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		sb_add(b, u, 3);
	} else {
		u[0] = 0xf0 | cp >> 18;
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		sb_add(b, u, 4);
	}
}

static int hex4(struct parser *ps, unsigned int *cp)
{
	int i;

	*cp = 0;
	if (ps->end - ps->p < 4)
		return 0;
	for (i = 0; i < 4; i++) {
		char c = *ps->p++;

		*cp <<= 4;
		if (c >= '0' && c <= '9')
			*cp |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*cp |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*cp |= c - 'A' + 10;
		else
			return 0;
	}
	return 1;
}

static char *string(struct parser *ps)
{
	struct sbuf b = {0};
	unsigned int cp, lo;

	if (!eat(ps, '"'))
		return NULL;
	while (ps->p < ps->end && *ps->p != '"') {
		char c = *ps->p++;

		if (c != '\\') {
			sb_putc(&b, c);
			continue;
		}
		if (ps->p >= ps->end)
			goto bad;
		c = *ps->p++;
		switch (c) {
		case 'n': sb_putc(&b, '\n'); break;
		case 't': sb_putc(&b, '\t'); break;
		case 'r': sb_putc(&b, '\r'); break;
		case 'b': sb_putc(&b, '\b'); break;
		case 'f': sb_putc(&b, '\f'); break;
		case 'u':
			if (!hex4(ps, &cp))
				goto bad;
			if (cp >= 0xd800 && cp < 0xdc00 && ps->end - ps->p >= 6 &&
			    ps->p[0] == '\\' && ps->p[1] == 'u') {
				ps->p += 2;
				if (!hex4(ps, &lo))
					goto bad;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			put_utf8(&b, cp);
			break;
		default:
			sb_putc(&b, c);
		}
	}
	if (ps->p >= ps->end)
		goto bad;
	ps->p++;
	if (!b.s)
		sb_add(&b, "", 0);
	return b.s;
bad:
	sb_free(&b);
	return NULL;
}

static struct jv *container(struct parser *ps, int obj)
{
	struct jv *v = new_jv(obj ? J_OBJ : J_ARR), *item;
	char *key = NULL;

	if (eat(ps, obj ? '}' : ']'))
		return v;
	do {
		if (obj) {
			skip_ws(ps);
			key = string(ps);
			if (!key || !eat(ps, ':'))
				goto bad;
		}
		item = value(ps);
		if (!item)
			goto bad;
		v->items = xrealloc(v->items, (v->len + 1) * sizeof(*v->items));
		v->keys = xrealloc(v->keys, (v->len + 1) * sizeof(*v->keys));
		v->items[v->len] = item;
		v->keys[v->len++] = key;
		key = NULL;
	} while (eat(ps, ','));
	if (eat(ps, obj ? '}' : ']'))
		return v;
bad:
	free(key);
	jv_free(v);
	return NULL;
}

static struct jv *value(struct parser *ps)
{
	struct jv *v;
	char *end;

	skip_ws(ps);
	if (ps->p >= ps->end || ++ps->depth > 64)
		return NULL;
	switch (*ps->p) {
	case '{':
	case '[':
		ps->p++;
		v = container(ps, ps->p[-1] == '{');
		break;
	case '"':
		v = new_jv(J_STR);
		v->str = string(ps);
		if (!v->str) {
			free(v);
			v = NULL;
		}
		break;
	case 't':
	case 'f':
	case 'n':
		if (ps->end - ps->p >= 4 && !strncmp(ps->p, "true", 4)) {
			v = new_jv(J_BOOL);
			v->b = 1;
			ps->p += 4;
		} else if (ps->end - ps->p >= 5 && !strncmp(ps->p, "false", 5)) {
			v = new_jv(J_BOOL);
			ps->p += 5;
		} else if (ps->end - ps->p >= 4 && !strncmp(ps->p, "null", 4)) {
			v = new_jv(J_NULL);
			ps->p += 4;
		} else {
			v = NULL;
		}
		break;
	default:
		v = new_jv(J_NUM);
		v->num = strtod(ps->p, &end);
		if (end == ps->p || end > ps->end) {
			free(v);
			v = NULL;
		} else {
			ps->p = end;
		}
	}
	ps->depth--;
	return v;
}

struct jv *json_parse(const char *s, size_t len)
{
	/* strtod() needs a terminated copy */
	char *copy = strndup(s, len);
	struct parser ps = { copy, copy + len, 0 };
	struct jv *v;

	if (!copy)
		die("out of memory");
	v = value(&ps);
	skip_ws(&ps);
	if (v && ps.p != ps.end) {
		jv_free(v);
		v = NULL;
	}
	free(copy);
	return v;
}

void jv_free(struct jv *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->len; i++) {
		jv_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
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

/* Length of the valid UTF-8 sequence at @s, 0 when invalid */
static size_t utf8_seq(const unsigned char *s, size_t n)
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
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

void json_str(struct sbuf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	sb_putc(b, '"');
	while (p < end) {
		size_t len;

		if (*p == '"' || *p == '\\') {
			sb_putc(b, '\\');
			sb_putc(b, *p++);
		} else if (*p == '\n') {
			sb_puts(b, "\\n");
			p++;
		} else if (*p == '\t') {
			sb_puts(b, "\\t");
			p++;
		} else if (*p < 0x20 || *p == 0x7f) {
			sb_printf(b, "\\u%04x", *p++);
		} else if ((len = utf8_seq(p, end - p))) {
			sb_add(b, p, len);
			p += len;
		} else {
			sb_puts(b, "\xef\xbf\xbd");
			p++;
		}
	}
	sb_putc(b, '"');
}

void json_kstr(struct sbuf *b, const char *key, const char *s)
{
	json_str(b, key, strlen(key));
	sb_putc(b, ':');
	json_str(b, s, strlen(s));
}
