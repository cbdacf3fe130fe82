// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The initramfs: a shared archive (fzvm as /init, busybox, the static
 * fzrun and test binaries, the runtest lists) and per kernel a second
 * archive appended to a copy of it (the modules that kernel needs for
 * the results disk, and the guest's configuration).
 *
 * Binaries must be static: the guest has no C library. A test binary
 * that is not is left out with a warning, so that its test is reported
 * as broken (binary not found) rather than failing in a confusing way.
 */
#include <elf.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cpio.h"
#include "fzvm.h"

/* 1 static, 0 dynamic, -1 not an ELF executable */
static int elf_static(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	FILE *f = fopen(path, "rb");
	int i, ret = -1;

	if (!f)
		return -1;
	if (fread(&eh, sizeof(eh), 1, f) == 1 &&
	    !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
	    eh.e_ident[EI_CLASS] == ELFCLASS64) {
		ret = 1;
		for (i = 0; i < eh.e_phnum; i++) {
			if (fseek(f, eh.e_phoff + (long)i * eh.e_phentsize,
				  SEEK_SET) || fread(&ph, sizeof(ph), 1, f) != 1)
				break;
			if (ph.p_type == PT_INTERP)
				ret = 0;
		}
	}
	fclose(f);
	return ret;
}

static struct cpio *cur;
static char **seen;
static int nseen;

static int seen_name(const char *name)
{
	int i;

	for (i = 0; i < nseen; i++)
		if (!strcmp(seen[i], name))
			return 1;
	seen = xrealloc(seen, (nseen + 1) * sizeof(*seen));
	seen[nseen++] = xstrdup(name);
	return 0;
}

static void add_test(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *name;
	int st = elf_static(path);

	if (st < 0)
		return;
	if (!st) {
		warning("%s is not statically linked, left out of the initramfs (make static)",
		     path);
		return;
	}
	if (seen_name(base)) {
		warning("%s: a test binary of that name is already in the initramfs",
		     path);
		return;
	}
	name = xasprintf("fzsync/testcases/bin/%s", base);
	if (cpio_file(cur, name, 0755, path))
		warning("cannot read %s", path);
	free(name);
}

static int visit(const char *path, const struct stat *st, int flag,
		 struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_F && S_ISREG(st->st_mode) && (st->st_mode & S_IXUSR))
		add_test(path);
	return 0;
}

static void busybox(struct cpio *c, const char *bb)
{
	char *argv[] = { (char *)bb, "--list", NULL };
	struct sbuf out = {0};
	char *name, *save = NULL, *link;

	if (elf_static(bb) != 1) {
		warning("%s is not a static busybox: the guest has no shell (apt-get install busybox-static)",
		     bb);
		return;
	}
	cpio_file(c, "bin/busybox", 0755, bb);
	if (run_cmd(argv, &out, 0) || !out.s)
		warning("%s --list failed or listed nothing: no applets in the guest",
			bb);
	for (name = out.s ? strtok_r(out.s, "\n", &save) : NULL; name;
	     name = strtok_r(NULL, "\n", &save)) {
		if (!strcmp(name, "busybox") || !strcmp(name, "init") ||
		    !strcmp(name, "linuxrc") || strchr(name, '/'))
			continue;
		link = xasprintf("bin/%s", name);
		cpio_symlink(c, link, "busybox");
		free(link);
	}
	sb_free(&out);
}

static void runtest_file(struct cpio *c, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *name = xasprintf("fzsync/runtest/%s", base);

	if (cpio_file(c, name, 0644, path))
		die(FZVM_EXIT_SETUP, "cannot read %s", path);
	free(name);
}

int initrd_base(const struct cfg *c, const char *path)
{
	static const char *const dirs[] = {
		"bin", "sbin", "dev", "etc", "proc", "sys", "tmp", "run",
		"root", "results", "fzvm", "fzvm/modules", "fzsync",
		"fzsync/bin", "fzsync/testcases", "fzsync/testcases/bin",
		"fzsync/runtest",
	};
	static const char passwd[] =
		"root:x:0:0:root:/root:/bin/sh\n"
		"nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
	static const char group[] = "root:x:0:\nnogroup:x:65534:\n";
	char *self = xasprintf("%s/tools/fzvm/fzvm", c->static_dir);
	char *fzrun = xasprintf("%s/tools/fzrun/fzrun", c->static_dir);
	char *tc = xasprintf("%s/testcases", c->static_dir);
	struct cpio a;
	size_t i;
	int ret;

	if (elf_static(self) != 1 || elf_static(fzrun) != 1)
		die(FZVM_EXIT_SETUP, "%s and %s must exist and be static: run make static (or give --static-dir)",
		    self, fzrun);
	if (cpio_open(&a, path, 0))
		die(FZVM_EXIT_SETUP, "cannot create %s", path);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		cpio_dir(&a, dirs[i]);
	/* Linux's fixed device numbers (Documentation/admin-guide/devices.txt) */
	cpio_chardev(&a, "dev/console", 5, 1);
	cpio_chardev(&a, "dev/null", 1, 3);
	cpio_data(&a, "etc/passwd", 0644, passwd, strlen(passwd));
	cpio_data(&a, "etc/group", 0644, group, strlen(group));
	cpio_file(&a, "init", 0755, self);
	cpio_file(&a, "fzsync/bin/fzrun", 0755, fzrun);
	busybox(&a, c->busybox);

	cur = &a;
	nseen = 0;
	for (i = 0; i < (size_t)c->nbins; i++) {
		if (is_dir(c->bins[i]))
			nftw(c->bins[i], visit, WALK_FDS, FTW_PHYS);
		else
			add_test(c->bins[i]);
	}
	if (is_dir(tc))
		nftw(tc, visit, WALK_FDS, FTW_PHYS);
	for (i = 0; i < (size_t)c->nlists; i++)
		runtest_file(&a, c->lists[i]);
	if (c->known_file)
		runtest_file(&a, c->known_file);
	ret = cpio_close(&a);
	for (i = 0; i < (size_t)nseen; i++)
		free(seen[i]);
	free(seen);
	seen = NULL;
	free(self);
	free(fzrun);
	free(tc);
	return ret;
}

