// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel config: finding and reading it, .needs_kconfigs, and the
 * kernel command line.
 *
 * The expressions are parsed by tst_kconfig_expr.c; here each variable
 * is looked up in the options read from the config file.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "harness.h"
#include "tst_kconfig.h"

/* The first two bytes of a gzip file */
static const unsigned char gzip_magic[2] = { 0x1f, 0x8b };

extern char **environ;

static int exists(const char *path)
{
	return !access(path, F_OK);
}

/* The config file to read, or NULL when there is none */
static const char *config_path(char *buf, size_t size)
{
	const char *env = getenv("KCONFIG_PATH");
	struct utsname u;

	if (env && *env) {
		if (exists(env))
			return env;
		tst_res(TWARN, "KCONFIG_PATH='%s' does not exist", env);
	}

	if (exists("/proc/config.gz"))
		return "/proc/config.gz";

	if (uname(&u))
		tst_brk(TBROK | TERRNO, "uname() failed");
	snprintf(buf, size, "/boot/config-%s", u.release);
	if (exists(buf))
		return buf;
	/* Where some distributions install it */
	snprintf(buf, size, "/lib/modules/%s/config", u.release);
	if (exists(buf))
		return buf;

	return NULL;
}

static int is_gzip(const char *path)
{
	unsigned char magic[2];
	int fd = open(path, O_RDONLY), gz;

	if (fd < 0)
		tst_brk(TBROK | TERRNO, "Cannot open kernel config %s", path);
	gz = read(fd, magic, 2) == 2 && !memcmp(magic, gzip_magic, 2);
	close(fd);
	return gz;
}

/* The config as a stream; *pid is the decompressor's, or 0 */
static FILE *open_config(const char *path, pid_t *pid)
{
	char *argv[] = { "gzip", "-dc", (char *)path, NULL };
	posix_spawn_file_actions_t fa;
	int pipefd[2], err;
	FILE *f;

	*pid = 0;
	if (!is_gzip(path)) {
		f = fopen(path, "r");
		if (!f)
			tst_brk(TBROK | TERRNO, "Cannot open kernel config %s",
				path);
		return f;
	}

	if (pipe2(pipefd, O_CLOEXEC))
		tst_brk(TBROK | TERRNO, "pipe2() failed");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	err = posix_spawnp(pid, "gzip", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (err) {
		close(pipefd[0]);
		errno = err;
		tst_brk(TBROK | TERRNO, "Cannot run gzip to read %s", path);
	}

	f = fdopen(pipefd[0], "r");
	if (!f)
		tst_brk(TBROK | TERRNO, "fdopen() failed");
	return f;
}

static void close_config(FILE *f, pid_t pid, const char *path)
{
	int status;

	fclose(f);
	if (!pid)
		return;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			tst_brk(TBROK | TERRNO, "waitpid(%d) failed", pid);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		tst_brk(TBROK, "gzip -dc %s failed", path);
}

static struct tst_kconfig_var *find_var(struct tst_kconfig_var vars[],
					size_t n, const char *name,
					size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (vars[i].id_len == len && !memcmp(vars[i].id, name, len))
			return &vars[i];
	}
	return NULL;
}

static void read_vars(FILE *f, struct tst_kconfig_var vars[], size_t n)
{
	struct tst_kconfig_ref ref;
	struct tst_kconfig_var *var;
	char *line = NULL;
	size_t size = 0;
	char choice;

	while (getline(&line, &size, f) > 0) {
		if (!tst_kconfig_parse_line(line, &ref, &choice))
			continue;
		var = find_var(vars, n, ref.name, ref.name_len);
		if (!var)
			continue;
		free(var->val);
		var->val = NULL;
		var->choice = choice;
		if (choice == 'v') {
			var->val = strndup(ref.val, ref.val_len);
			if (!var->val)
				tst_brk(TBROK | TERRNO, "strndup() failed");
		}
	}
	free(line);
}

