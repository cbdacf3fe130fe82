// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The test that was running when the runner died (kernel panic, reboot,
 * kill -9): recorded as interrupted and never started again, since
 * running it again may well take the machine down again.
 *
 * On the same boot the test may still be running as an orphan; its
 * session is swept first. Its session id is its pid, and Linux does not
 * reuse a pid while a process still has it as session id, so the sweep
 * cannot hit anything else.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "fzrun.h"

/* Crash records newer than @since, which the kernel saved in pstore */
static void pstore_list(const char *dir, double since, struct jw *w,
			struct sbuf *names)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char *p = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;

		if (de->d_name[0] != '.' && !stat(p, &st) &&
		    st.st_mtime + 1 >= since) {
			jw_str(w, p);
			sb_printf(names, "%s%s", names->len ? " " : "", p);
		}
		free(p);
	}
	closedir(d);
}

void mark_interrupted(struct run *r, struct jtest *t)
{
	const struct jv *st = t->start;
	char *boot = boot_id(), *release = kernel_release(), *logpath;
	const char *log = jv_gets(st, "log", ""), *tmpdir;
	double start = jv_getn(st, "time", 0), dur = 0;
	long before = jv_getn(st, "taint", -1), after = -1;
	int same_boot = !strcmp(boot, jv_gets(st, "boot_id", "?"));
	pid_t pid = jv_getn(st, "pid", 0);
	struct sbuf reason = {0}, names = {0}, stuck = {0}, pst = {0}, b = {0};
	struct stat lst;
	char letters[96] = "";
	struct jw w;
	FILE *f;

	sb_puts(&reason, INTERRUPTED_REASON);
	if (same_boot && pid > 0) {
		procs_cleanup(pid, &names, &stuck);
		if (names.len)
			sb_printf(&reason, "; its processes were still running and were killed: %s",
				  names.s);
		after = taint_read();
		if (before >= 0 && after >= 0 && (after & ~before)) {
			taint_letters(after & ~before, letters, sizeof(letters));
			sb_printf(&reason, "; kernel tainted since it started: %s",
				  letters);
		}
	} else if (!same_boot) {
		sb_puts(&reason, "; the machine rebooted since");
	}

	/* the dead runner's temporary directory, if /tmp survived */
	tmpdir = jv_gets(st, "tmpdir", NULL);
	if (tmpdir && strstr(tmpdir, "/fzrun.")) {
		char *parent = xstrdup(tmpdir);

		rm_rf(tmpdir);
		if (strrchr(parent, '/')) {
			*strrchr(parent, '/') = '\0';
			rmdir(parent);
		}
		free(parent);
	}

	/* it ran until now, or at least until it last wrote to its log */
	logpath = xasprintf("%s/%s", r->dir, log);
	if (names.len)
		dur = now_real() - start;
	else if (*log && !stat(logpath, &lst) && lst.st_mtime >= start)
		dur = lst.st_mtime - start;

	event_begin(&w, &b, "test_end", t);
	jw_kstr(&w, "status", "brok");
	jw_key(&w, "pstore");
	jw_arr(&w);
	pstore_list("/sys/fs/pstore", start, &w, &pst);
	pstore_list("/var/lib/systemd/pstore", start, &w, &pst);
	jw_end_arr(&w);
	if (pst.len)
		sb_printf(&reason, "; crash records: %s", pst.s);
	jw_kstr(&w, "reason", reason.s);
	jw_kstr(&w, "retval", "-1");
	jw_key(&w, "exit_code");
	jw_null(&w);
	jw_key(&w, "signal");
	jw_null(&w);
	jw_ksec(&w, "duration", dur);
	jw_kbool(&w, "timed_out", 0);
	jw_kbool(&w, "interrupted", 1);
	jw_kbool(&w, "rebooted", !same_boot);
	jw_kbool(&w, "summary", 0);
	jw_key(&w, "counts");
	jw_obj(&w);
	jw_kint(&w, "passed", 0);
	jw_kint(&w, "failed", 0);
	jw_kint(&w, "broken", 1);
	jw_kint(&w, "skipped", 0);
	jw_kint(&w, "warnings", 0);
	jw_end_obj(&w);
	jw_kint(&w, "taint_before", before);
	jw_kint(&w, "taint_after", after);
	jw_kstr(&w, "taint_new", letters);
	jw_key(&w, "kmsg");
	jw_arr(&w);
	jw_end_arr(&w);
	jw_kstr(&w, "log", log);
	if (names.len)
		jw_kstr(&w, "leftover_processes", names.s);
	if (stuck.len)
		jw_kstr(&w, "stuck_processes", stuck.s);
	jw_kstr(&w, "kernel", release);
	jw_end_obj(&w);

	/* the note goes to the log before the journal says the test ended */
	f = *log ? fopen(logpath, "a") : NULL;
	if (f) {
		fprintf(f, "[fzrun] %s\n", reason.s);
		fflush(f);
		fsync(fileno(f));
		fclose(f);
	}
	journal_append(r, &b);
	note("test %d %s: %s", t->seq, t->name,
		reason.s);

	sb_free(&reason);
	sb_free(&names);
	sb_free(&stuck);
	sb_free(&pst);
	sb_free(&b);
	free(logpath);
	free(boot);
	free(release);
}