static void cfg_line(struct sbuf *b, const char *key, const char *val)
{
	sb_printf(b, "%s %s\n", key, val);
}

static const char *base_of(const char *p)
{
	return strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
}

static void guest_config(const struct cfg *c, const struct kmods *m,
			 struct sbuf *b)
{
	extern char **environ;
	struct sbuf lists = {0};
	char **e, buf[64];
	int i;

	for (i = 0; m && i < m->n; i++) {
		snprintf(buf, sizeof(buf), "/fzvm/modules/%02d-%s.ko", i,
			 m->v[i].name);
		cfg_line(b, "mod", buf);
	}
	for (i = 0; i < c->nlists; i++)
		sb_printf(&lists, "%s" GUEST_ROOT "/runtest/%s", i ? "," : "",
			  base_of(c->lists[i]));

	cfg_line(b, "arg", GUEST_ROOT "/bin/fzrun");
	cfg_line(b, "arg", "-q");
	cfg_line(b, "arg", "-o");
	cfg_line(b, "arg", GUEST_RUN_DIR);
	cfg_line(b, "arg", "-f");
	cfg_line(b, "arg", lists.s);
	if (c->timeout > 0) {
		snprintf(buf, sizeof(buf), "%g", c->timeout);
		cfg_line(b, "arg", "-t");
		cfg_line(b, "arg", buf);
	}
	snprintf(buf, sizeof(buf), "%g", c->kill_grace);
	cfg_line(b, "arg", "--kill-grace");
	cfg_line(b, "arg", buf);
	if (c->known_file) {
		cfg_line(b, "arg", "-K");
		sb_free(&lists);
		sb_printf(&lists, GUEST_ROOT "/runtest/%s",
			  base_of(c->known_file));
		cfg_line(b, "arg", lists.s);
	}
	for (i = 0; i < c->nselect; i++) {
		cfg_line(b, "arg", "-s");
		cfg_line(b, "arg", c->select[i]);
	}
	if (c->verbose)
		cfg_line(b, "arg", "-v");
	for (i = 0; i < c->nfzrun_opts; i++)
		cfg_line(b, "arg", c->fzrun_opts[i]);

	cfg_line(b, "rarg", GUEST_ROOT "/bin/fzrun");
	cfg_line(b, "rarg", "-q");
	if (c->verbose)
		cfg_line(b, "rarg", "-v");
	cfg_line(b, "rarg", "--resume");
	cfg_line(b, "rarg", GUEST_RUN_DIR);

	/* the tests' tunables reach the guest as they are on the host */
	for (e = environ; *e; e++)
		if ((!strncmp(*e, "LTP_", strlen("LTP_")) ||
		     !strncmp(*e, "FZSYNC_", strlen("FZSYNC_"))) &&
		    strncmp(*e, "FZSYNC_ROOT=", strlen("FZSYNC_ROOT=")) &&
		    !strchr(*e, '\n'))
			cfg_line(b, "env", *e);
	for (i = 0; i < c->nenv; i++)
		cfg_line(b, "env", c->env[i]);
	sb_free(&lists);
}

int initrd_kernel(const struct cfg *c, const char *base, const char *path,
		  const struct kmods *m)
{
	struct sbuf conf = {0};
	struct cpio a;
	char name[128];
	int i, ret;

	if (copy_file(base, path))
		die(FZVM_EXIT_SETUP, "cannot copy %s to %s", base, path);
	if (cpio_open(&a, path, 1))
		die(FZVM_EXIT_SETUP, "cannot append to %s", path);
	for (i = 0; m && i < m->n; i++) {
		snprintf(name, sizeof(name), "fzvm/modules/%02d-%s.ko", i,
			 m->v[i].name);
		cpio_data(&a, name, 0644, m->v[i].data, m->v[i].len);
	}
	guest_config(c, m, &conf);
	cpio_data(&a, "fzvm/config", 0644, conf.s, conf.len);
	ret = cpio_close(&a);
	sb_free(&conf);
	return ret;
}