/* Reads the config into @vars; returns 0 when there is no config */
static int read_config(struct tst_kconfig_var vars[], size_t n)
{
	char buf[PATH_MAX];
	const char *path = config_path(buf, sizeof(buf));
	size_t i;
	pid_t pid;
	FILE *f;

	for (i = 0; i < n; i++) {
		vars[i].choice = 0;
		vars[i].val = NULL;
	}
	if (!path)
		return 0;

	tst_res(TINFO, "Parsing kernel config '%s'", path);
	f = open_config(path, &pid);
	read_vars(f, vars, n);
	close_config(f, pid, path);
	return 1;
}

void tst_kconfig_read(struct tst_kconfig_var vars[], size_t vars_len)
{
	if (!read_config(vars, vars_len))
		tst_res(TINFO, "Kernel config not found, set KCONFIG_PATH");
}

/* The options of all the constraints, each once */
struct var_set {
	struct tst_kconfig_var *vars;
	size_t n;
	size_t cap;
};

static int collect(const struct tst_kconfig_ref *ref, void *priv)
{
	struct var_set *set = priv;
	struct tst_kconfig_var *v;

	if (find_var(set->vars, set->n, ref->name, ref->name_len))
		return 0;
	if (ref->name_len >= sizeof(set->vars->id))
		tst_brk(TBROK, "Kernel config option %.*s is too long",
			(int)ref->name_len, ref->name);
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 16;
		v = realloc(set->vars, set->cap * sizeof(*v));
		if (!v)
			tst_brk(TBROK | TERRNO, "realloc() failed");
		set->vars = v;
	}
	v = &set->vars[set->n++];
	memset(v, 0, sizeof(*v));
	memcpy(v->id, ref->name, ref->name_len);
	v->id_len = ref->name_len;
	return 0;
}

static int holds(const struct tst_kconfig_ref *ref, void *priv)
{
	struct var_set *set = priv;
	struct tst_kconfig_var *v = find_var(set->vars, set->n, ref->name,
					     ref->name_len);

	return v && tst_kconfig_ref_holds(ref, v->choice, v->val);
}

static void parse_or_brk(const char *expr, tst_kconfig_lookup fn,
			 void *priv)
{
	size_t pos;
	const char *err;

	if (tst_kconfig_expr_eval(expr, fn, priv, &err, &pos) < 0)
		tst_brk(TBROK, "Invalid kconfig expression '%s': %s at column %zu",
			expr, err, pos + 1);
}

/* "CONFIG_FOO=y", "CONFIG_FOO is not set", "CONFIG_FOO is undefined" */
static int describe(char *buf, size_t size, const struct tst_kconfig_var *v)
{
	switch (v->choice) {
	case 0:
		return snprintf(buf, size, "%s is undefined", v->id);
	case 'n':
		return snprintf(buf, size, "%s is not set", v->id);
	case 'v':
		return snprintf(buf, size, "%s=%s", v->id, v->val);
	default:
		return snprintf(buf, size, "%s=%c", v->id, v->choice);
	}
}

/* Context of report_var(): the options already named, the summary */
struct report {
	struct var_set *set;
	struct var_set named;
	char *why;
	size_t size;
	size_t len;
};

static int report_var(const struct tst_kconfig_ref *ref, void *priv)
{
	struct report *r = priv;
	struct tst_kconfig_var *v = find_var(r->set->vars, r->set->n,
					     ref->name, ref->name_len);
	char line[512];

	if (find_var(r->named.vars, r->named.n, ref->name, ref->name_len))
		return 0;
	collect(ref, &r->named);

	describe(line, sizeof(line), v);
	tst_res(TINFO, "  %s", line);
	if (r->why && r->len < r->size) {
		r->len += snprintf(r->why + r->len, r->size - r->len, "%s%s",
				   r->named.n > 1 ? ", " : "", line);
	}
	return 0;
}

