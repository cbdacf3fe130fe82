// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel config expressions and config file lines (pure: no I/O).
 *
 *	expr := term { ('&' | '|') term }	left to right, one precedence
 *	term := '!' term | '(' expr ')' | var
 *	var  := CONFIG_[A-Z0-9_]* [ '=' value ]
 *
 * Every variable is looked up, also where the result is already known,
 * so that one evaluation validates the whole expression and a failing
 * constraint can name all the options it depends on.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define PREFIX		"CONFIG_"
#define PREFIX_LEN	(sizeof(PREFIX) - 1)
/* Deeper nesting than any real constraint; bounds the recursion */
#define MAX_DEPTH	64

struct parser {
	const char *s;
	size_t pos;
	int depth;
	tst_kconfig_lookup lookup;
	void *priv;
	const char *err;
	size_t err_pos;
};

static int fail(struct parser *p, size_t pos, const char *msg)
{
	if (!p->err) {
		p->err = msg;
		p->err_pos = pos;
	}
	return 0;
}

static void skip_space(struct parser *p)
{
	while (isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static int name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Characters that end a variable or its value */
static int delimiter(char c)
{
	return !c || isspace((unsigned char)c) || strchr("&|()!", c);
}

static int parse_value(struct parser *p, struct tst_kconfig_ref *ref)
{
	const char *s = p->s;
	size_t start = p->pos;

	if (s[p->pos] == '"') {
		const char *end = strchr(s + p->pos + 1, '"');

		if (!end)
			return fail(p, start, "Missing closing \"");
		p->pos = end - s + 1;
	} else {
		while (!delimiter(s[p->pos]) && s[p->pos] != '=')
			p->pos++;
	}

	if (p->pos == start)
		return fail(p, start, "Missing value");
	if (!delimiter(s[p->pos]))
		return fail(p, p->pos, "Invalid character in variable value");

	ref->val = s + start;
	ref->val_len = p->pos - start;
	return 1;
}

static int parse_var(struct parser *p)
{
	struct tst_kconfig_ref ref = { .name = p->s + p->pos };

	if (strncmp(ref.name, PREFIX, PREFIX_LEN))
		return fail(p, p->pos, "Expected CONFIG_ prefix");
	p->pos += PREFIX_LEN;
	while (name_char(p->s[p->pos]))
		p->pos++;
	ref.name_len = p->s + p->pos - ref.name;

	if (p->s[p->pos] == '=') {
		p->pos++;
		if (!parse_value(p, &ref))
			return 0;
	} else if (!delimiter(p->s[p->pos])) {
		return fail(p, p->pos, "Unexpected character in variable name");
	}

	return p->lookup(&ref, p->priv) ? 1 : 0;
}

static int parse_expr(struct parser *p);

static int parse_term(struct parser *p)
{
	size_t open;
	int v;

	skip_space(p);
	switch (p->s[p->pos]) {
	case 0:
		return fail(p, p->pos, "Unfinished expression");
	case '!':
		p->pos++;
		return !parse_term(p);
	case '(':
		open = p->pos++;
		if (++p->depth > MAX_DEPTH)
			return fail(p, open, "Expression nested too deeply");
		v = parse_expr(p);
		p->depth--;
		if (p->err)
			return 0;
		skip_space(p);
		if (p->s[p->pos] != ')')
			return fail(p, open, "Missing )");
		p->pos++;
		return v;
	case ')':
	case '&':
	case '|':
		return fail(p, p->pos, "Expected variable, ! or (");
	default:
		return parse_var(p);
	}
}

static int parse_expr(struct parser *p)
{
	int v = parse_term(p), r;
	char op;

	while (!p->err) {
		skip_space(p);
		op = p->s[p->pos];
		if (!op || op == ')')
			break;
		if (op != '&' && op != '|')
			return fail(p, p->pos, "Expected operation");
		p->pos++;
		/* Both sides evaluated: every variable is looked up */
		r = parse_term(p);
		v = op == '&' ? v && r : v || r;
	}

	return v;
}

int tst_kconfig_expr_eval(const char *expr, tst_kconfig_lookup lookup,
			  void *priv, const char **err, size_t *err_pos)
{
	struct parser p = {
		.s = expr, .lookup = lookup, .priv = priv,
	};
	int v = parse_expr(&p);

	if (!p.err && p.s[p.pos] == ')')
		fail(&p, p.pos, "Missing (");
	if (p.err) {
		*err = p.err;
		*err_pos = p.err_pos;
		return -1;
	}
	return v;
}

int tst_kconfig_ref_holds(const struct tst_kconfig_ref *ref, char choice,
			  const char *val)
{
	if (!ref->val)
		return choice == 'y' || choice == 'm';

	if (ref->val_len == 1 && strchr("ymn", ref->val[0]))
		return choice == ref->val[0];

	return choice == 'v' && strlen(val) == ref->val_len &&
	       !memcmp(val, ref->val, ref->val_len);
}

/* The option name at @s into @ref; returns what follows it, or NULL */
static const char *line_name(const char *s, struct tst_kconfig_ref *ref)
{
	if (strncmp(s, PREFIX, PREFIX_LEN))
		return NULL;
	ref->name = s;
	while (name_char(*s))
		s++;
	ref->name_len = s - ref->name;
	return s;
}

int tst_kconfig_parse_line(const char *line, struct tst_kconfig_ref *ref,
			   char *choice)
{
	static const char not_set[] = " is not set";
	const char *s = line, *end;

	while (isspace((unsigned char)*s))
		s++;

	if (*s == '#') {
		/* "# CONFIG_FOO is not set" */
		s++;
		while (*s == ' ')
			s++;
		s = line_name(s, ref);
		if (!s || strncmp(s, not_set, sizeof(not_set) - 1))
			return 0;
		ref->val = NULL;
		ref->val_len = 0;
		*choice = 'n';
		return 1;
	}

	s = line_name(s, ref);
	if (!s || *s++ != '=')
		return 0;

	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	ref->val = s;
	ref->val_len = end - s;

	if (ref->val_len == 1 && (*s == 'y' || *s == 'm'))
		*choice = *s;
	else
		*choice = 'v';
	return 1;
}
