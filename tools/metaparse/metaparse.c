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

#define MAX_TAGS 32

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

static const char *prog = "metaparse";

static void die(const char *path, const char *msg)
{
	fprintf(stderr, "%s: %s: %s\n", prog, path, msg);
	exit(1);
}

static char *xstrndup(const char *s, size_t n)
{
	char *r = strndup(s, n);

	if (!r) {
		perror(prog);
		exit(1);
	}
	return r;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, cap = 65536, n;
	char *buf;

	if (!f)
		die(path, strerror(errno));
	buf = malloc(cap + 1);
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	if (!buf || ferror(f))
		die(path, "cannot read");
	fclose(f);
	buf[len] = '\0';
	return buf;
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
	char *out = malloc(e - s + 1), *o = out;

	if (!out) {
		perror(prog);
		exit(1);
	}
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
			die(m->path, "bad or too many tags");
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
			die(m->path, "initializer field without designator");
		field = ++p;
		while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		fend = p;
		p = skip_space(p);
		if (*p != '=')
			die(m->path, "initializer field without '='");
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

static void json_str(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* An integer if the expression is one, else the expression as a string */
static void json_num(const char *v)
{
	char *end;
	long n;

	if (!v) {
		fputs("null", stdout);
		return;
	}
	errno = 0;
	n = strtol(v, &end, 0);
	if (*v && !*end && !errno)
		printf("%ld", n);
	else
		json_str(v);
}

static void json_taint(const char *v)
{
	const char *p = v;
	int first = 1;

	if (!v) {
		fputs("null", stdout);
		return;
	}
	putchar('[');
	while ((p = strstr(p, "TST_TAINT_"))) {
		p += strlen("TST_TAINT_");
		if (isupper((unsigned char)p[0]) && !isalnum((unsigned char)p[1])) {
			printf("%s\"%c\"", first ? "" : ", ", p[0]);
			first = 0;
		}
	}
	putchar(']');
}

static void json_tags(const struct meta *m)
{
	int i, j, k, n, first = 1;

	putchar('{');
	for (i = 0; i < m->ntags; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(m->tags[j].name, m->tags[i].name))
				break;
		if (j < i)
			continue;
		for (n = 0, j = i; j < m->ntags; j++)
			n += !strcmp(m->tags[j].name, m->tags[i].name);

		printf("%s", first ? "" : ", ");
		first = 0;
		json_str(m->tags[i].name);
		fputs(": ", stdout);
		if (n == 1) {
			json_str(m->tags[i].value);
			continue;
		}
		putchar('[');
		for (k = 0, j = i; j < m->ntags; j++) {
			if (strcmp(m->tags[j].name, m->tags[i].name))
				continue;
			fputs(k++ ? ", " : "", stdout);
			json_str(m->tags[j].value);
		}
		putchar(']');
	}
	putchar('}');
}

static void print_meta(const struct meta *m, int last)
{
	printf("  {\n    \"name\": ");
	json_str(m->name);
	printf(",\n    \"path\": ");
	json_str(m->path);
	printf(",\n    \"summary\": ");
	json_str(m->summary);
	printf(",\n    \"tags\": ");
	json_tags(m);
	printf(",\n    \"needs_root\": %s",
	       m->needs_root && strcmp(m->needs_root, "0") ? "true" : "false");
	printf(",\n    \"runtime\": ");
	json_num(m->runtime);
	printf(",\n    \"timeout\": ");
	json_num(m->timeout);
	printf(",\n    \"min_kver\": ");
	json_str(m->min_kver ? string_value(m->min_kver) : NULL);
	printf(",\n    \"taint_check\": ");
	json_taint(m->taint_check);
	printf("\n  }%s\n", last ? "" : ",");
}

static void parse(struct meta *m, const char *path)
{
	const char *base = strrchr(path, '/'), *body, *end;
	char *src = read_file(path);
	size_t len;

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
		die(path, "no \"static struct tst_test test = {...}\" initializer");
	parse_init(m, body, end);
	free(src);
}

const char *const tool_name = "metaparse";

int main(int argc, char *argv[])
{
	struct meta m;
	int i;

	if (argc < 2 || !strcmp(argv[1], "-h")) {
		fprintf(stderr, "usage: %s FILE.c... > catalogue.json\n", prog);
		return argc < 2;
	}

	puts("[");
	for (i = 1; i < argc; i++) {
		parse(&m, argv[i]);
		print_meta(&m, i == argc - 1);
	}
	puts("]");

	return 0;
}
