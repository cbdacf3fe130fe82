// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * All boots of one kernel. Each boot starts from a results disk made of
 * the run as the host last saw it; after each boot the host reads the
 * disk back, records the test a crash took down, and boots again while
 * tests remain and boots make progress.
 *
 * OUT/<label>/ (the --kernel label, else the release) is fzrun's
 * results directory of that kernel (journal, logs, results.json,
 * junit.xml), plus console/boot-N.log, boots.jsonl (one line per boot)
 * and summary.txt (fzrun --report's table). OUT/.work/<label>/ holds the initramfs, the disk image and the copy
 * of the run the next disk is made from.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fzvm.h"

/* Boots beyond one per test (each test may crash the kernel once) */
#define EXTRA_BOOTS		3
/* Boots in a row that end no test and start none: the run is stuck */
#define STALLED_BOOTS_MAX	2
/* Modules directories tried: 3 per --modules, 3 more, and the end */
#define MAX_MODULE_DIRS		64
#define MAX_MODULES		64

struct kctx {
	const struct cfg *c;
	struct kresult *k;
	char *work, *fsdir, *rundir, *img, *initrd;
};

/* The release of @image, from its boot header, else its file name */
static char *image_release(const char *image, char **version)
{
	*version = kimage_version(image);
	if (*version)
		return kimage_release(*version);
	return xstrdup(strrchr(image, '/') ? strrchr(image, '/') + 1 : image);
}

static int label_taken(char **labels, int n, const char *label)
{
	int i;

	for (i = 0; i < n; i++)
		if (labels[i] && !strcmp(labels[i], label))
			return 1;
	return 0;
}

static int dir_exists(const struct cfg *c, const char *label)
{
	char *dir = xasprintf("%s/%s", c->outdir, label);
	int ret = !access(dir, F_OK);

	free(dir);
	return ret;
}

char **kernel_labels(const struct cfg *c)
{
	char **labels = xmalloc((c->nkernels + 1) * sizeof(*labels));
	char *release, *version, *label;
	int i, n;

	/* the given labels first: a default label must not take one */
	for (i = 0; i < c->nkernels; i++) {
		labels[i] = c->klabels[i] ? xstrdup(c->klabels[i]) : NULL;
		if (labels[i] && dir_exists(c, labels[i]))
			die(FZVM_EXIT_SETUP, "--kernel %s=%s: %s/%s already exists; choose another label or -o",
			    labels[i], c->kernels[i], c->outdir, labels[i]);
	}
	for (i = 0; i < c->nkernels; i++) {
		if (labels[i])
			continue;
		release = image_release(c->kernels[i], &version);
		label = xstrdup(release);
		for (n = 2; label_taken(labels, c->nkernels, label) ||
			    dir_exists(c, label); n++) {
			free(label);
			label = xasprintf("%s-%d", release, n);
		}
		labels[i] = label;
		free(release);
		free(version);
	}
	labels[c->nkernels] = NULL;
	return labels;
}

static char *modules_dir(const struct cfg *c, const char *image,
			 const char *release)
{
	char *cand[MAX_MODULE_DIRS], *dir = NULL, *d = xstrdup(image), *slash, *p;
	int n = 0, i;

	slash = strrchr(d, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(d, ".");
	for (i = 0; i < c->nmodule_dirs && n + 3 + 3 < MAX_MODULE_DIRS; i++) {
		cand[n++] = xasprintf("%s/lib/modules/%s", c->module_dirs[i],
				      release);
		cand[n++] = xasprintf("%s/%s", c->module_dirs[i], release);
		/* the directory itself, when it is a modules directory */
		p = xasprintf("%s/modules.order", c->module_dirs[i]);
		if (is_file(p))
			cand[n++] = xstrdup(c->module_dirs[i]);
		free(p);
	}
	/* an unpacked package (boot/vmlinuz-R, lib/modules/R) or a system */
	cand[n++] = xasprintf("%s/../lib/modules/%s", d, release);
	cand[n++] = xasprintf("%s/lib/modules/%s", d, release);
	cand[n++] = xasprintf("/lib/modules/%s", release);
	for (i = 0; i < n; i++) {
		if (!dir && is_dir(cand[i]))
			dir = xstrdup(cand[i]);
		free(cand[i]);
	}
	free(d);
	return dir;
}

static void needed_modules(const struct kctx *x, const char *release,
			   struct kmods *m)
{
	const struct cfg *c = x->c;
	char *want[MAX_MODULES], *dir = modules_dir(c, x->k->image, release);
	int n = 0, i;

	memset(m, 0, sizeof(*m));
	if (!strcmp(c->disk, "nvme")) {
		want[n++] = "nvme";
	} else if (!strcmp(c->disk, "ide")) {
		want[n++] = "ata_piix";
		want[n++] = "sd_mod";
	} else {
		want[n++] = "virtio_pci";
		want[n++] = "virtio_blk";
	}
	for (i = 0; i < c->nmodules && n < MAX_MODULES; i++)
		want[n++] = c->modules[i];
	if (!dir) {
		note("%s: no modules directory for %s; the disk driver must be built in",
		     x->k->label, release);
		return;
	}
	if (kmods_resolve(m, dir, want, n))
		warning("%s: some modules are missing; the guest may not find its disk",
		     x->k->label);
	if (m->n) {
		struct sbuf names = {0};

		for (i = 0; i < m->n; i++)
			sb_printf(&names, " %s", m->v[i].name);
		note("%s: modules from %s:%s", x->k->label, dir, names.s);
		sb_free(&names);
	}
	free(dir);
}

static void boot_line(const struct kctx *x, const struct boot *b,
		      const struct jtest *t)
{
	struct sbuf l = {0};
	char *path = xasprintf("%s/boots.jsonl", x->k->dir);

	sb_printf(&l, "{\"boot\":%d,", b->n);
	json_kstr(&l, "end", vm_end_names[b->end]);
	sb_printf(&l, ",\"qemu_status\":%d,\"boot_seconds\":%.3f,\"seconds\":%.3f,",
		  b->qemu_status, b->t_started ? b->t_started - b->t0 : -1,
		  b->t_end - b->t0);
	json_kstr(&l, "console_log", b->console_log);
	sb_putc(&l, ',');
	json_kstr(&l, "accel", b->accel);
	if (b->kvm_failed) {
		sb_puts(&l, ",\"accel_switch\":{\"from\":\"kvm\",\"to\":\"tcg\",");
		json_kstr(&l, "reason", b->kvm_failed);
		sb_putc(&l, ',');
		json_kstr(&l, "console_log", b->kvm_log);
		sb_printf(&l, ",\"qemu_status\":%d,\"kept\":%s}", b->kvm_status,
			  b->tcg_kept ? "true" : "false");
	}
	sb_puts(&l, ",\"test\":");
	if (t)
		json_str(&l, t->name, strlen(t->name));
	else
		sb_puts(&l, "null");
	if (b->con.panic) {
		sb_putc(&l, ',');
		json_kstr(&l, "panic", b->con.panic);
	}
	if (b->con.guest_error) {
		sb_putc(&l, ',');
		json_kstr(&l, "guest_error", b->con.guest_error);
	}
	if (b->end == VM_FLOOD) {
		sb_putc(&l, ',');
		json_kstr(&l, "flood", b->con.flood);
	}
	/* a crash outside any test has no journal entry for its lines */
	if (!t && b->end != VM_DONE && b->end != VM_STOPPED) {
		char **lines;
		int i, n;

		console_excerpt(&b->con, &lines, &n);
		sb_puts(&l, ",\"excerpt\":[");
		for (i = 0; i < n; i++) {
			if (i)
				sb_putc(&l, ',');
			json_str(&l, lines[i], strlen(lines[i]));
			free(lines[i]);
		}
		sb_putc(&l, ']');
		free(lines);
	}
	sb_puts(&l, "}\n");
	append_file(path, l.s, l.len);
	sb_free(&l);
	free(path);
}

/* The guest's view of the run, copied to the kernel's directory */
static void publish(const struct kctx *x)
{
	char *cmd[] = { "cp", "-a", "--", NULL, NULL, NULL };
	char *src = xasprintf("%s/.", x->rundir);

	cmd[3] = src;
	cmd[4] = x->k->dir;
	if (run_cmd(cmd, NULL, 1))
		warning("cannot copy %s to %s", x->rundir, x->k->dir);
	free(src);
}

static void report(const struct kctx *x)
{
	char *fzrun = xasprintf("%s/tools/fzrun/fzrun", x->c->static_dir);
	char *argv[] = { fzrun, "--report", x->k->dir, NULL };
	char *path = xasprintf("%s/summary.txt", x->k->dir);
	struct sbuf out = {0};

	x->k->status = run_cmd(argv, &out, 1);
	if (x->k->status < 0)
		warning("%s --report %s failed", fzrun, x->k->dir);
	write_file(path, out.s ? out.s : "", out.len);
	fputs(sb_str(&out), stdout);
	fflush(stdout);
	sb_free(&out);
	free(path);
	free(fzrun);
}

/* What ended a boot, in one line */
static const char *end_text(const struct boot *b)
{
	if (b->end == VM_FLOOD)
		return b->con.flood;
	if (b->con.panic)
		return b->con.panic;
	if (b->end == VM_QEMU_FAIL && *console_first(&b->qemu_err))
		return console_first(&b->qemu_err);
	return console_last(&b->con);
}

static void boot_with(struct kctx *x, const char *accel, const char *log,
		      struct boot *b)
{
	char **argv;
	int argc, i;

	if (disk_make(x->img, x->fsdir, x->c->disk_size))
		die(FZVM_EXIT_SETUP, "%s: cannot make the results disk", x->k->label);
	b->accel = accel;
	qemu_argv(x->c, accel, x->k->image, x->initrd, x->img, b->n, &argv,
		  &argc);
	note("%s: boot %d (%s)", x->k->label, b->n, accel);
	boot_run(x->c, argv, x->img, log, b);
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	x->k->run_time += b->t_end - b->t0;
}

/* QEMU ended before the guest printed a byte */
static int died_silently(const struct boot *b)
{
	return b->end == VM_QEMU_FAIL && !b->con.nring;
}

/*
 * KVM failed the boot: QEMU could not run the vCPU, KVM stopped it, or
 * the guest printed nothing for the KVM silence limit
 */
static int kvm_failed(const struct boot *b)
{
	return died_silently(b) || b->kvm_error || b->kvm_silent;
}

/*
 * A boot under KVM whose QEMU died before the guest printed anything
 * (QEMU could not run the vCPU), in which KVM stopped the vCPU (an
 * instruction a nested KVM cannot emulate) or whose guest printed
 * nothing for the KVM silence limit, again under TCG, its console log
 * kept.
 * When TCG gets further, the run stays on TCG; when it fails the same
 * way, KVM was not the cause (a file that is no kernel, a bad QEMU
 * option) and the next boot uses KVM again.
 */
static void retry_without_kvm(struct kctx *x, const char *log, struct boot *b)
{
	char *kvm_log = xasprintf("console/boot-%d-kvm.log", b->n);
	char *path = xasprintf("%s/%s", x->k->dir, kvm_log);
	struct boot retry = { .n = b->n, .console_log = b->console_log,
			      .kvm_log = kvm_log, .kvm_status = b->qemu_status };

	if (rename(log, path))
		warning("cannot rename %s to %s: %s", log, path, strerror(errno));
	if (b->kvm_error) {
		retry.kvm_failed = xasprintf("boot %d: KVM stopped the guest after %.0f s: %s",
					     b->n, b->t_end - b->t0,
					     b->kvm_error);
		note("%s: boot %d: KVM stopped the guest (%s); again under TCG",
		     x->k->label, b->n, b->kvm_error);
	} else if (b->kvm_silent) {
		retry.kvm_failed = xasprintf("boot %d: the guest printed nothing in %.0f s under KVM",
					     b->n, b->t_end - b->t0);
		note("%s: boot %d: the guest printed nothing in %.0f s under KVM; again under TCG",
		     x->k->label, b->n, b->t_end - b->t0);
	} else {
		retry.kvm_failed = xasprintf("boot %d: QEMU with KVM failed before the guest printed anything: %s",
					     b->n, *console_first(&b->qemu_err) ?
					     console_first(&b->qemu_err) :
					     vm_end_names[b->end]);
		note("%s: boot %d: QEMU with KVM failed before the guest printed anything; again under TCG",
		     x->k->label, b->n);
	}
	free(b->kvm_error);
	console_free(&b->con);
	console_free(&b->qemu_err);
	*b = retry;
	boot_with(x, "tcg", log, b);
	b->tcg_kept = !kvm_failed(b);
	if (b->tcg_kept)
		accel_fall_back(b->kvm_failed);
	else
		note("%s: boot %d failed under TCG as well: not KVM's fault, KVM stays",
		     x->k->label, b->n);
	free(path);
}

static void note_accel(const struct kctx *x, const struct boot *b)
{
	struct kresult *k = x->k;
	const char *last = strrchr(k->accel, ',');

	last = last ? last + 1 : k->accel;
	if (strcmp(last, b->accel)) {
		size_t len = strlen(k->accel);

		snprintf(k->accel + len, sizeof(k->accel) - len, "%s%s",
			 len ? "," : "", b->accel);
	}
	free(k->accel_reason);
	k->accel_reason = xstrdup(b->kvm_failed ? b->kvm_failed :
				  accel_get(x->c, 1)->reason);
}

static int one_boot(struct kctx *x, int n, int *progress)
{
	struct kresult *k = x->k;
	const struct jtest *t;
	struct boot b = { .n = n };
	char *log;
	int i, before = 0, started_before = 0, ret = 0;

	if (k->have_journal) {
		before = journal_ended(&k->j);
		for (i = 0; i < k->j.ntests; i++)
			started_before += !!k->j.tests[i].start;
	}
	b.console_log = xasprintf("console/boot-%d.log", n);
	log = xasprintf("%s/%s", k->dir, b.console_log);
	boot_with(x, accel_get(x->c, 0)->name, log, &b);
	if (!strcmp(b.accel, "kvm") && kvm_failed(&b))
		retry_without_kvm(x, log, &b);
	note_accel(x, &b);
	k->boots = n;
	if (n == 1 && b.t_started)
		k->boot_time = b.t_started - b.t0;

	if (!disk_read(x->img, x->rundir)) {
		char *jp = xasprintf("%s/journal.jsonl", x->rundir);

		journal_free(&k->j);
		k->have_journal = !journal_read(&k->j, jp);
		if (!k->have_journal)
			journal_free(&k->j);
		free(jp);
	}
	t = k->have_journal ? journal_running(&k->j) : NULL;
	boot_line(x, &b, t);

	switch (b.end) {
	case VM_DONE:
		if (!k->j.complete) {
			free(k->problem);
			k->problem = xasprintf("fzrun exited with status %d before the end of the run: %s",
					       b.con.fzrun_status,
					       console_find(&b.con, "fzrun: "));
			ret = -1;
		}
		break;
	case VM_STOPPED:
		free(k->problem);
		k->problem = xasprintf("stopped by signal %d", fzvm_stop);
		ret = -1;
		break;
	case VM_GUEST_ERROR:
		free(k->problem);
		k->problem = xasprintf("guest setup failed: %s",
				       b.con.guest_error);
		ret = -1;
		break;
	case VM_BOOT_HANG:
		free(k->problem);
		k->problem = xasprintf("boot %d: fzrun did not start within %.0f s; last console line: %s",
				       n, x->c->boot_timeout,
				       console_last(&b.con));
		break;
	default:
		if (t) {
			k->crashes++;
			note("%s: %s during test %s: %s", k->label,
			     vm_end_names[b.end], t->name, end_text(&b));
			if (crash_record(&k->j, x->rundir, &b, k->release))
				warning("%s: cannot record the crash in %s/journal.jsonl",
				     k->label, x->rundir);
		} else {
			free(k->problem);
			k->problem = xasprintf("boot %d: %s outside any test: %s",
					       n, vm_end_names[b.end],
					       end_text(&b));
			note("%s: %s", k->label, k->problem);
		}
	}
	if (k->have_journal) {
		int started = 0;

		for (i = 0; i < k->j.ntests; i++)
			started += !!k->j.tests[i].start;
		*progress = journal_ended(&k->j) > before ||
			    started > started_before;
		publish(x);
	} else {
		*progress = 0;
	}
	console_free(&b.con);
	console_free(&b.qemu_err);
	free(b.console_log);
	free(b.kvm_error);
	free(b.kvm_failed);
	free(b.kvm_log);
	free(log);
	return ret;
}

void kernel_run(const struct cfg *c, const char *image, const char *label,
		const char *base, struct kresult *k)
{
	struct kctx x = { .c = c, .k = k };
	struct kmods m;
	int n, progress, stalled = 0, limit;
	char *p;

	memset(k, 0, sizeof(*k));
	k->image = xstrdup(image);
	k->release = image_release(image, &k->version);
	if (!k->version)
		warning("%s: no Linux x86 boot header; booting it anyway", image);
	k->label = xstrdup(label);
	k->dir = xasprintf("%s/%s", c->outdir, k->label);
	x.work = xasprintf("%s/.work/%s", c->outdir, k->label);
	x.fsdir = xasprintf("%s/fs", x.work);
	x.rundir = xasprintf("%s/run", x.fsdir);
	x.img = xasprintf("%s/results.img", x.work);
	x.initrd = xasprintf("%s/initrd.img", x.work);
	p = xasprintf("%s/console", k->dir);
	if (mkdir_p(p, 0755) || mkdir_p(x.fsdir, 0755))
		die(FZVM_EXIT_SETUP, "cannot create %s or %s: %s", p, x.fsdir, strerror(errno));
	free(p);
	note("%s: %s", k->label, k->version ? k->version : image);

	needed_modules(&x, k->release, &m);
	if (initrd_kernel(c, base, x.initrd, &m))
		die(FZVM_EXIT_SETUP, "cannot write %s", x.initrd);
	for (n = 0; n < m.n; n++) {
		free(m.v[n].name);
		free(m.v[n].data);
	}
	free(m.v);

	for (n = 1; !fzvm_stop; n++) {
		limit = c->max_boots ? c->max_boots :
			(k->have_journal ? k->j.ntests : 0) + EXTRA_BOOTS;
		if (n > limit) {
			p = xasprintf("gave up after %d boots%s%s", limit,
				      k->problem ? ": " : "",
				      k->problem ? k->problem : "");
			free(k->problem);
			k->problem = p;
			break;
		}
		if (one_boot(&x, n, &progress))
			break;
		if (k->have_journal && k->j.complete)
			break;
		stalled = progress ? 0 : stalled + 1;
		if (stalled >= STALLED_BOOTS_MAX) {
			p = xasprintf("no progress in %d boots in a row%s%s",
				      stalled, k->problem ? ": " : "",
				      k->problem ? k->problem : "");
			free(k->problem);
			k->problem = p;
			break;
		}
	}
	k->complete = k->have_journal && k->j.complete;
	if (k->complete) {
		free(k->problem);
		k->problem = NULL;
	}
	if (k->have_journal)
		report(&x);
	if (k->problem)
		note("%s: run incomplete: %s", k->label, k->problem);
	if (!c->keep)
		rm_rf(x.work);
	free(x.work);
	free(x.fsdir);
	free(x.rundir);
	free(x.img);
	free(x.initrd);
}
