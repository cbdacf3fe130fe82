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
			b ? "," : "", ctl->seen[b],
			ctl->outcomes[FZSYNC_OUT_A_EARLY][b],
			ctl->outcomes[FZSYNC_OUT_B_EARLY][b],
			ctl->outcomes[FZSYNC_OUT_HIT][b]);
	}
	fputs("]", f);
}

static void write_record(FILE *f, const struct tst_fzsync_pair *pair)
{
	const struct fzsync_priv *priv = pair->priv;
	const struct fzsync_ctl *ctl = &priv->ctl;

	fputs("{\"test\":", f);
	json_string(f, program_invocation_short_name);
	fprintf(f, ",\"iterations\":%d,\"sampling\":%d,\"stop\":",
		pair->exec_loop, priv->sampling_loops);
	json_string(f, priv->stop ? priv->stop : "test");
	fprintf(f, ",\"seed\":%" PRIu64 ",\"cpus\":[%d,%d],\"placement\":",
		pair->seed, pair->cpu_a, pair->cpu_b);
	json_string(f, pair->cpu_a < 0 ? "none" :
		    fzsync_pair_kind_name(priv->placement.kind));
	fprintf(f, ",\"spin_ns\":%.4f,\"clock_ns\":%.1f", pair->spin_ns,
		pair->clock_ns);
	fprintf(f, ",\"len_a_ns\":%.0f,\"len_b_ns\":%.0f,\"start_offset_ns\":%.0f",
		pair->diff_sa.avg, pair->diff_sb.avg, -pair->diff_ss.avg);
	fprintf(f, ",\"range_ns\":[%.0f,%.0f],\"bin_ns\":%.1f",
		ctl->lo, ctl->lo + ctl->nbins * ctl->bin_ns, ctl->bin_ns);
	fprintf(f, ",\"aim_error_ns\":%.1f,\"aim_correction_ns\":[%.1f,%.1f,%.1f,%.1f]",
		ctl->err_dev, ctl->correction[0], ctl->correction[1],
		ctl->correction[2], ctl->correction[3]);
	fprintf(f, ",\"spin_ns_ab\":[%.4f,%.4f],\"floor_ns_ab\":[%.0f,%.0f]",
		priv->spin_ns[0], priv->spin_ns[1], priv->floor_ns[0],
		priv->floor_ns[1]);
	fprintf(f, ",\"overlaps\":%ld,\"a_first\":%ld,\"b_first\":%ld",
		pair->overlaps, pair->a_first, pair->b_first);
	fprintf(f, ",\"outcomes\":{\"a_early\":%ld,\"b_early\":%ld,\"hit\":%ld}",
		pair->outcomes[TST_FZSYNC_A_EARLY],
		pair->outcomes[TST_FZSYNC_B_EARLY],
		pair->outcomes[TST_FZSYNC_HIT]);
	fprintf(f, ",\"below\":%" PRIu32 ",\"above\":%" PRIu32 ",",
		ctl->below, ctl->above);
	write_bins(f, ctl);
	fputs("}\n", f);
}

void fzsync_report(struct tst_fzsync_pair *pair)
{
	const char *path = getenv("FZSYNC_STATS");
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int fd;

	if (!path || !*path || pair->priv->reported || !pair->exec_loop)
		return;
	pair->priv->reported = 1;

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
