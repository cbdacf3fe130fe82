// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzsvg: draw fuzzy-sync statistics (FZSYNC_STATS records) as SVG.
 *
 * One panel per race loop: a histogram of the start offsets the loop's
 * iterations really had (B's start minus A's) inside the offset range
 * the library aimed at, each bar split by the outcome the test reported
 * (with tst_fzsync_pair_outcome()), or not reported. Offsets that fell
 * outside the range are counted beside it, not piled on the edge bars.
 * A developer tuning a reproducer sees where its iterations land and
 * where the order flips.
 *
 *	FZSYNC_STATS=stats.jsonl ./my_test
 *	fzsvg -n "recvmmsg first,overlapped,close first" stats.jsonl > stats.svg
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "json.h"
#include "msg.h"

/* Picture layout, in pixels */
#define WIDTH		900
#define PANEL_H		260
#define MARGIN_L	60
#define MARGIN_R	20
#define PLOT_TOP	50
#define PLOT_H		160
#define LEGEND_H	30
#define LEGEND_Y	10
#define SWATCH		12
/* Width of a legend entry: its swatch, and about this much per letter */
#define LEGEND_PAD	36
#define LETTER_W	6.5
/* Axis ticks: about five of them, at 1, 2 or 5 times a power of ten */
#define TICKS		5

/* A bin of the record: [seen, a_early, b_early, hit] */
enum { SEEN, A_EARLY, B_EARLY, HIT, BIN_FIELDS };
/* Bar segments, bottom up */
enum { SEG_A, SEG_B, SEG_HIT, SEG_NONE, NSEGS };

static const char *const colours[NSEGS] = {
	[SEG_A] = "#4c78a8", [SEG_B] = "#f58518", [SEG_HIT] = "#e45756",
	[SEG_NONE] = "#bab0ac",
};
/* The library's meaning of the outcomes, when the test's names are not given */
static const char *labels[NSEGS] = {
	[SEG_A] = "A's racy part first (A_EARLY)",
	[SEG_B] = "B's racy part first (B_EARLY)",
	[SEG_HIT] = "overlapped (HIT)",
	[SEG_NONE] = "no outcome reported",
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fzsvg [-t TEST] [-n A_EARLY,HIT,B_EARLY] [-o OUT.svg] [STATS.jsonl]\n"
		"Draws the offset histograms of FZSYNC_STATS records as SVG.\n"
		"  -t TEST  only records of this test\n"
		"  -n NAMES what the test's outcomes mean, in the order of\n"
		"           tst_fzsync_pair_outcome_info(): A early, hit, B early\n"
		"  -o FILE  write to FILE instead of standard output\n"
		"Exit status 1 when the input holds no record (of TEST).\n");
}

static void escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static int bin_counts(const struct jv *bin, double c[BIN_FIELDS])
{
	const struct jv *v;
	size_t i;

	for (i = 0; i < BIN_FIELDS; i++) {
		v = jv_at(bin, i);
		if (!v || v->t != J_NUM)
			return -1;
		c[i] = v->num;
	}
	return 0;
}

/*
 * The segments of bin @i with the iterations outside the range taken
 * out of the edge bins (the library counts them there); their outcomes
 * are scaled by the share that was in range.
 */
static void in_range(const struct jv *rec, int i, int nbins,
		     double seg[NSEGS], double *total)
{
	double c[BIN_FIELDS], out = 0, keep;

	bin_counts(jv_at(jv_get(rec, "bins"), i), c);
	if (i == 0)
		out += jv_getn(rec, "below", 0);
	if (i == nbins - 1)
		out += jv_getn(rec, "above", 0);
	out = fmin(out, c[SEEN]);
	keep = c[SEEN] > 0 ? (c[SEEN] - out) / c[SEEN] : 0;
	seg[SEG_A] = c[A_EARLY] * keep;
	seg[SEG_B] = c[B_EARLY] * keep;
	seg[SEG_HIT] = c[HIT] * keep;
	*total = c[SEEN] - out;
	seg[SEG_NONE] = fmax(*total - seg[SEG_A] - seg[SEG_B] - seg[SEG_HIT], 0);
}

static double nice_step(double range)
{
	double step = pow(10, floor(log10(range / TICKS)));

	if (range / step > 2 * TICKS)
		step *= 2;
	if (range / step > 2 * TICKS)
		step *= 2.5;
	return step;
}

