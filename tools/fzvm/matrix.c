// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The test x kernel table: which kernels a reproducer passes on and
 * which it fails, crashes or hangs, with the reason of every cell. The
 * same table as text (reasons as numbered notes, shared between cells),
 * Markdown (reason in the cell) and JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzvm.h"

/* A reason in a Markdown cell is cut here: a table row stays readable */
#define MD_REASON_MAX	120

struct cell {
	const char *outcome;
	const char *reason;
	double duration;
	int note;
};

struct table {
	char **names;
	int nnames;
	struct cell *cells;	/* [test * nk + kernel] */
	int nk;
	char **notes;
	int nnotes;
};

static int name_index(struct table *t, const char *name)
{
	int i;

	for (i = 0; i < t->nnames; i++)
		if (!strcmp(t->names[i], name))
			return i;
	return -1;
}

static const char *short_outcome(const struct jtest *h)
{
	const char *vm = jv_gets(jv_get(h->end, "vm"), "event", NULL);

	if (vm && !strcmp(vm, "kernel panic"))
		return "PANIC";
	if (vm && !strcmp(vm, "kernel hang"))
		return "HANG";
	if (vm && !strcmp(vm, "unexpected reset"))
		return "RESET";
	if (vm && !strcmp(vm, "console flood"))
		return "FLOOD";
	return jtest_result(h);
}

static int note_of(struct table *t, const char *reason)
{
	int i;

	for (i = 0; i < t->nnotes; i++)
		if (!strcmp(t->notes[i], reason))
			return i + 1;
	t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof(*t->notes));
	t->notes[t->nnotes++] = xstrdup(reason);
	return t->nnotes;
}

static void build(struct table *t, struct kresult *k, int nk)
{
	int i, j, r;

	memset(t, 0, sizeof(*t));
	t->nk = nk;
	for (i = 0; i < nk; i++) {
		for (j = 0; k[i].have_journal && j < k[i].j.ntests; j++) {
			if (name_index(t, k[i].j.tests[j].label) >= 0)
				continue;
			t->names = xrealloc(t->names, (t->nnames + 1) *
					    sizeof(*t->names));
			t->names[t->nnames++] = k[i].j.tests[j].label;
		}
	}
	t->cells = xmalloc((t->nnames ? t->nnames : 1) * nk * sizeof(*t->cells));
	for (r = 0; r < t->nnames; r++) {
		for (i = 0; i < nk; i++) {
			struct cell *c = &t->cells[r * nk + i];
			const struct jtest *h = NULL;

			for (j = 0; k[i].have_journal && j < k[i].j.ntests; j++)
				if (!strcmp(k[i].j.tests[j].label, t->names[r]))
					h = &k[i].j.tests[j];
			memset(c, 0, sizeof(*c));
			if (!h) {
				c->outcome = "-";
				c->reason = k[i].problem ? k[i].problem :
					    "not in this kernel's run";
			} else {
				c->outcome = short_outcome(h);
				c->reason = jv_gets(h->end, "reason", "");
				c->duration = jv_getn(h->end, "duration", 0);
				if (!h->end)
					c->reason = k[i].problem ? k[i].problem :
						    "not run";
			}
			if (*c->reason && strcmp(c->outcome, "pass"))
				c->note = note_of(t, c->reason);
		}
	}
}

static void kernel_lines(FILE *f, struct kresult *k, int nk, int md)
{
	const char *pre = md ? "- " : "", *ind = md ? "  " : "    ";
	char boot[32];
	int i;

	for (i = 0; i < nk; i++) {
		if (k[i].boot_time > 0)
			snprintf(boot, sizeof(boot), "%.1f s", k[i].boot_time);
		else
			snprintf(boot, sizeof(boot), "-");
		fprintf(f, "%s%s%s%s: %s\n", pre, md ? "**" : "", k[i].label,
			md ? "**" : "",
			k[i].version ? k[i].version : k[i].image);
		fprintf(f, "%s%d boot%s, %d crash%s; first boot to fzrun %s; all boots %.1f s; %s%s\n",
			ind, k[i].boots, k[i].boots == 1 ? "" : "s",
			k[i].crashes, k[i].crashes == 1 ? "" : "es",
			boot, k[i].run_time,
			k[i].complete ? "run complete" : "RUN INCOMPLETE: ",
			k[i].complete ? "" : k[i].problem ? k[i].problem : "?");
		if (*k[i].accel)
			fprintf(f, "%saccelerator %s: %s\n", ind, k[i].accel,
				k[i].accel_reason);
		if (k[i].have_journal)
			fprintf(f, "%sreports: %s/{summary.txt,results.json,junit.xml}, consoles: %s/console/\n",
				ind, k[i].dir, k[i].dir);
		else
			fprintf(f, "%sconsoles: %s/console/\n", ind, k[i].dir);
	}
}

