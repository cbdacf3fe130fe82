// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The test that was running when the guest kernel panicked, hung or
 * reset: recorded with a test_end event of fzrun's own form, so that the
 * guest's fzrun --resume goes on with the next test and every report
 * made from the journal shows it. The console lines from where the
 * kernel's trouble began go into its kmsg lines and its log.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fzvm.h"

static void reason_of(const struct boot *b, struct sbuf *r)
{
	const char *last = console_last(&b->con);

	switch (b->end) {
	case VM_PANIC:
		sb_printf(r, "kernel panic: %s", b->con.panic ? b->con.panic :
			  "(the panic message did not reach the console)");
		break;
	case VM_HANG:
		sb_printf(r, "kernel hang: nothing written to the results disk for %.0f s (test timeout, kill grace and margin); last console line: %s",
			  b->hang_after, last);
		break;
	case VM_FLOOD:
		sb_printf(r, "console flood: %s; QEMU killed", b->con.flood);
		break;
	case VM_RESET:
		sb_printf(r, "kernel reset: the machine reset during the test without a panic message; last console line: %s",
			  last);
		break;
	default:
		sb_printf(r, "%s during the test (QEMU status %d%s%s); last console line: %s",
			  vm_end_names[b->end], b->qemu_status,
			  *console_first(&b->qemu_err) ? ": " : "",
			  console_first(&b->qemu_err), last);
	}
}

/* Cut off a line the crash tore, then append @line */
static int append(struct journal *j, const char *path, const char *line)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = journal_cut_torn(j, fd) ||
	      journal_write(j, fd, line, strlen(line)) ? -1 : 0;
	close(fd);
	return ret;
}

int crash_record(struct journal *j, const char *rundir, const struct boot *b,
		 const char *release)
{
	const struct jtest *t = journal_running(j);
	const char *log, *status;
	struct sbuf r = {0}, ev = {0}, note = {0};
	char *journal;
	double start, dur;
	char **lines;
	int i, n, ret;

	if (!t)
		return 0;
	status = b->end == VM_PANIC || b->end == VM_HANG ||
		 b->end == VM_RESET || b->end == VM_FLOOD ? "fail" : "brok";
	reason_of(b, &r);
	console_excerpt(&b->con, &lines, &n);
	start = jv_getn(t->start, "time", 0);
	dur = start > 0 && now_real() > start ? now_real() - start : 0;
	log = jv_gets(t->start, "log", "");

	sb_printf(&ev, "{\"event\":\"test_end\",\"seq\":%d,", t->seq);
	json_kstr(&ev, "name", t->name);
	sb_printf(&ev, ",\"time\":%.3f,", now_real());
	json_kstr(&ev, "status", status);
	sb_putc(&ev, ',');
	json_kstr(&ev, "reason", r.s);
	sb_printf(&ev, ",\"retval\":\"-1\",\"exit_code\":null,\"signal\":null,\"duration\":%.3f,\"timed_out\":false,\"interrupted\":false,\"rebooted\":true,\"summary\":false,",
		  dur);
	sb_printf(&ev, "\"counts\":{\"passed\":0,\"failed\":%d,\"broken\":%d,\"skipped\":0,\"warnings\":0},",
		  *status == 'f', *status == 'b');
	sb_printf(&ev, "\"taint_before\":%.0f,\"taint_after\":-1,\"taint_new\":\"\",\"kmsg\":[",
		  jv_getn(t->start, "taint", -1));
	for (i = 0; i < n; i++) {
		if (i)
			sb_putc(&ev, ',');
		json_str(&ev, lines[i], strlen(lines[i]));
	}
	sb_puts(&ev, "],");
	json_kstr(&ev, "log", log);
	sb_putc(&ev, ',');
	json_kstr(&ev, "kernel", release);
	sb_puts(&ev, ",\"vm\":{");
	json_kstr(&ev, "event", vm_end_names[b->end]);
	sb_printf(&ev, ",\"boot\":%d,", b->n);
	json_kstr(&ev, "console_log", b->console_log);
	sb_printf(&ev, ",\"qemu_status\":%d}}", b->qemu_status);

	/* the note goes to the log before the journal says the test ended */
	if (*log) {
		char *path = xasprintf("%s/%s", rundir, log);

		sb_printf(&note, "[fzvm] %s\n[fzvm] console of boot %d (whole console in %s):\n",
			  r.s, b->n, b->console_log);
		for (i = 0; i < n; i++)
			sb_printf(&note, "%s\n", lines[i]);
		append_file(path, note.s, note.len);
		free(path);
	}
	journal = xasprintf("%s/%s", rundir, JOURNAL_NAME);
	ret = append(j, journal, ev.s);
	free(journal);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	sb_free(&r);
	sb_free(&ev);
	sb_free(&note);
	return ret;
}