int tst_kconfig_unmet(const char *const kconfigs[], char *why, size_t size)
{
	struct var_set set = { 0 };
	int i, unmet = 0, found;
	const char *err;
	size_t pos;

	if (why && size)
		why[0] = 0;
	if (!kconfigs || !kconfigs[0])
		return 0;

	if (getenv("KCONFIG_SKIP_CHECK")) {
		tst_res(TINFO, "Skipping kernel config check as requested");
		return 0;
	}

	for (i = 0; kconfigs[i]; i++)
		parse_or_brk(kconfigs[i], collect, &set);

	found = read_config(set.vars, set.n);

	for (i = 0; kconfigs[i]; i++) {
		struct report r = { .set = &set };

		if (tst_kconfig_expr_eval(kconfigs[i], holds, &set, &err, &pos))
			continue;

		if (!unmet++) {
			if (!found)
				tst_res(TINFO, "Kernel config not found (KCONFIG_PATH, /proc/config.gz, /boot/config-$(uname -r))");
			if (why) {
				r.why = why;
				r.size = size;
				r.len = snprintf(why, size, "'%s': ", kconfigs[i]);
			}
		}
		tst_res(TINFO, "Constraint '%s' not satisfied!", kconfigs[i]);
		tst_kconfig_expr_eval(kconfigs[i], report_var, &r, &err, &pos);
		free(r.named.vars);
	}

	for (i = 0; i < (int)set.n; i++)
		free(set.vars[i].val);
	free(set.vars);
	return unmet;
}

int tst_kconfig_check(const char *const kconfigs[])
{
	return tst_kconfig_unmet(kconfigs, NULL, 0) ? 1 : 0;
}

/* Debugging options that slow the kernel down, in the order LTP names them */
static const char *const slow_kconfigs[] = {
	"CONFIG_PROVE_LOCKING", "CONFIG_LOCKDEP", "CONFIG_DEBUG_SPINLOCK",
	"CONFIG_DEBUG_RT_MUTEXES", "CONFIG_DEBUG_MUTEXES", "CONFIG_KASAN",
	"CONFIG_SLUB_RCU_DEBUG", "CONFIG_TRACE_IRQFLAGS", "CONFIG_DEBUG_NET",
	"CONFIG_EXT4_DEBUG", "CONFIG_QUOTA_DEBUG", "CONFIG_FAULT_INJECTION",
	"CONFIG_DEBUG_OBJECTS",
};

int tst_has_slow_kconfig(void)
{
	struct tst_kconfig_var vars[ARRAY_SIZE(slow_kconfigs)];
	size_t i;
	int slow = 0;

	memset(vars, 0, sizeof(vars));
	for (i = 0; i < ARRAY_SIZE(vars); i++) {
		strcpy(vars[i].id, slow_kconfigs[i]);
		vars[i].id_len = strlen(slow_kconfigs[i]);
	}
	read_config(vars, ARRAY_SIZE(vars));

	for (i = 0; i < ARRAY_SIZE(vars); i++) {
		/* Built in only: a module may not even be loaded */
		if (vars[i].choice == 'y' && !slow++)
			tst_res(TINFO, "%s kernel option detected which might slow the execution",
				vars[i].id);
		free(vars[i].val);
	}
	return slow ? 1 : 0;
}

/* Copies the next word of @s, "quoted" parts unquoted; NULL at the end */
static const char *next_param(const char *s, char *word, size_t size)
{
	size_t len = 0;
	int quoted = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;

	for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n')); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (len + 1 < size)
			word[len++] = *s;
	}
	word[len] = 0;
	return s;
}

void tst_kcmdline_parse(struct tst_kcmdline_var params[], size_t params_len)
{
	char *line = NULL, word[4096];
	const char *s, *eq;
	size_t size = 0, i, klen;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f)
		tst_brk(TBROK | TERRNO, "Cannot open /proc/cmdline");
	if (getline(&line, &size, f) < 0)
		line = strdup("");
	fclose(f);
	if (!line)
		tst_brk(TBROK | TERRNO, "strdup() failed");

	for (s = line; (s = next_param(s, word, sizeof(word)));) {
		eq = strchr(word, '=');
		klen = eq ? (size_t)(eq - word) : strlen(word);
		for (i = 0; i < params_len; i++) {
			if (strlen(params[i].key) != klen ||
			    strncmp(params[i].key, word, klen))
				continue;
			params[i].found = true;
			snprintf(params[i].value, sizeof(params[i].value),
				 "%s", eq ? eq + 1 : "");
		}
	}
	free(line);
}