static void write_text(const struct table *t, struct kresult *k, FILE *f)
{
	int w0 = strlen("test"), *w = xmalloc(t->nk * sizeof(*w)), i, r;
	char buf[64];

	for (r = 0; r < t->nnames; r++)
		if ((int)strlen(t->names[r]) > w0)
			w0 = strlen(t->names[r]);
	for (i = 0; i < t->nk; i++) {
		w[i] = strlen(k[i].label);
		for (r = 0; r < t->nnames; r++) {
			const struct cell *c = &t->cells[r * t->nk + i];
			int n = snprintf(buf, sizeof(buf), "%s [%d]",
					 c->outcome, c->note);

			if (n > w[i])
				w[i] = n;
		}
	}
	fprintf(f, "%-*s", w0, "test");
	for (i = 0; i < t->nk; i++)
		fprintf(f, "  %-*s", w[i], k[i].label);
	fputc('\n', f);
	for (r = 0; r < t->nnames; r++) {
		fprintf(f, "%-*s", w0, t->names[r]);
		for (i = 0; i < t->nk; i++) {
			const struct cell *c = &t->cells[r * t->nk + i];

			if (c->note)
				snprintf(buf, sizeof(buf), "%s [%d]",
					 c->outcome, c->note);
			else
				snprintf(buf, sizeof(buf), "%s", c->outcome);
			fprintf(f, "  %-*s", w[i], buf);
		}
		fputc('\n', f);
	}
	if (!t->nnames)
		fputs("(no kernel ran any test)\n", f);
	if (t->nnotes)
		fputc('\n', f);
	for (i = 0; i < t->nnotes; i++)
		fprintf(f, "[%d] %s\n", i + 1, t->notes[i]);
	fputc('\n', f);
	kernel_lines(f, k, t->nk, 0);
	free(w);
}

static void md_text(FILE *f, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] && i < max; i++) {
		if (s[i] == '|')
			fputs("\\|", f);
		else if (s[i] == '\n')
			fputc(' ', f);
		else
			fputc(s[i], f);
	}
	if (s[i])
		fputs("...", f);
}

static void write_md(const struct table *t, struct kresult *k, FILE *f)
{
	int i, r;

	fputs("| test |", f);
	for (i = 0; i < t->nk; i++)
		fprintf(f, " %s |", k[i].label);
	fputs("\n| --- |", f);
	for (i = 0; i < t->nk; i++)
		fputs(" --- |", f);
	fputc('\n', f);
	for (r = 0; r < t->nnames; r++) {
		fprintf(f, "| %s |", t->names[r]);
		for (i = 0; i < t->nk; i++) {
			const struct cell *c = &t->cells[r * t->nk + i];

			fprintf(f, " **%s**", c->outcome);
			if (c->note) {
				fputs(": ", f);
				md_text(f, c->reason, MD_REASON_MAX);
			}
			fputs(" |", f);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	kernel_lines(f, k, t->nk, 1);
}

static void write_json(const struct table *t, struct kresult *k, FILE *f)
{
	struct sbuf b = {0};
	int i, r;

	sb_puts(&b, "{\"kernels\":[");
	for (i = 0; i < t->nk; i++) {
		sb_puts(&b, i ? ",{" : "{");
		json_kstr(&b, "label", k[i].label);
		sb_putc(&b, ',');
		json_kstr(&b, "image", k[i].image);
		sb_putc(&b, ',');
		json_kstr(&b, "version", k[i].version ? k[i].version : "");
		sb_putc(&b, ',');
		json_kstr(&b, "results_dir", k[i].dir);
		sb_printf(&b, ",\"boots\":%d,\"crashes\":%d,\"boot_seconds\":%.3f,\"run_seconds\":%.3f,\"complete\":%s,\"report_status\":%d,\"problem\":",
			  k[i].boots, k[i].crashes, k[i].boot_time,
			  k[i].run_time, k[i].complete ? "true" : "false",
			  k[i].status);
		if (k[i].problem)
			json_str(&b, k[i].problem, strlen(k[i].problem));
		else
			sb_puts(&b, "null");
		sb_putc(&b, ',');
		json_kstr(&b, "accel", k[i].accel);
		sb_puts(&b, ",\"accel_reason\":");
		if (k[i].accel_reason)
			json_str(&b, k[i].accel_reason, strlen(k[i].accel_reason));
		else
			sb_puts(&b, "null");
		sb_putc(&b, '}');
	}
	sb_puts(&b, "],\"tests\":[");
	for (r = 0; r < t->nnames; r++) {
		sb_puts(&b, r ? ",{" : "{");
		json_kstr(&b, "name", t->names[r]);
		sb_puts(&b, ",\"results\":{");
		for (i = 0; i < t->nk; i++) {
			const struct cell *c = &t->cells[r * t->nk + i];

			if (i)
				sb_putc(&b, ',');
			json_str(&b, k[i].label, strlen(k[i].label));
			sb_puts(&b, ":{");
			json_kstr(&b, "outcome", c->outcome);
			sb_putc(&b, ',');
			json_kstr(&b, "reason", c->reason);
			sb_printf(&b, ",\"duration\":%.3f}", c->duration);
		}
		sb_puts(&b, "}}");
	}
	sb_puts(&b, "]}\n");
	fputs(b.s, f);
	sb_free(&b);
}

static void out(const struct cfg *c, const char *name,
		void (*fn)(const struct table *, struct kresult *, FILE *),
		const struct table *t, struct kresult *k)
{
	char *path = xasprintf("%s/%s", c->outdir, name);
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");

	if (!f) {
		warning("cannot write %s", path);
	} else {
		fn(t, k, f);
		if (fclose(f) || rename(tmp, path))
			warning("cannot write %s", path);
	}
	free(tmp);
	free(path);
}

void matrix_write(const struct cfg *c, struct kresult *k, int n)
{
	struct table t;
	int i;

	build(&t, k, n);
	out(c, "matrix.txt", write_text, &t, k);
	out(c, "matrix.md", write_md, &t, k);
	out(c, "matrix.json", write_json, &t, k);
	printf("\n");
	write_text(&t, k, stdout);
	printf("matrix: %s/matrix.txt %s/matrix.md %s/matrix.json\n",
	       c->outdir, c->outdir, c->outdir);
	fflush(stdout);
	for (i = 0; i < t.nnotes; i++)
		free(t.notes[i]);
	free(t.notes);
	free(t.names);
	free(t.cells);
}
