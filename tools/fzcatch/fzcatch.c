// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzcatch: catch rates of the reproducers from repeated fzvm runs.
 *
 * Reads fzvm results directories (matrix.json and each kernel's
 * journal.jsonl) and, per test x kernel, counts the runs that caught the
 * bug, how long a catching run took, the failure message and the first
 * kernel report line (KASAN, BUG, WARNING, ...). An expectations file
 * says which kernels carry which test's bug: a failure there is a catch,
 * a failure on a fixed kernel a false failure. Writes catch.json and
 * catch.md.
 */
#include <fnmatch.h>
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "alloc.h"
#include "files.h"
#include "msg.h"
#include "strbuf.h"

const char *const tool_name = "fzcatch";

enum state { S_UNKNOWN, S_BUG, S_FIXED };
static const char *const state_names[] = { "unknown", "bug", "fixed" };

/* One line of the expectations file */
struct expect {
	char *test;		/* shell pattern */
	regex_t kernel;		/* POSIX ERE on the kernel label */
	enum state state;
};

struct kernel {
	char *label;		/* fzvm's label: the release */
	char *image;
	char *build_label;	/* fzkernel's label, from meta.json next to the image */
	char *patches;		/* fzkernel's patches, blank separated */
	int boots;		/* fzvm's boots of it, all inputs */
	double vm_secs;		/* and their time, QEMU start to end */
};

/* The runs of one test on one kernel, in the order they ran */
struct row {
	char *test;
	int kernel;
	int runs, passed, failed, broken, warned, skipped, other, crashed;
	double *fail_secs;	/* duration of each failed run */
	double before_first;	/* test time up to the end of the first failed run */
	double test_secs;	/* all runs' durations */
	int have_first;
	char *message;		/* reason of the first failed run */
	char *kernel_line;	/* first kernel report line of a failed run */
};

static struct expect *expects;
static int nexpects;
static struct kernel *kernels;
static int nkernels;
static struct row *rows;
static int nrows;

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' ||
			 e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static void read_expects(const char *path)
{
	char *text = read_file(path, NULL), *line, *save = NULL;
	int lineno = 0;

	if (!text)
		die(2, "-x %s: cannot read it", path);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[3], *s = trim(line), *w;
		int n = 0, err;
		struct expect *e;

		lineno++;
		if (!*s || *s == '#')
			continue;
		while (n < 3 && *s) {
			w = s;
			while (*s && *s != ' ' && *s != '\t')
				s++;
			if (*s)
				*s++ = '\0';
			while (*s == ' ' || *s == '\t')
				s++;
			f[n++] = w;
		}
		if (n < 3 || (strcmp(f[2], "bug") && strcmp(f[2], "fixed")))
			die(2, "%s:%d: want 'TEST-PATTERN KERNEL-REGEX bug|fixed'",
			    path, lineno);
		expects = xrealloc(expects, (nexpects + 1) * sizeof(*expects));
		e = &expects[nexpects];
		e->test = xstrdup(f[0]);
		e->state = strcmp(f[2], "bug") ? S_FIXED : S_BUG;
		err = regcomp(&e->kernel, f[1], REG_EXTENDED | REG_NOSUB);
		if (err) {
			char msg[128];

			regerror(err, &e->kernel, msg, sizeof(msg));
			die(2, "%s:%d: bad kernel regex '%s': %s", path, lineno,
			    f[1], msg);
		}
		nexpects++;
	}
	free(text);
}

static enum state expected(const char *test, const struct kernel *k)
{
	int i;

	for (i = 0; i < nexpects; i++)
		if (!fnmatch(expects[i].test, test, 0) &&
		    (!regexec(&expects[i].kernel, k->label, 0, NULL, 0) ||
		     (k->build_label &&
		      !regexec(&expects[i].kernel, k->build_label, 0, NULL, 0))))
			return expects[i].state;
	return S_UNKNOWN;
}

static struct jv *parse_file(const char *path)
{
	char err[256];
	size_t len;
	char *text = read_file(path, &len);
	struct jv *v;

	if (!text)
		return NULL;
	v = json_parse(text, len, err, sizeof(err));
	if (!v)
		die(2, "%s: not JSON: %s", path, err);
	free(text);
	return v;
}

