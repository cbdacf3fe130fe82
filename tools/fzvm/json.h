/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Just enough JSON for fzvm: reading fzrun's journal back, and writing
 * strings that always parse, whatever bytes a console produced.
 */
#ifndef FZVM_JSON_H
#define FZVM_JSON_H

#include <stddef.h>
#include "util.h"

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jtype t;
	int b;
	double num;
	char *str;
	size_t len;		/* J_ARR/J_OBJ item count */
	struct jv **items;
	char **keys;
};

/* One JSON text; NULL when it does not parse */
struct jv *json_parse(const char *s, size_t len);
void jv_free(struct jv *v);

const struct jv *jv_get(const struct jv *obj, const char *key);
const char *jv_gets(const struct jv *obj, const char *key, const char *def);
double jv_getn(const struct jv *obj, const char *key, double def);
int jv_getb(const struct jv *obj, const char *key);
size_t jv_len(const struct jv *arr);
const struct jv *jv_at(const struct jv *arr, size_t i);

/* A JSON string literal of @n bytes of @s: invalid UTF-8 becomes U+FFFD */
void json_str(struct sbuf *b, const char *s, size_t n);
void json_kstr(struct sbuf *b, const char *key, const char *s);

#endif /* FZVM_JSON_H */
