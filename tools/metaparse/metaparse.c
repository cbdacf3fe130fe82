// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * metaparse: the catalogue index, from the test sources.
 *
 *	metaparse FILE.c... > catalogue.json
 *
 * For each test source it reads the top comment and the
 * "static struct tst_test test = { ... }" initializer and prints one
 * JSON object: name, path, summary (the comment's first paragraph),
 * tags (an object of tag name to value, or to an array of values when a
 * name repeats), needs_root, runtime, timeout, min_kver and taint_check
 * (the TST_TAINT_* letters). Fields a test does not set are null (false
 * for needs_root). A source without the initializer is an error.
 *
 * The parser knows C just well enough for initializers: strings,
 * character constants, comments and nested braces.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "files.h"
#include "json.h"
#include "msg.h"

/* Status of a source metaparse cannot read or understand */
#define EXIT_BAD_SOURCE	1
/* More tags than any test has; LTP's tests have a handful */
#define MAX_TAGS	32

struct tag {
	char *name;
	char *value;
};

struct meta {
	const char *path;
	char *name;
	char *summary;
	char *runtime, *timeout, *min_kver, *needs_root, *taint_check;
	struct tag tags[MAX_TAGS];
	int ntags;
};

/* "metaparse: FILE: what is wrong", then exit */
static void __attribute__((noreturn)) bad_source(const char *path,
						 const char *msg)
{
	die(EXIT_BAD_SOURCE, "%s: %s", path, msg);
}

static char *xstrndup(const char *s, size_t n)
{
	char *r = xmalloc(n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* Skips a string or character constant starting at *p (a quote) */
static const char *skip_quoted(const char *p)
{
	char q = *p++;

	while (*p && *p != q) {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	return *p ? p + 1 : p;
}

/* Skips a comment starting at p, if there is one */
static const char *skip_comment(const char *p)
{
	if (p[0] == '/' && p[1] == '*') {
		const char *e = strstr(p + 2, "*/");

		return e ? e + 2 : p + strlen(p);
	}
	if (p[0] == '/' && p[1] == '/') {
		const char *e = strchr(p, '\n');

		return e ? e : p + strlen(p);
	}
	return p;
}

static const char *skip_space(const char *p)
{
	const char *q;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		q = skip_comment(p);
		if (q == p)
			return p;
		p = q;
	}
}

/* First paragraph of the first block comment, as one line */
static char *parse_summary(const char *src)
{
	const char *p = strstr(src, "/*"), *end, *line, *eol;
	size_t cap, len = 0;
	char *out;

	if (!p)
		return NULL;
	end = strstr(p, "*/");
	if (!end)
		return NULL;
	p += 2;
	cap = end - p + 1;
	out = malloc(cap);
	if (!out)
		return NULL;

	for (line = p; line < end; line = eol + 1) {
		eol = memchr(line, '\n', end - line);
		if (!eol)
			eol = end;
		while (line < eol && isspace((unsigned char)*line))
			line++;
		if (line < eol && *line == '*')
			line++;
		while (line < eol && isspace((unsigned char)*line))
			line++;
		if (line == eol) {
			if (len)
				break;
			continue;
		}
		if (len)
			out[len++] = ' ';
		while (eol > line && isspace((unsigned char)eol[-1]))
			eol--;
		memcpy(out + len, line, eol - line);
		len += eol - line;
		if (eol == end)
			break;
		eol = memchr(eol, '\n', end - eol);
		if (!eol)
			break;
	}
	out[len] = '\0';
	return out;
}

/* The initializer's body: after its '{', up to the matching '}' */
static const char *find_init(const char *src, const char **body_end)
{
	const char *p = src, *q;
	int depth;

	while ((p = strstr(p, "struct tst_test"))) {
		q = skip_space(p + strlen("struct tst_test"));
		if (strncmp(q, "test", 4) || isalnum((unsigned char)q[4]) || q[4] == '_') {
			p++;
			continue;
		}
		q = skip_space(q + 4);
		if (*q != '=') {
			p++;
			continue;
		}
		q = skip_space(q + 1);
		if (*q != '{')
			return NULL;
		p = ++q;
		for (depth = 1; *q; ) {
			if (*q == '"' || *q == '\'') {
				q = skip_quoted(q);
			} else if (skip_comment(q) != q) {
				q = skip_comment(q);
			} else {
				if (*q == '{')
					depth++;
				else if (*q == '}' && !--depth)
					break;
				q++;
			}
		}
		if (!*q)
			return NULL;
		*body_end = q;
		return p;
	}
	return NULL;
}

/* A copy of [s, e) without comments and surrounding space */
static char *clean(const char *s, const char *e)
{
	char *out = xmalloc(e - s + 1), *o = out;

	while (s < e) {
		const char *n = skip_comment(s);

		if (n != s) {
			s = n;
			*o++ = ' ';
			continue;
		}
		if (*s == '"' || *s == '\'') {
			n = skip_quoted(s);
			if (n > e)
				n = e;
			memcpy(o, s, n - s);
			o += n - s;
			s = n;
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	while (o > out && isspace((unsigned char)o[-1]))
		*--o = '\0';
	s = out;
	while (isspace((unsigned char)*s))
		s++;
	memmove(out, s, strlen(s) + 1);
	return out;
}

/* Contents of the string literal in s, or NULL */
static char *string_value(const char *s)
{
	const char *e;

	s = strchr(s, '"');
	if (!s)
		return NULL;
	e = skip_quoted(s);
	return xstrndup(s + 1, e - s - 2);
}

static void parse_tags(struct meta *m, const char *v)
{
	const char *p = v;

	/* Each tag is { "name", "value" }; the list ends with {} */
	while ((p = strchr(p, '{'))) {
		char *name, *value;
		const char *q = skip_space(p + 1);

		p++;
		if (*q != '"')
			continue;
		name = string_value(q);
		q = skip_quoted(q);
		q = skip_space(q);
		if (*q != ',') {
			free(name);
			continue;
		}
		value = string_value(q);
		if (!value || m->ntags == MAX_TAGS)
			bad_source(m->path, "bad or too many tags");
		m->tags[m->ntags].name = name;
		m->tags[m->ntags++].value = value;
	}
}

static void set_field(struct meta *m, const char *field, size_t flen,
		      char *value)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{ "runtime", offsetof(struct meta, runtime) },
		{ "timeout", offsetof(struct meta, timeout) },
		{ "min_kver", offsetof(struct meta, min_kver) },
		{ "needs_root", offsetof(struct meta, needs_root) },
		{ "taint_check", offsetof(struct meta, taint_check) },
	};
	size_t i;

	if (flen == 4 && !strncmp(field, "tags", 4)) {
		parse_tags(m, value);
		free(value);
		return;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strlen(fields[i].name) == flen &&
		    !strncmp(field, fields[i].name, flen)) {
			*(char **)((char *)m + fields[i].off) = value;
			return;
		}
	}
	free(value);
}

static void parse_init(struct meta *m, const char *p, const char *end)
{
	while (p < end) {
		const char *field, *fend, *v;
		int depth = 0;

		p = skip_space(p);
		if (p >= end)
			break;
		if (*p != '.')
			bad_source(m->path, "initializer field without designator");
		field = ++p;
		while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		fend = p;
		p = skip_space(p);
		if (*p != '=')
			bad_source(m->path, "initializer field without '='");
		v = ++p;
		while (p < end) {
			if (*p == '"' || *p == '\'') {
				p = skip_quoted(p);
				continue;
			}
			if (skip_comment(p) != p) {
				p = skip_comment(p);
				continue;
			}
			if (*p == '{' || *p == '(' || *p == '[')
				depth++;
			else if (*p == '}' || *p == ')' || *p == ']')
				depth--;
			else if (*p == ',' && !depth)
				break;
			p++;
		}
		set_field(m, field, fend - field, clean(v, p));
		if (p < end)
			p++;
	}
}

/* An integer if the expression is one, else the expression as a string */
static void jw_expr(struct jw *w, const char *v)
{
	char *end;
	long n;

	if (!v) {
		jw_null(w);
		return;
	}
	errno = 0;
	n = strtol(v, &end, 0);
	if (*v && !*end && !errno)
		jw_int(w, n);
	else
		jw_str(w, v);
}

static void jw_nstr(struct jw *w, const char *s)
{
	if (s)
		jw_str(w, s);
	else
		jw_null(w);
}

/* The letters of the TST_TAINT_X flags in the expression */
static void jw_taint(struct jw *w, const char *v)
{
	const char *p = v;
	char letter[2] = "";

	if (!v) {
		jw_null(w);
		return;
	}
	jw_arr(w);
	while ((p = strstr(p, "TST_TAINT_"))) {
		p += strlen("TST_TAINT_");
		if (isupper((unsigned char)p[0]) && !isalnum((unsigned char)p[1])) {
			letter[0] = p[0];
			jw_str(w, letter);
		}
	}
	jw_end_arr(w);
}

/* A name that repeats gets an array of its values */
static void jw_tags(struct jw *w, const struct meta *m)
{
	int i, j, n;

	jw_obj(w);
	for (i = 0; i < m->ntags; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(m->tags[j].name, m->tags[i].name))
				break;
		if (j < i)
			continue;
		for (n = 0, j = i; j < m->ntags; j++)
			n += !strcmp(m->tags[j].name, m->tags[i].name);

		jw_key(w, m->tags[i].name);
		if (n == 1) {
			jw_str(w, m->tags[i].value);
			continue;
		}
		jw_arr(w);
		for (j = i; j < m->ntags; j++)
			if (!strcmp(m->tags[j].name, m->tags[i].name))
				jw_str(w, m->tags[j].value);
		jw_end_arr(w);
	}
	jw_end_obj(w);
}

static void write_meta(struct jw *w, const struct meta *m)
{
	char *kver = m->min_kver ? string_value(m->min_kver) : NULL;

	jw_obj(w);
	jw_key(w, "name");
	jw_nstr(w, m->name);
	jw_key(w, "path");
	jw_nstr(w, m->path);
	jw_key(w, "summary");
	jw_nstr(w, m->summary);
	jw_key(w, "tags");
	jw_tags(w, m);
	jw_kbool(w, "needs_root", m->needs_root && strcmp(m->needs_root, "0"));
	jw_key(w, "runtime");
	jw_expr(w, m->runtime);
	jw_key(w, "timeout");
	jw_expr(w, m->timeout);
	jw_key(w, "min_kver");
	jw_nstr(w, kver);
	jw_key(w, "taint_check");
	jw_taint(w, m->taint_check);
	jw_end_obj(w);
	free(kver);
}

static void parse(struct meta *m, const char *path)
{
	const char *base = strrchr(path, '/'), *body, *end;
	char *src = read_file(path, NULL);
	size_t len;

	if (!src)
		bad_source(path, strerror(errno));
	memset(m, 0, sizeof(*m));
	m->path = path;
	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 2 && !strcmp(base + len - 2, ".c"))
		len -= 2;
	m->name = xstrndup(base, len);
	m->summary = parse_summary(src);

	body = find_init(src, &end);
	if (!body)
		bad_source(path, "no \"static struct tst_test test = {...}\" initializer");
	parse_init(m, body, end);
	free(src);
}

const char *const tool_name = "metaparse";

int main(int argc, char *argv[])
{
	struct sbuf b = {0};
	struct meta m;
	struct jw w;
	int i;

	if (argc < 2 || !strcmp(argv[1], "-h")) {
		fprintf(stderr, "usage: %s FILE.c... > catalogue.json\n",
			tool_name);
		return argc < 2;
	}

	jw_init(&w, &b, 1);
	jw_arr(&w);
	for (i = 1; i < argc; i++) {
		parse(&m, argv[i]);
		write_meta(&w, &m);
	}
	jw_end_arr(&w);
	sb_putc(&b, '\n');
	if (fwrite(b.s, 1, b.len, stdout) != b.len || fflush(stdout))
		die(EXIT_BAD_SOURCE, "cannot write the catalogue: %s",
		    strerror(errno));
	sb_free(&b);
	return 0;
}