/* fzkernel leaves meta.json next to the bzImage it built */
static void read_build_meta(struct kernel *k)
{
	char *slash = k->image ? strrchr(k->image, '/') : NULL;
	char *path;
	struct jv *m;
	struct sbuf p = {0};
	size_t i;

	if (!slash)
		return;
	path = xasprintf("%.*s/meta.json", (int)(slash - k->image), k->image);
	m = parse_file(path);
	free(path);
	if (!m)
		return;
	k->build_label = xstrdup(jv_gets(m, "label", ""));
	for (i = 0; i < jv_len(jv_get(m, "patches")); i++) {
		const char *pp = jv_gets(jv_at(jv_get(m, "patches"), i), "path", "");
		const char *base = strrchr(pp, '/');

		if (p.len)
			sb_putc(&p, ' ');
		sb_puts(&p, base ? base + 1 : pp);
	}
	k->patches = xstrdup(sb_str(&p));
	sb_free(&p);
	jv_free(m);
}

static int kernel_index(const char *label, const char *image)
{
	int i;

	for (i = 0; i < nkernels; i++)
		if (!strcmp(kernels[i].label, label))
			return i;
	kernels = xrealloc(kernels, (nkernels + 1) * sizeof(*kernels));
	memset(&kernels[nkernels], 0, sizeof(*kernels));
	kernels[nkernels].label = xstrdup(label);
	kernels[nkernels].image = image && *image ? xstrdup(image) : NULL;
	read_build_meta(&kernels[nkernels]);
	return nkernels++;
}

/* The test's name without a "#N" of repeated runs */
static char *base_name(const char *name)
{
	const char *h = strrchr(name, '#');

	return h ? xasprintf("%.*s", (int)(h - name), name) : xstrdup(name);
}

static struct row *row_of(const char *name, int kernel)
{
	char *test = base_name(name);
	int i;

	for (i = 0; i < nrows; i++)
		if (rows[i].kernel == kernel && !strcmp(rows[i].test, test)) {
			free(test);
			return &rows[i];
		}
	rows = xrealloc(rows, (nrows + 1) * sizeof(*rows));
	memset(&rows[nrows], 0, sizeof(*rows));
	rows[nrows].test = test;
	rows[nrows].kernel = kernel;
	return &rows[nrows++];
}

/*
 * What a kernel prints when something broke in it, the most telling
 * first: a KASAN report names the bad access and the function, a
 * general protection fault only says that there was one.
 */
static const char *const report_marks[] = {
	"BUG: KASAN: ", "KASAN: ", "UBSAN: ", "BUG: ", "refcount_t: ",
	"list_add corruption", "list_del corruption", "WARNING: ",
	"general protection fault", "Oops", "INFO: task", "rcu: INFO",
	"Kernel panic",
};
#define NR_MARKS (sizeof(report_marks) / sizeof(report_marks[0]))
/* report_marks[] up to here name what broke */
#define MARK_BUG 3

/* The best report line seen so far and the first kernel RIP */
struct pick {
	size_t rank;
	char *line;
	char *rip;
};

/* The line without its printk timestamp or console prefix */
static const char *after_stamp(const char *s)
{
	const char *p = s;

	while (*p == ' ' || *p == '<' || (*p >= '0' && *p <= '9') || *p == '>')
		p++;
	if (*p == '[') {
		const char *e = strchr(p, ']');

		if (e)
			return e[1] == ' ' ? e + 2 : e + 1;
	}
	return s;
}

static void pick_line(struct pick *pk, const char *s, size_t n)
{
	char *line = xasprintf("%.*s", (int)n, s);
	const char *rip = strstr(line, "RIP: 0010:");
	size_t i;

	if (rip && !pk->rip)
		pk->rip = xstrdup(rip + strlen("RIP: 0010:"));
	/* "Kernel panic - not syncing: KASAN: ..." is a panic line */
	for (i = strstr(line, "Kernel panic") ? NR_MARKS - 1 : 0;
	     i < NR_MARKS && i < pk->rank; i++) {
		if (strstr(line, report_marks[i])) {
			free(pk->line);
			pk->line = xstrdup(after_stamp(line));
			pk->rank = i;
			break;
		}
	}
	free(line);
}

static void pick_text(struct pick *pk, const char *text)
{
	const char *s = text;

	while (s && *s) {
		const char *e = strchr(s, '\n');

		pick_line(pk, s, e ? (size_t)(e - s) : strlen(s));
		s = e ? e + 1 : NULL;
	}
}

/*
 * The best report line of a failed run, from the kernel lines of its
 * journal entry, else from its kmsg log and its output; with the
 * faulting function when the line itself does not name one.
 */
