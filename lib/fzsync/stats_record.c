// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FZSYNC_STATS: one JSON record per race loop, appended to a file.
 *
 * Each record is written with a single write() to a file opened with
 * O_APPEND, so records of concurrent tests do not interleave.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "fzsync.h"

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void write_bins(FILE *f, const struct fzsync_ctl *ctl)
{
	int b;

	fputs("\"bins\":[", f);
	for (b = 0; b < ctl->nbins; b++) {
		fprintf(f, "%s[%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%" PRIu32 "]",
			b ? "," : "", fzsync_ctl_offsets(ctl, b),
			ctl->outcomes[TST_FZSYNC_A_EARLY][b],
			ctl->outcomes[TST_FZSYNC_B_EARLY][b],
			ctl->outcomes[TST_FZSYNC_HIT][b]);
	}
	fputs("]", f);
}

static void write_record(FILE *f, const struct tst_fzsync_pair *pair)
{
	const struct fzsync_state *st = pair->state;
	const struct fzsync_loop *l = &st->loop;
	const struct fzsync_ctl *ctl = &l->ctl;
	const struct fzsync_pinning *pin = &l->pin;

	fputs("{\"test\":", f);
	json_string(f, program_invocation_short_name);
	fprintf(f, ",\"iterations\":%d,\"sampling\":%d,\"stop\":",
		l->phase.exec_loop, l->phase.sampling_loops);
	json_string(f, fzsync_stop_name(l->phase.stop));
	fprintf(f, ",\"seed\":%" PRIu64 ",\"cpus\":[%d,%d],\"placement\":",
		st->seed, pin->cpu_a, pin->cpu_b);
	json_string(f, pin->cpu_a < 0 ? "none" :
		    fzsync_pair_kind_name(pin->placement.kind));
	fprintf(f, ",\"spin_ns\":%.4f,\"clock_ns\":%.1f", st->calib.spin_ns,
		st->calib.clock_ns);
	fprintf(f, ",\"len_a_ns\":%.0f,\"len_b_ns\":%.0f,\"start_offset_ns\":%.0f",
		l->timings.diff_sa.avg, l->timings.diff_sb.avg,
		-l->timings.diff_ss.avg);
	fprintf(f, ",\"range_ns\":[%.0f,%.0f],\"bin_ns\":%.1f",
		ctl->lo, fzsync_ctl_hi(ctl), ctl->bin_ns);
	/* The bins start again when the range widens */
	fprintf(f, ",\"widened\":%d,\"bins_from\":%d", l->watch.widened,
		l->watch.bins_from);
	fprintf(f, ",\"aim_error_ns\":%.1f,\"aim_correction_ns\":[%.1f,%.1f,%.1f,%.1f]",
		ctl->err_dev, ctl->correction[0], ctl->correction[1],
		ctl->correction[2], ctl->correction[3]);
	fprintf(f, ",\"spin_ns_ab\":[%.4f,%.4f],\"floor_ns_ab\":[%.0f,%.0f]",
		l->calib.spin_ns[FZSYNC_SIDE_A], l->calib.spin_ns[FZSYNC_SIDE_B],
		l->calib.floor_ns[FZSYNC_SIDE_A], l->calib.floor_ns[FZSYNC_SIDE_B]);
	fprintf(f, ",\"overlaps\":%ld,\"a_first\":%ld,\"b_first\":%ld",
		l->sections.all[TST_FZSYNC_HIT],
		l->sections.all[TST_FZSYNC_A_EARLY],
		l->sections.all[TST_FZSYNC_B_EARLY]);
	fprintf(f, ",\"outcomes\":{\"a_early\":%ld,\"b_early\":%ld,\"hit\":%ld}",
		l->outcomes.all[TST_FZSYNC_A_EARLY],
		l->outcomes.all[TST_FZSYNC_B_EARLY],
		l->outcomes.all[TST_FZSYNC_HIT]);
	fprintf(f, ",\"below\":%" PRIu32 ",\"above\":%" PRIu32
		",\"undelayed\":%" PRIu32 ",",
		ctl->below, ctl->above, ctl->undelayed_n);
	write_bins(f, ctl);
	fputs("}\n", f);
}

void fzsync_stats_record(struct tst_fzsync_pair *pair)
{
	const char *path = getenv("FZSYNC_STATS");
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int fd;

	if (!path || !*path || !pair->state->loop.phase.exec_loop)
		return;

	f = open_memstream(&buf, &len);
	if (!f)
		tst_brk(TBROK | TERRNO, "fuzzy sync: open_memstream()");
	write_record(f, pair);
	fclose(f);

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, buf, len) != (ssize_t)len)
		tst_res(TWARN | TERRNO, "fuzzy sync: cannot append to FZSYNC_STATS=%s",
			path);
	if (fd >= 0)
		close(fd);
	free(buf);
}
