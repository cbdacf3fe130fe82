// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzsvg: draw fuzzy-sync statistics (FZSYNC_STATS records) as SVG.
 *
 * One panel per race loop: a histogram of the start offsets the loop's
 * iterations really had (B's start minus A's), each bar split by the
 * outcome the test reported: A's racy part first, B's first, overlap, or
 * not reported. A developer tuning a reproducer sees where its iterations
 * land and where the order flips.
 *
 *	FZSYNC_STATS=stats.json ./my_test
 *	fzsvg stats.json > stats.svg
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define WIDTH		900
#define PANEL_H		260
#define MARGIN_L	60
#define MARGIN_R	20
#define PLOT_TOP	50
#define PLOT_H		160

static const char *const colours[] = {
	"#4c78a8",	/* A first */
	"#f58518",	/* B first */
	"#e45756",	/* overlap */
	"#bab0ac",	/* no outcome reported */
};
static const char *const labels[] = {
	"A's part first", "B's part first", "overlap", "no outcome reported",
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fzsvg [-t TEST] [-o OUT.svg] [STATS.json]\n"
		"Draws the offset histograms of FZSYNC_STATS records as SVG.\n"
		"  -t TEST  only records of this test\n"
		"  -o FILE  write to FILE instead of standard output\n");
}

static void escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* Bins are [seen, a_early, b_early, hit] */
static int bin_counts(const struct jv *bin, double c[4])
{
	const struct jv *v;
	size_t i;

	for (i = 0; i < 4; i++) {
		v = jv_at(bin, i);
		if (!v || v->t != J_NUM)
			return -1;
		c[i] = v->num;
	}

	return 0;
}

static double nice_step(double range)
{
	double step = pow(10, floor(log10(range / 5)));

	if (range / step > 10)
		step *= 2;
	if (range / step > 10)
		step *= 2.5;
	return step;
}

static int panel(FILE *out, const struct jv *rec, int index, double y0)
{
	const struct jv *bins = jv_get(rec, "bins"), *range = jv_get(rec, "range_ns");
	double lo, hi, max = 1, c[4], x, w, y, h, rest, step, t;
	int nbins, i, o;

	if (!bins || bins->t != J_ARR || jv_len(range) != 2)
		return -1;
	lo = jv_at(range, 0)->num;
	hi = jv_at(range, 1)->num;
	nbins = jv_len(bins);
	for (i = 0; i < nbins; i++) {
		if (bin_counts(jv_at(bins, i), c))
			return -1;
		if (c[0] > max)
			max = c[0];
	}
	if (!nbins || hi <= lo)
		return 0;

	fprintf(out, "<g transform=\"translate(0,%.0f)\">\n", y0);
	fprintf(out, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">", MARGIN_L);
	escape(out, jv_gets(rec, "test", "?"));
	fprintf(out, " #%d: %.0f iterations (%.0f sampling), stopped on %s</text>\n",
		index, jv_getn(rec, "iterations", 0), jv_getn(rec, "sampling", 0),
		jv_gets(rec, "stop", "?"));
	fprintf(out, "<text x=\"%d\" y=\"36\" font-size=\"11\">sections A %.0fns, B %.0fns; "
		"overlapped in %.0f iterations; seed %.0f; CPUs ",
		MARGIN_L, jv_getn(rec, "len_a_ns", 0), jv_getn(rec, "len_b_ns", 0),
		jv_getn(rec, "overlaps", 0), jv_getn(rec, "seed", 0));
	escape(out, jv_gets(rec, "placement", "?"));
	fputs("</text>\n", out);

	w = (double)(WIDTH - MARGIN_L - MARGIN_R) / nbins;
	for (i = 0; i < nbins; i++) {
		bin_counts(jv_at(bins, i), c);
		x = MARGIN_L + i * w;
		y = PLOT_TOP + PLOT_H;
		rest = c[0] - c[1] - c[2] - c[3];
		for (o = 0; o < 4; o++) {
			h = (o < 3 ? c[o + 1] : fmax(rest, 0)) / max * PLOT_H;
			if (h <= 0)
				continue;
			y -= h;
			fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
				x, y, fmax(w - 0.3, 0.5), h, colours[o]);
		}
	}

	/* Axes, ticks and the zero offset */
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
		MARGIN_L, PLOT_TOP + PLOT_H, WIDTH - MARGIN_R, PLOT_TOP + PLOT_H);
	fprintf(out, "<text x=\"8\" y=\"%d\" font-size=\"10\">%.0f</text>\n",
		PLOT_TOP + 8, max);
	step = nice_step(hi - lo);
	for (t = ceil(lo / step) * step; t <= hi; t += step) {
		x = MARGIN_L + (t - lo) / (hi - lo) * (WIDTH - MARGIN_L - MARGIN_R);
		fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
			x, t == 0 ? PLOT_TOP : PLOT_TOP + PLOT_H, x,
			PLOT_TOP + PLOT_H + 4, t == 0 ? "#888" : "black");
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.0f</text>\n",
			x, PLOT_TOP + PLOT_H + 16, t);
	}
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">start offset, B - A (ns): below 0 B started first</text>\n",
		WIDTH / 2, PLOT_TOP + PLOT_H + 32);
	fputs("</g>\n", out);

	return 1;
}

