// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Known issues (-K FILE): tests expected to fail on some kernels.
 *
 *	# test-name  kernel-release-regex  reason
 *	perf_mmap_double01  ^6\.18\.  perf: mapping one event twice leaks ...
 *
 * The name is a shell pattern, the release a POSIX extended regular
 * expression matched against uname -r, the reason the rest of the line.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

#define BLANKS " \t"

static char *token(char **s)
{
	char *t;

	*s += strspn(*s, BLANKS);
	if (!**s)
		return NULL;
	t = *s;
	*s += strcspn(*s, BLANKS);
	if (**s)
		*(*s)++ = '\0';
	*s += strspn(*s, BLANKS);
	return t;
}

void known_load(const char *path, struct known_list *k)
{
	char *text = read_file(path, NULL), *line, *cur = text;
	int lineno = 0, errors = 0;

	if (!text)
		die(FZR_EXIT_USAGE, "-K %s: cannot read known issues: %s", path,
		    strerror(errno));
	while ((line = next_line(&cur))) {
		char *name, *rel;
		struct known *e;
		int err;

		lineno++;
		if (!*line || *line == '#')
			continue;
		name = token(&line);
		rel = token(&line);
		if (!rel || !*line) {
			note("%s:%d: expected 'test-name  kernel-release-regex  reason'",
			     path, lineno);
			errors++;
			continue;
		}
		k->v = xrealloc(k->v, (k->n + 1) * sizeof(*k->v));
		e = &k->v[k->n];
		err = regcomp(&e->re, rel, REG_EXTENDED | REG_NOSUB);
		if (err) {
			char msg[256];

			regerror(err, &e->re, msg, sizeof(msg));
			note("%s:%d: bad kernel release regex '%s': %s", path,
			     lineno, rel, msg);
			errors++;
			continue;
		}
		e->name = xstrdup(name);
		e->release = xstrdup(rel);
		e->reason = xstrdup(line);
		e->where = xasprintf("%s:%d", path, lineno);
		k->n++;
	}
	free(text);
	if (errors)
		die(FZR_EXIT_USAGE, "%d error%s in known issues %s, nothing run",
		    errors, errors > 1 ? "s" : "", path);
}

const struct known *known_match(const struct known_list *k, const char *name,
				const char *release)
{
	int i;

	for (i = 0; k && i < k->n; i++) {
		if (!fnmatch(k->v[i].name, name, 0) &&
		    !regexec(&k->v[i].re, release, 0, NULL, 0))
			return &k->v[i];
	}
	return NULL;
}
