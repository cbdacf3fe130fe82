// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Finding the test binaries: the runner puts every directory that holds
 * executables under the build's testcases/ (or the installed
 * testcases/bin, or the -b directories) in front of PATH.
 */
#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "fzrun.h"

/*
 * $FZSYNC_ROOT, else from where this binary is: tools/fzrun/fzrun in a
 * source or O= build tree, bin/fzrun in an installed tree.
 */
char *find_root(void)
{
	const char *env = getenv("FZSYNC_ROOT");
	char exe[PATH_MAX], *dir, *up;
	ssize_t n;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	dir = dirname(exe);
	n = strlen(dir);
	if (strrchr(dir, '/') && !strcmp(strrchr(dir, '/'), "/bin"))
		up = xasprintf("%s/..", dir);
	else
		up = xasprintf("%s/../..", dir);
	if (!realpath(up, exe)) {
		free(up);
		return NULL;
	}
	free(up);
	return xstrdup(exe);
}

static struct sbuf *found;

static int has_dir(const char *dir)
{
	const char *s = sb_str(found);
	size_t n = strlen(dir);

	while (*s) {
		if (!strncmp(s, dir, n) && (s[n] == ':' || !s[n]))
			return 1;
		s = strchr(s, ':');
		if (!s)
			break;
		s++;
	}
	return 0;
}

static int visit(const char *path, const struct stat *st, int flag,
		 struct FTW *ftw)
{
	char *dir;

	(void)ftw;
	if (flag != FTW_F || !S_ISREG(st->st_mode) || !(st->st_mode & S_IXUSR))
		return 0;
	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	if (!has_dir(dir)) {
		if (found->len)
			sb_putc(found, ':');
		sb_puts(found, dir);
	}
	free(dir);
	return 0;
}

static void scan(const char *top, struct sbuf *dirs)
{
	char abs[PATH_MAX];

	if (!realpath(top, abs) || !is_dir(abs))
		die(FZR_EXIT_USAGE, "-b %s: not a directory", top);
	found = dirs;
	nftw(abs, visit, WALK_FDS, FTW_PHYS);
}

void setup_path(struct cfg *c, const char *root, struct sbuf *dirs)
{
	const char *path = getenv("PATH");
	char *top = NULL, *newpath;
	int i;

	if (c->nbindirs) {
		for (i = 0; i < c->nbindirs; i++)
			scan(c->bindirs[i], dirs);
	} else if (root) {
		top = xasprintf("%s/testcases/bin", root);
		if (!is_dir(top)) {
			free(top);
			top = xasprintf("%s/testcases", root);
		}
		if (is_dir(top))
			scan(top, dirs);
		free(top);
	}
	if (!dirs->len) {
		warning("no test binaries found%s; tests are looked up in PATH only",
		     c->nbindirs ? " under -b" : " (build them with make, or use -b DIR)");
		return;
	}
	newpath = xasprintf("%s%s%s", sb_str(dirs), path && *path ? ":" : "",
			    path ? path : "");
	setenv("PATH", newpath, 1);
	free(newpath);
}