static char *kernel_line_of(const struct jv *ev, const char *rundir)
{
	const struct jv *kmsg = jv_get(ev, "kmsg");
	const char *files[2] = { jv_gets(ev, "kmsg_log", NULL),
				 jv_gets(ev, "log", NULL) };
	struct pick pk = { NR_MARKS, NULL, NULL };
	char *r = NULL;
	size_t i;

	for (i = 0; i < jv_len(kmsg); i++) {
		const struct jv *l = jv_at(kmsg, i);

		if (l && l->t == J_STR)
			pick_line(&pk, l->str, strlen(l->str));
	}
	/*
	 * fzvm's excerpt of a crash is the end of the console: a long KASAN
	 * report loses its first line there, the whole boot's console has it.
	 */
	if (pk.rank > MARK_BUG && jv_get(ev, "vm"))
		files[0] = jv_gets(jv_get(ev, "vm"), "console_log", NULL);
	for (i = 0; i < 2 && pk.rank > MARK_BUG; i++) {
		char *path, *text;

		if (!files[i] || !*files[i])
			continue;
		path = xasprintf("%s/%s", rundir, files[i]);
		text = read_file(path, NULL);
		free(path);
		if (text)
			pick_text(&pk, text);
		free(text);
	}
	if (pk.line && pk.rip && !strstr(pk.line, "+0x"))
		r = xasprintf("%s (RIP: %s)", pk.line, pk.rip);
	else if (pk.line)
		r = xstrdup(pk.line);
	free(pk.line);
	free(pk.rip);
	return r;
}

static void add_run(struct row *r, const struct jv *ev, const char *rundir,
		    double *clock)
{
	const char *status = jv_gets(ev, "status", "");
	double dur = jv_getn(ev, "duration", 0);

	*clock += dur;
	r->test_secs += dur;
	r->runs++;
	if (!strcmp(status, "pass") || !strcmp(status, "known")) {
		r->passed++;
	} else if (!strcmp(status, "conf")) {
		r->skipped++;
	} else if (!strcmp(status, "fail")) {
		r->failed++;
		if (jv_get(ev, "vm"))
			r->crashed++;
		r->fail_secs = xrealloc(r->fail_secs,
					r->failed * sizeof(*r->fail_secs));
		r->fail_secs[r->failed - 1] = dur;
		if (!r->have_first) {
			r->have_first = 1;
			r->before_first = *clock;
			r->message = xstrdup(jv_gets(ev, "reason", ""));
		}
		if (!r->kernel_line)
			r->kernel_line = kernel_line_of(ev, rundir);
	} else if (!strcmp(status, "brok")) {
		r->broken++;
	} else if (!strcmp(status, "warn")) {
		r->warned++;
	} else {
		r->other++;
	}
}

/* Every test_end of one kernel's journal, in order */
static void read_journal(const char *rundir, int kernel)
{
	char *path = xasprintf("%s/journal.jsonl", rundir);
	char *text = read_file(path, NULL), *line, *save = NULL;
	struct {
		char *name;
		double clock;
	} *clocks = NULL;
	int nclocks = 0, i;

	if (!text)
		die(2, "%s: cannot read it", path);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char err[128];
		struct jv *ev = json_parse(line, strlen(line), err, sizeof(err));
		const char *name;

		/* a torn last line is what a crash leaves; fzrun drops it too */
		if (!ev)
			continue;
		name = jv_gets(ev, "name", NULL);
		if (name && !strcmp(jv_gets(ev, "event", ""), "test_end")) {
			for (i = 0; i < nclocks; i++)
				if (!strcmp(clocks[i].name, name))
					break;
			if (i == nclocks) {
				clocks = xrealloc(clocks, (nclocks + 1) * sizeof(*clocks));
				clocks[i].name = xstrdup(name);
				clocks[i].clock = 0;
				nclocks++;
			}
			add_run(row_of(name, kernel), ev, rundir, &clocks[i].clock);
		}
		jv_free(ev);
	}
	for (i = 0; i < nclocks; i++)
		free(clocks[i].name);
	free(clocks);
	free(text);
	free(path);
}

