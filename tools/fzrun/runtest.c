// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test lists in LTP's runtest format: "name command [args...]" per line,
 * blank lines and '#' comments. All errors of all lists are reported,
 * each as file:line, before the runner gives up.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

#define BLANKS " \t"

/* Characters that only a shell gives a meaning to */
#define SHELL_CHARS "|&;<>()$`\\\"'*?[]#~{}"

char **split_command(const char *cmd, int *argc, int *shell)
{
	char **argv = NULL;
	const char *s = cmd;
	int n = 0;

	*shell = strpbrk(cmd, SHELL_CHARS) != NULL;
	for (;;) {
		size_t len;

		s += strspn(s, BLANKS);
		if (!*s)
			break;
		len = strcspn(s, BLANKS);
		argv = xrealloc(argv, (n + 2) * sizeof(*argv));
		argv[n] = xmalloc(len + 1);
		memcpy(argv[n], s, len);
		argv[n][len] = '\0';
		/* VAR=value in front of the command */
		if (n == 0 && strchr(argv[0], '='))
			*shell = 1;
		n++;
		s += len;
	}
	if (!argv)
		argv = xcalloc(1, sizeof(*argv));
	argv[n] = NULL;
	*argc = n;
	return argv;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("_.+-", *s)))
			return 0;
	}
	return 1;
}

static int nerrors;

/* What /bin/sh -n says about @cmd: NULL when it parses */
static char *shell_error(const char *cmd)
{
	char *argv[] = { "/bin/sh", "-n", "-c", (char *)cmd, NULL };
	struct sbuf out = {0};
	int status = run_cmd_all(argv, &out);

	if (!status) {
		sb_free(&out);
		return NULL;
	}
	if (!out.len)
		sb_printf(&out, "exit status %d", status);
	out.s[strcspn(out.s, "\n")] = '\0';
	return out.s;
}

static void __attribute__((format(printf, 3, 4)))
list_error(const char *file, int line, const char *fmt, ...)
{
	char msg[REASON_MAX * 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	note("%s:%d: %s", file, line, msg);
	nerrors++;
}

/* The list file for one name given to -f */
static char *list_path(const char *name, const char *root)
{
	char *p;

	if (is_file(name) || strchr(name, '/') || !root)
		return xstrdup(name);
	p = xasprintf("%s/runtest/%s", root, name);
	if (is_file(p))
		return p;
	free(p);
	return xstrdup(name);
}

static void load_one(const char *path, struct test_list *l)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *text = read_file(path, NULL), *line, *cur;
	int lineno = 0, first = l->n, before = l->n;

	if (!text) {
		note("-f %s: cannot read test list: %s", path, strerror(errno));
		nerrors++;
		return;
	}
	for (cur = text; (line = next_line(&cur)); ) {
		char *name, *cmd, *why;
		struct test_def *t;
		int i;

		lineno++;
		if (!*line || *line == '#')
			continue;

		name = line;
		cmd = line + strcspn(line, BLANKS);
		if (*cmd)
			*cmd++ = '\0';
		cmd += strspn(cmd, BLANKS);
		if (strlen(name) > MAX_TEST_NAME) {
			list_error(path, lineno,
				   "test name of %zu characters; at most %d",
				   strlen(name), MAX_TEST_NAME);
			continue;
		}
		if (!valid_name(name)) {
			list_error(path, lineno,
				   "invalid test name '%s' (use letters, digits and _ . + -)",
				   name);
			continue;
		}
		if (!*cmd) {
			list_error(path, lineno, "test '%s' has no command",
				   name);
			continue;
		}
		for (i = first; i < l->n; i++) {
			if (!strcmp(l->v[i].name, name))
				break;
		}
		if (i < l->n) {
			list_error(path, lineno,
				   "duplicate test name '%s' (first on line %d)",
				   name, atoi(strrchr(l->v[i].where, ':') + 1));
			continue;
		}
		l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
		t = &l->v[l->n++];
		t->name = xstrdup(name);
		t->suite = xstrdup(base);
		t->cmdline = xstrdup(cmd);
		t->argv = split_command(cmd, &t->argc, &t->shell);
		t->where = xasprintf("%s:%d", path, lineno);
		if (t->shell && (why = shell_error(cmd))) {
			list_error(path, lineno,
				   "test '%s': /bin/sh cannot parse the command: %s",
				   name, why);
			free(why);
		}
	}
	if (l->n == before)
		warning("%s: no tests in this list", path);
	free(text);
}

void runtest_load(const char *spec, const char *root, struct test_list *l)
{
	char *copy = xstrdup(spec), *name, *save = NULL;

	for (name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		char *path = list_path(name, root);

		load_one(path, l);
		free(path);
	}
	free(copy);
	if (nerrors)
		die(FZR_EXIT_USAGE, "%d error%s in test lists, nothing run",
		    nerrors, nerrors > 1 ? "s" : "");
}

static void drop(struct test_list *l, int i)
{
	struct test_def *t = &l->v[i];
	int j;

	for (j = 0; j < t->argc; j++)
		free(t->argv[j]);
	free(t->argv);
	free(t->name);
	free(t->suite);
	free(t->cmdline);
	free(t->where);
	memmove(t, t + 1, (l->n - i - 1) * sizeof(*t));
	l->n--;
}

void runtest_select(struct test_list *l, char **regexes, int n)
{
	regex_t *re;
	int i, j;

	if (!n)
		return;
	re = xcalloc(n, sizeof(*re));
	for (j = 0; j < n; j++) {
		int err = regcomp(&re[j], regexes[j], REG_EXTENDED | REG_NOSUB);

		if (err) {
			char msg[256];

			regerror(err, &re[j], msg, sizeof(msg));
			die(FZR_EXIT_USAGE, "-s '%s': %s", regexes[j], msg);
		}
	}
	for (i = 0; i < l->n; ) {
		for (j = 0; j < n; j++)
			if (!regexec(&re[j], l->v[i].name, 0, NULL, 0))
				break;
		if (j == n)
			drop(l, i);
		else
			i++;
	}
	for (j = 0; j < n; j++)
		regfree(&re[j]);
	free(re);
}

int runtest_skip(struct test_list *l, const char *skip_file)
{
	char *text, *line, *cur;
	char **pats = NULL;
	int npats = 0, dropped = 0, i, j;

	if (!skip_file)
		return 0;
	text = read_file(skip_file, NULL);
	if (!text)
		die(FZR_EXIT_USAGE, "-S %s: cannot read skip list: %s",
		    skip_file, strerror(errno));
	for (cur = text; (line = next_line(&cur)); ) {
		line[strcspn(line, BLANKS "#")] = '\0';
		if (!*line)
			continue;
		pats = xrealloc(pats, (npats + 1) * sizeof(*pats));
		pats[npats++] = line;
	}
	for (i = 0; i < l->n; ) {
		for (j = 0; j < npats; j++)
			if (!fnmatch(pats[j], l->v[i].name, 0))
				break;
		if (j < npats) {
			drop(l, i);
			dropped++;
		} else {
			i++;
		}
	}
	free(pats);
	free(text);
	return dropped;
}

/*
 * Round robin over the selected list: the same list and options give
 * every machine a disjoint share, and together the shares cover it.
 */
void runtest_shard(struct test_list *l, int shard, int nshards)
{
	int i, k = 0, total = l->n;

	if (nshards <= 1)
		return;
	for (i = 0; k < total; k++) {
		if (k % nshards != shard - 1)
			drop(l, i);
		else
			i++;
	}
}
