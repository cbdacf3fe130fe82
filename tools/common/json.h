/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Just enough JSON for the tools: a writer that always produces valid
 * UTF-8, whatever bytes a test or a console printed (json_write.c), and
 * a parser for reading journals and statistics back (json_read.c).
 *
 *	struct sbuf b = {0};
 *	struct jw w;
 *
 *	jw_init(&w, &b, 0);
 *	jw_obj(&w);
 *	jw_kstr(&w, "event", "run_end");
 *	jw_end_obj(&w);
 *
 *	struct jv *ev = json_parse(b.s, b.len, err, sizeof(err));
 *	puts(jv_gets(ev, "event", "?"));
 */
#ifndef TOOLS_JSON_H
#define TOOLS_JSON_H

#include <stddef.h>
#include "strbuf.h"
#include "text.h"

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jtype t;
	int b;
	double num;
	char *str;		/* J_STR, NUL terminated */
	size_t len;		/* J_STR length, J_ARR/J_OBJ item count */
	struct jv **items;	/* J_ARR/J_OBJ values */
	char **keys;		/* J_OBJ keys */
};

/* Parse one JSON text; NULL with a message in @err on error */
struct jv *json_parse(const char *s, size_t len, char *err, size_t errsz);
void jv_free(struct jv *v);

/* Lookups that tolerate NULL and wrong types */
const struct jv *jv_get(const struct jv *obj, const char *key);
const char *jv_gets(const struct jv *obj, const char *key, const char *def);
double jv_getn(const struct jv *obj, const char *key, double def);
int jv_getb(const struct jv *obj, const char *key);
size_t jv_len(const struct jv *arr);
const struct jv *jv_at(const struct jv *arr, size_t i);

/* Nesting the writer tracks; deeper levels share the last one's commas */
#define JW_MAX_DEPTH	64

struct jw {
	struct sbuf *b;
	int pretty;
	int depth;
	unsigned char first[JW_MAX_DEPTH];
	int after_key;
};

void jw_init(struct jw *w, struct sbuf *b, int pretty);
void jw_obj(struct jw *w);
void jw_end_obj(struct jw *w);
void jw_arr(struct jw *w);
void jw_end_arr(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, long long v);
void jw_fixed(struct jw *w, double v, int decimals);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* Copy an already parsed value */
void jw_value(struct jw *w, const struct jv *v);

/* Shorthands for "key": value */
void jw_kstr(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, long long v);
void jw_kbool(struct jw *w, const char *key, int v);
/* "key": seconds, to the millisecond (times and durations of the journal) */
void jw_ksec(struct jw *w, const char *key, double seconds);

/* @n bytes of @s as a JSON string into @b */
void json_str(struct sbuf *b, const char *s, size_t n);
/* "key":"value" into @b */
void json_kstr(struct sbuf *b, const char *key, const char *s);

#endif /* TOOLS_JSON_H */