/* An fzvm output directory (matrix.json), or one kernel's directory */
static void read_input(const char *dir)
{
	char *mpath = xasprintf("%s/matrix.json", dir);
	struct jv *m = parse_file(mpath);
	size_t i;

	if (m) {
		const struct jv *ks = jv_get(m, "kernels");

		for (i = 0; i < jv_len(ks); i++) {
			const struct jv *k = jv_at(ks, i);
			const char *label = jv_gets(k, "label", "");
			char *rundir = xasprintf("%s/%s", dir, label);
			char *jpath = xasprintf("%s/journal.jsonl", rundir);

			int ki;

			if (!*label)
				die(2, "%s: a kernel without a label", mpath);
			ki = kernel_index(label, jv_gets(k, "image", NULL));
			kernels[ki].boots += jv_getn(k, "boots", 0);
			kernels[ki].vm_secs += jv_getn(k, "run_seconds", 0);
			if (is_file(jpath))
				read_journal(rundir, ki);
			else
				warning("%s: no journal for kernel %s (it never ran a test)",
				     dir, label);
			free(jpath);
			free(rundir);
		}
		jv_free(m);
	} else {
		char *jpath = xasprintf("%s/journal.jsonl", dir);
		const char *base = strrchr(dir, '/');

		if (!is_file(jpath))
			die(2, "%s: neither matrix.json (fzvm) nor journal.jsonl (fzrun)", dir);
		free(jpath);
		read_journal(dir, kernel_index(base && base[1] ? base + 1 : dir, NULL));
	}
	free(mpath);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts @v */
static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double maximum(const double *v, int n)
{
	double m = 0;
	int i;

	for (i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->test, y->test);

	return c ? c : x->kernel - y->kernel;
}

/* Markdown cell text: no pipes or newlines */
static void md_cell(struct sbuf *b, const char *s)
{
	for (; s && *s; s++)
		sb_puts(b, *s == '|' ? "\\|" : *s == '\n' ? " " : (char[]){*s, 0});
}

/* The runs that neither passed nor failed, e.g. "2 brok, 1 conf" */
static void md_counts(struct sbuf *b, const struct row *r)
{
	const struct { int n; const char *what; } c[] = {
		{ r->broken, "brok" }, { r->warned, "warn" },
		{ r->skipped, "conf" }, { r->other, "other" },
	};
	size_t i;
	int any = 0;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (!c[i].n)
			continue;
		sb_printf(b, "%s%d %s", any ? ", " : " ", c[i].n, c[i].what);
		any = 1;
	}
	sb_puts(b, any ? " | " : " - | ");
}

