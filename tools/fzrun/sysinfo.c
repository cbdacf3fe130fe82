// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The machine a run happens on, recorded once in the journal's run start
 * so that reports do not depend on where they are regenerated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

#include "fzrun.h"

char *kernel_release(void)
{
	struct utsname u;

	if (uname(&u))
		return xstrdup("unknown");
	return xstrdup(u.release);
}

char *boot_id(void)
{
	char *s = read_line_file("/proc/sys/kernel/random/boot_id");

	return s ? s : xstrdup("");
}

long online_cpus(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN);
}

/* Value of "key" in a file of "key<sep>value" lines, unquoted */
static char *file_value(const char *path, const char *key, char sep)
{
	char *text = read_file(path, NULL), *line, *cur = text, *res = NULL;
	size_t n = strlen(key);

	for (cur = text; !res && (line = next_line(&cur)); ) {
		if (strncmp(line, key, n))
			continue;
		line += n;
		line += strspn(line, " \t");
		if (*line != sep)
			continue;
		line++;
		line += strspn(line, " \t\"");
		line[strcspn(line, "\"")] = '\0';
		res = xstrdup(line);
	}
	free(text);
	return res;
}

static void kstr_free(struct jw *w, const char *key, char *val,
		      const char *def)
{
	jw_kstr(w, key, val ? val : def);
	free(val);
}

void sysinfo_write(struct jw *w)
{
	struct utsname u;
	char *s;

	if (uname(&u))
		memset(&u, 0, sizeof(u));
	jw_kstr(w, "kernel", u.release);
	jw_kstr(w, "kernel_version", u.version);
	s = xasprintf("%s %s %s %s %s", u.sysname, u.nodename, u.release,
		      u.version, u.machine);
	jw_kstr(w, "uname", s);
	free(s);
	jw_kstr(w, "hostname", u.nodename);
	jw_kstr(w, "arch", u.machine);
	jw_kint(w, "cpus", online_cpus());
	kstr_free(w, "boot_id", boot_id(), "");

	/* the keys of kirk's "environment" */
	jw_key(w, "environment");
	jw_obj(w);
	kstr_free(w, "distribution", file_value("/etc/os-release", "ID", '='),
		  "unknown");
	kstr_free(w, "distribution_version",
		  file_value("/etc/os-release", "VERSION_ID", '='), "");
	s = xasprintf("%s %s", u.release, u.version);
	jw_kstr(w, "kernel", s);
	free(s);
	kstr_free(w, "cmdline", read_line_file("/proc/cmdline"), "");
	jw_kstr(w, "arch", u.machine);
	kstr_free(w, "cpu", file_value("/proc/cpuinfo", "model name", ':'),
		  u.machine);
	kstr_free(w, "swap", file_value("/proc/meminfo", "SwapTotal", ':'), "");
	kstr_free(w, "RAM", file_value("/proc/meminfo", "MemTotal", ':'), "");
	jw_end_obj(w);
}