static int panel(FILE *out, const struct jv *rec, int index, double y0)
{
	const struct jv *bins = jv_get(rec, "bins"), *range = jv_get(rec, "range_ns");
	double lo, hi, max = 1, c[BIN_FIELDS], seg[NSEGS], x, w, y, h, n;
	double step, t;
	int nbins, i, s;

	if (!bins || bins->t != J_ARR || jv_len(range) != 2)
		return -1;
	lo = jv_at(range, 0)->num;
	hi = jv_at(range, 1)->num;
	nbins = jv_len(bins);
	for (i = 0; i < nbins; i++)
		if (bin_counts(jv_at(bins, i), c))
			return -1;
	if (!nbins || hi <= lo)
		return 0;
	for (i = 0; i < nbins; i++) {
		in_range(rec, i, nbins, seg, &n);
		max = fmax(max, n);
	}

	fprintf(out, "<g transform=\"translate(0,%.0f)\">\n", y0);
	fprintf(out, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">", MARGIN_L);
	escape(out, jv_gets(rec, "test", "?"));
	fprintf(out, " #%d: %.0f iterations (%.0f sampling), stopped on ",
		index, jv_getn(rec, "iterations", 0), jv_getn(rec, "sampling", 0));
	escape(out, jv_gets(rec, "stop", "?"));
	fputs("</text>\n", out);
	fprintf(out, "<text x=\"%d\" y=\"36\" font-size=\"11\">offsets aimed over %.0f to %.0f ns in %d bins of %.0f ns; "
		"sections overlapped in %.0f iterations; seed %.0f; CPUs ",
		MARGIN_L, lo, hi, nbins, jv_getn(rec, "bin_ns", 0),
		jv_getn(rec, "overlaps", 0), jv_getn(rec, "seed", 0));
	escape(out, jv_gets(rec, "placement", "?"));
	fputs("</text>\n", out);

	w = (double)(WIDTH - MARGIN_L - MARGIN_R) / nbins;
	for (i = 0; i < nbins; i++) {
		in_range(rec, i, nbins, seg, &n);
		x = MARGIN_L + i * w;
		y = PLOT_TOP + PLOT_H;
		for (s = 0; s < NSEGS; s++) {
			h = seg[s] / max * PLOT_H;
			if (h <= 0)
				continue;
			y -= h;
			fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
				x, y, fmax(w - 0.3, 0.5), h, colours[s]);
		}
	}

	/* Axes, ticks, the zero offset, and what fell outside the range */
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
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%.0f below %.0f ns</text>\n",
		MARGIN_L, PLOT_TOP + PLOT_H + 32, jv_getn(rec, "below", 0), lo);
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%.0f above %.0f ns</text>\n",
		WIDTH - MARGIN_R, PLOT_TOP + PLOT_H + 32, jv_getn(rec, "above", 0), hi);
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">start offset, B - A (ns): below 0 B started first</text>\n",
		WIDTH / 2, PLOT_TOP + PLOT_H + 32);
	fputs("</g>\n", out);

	return 1;
}

/* -n "a early,hit,b early" */
static void outcome_names(const char *arg)
{
	char *copy = xstrdup(arg), *save = NULL;
	char *a = strtok_r(copy, ",", &save), *hit = strtok_r(NULL, ",", &save);
	char *b = strtok_r(NULL, ",", &save);

	if (!a || !hit || !b || strtok_r(NULL, ",", &save)) {
		fprintf(stderr, "fzsvg: -n: '%s' is not three names: A early, hit, B early\n",
			arg);
		exit(2);
	}
	labels[SEG_A] = a;
	labels[SEG_HIT] = hit;
	labels[SEG_B] = b;
}

static void legend(FILE *out)
{
	double x = MARGIN_L;
	int s;

	for (s = 0; s < NSEGS; s++) {
		fprintf(out, "<rect x=\"%.0f\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
			"<text x=\"%.0f\" y=\"%d\" font-size=\"11\">", x, LEGEND_Y,
			SWATCH, SWATCH, colours[s], x + SWATCH + 4,
			LEGEND_Y + SWATCH - 1);
		escape(out, labels[s]);
		fputs("</text>\n", out);
		x += LEGEND_PAD + LETTER_W * strlen(labels[s]);
	}
}

/* Test names of the records, for the message when -t matches none */
static void add_name(struct sbuf *names, char ***seen, int *nseen,
		     const char *name)
{
	int i;

	for (i = 0; i < *nseen; i++)
		if (!strcmp((*seen)[i], name))
			return;
	*seen = xrealloc(*seen, (*nseen + 1) * sizeof(**seen));
	(*seen)[(*nseen)++] = xstrdup(name);
	sb_printf(names, "%s%s", names->len ? ", " : "", name);
}

const char *const tool_name = "fzsvg";

int main(int argc, char *argv[])
{
	const char *only = NULL, *outpath = NULL, *path = "-";
	char *line = NULL, err[128];
	size_t cap = 0;
	struct jv **recs = NULL, *rec;
	struct sbuf names = {0};
	char **seen = NULL;
	ssize_t len;
	int n = 0, nseen = 0, drawn = 0, c, i, lineno = 0, ret = 0;
	FILE *in = stdin, *out = stdout;
	double y;

	while ((c = getopt(argc, argv, "t:n:o:h")) != -1) {
		switch (c) {
		case 't': only = optarg; break;
		case 'n': outcome_names(optarg); break;
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
		add_name(&names, &seen, &nseen, jv_gets(rec, "test", "?"));
		if (only && strcmp(jv_gets(rec, "test", ""), only)) {
			jv_free(rec);
			continue;
		}
		recs = xrealloc(recs, (n + 1) * sizeof(*recs));
		recs[n++] = rec;
	}
	free(line);
	if (in != stdin)
		fclose(in);

	/* a picture of nothing is no picture: say so, write none */
	if (!n) {
		if (only && names.len)
			fprintf(stderr, "fzsvg: %s: no records of test '%s' (tests there: %s)\n",
				path, only, names.s);
		else if (only)
			fprintf(stderr, "fzsvg: %s: no records of test '%s'\n",
				path, only);
		else
			fprintf(stderr, "fzsvg: %s: no records\n", path);
		return 1;
	}
	sb_free(&names);
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);

	if (outpath && !(out = fopen(outpath, "w"))) {
		fprintf(stderr, "fzsvg: %s: %s\n", outpath, strerror(errno));
		return 1;
	}

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n",
		WIDTH, LEGEND_H + PANEL_H * n);
	fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	legend(out);
	for (i = 0, y = LEGEND_H; i < n; i++) {
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