static int report(const char *outdir)
{
	struct sbuf js = {0}, md = {0};
	struct jw w;
	int i, bad = 0;

	qsort(rows, nrows, sizeof(*rows), cmp_row);
	jw_init(&w, &js, 1);
	jw_obj(&w);
	jw_key(&w, "kernels");
	jw_arr(&w);
	for (i = 0; i < nkernels; i++) {
		jw_obj(&w);
		jw_kstr(&w, "label", kernels[i].label);
		jw_key(&w, "image");
		kernels[i].image ? jw_str(&w, kernels[i].image) : jw_null(&w);
		jw_key(&w, "build_label");
		kernels[i].build_label ? jw_str(&w, kernels[i].build_label) : jw_null(&w);
		jw_key(&w, "patches");
		kernels[i].patches ? jw_str(&w, kernels[i].patches) : jw_null(&w);
		jw_kint(&w, "boots", kernels[i].boots);
		jw_key(&w, "vm_seconds");
		jw_fixed(&w, kernels[i].vm_secs, 1);
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_key(&w, "rows");
	jw_arr(&w);

	sb_puts(&md, "| test | kernel | bug | caught | runs | test s | median s | worst s | first catch after s | other | failure | kernel report |\n");
	sb_puts(&md, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (i = 0; i < nrows; i++) {
		struct row *r = &rows[i];
		struct kernel *k = &kernels[r->kernel];
		enum state st = expected(r->test, k);
		int ran = r->runs - r->skipped;
		double worst = maximum(r->fail_secs, r->failed);
		double med = r->failed ? median(r->fail_secs, r->failed) : 0;

		if ((st == S_BUG && !r->failed && ran > 0) ||
		    (st == S_FIXED && r->failed))
			bad = 1;
		jw_obj(&w);
		jw_kstr(&w, "test", r->test);
		jw_kstr(&w, "kernel", k->label);
		jw_kstr(&w, "expect", state_names[st]);
		jw_kint(&w, "runs", r->runs);
		jw_kint(&w, "failed", r->failed);
		jw_kint(&w, "crashed", r->crashed);
		jw_kint(&w, "passed", r->passed);
		jw_kint(&w, "skipped", r->skipped);
		jw_kint(&w, "broken", r->broken);
		jw_kint(&w, "warned", r->warned);
		jw_kint(&w, "other", r->other);
		jw_key(&w, "caught");
		st == S_BUG ? jw_int(&w, r->failed) : jw_null(&w);
		jw_key(&w, "false_failures");
		st == S_FIXED ? jw_int(&w, r->failed) : jw_null(&w);
		jw_key(&w, "test_seconds");
		jw_fixed(&w, r->test_secs, 1);
		jw_key(&w, "fail_seconds_median");
		r->failed ? jw_fixed(&w, med, 1) : jw_null(&w);
		jw_key(&w, "fail_seconds_worst");
		r->failed ? jw_fixed(&w, worst, 1) : jw_null(&w);
		jw_key(&w, "first_catch_after_seconds");
		r->have_first ? jw_fixed(&w, r->before_first, 1) : jw_null(&w);
		jw_key(&w, "message");
		r->message ? jw_str(&w, r->message) : jw_null(&w);
		jw_key(&w, "kernel_line");
		r->kernel_line ? jw_str(&w, r->kernel_line) : jw_null(&w);
		jw_end_obj(&w);

		sb_printf(&md, "| %s | %s | %s | ", r->test, k->label,
			  state_names[st]);
		if (st == S_FIXED)
			sb_printf(&md, "%d false of %d", r->failed, ran);
		else
			sb_printf(&md, "%d of %d", r->failed, ran);
		if (r->crashed)
			sb_printf(&md, " (%d crashed)", r->crashed);
		sb_printf(&md, " | %d | %.1f |", r->runs, r->test_secs);
		if (r->failed)
			sb_printf(&md, " %.1f | %.1f | %.1f |", med, worst, r->before_first);
		else
			sb_puts(&md, " - | - | - |");
		md_counts(&md, r);
		md_cell(&md, r->message ? r->message : "-");
		sb_puts(&md, " | ");
		md_cell(&md, r->kernel_line ? r->kernel_line : "-");
		sb_puts(&md, " |\n");
	}
	jw_end_arr(&w);
	jw_end_obj(&w);
	sb_putc(&js, '\n');

	sb_puts(&md, "\n| kernel | build | patches | boots | VM s |\n| --- | --- | --- | --- | --- |\n");
	for (i = 0; i < nkernels; i++) {
		sb_printf(&md, "| %s | ", kernels[i].label);
		md_cell(&md, kernels[i].build_label ? kernels[i].build_label : "-");
		sb_puts(&md, " | ");
		md_cell(&md, kernels[i].patches && *kernels[i].patches ?
			kernels[i].patches : "-");
		sb_printf(&md, " | %d | %.1f |\n", kernels[i].boots,
			  kernels[i].vm_secs);
	}

	if (outdir) {
		char *p;

		if (mkdir_p(outdir, 0755))
			die(2, "-o %s: cannot create it", outdir);
		p = xasprintf("%s/catch.json", outdir);
		if (write_file(p, js.s, js.len))
			die(2, "%s: cannot write it", p);
		free(p);
		p = xasprintf("%s/catch.md", outdir);
		if (write_file(p, md.s, md.len))
			die(2, "%s: cannot write it", p);
		free(p);
	}
	fwrite(md.s, 1, md.len, stdout);
	sb_free(&js);
	sb_free(&md);
	return bad;
}

static void usage(FILE *f)
{
	fputs(
"usage: fzcatch [-x EXPECT] [-o DIR] RESULTS...\n"
"\n"
"Catch rates of the reproducers from fzvm runs: per test x kernel, how many\n"
"runs failed, the time of all runs, how long a failing run took (median,\n"
"worst), the test time until the first failure, the failure message and the\n"
"first kernel report line; per kernel its boots and their time. RESULTS are\n"
"fzvm output directories (with matrix.json) or one\n"
"kernel's results directory (with journal.jsonl); runs of one test on one\n"
"kernel are added up across them, and fzrun's \"#N\" repetitions count as\n"
"runs of one test.\n"
"\n"
"  -x, --expect FILE  which kernels carry which bug; lines of\n"
"                     TEST-PATTERN KERNEL-REGEX bug|fixed (first match wins;\n"
"                     the regex is tried on fzvm's kernel label and on\n"
"                     fzkernel's build label)\n"
"  -o, --output DIR   write DIR/catch.json and DIR/catch.md (the table is\n"
"                     printed either way)\n"
"  -h, --help         this help\n"
"\n"
"Exit status: 0 every bug kernel's test failed at least once and no fixed\n"
"kernel's did, 1 otherwise, 2 usage or input error.\n", f);
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "expect", required_argument, NULL, 'x' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outdir = NULL;
	int o, i;

	while ((o = getopt_long(argc, argv, "x:o:h", longopts, NULL)) != -1) {
		switch (o) {
		case 'x': read_expects(optarg); break;
		case 'o': outdir = optarg; break;
		case 'h': usage(stdout); return 0;
		default:
			fprintf(stderr, "fzcatch: try fzcatch --help\n");
			return 2;
		}
	}
	if (optind >= argc)
		die(2, "no results directory given; try fzcatch --help");
	for (i = optind; i < argc; i++) {
		if (!is_dir(argv[i]))
			die(2, "%s: no such directory", argv[i]);
		read_input(argv[i]);
	}
	return report(outdir);
}