const char *const tool_name = "fzsvg";

int main(int argc, char *argv[])
{
	const char *only = NULL, *outpath = NULL, *path = "-";
	char *line = NULL, err[128];
	size_t cap = 0;
	struct jv **recs = NULL, *rec;
	ssize_t len;
	int n = 0, drawn = 0, c, i, lineno = 0, ret = 0;
	FILE *in = stdin, *out = stdout;
	double y;

	while ((c = getopt(argc, argv, "t:o:h")) != -1) {
		switch (c) {
		case 't': only = optarg; break;
		case 'o': outpath = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc) {
		usage(stderr);
		return 2;
	}

	if (strcmp(path, "-") && !(in = fopen(path, "r"))) {
		fprintf(stderr, "fzsvg: %s: %s\n", path, strerror(errno));
		return 1;
	}

	while ((len = getline(&line, &cap, in)) > 0) {
		lineno++;
		if (line[strspn(line, " \t\r\n")] == 0)
			continue;
		rec = json_parse(line, len, err, sizeof(err));
		if (!rec || rec->t != J_OBJ) {
			fprintf(stderr, "fzsvg: %s:%d: not a record: %s\n", path,
				lineno, rec ? "not an object" : err);
			jv_free(rec);
			ret = 1;
			continue;
		}
		if (only && strcmp(jv_gets(rec, "test", ""), only)) {
			jv_free(rec);
			continue;
		}
		recs = realloc(recs, (n + 1) * sizeof(*recs));
		if (!recs) {
			fprintf(stderr, "fzsvg: out of memory\n");
			return 1;
		}
		recs[n++] = rec;
	}
	free(line);
	if (in != stdin)
		fclose(in);

	if (outpath && !(out = fopen(outpath, "w"))) {
		fprintf(stderr, "fzsvg: %s: %s\n", outpath, strerror(errno));
		return 1;
	}

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n",
		WIDTH, 40 + PANEL_H * (n ? n : 1));
	fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	for (i = 0; i < 4; i++) {
		fprintf(out, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"21\" font-size=\"11\">%s</text>\n",
			MARGIN_L + i * 190, colours[i], MARGIN_L + i * 190 + 16,
			labels[i]);
	}
	for (i = 0, y = 30; i < n; i++) {
		c = panel(out, recs[i], i, y);
		if (c < 0) {
			fprintf(stderr, "fzsvg: record %d has no offset histogram\n", i);
			ret = 1;
		} else if (c > 0) {
			y += PANEL_H;
			drawn++;
		}
		jv_free(recs[i]);
	}
	if (!drawn)
		fprintf(out, "<text x=\"%d\" y=\"80\">no race loop with delays in the input</text>\n",
			MARGIN_L);
	fputs("</svg>\n", out);
	free(recs);
	if (out != stdout && fclose(out)) {
		fprintf(stderr, "fzsvg: %s: %s\n", outpath, strerror(errno));
		return 1;
	}

	return ret;
}
