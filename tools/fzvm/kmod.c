// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel modules a guest needs before it can reach its results disk,
 * when its kernel has the drivers as modules. A distribution package
 * ships no modules.dep (depmod makes it on install), so dependencies are
 * read from each module's own .modinfo section ("depends=a,b") and
 * modules.builtin says which drivers need no module at all.
 */
#include <elf.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzvm.h"

/* The .modinfo entry that names a module's dependencies */
#define DEPENDS			"depends="
/* Real dependency chains are a few modules long; a longer one is a loop */
#define MAX_DEPENDS_DEPTH	16

struct kmod_file {
	char *name;		/* normalised: '-' as '_' */
	char *path;
};

static struct kmod_file *files;
static int nfiles;

static void normalise(char *s)
{
	for (; *s; s++)
		if (*s == '-')
			*s = '_';
}

/* "kernel/drivers/virtio/virtio_pci.ko.xz" -> "virtio_pci" */
static char *mod_name(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name, *dot;

	name = xstrdup(base ? base + 1 : path);
	dot = strstr(name, ".ko");
	if (!dot || (dot[3] && dot[3] != '.')) {
		free(name);
		return NULL;
	}
	*dot = '\0';
	normalise(name);
	return name;
}

static int index_one(const char *path, const struct stat *st, int flag,
		     struct FTW *ftw)
{
	char *name;

	(void)st;
	(void)ftw;
	if (flag != FTW_F || !(name = mod_name(path)))
		return 0;
	files = xrealloc(files, (nfiles + 1) * sizeof(*files));
	files[nfiles].name = name;
	files[nfiles++].path = xstrdup(path);
	return 0;
}

static const char *find_file(const char *name)
{
	int i;

	for (i = 0; i < nfiles; i++)
		if (!strcmp(files[i].name, name))
			return files[i].path;
	return NULL;
}

static int builtin(const char *builtins, const char *name)
{
	const char *line = builtins;

	while (line && *line) {
		size_t len = strcspn(line, "\n");
		char *copy = strndup(line, len), *n = mod_name(copy);
		int hit = n && !strcmp(n, name);

		free(copy);
		free(n);
		if (hit)
			return 1;
		line += len;
		line += *line == '\n';
	}
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

static char *load(const char *path, size_t *len)
{
	const char *tool = NULL;
	struct sbuf out = {0};

	if (ends_with(path, ".xz"))
		tool = "xz";
	else if (ends_with(path, ".zst"))
		tool = "zstd";
	else if (ends_with(path, ".gz"))
		tool = "gzip";
	if (!tool)
		return read_file(path, len);
	{
		char *argv[] = { (char *)tool, "-dc", (char *)path, NULL };

		if (run_cmd(argv, &out, 1) || !out.len) {
			sb_free(&out);
			return NULL;
		}
	}
	*len = out.len;
	return out.s;
}

/* The "depends=" value of an ELF64 module's .modinfo section */
static char *depends(const char *img, size_t len)
{
	const Elf64_Ehdr *eh = (const void *)img;
	const Elf64_Shdr *sh, *strs;
	size_t i, off;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len ||
	    eh->e_shstrndx >= eh->e_shnum)
		return NULL;
	sh = (const void *)(img + eh->e_shoff);
	strs = &sh[eh->e_shstrndx];
	for (i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_name >= strs->sh_size ||
		    strcmp(img + strs->sh_offset + sh[i].sh_name, ".modinfo") ||
		    sh[i].sh_offset + sh[i].sh_size > len)
			continue;
		for (off = 0; off < sh[i].sh_size; ) {
			const char *s = img + sh[i].sh_offset + off;
			size_t sl = strnlen(s, sh[i].sh_size - off);

			if (!strncmp(s, DEPENDS, strlen(DEPENDS)))
				return strndup(s + strlen(DEPENDS),
					       sl - strlen(DEPENDS));
			off += sl + 1;
		}
	}
	return NULL;
}

static int add(struct kmods *m, const char *builtins, const char *name,
	       int depth)
{
	const char *path;
	char *img, *deps, *d, *save = NULL;
	size_t len = 0;
	int i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].name, name))
			return 0;
	if (builtins && builtin(builtins, name))
		return 0;
	path = find_file(name);
	if (!path) {
		warning("module %s: not in %s and not built in", name, m->dir);
		return -1;
	}
	img = load(path, &len);
	if (!img) {
		warning("module %s: cannot read %s", name, path);
		return -1;
	}
	deps = depends(img, len);
	for (d = strtok_r(deps, ",", &save); d && depth < MAX_DEPENDS_DEPTH;
	     d = strtok_r(NULL, ",", &save)) {
		normalise(d);
		if (*d && add(m, builtins, d, depth + 1)) {
			free(deps);
			free(img);
			return -1;
		}
	}
	free(deps);
	m->v = xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
	m->v[m->n].name = xstrdup(name);
	m->v[m->n].data = img;
	m->v[m->n++].len = len;
	return 0;
}

int kmods_resolve(struct kmods *m, const char *dir, char **want, int nwant)
{
	char *bpath = xasprintf("%s/modules.builtin", dir);
	char *builtins = read_file(bpath, NULL), *name;
	int i, ret = 0;

	m->dir = dir;
	nfiles = 0;
	nftw(dir, index_one, WALK_FDS, FTW_PHYS);
	for (i = 0; i < nwant; i++) {
		name = xstrdup(want[i]);
		normalise(name);
		ret |= add(m, builtins, name, 0);
		free(name);
	}
	for (i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].path);
	}
	free(files);
	files = NULL;
	free(builtins);
	free(bpath);
	return ret;
}
