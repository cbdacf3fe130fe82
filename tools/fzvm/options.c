// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzvm's command line.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fzvm.h"

/* A hung guest is one silent this long after its test's timeout */
#define DEFAULT_HANG_MARGIN_S	60
/* A cloud kernel reaches fzrun in seconds, even under TCG */
#define DEFAULT_BOOT_TIMEOUT_S	300
/*
 * A kernel under KVM prints its first line a second or two after QEMU
 * starts. A nested KVM that shadows every page-table write of the guest
 * can run it for minutes without reaching the console, and then stop it
 * at an instruction it cannot emulate; TCG boots the same kernel in
 * seconds.
 */
#define DEFAULT_KVM_SILENCE_S	30
/* A panicking kernel resets at once (panic=-1); one that does not is killed */
#define DEFAULT_PANIC_GRACE_S	15
#define DEFAULT_SMP		2
/* A week: a longer timeout is a typo */
#define MAX_SECONDS		(7 * 24 * 3600)
/* QEMU's limits are higher; more than this on one host is a typo */
#define MAX_SMP			256
#define MAX_BOOTS		100000
/* How far up from fzvm's binary the source tree may be (build/static/...) */
#define ROOT_SEARCH_LEVELS	6

static void usage(FILE *f)
{
	fputs(
"usage: fzvm --kernel [LABEL=]IMAGE [--kernel [LABEL=]IMAGE ...] [options]\n"
"\n"
"Runs runtest lists with fzrun inside QEMU on each kernel image, through\n"
"kernel panics and hangs, and writes per-kernel reports and a test x kernel\n"
"table. Needs a static build (make static), qemu-system-x86, busybox-static\n"
"and e2fsprogs.\n"
"\n"
"  -k, --kernel [LABEL=]IMAGE  kernel image (bzImage/vmlinuz) to test, named\n"
"                         LABEL in the reports (default: its release, with -2,\n"
"                         -3 ... for a release already taken); repeatable\n"
"  -f, --list LIST[,LIST] runtest files (default: races if it exists, else selftest)\n"
"  -o, --output DIR       results directory (default results/fzvm-DATE)\n"
"  -t, --timeout SECONDS  per-test timeout inside the guest (fzrun -t)\n"
"  -s, --select REGEX     only tests matching REGEX (fzrun -s); repeatable\n"
"  -K, --known FILE       known issues (fzrun -K)\n"
"  -b, --bin PATH         extra static test binary, or directory of them\n"
"  -e, --env VAR=VALUE    environment of the guest's fzrun and tests; repeatable\n"
"                         (LTP_* and FZSYNC_* of fzvm's own are passed on)\n"
"      --fzrun-opt OPT    pass OPT to the guest's fzrun; repeatable\n"
"      --qemu-opt OPTS    extra QEMU arguments (split on blanks); repeatable\n"
"      --append ARGS      extra kernel command line; repeatable, in order\n"
"      --no-panic-on-oops  do not add oops=panic panic_on_warn=1\n"
"                         kasan.fault=panic to the kernel command line\n"
"      --cpu MODEL        QEMU CPU model (default: host under KVM,\n"
"                         " TCG_CPU " under TCG)\n"
"      --modules DIR      where the kernels' modules are (DIR/lib/modules/R,\n"
"                         DIR/R or DIR); repeatable\n"
"      --module NAME      also load module NAME in the guest; repeatable\n"
"  -m, --memory SIZE      guest memory (default 1G)\n"
"      --smp N            guest CPUs (default 2)\n"
"      --accel auto|kvm|tcg  (default auto: KVM when a probe start of QEMU\n"
"                         runs guest code with it, else TCG; said in one line)\n"
"      --probe-accel      print the accelerator --accel chooses and why, exit\n"
"      --disk virtio|nvme|ide  how the results disk is attached (default virtio)\n"
"      --disk-size SIZE   results disk size (default 1G, sparse)\n"
"      --hang-margin S    a guest is hung after timeout + kill grace + S\n"
"                         seconds without writing its disk (default 60)\n"
"      --boot-timeout S   seconds until fzrun must have started (default 300)\n"
"      --kvm-silence S    a boot under KVM whose guest has printed nothing\n"
"                         after S seconds runs again under TCG (default 30;\n"
"                         0: never)\n"
"      --max-boots N      boots per kernel at most (default: tests + 3)\n"
"      --static-dir DIR   static build tree (default BUILD/static of the source)\n"
"      --qemu PATH        QEMU binary (default qemu-system-x86_64)\n"
"      --busybox PATH     static busybox (default /bin/busybox)\n"
"  -v, --verbose          stream the tests' output to the console\n"
"      --console          echo the whole guest console\n"
"      --keep             keep the initramfs and disk images (OUT/.work)\n"
"  -h, --help             this help\n"
"\n"
"Every oops, WARN and KASAN report panics the guest kernel (unless\n"
"--no-panic-on-oops): fzvm records it against the running test with the\n"
"kernel's report and boots a fresh kernel for the next one.\n"
"\n"
"--accel auto decides once per run. A boot under KVM whose QEMU dies before\n"
"the guest printed anything, or in which KVM stops the guest (\"KVM internal\n"
"error\"), runs again under TCG, and the run stays on TCG\n"
"when the guest got further there; boots.jsonl and the matrix name each\n"
"kernel's accelerator and why.\n"
"\n"
"Environment: FZVM_KVM_DEV the KVM device looked for (default /dev/kvm);\n"
"FZSYNC_ROOT the source tree; FZVM_STATIC_DIR the static build tree.\n"
"\n"
"Exit status: 0 every test passed or was skipped on every kernel, 1 a test\n"
"failed, broke or crashed a kernel, 2 usage or setup error, 3 a kernel's run\n"
"could not be completed.\n", f);
}

static void push(char ***v, int *n, const char *s)
{
	*v = xrealloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
	(*v)[*n] = NULL;
}

static double seconds(const char *opt, const char *s)
{
	double v;

	if (parse_double(s, 0, MAX_SECONDS, &v))
		die(FZVM_EXIT_SETUP, "%s: not a number of seconds from 0 to %d: %s",
		    opt, MAX_SECONDS, s);
	return v;
}

static int count(const char *opt, const char *s, long max)
{
	long v;

	if (parse_long(s, 1, max, &v))
		die(FZVM_EXIT_SETUP, "%s: not a number from 1 to %ld: %s", opt,
		    max, s);
	return v;
}

/* The source tree: $FZSYNC_ROOT, else up from this binary to runtest/ */
static char *source_root(void)
{
	const char *env = getenv("FZSYNC_ROOT");
	char exe[PATH_MAX], *p, *probe;
	ssize_t n;
	int up;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return xstrdup(".");
	exe[n] = '\0';
	for (up = 0; up < ROOT_SEARCH_LEVELS && (p = strrchr(exe, '/')); up++) {
		*p = '\0';
		probe = xasprintf("%s/runtest", *exe ? exe : "/");
		if (is_dir(probe) && !strstr(exe, "/build/")) {
			free(probe);
			return xstrdup(*exe ? exe : "/");
		}
		free(probe);
	}
	return xstrdup(".");
}

/* A bare list name is one of the source tree's runtest files */
static char *list_path(const char *root, const char *name)
{
	char *p;

	if (strchr(name, '/') || is_file(name))
		return xstrdup(name);
	p = xasprintf("%s/runtest/%s", root, name);
	if (!is_file(p))
		die(FZVM_EXIT_SETUP, "-f %s: no such runtest file (%s)", name, p);
	return p;
}

static void add_lists(struct cfg *c, const char *arg)
{
	char *copy = xstrdup(arg), *s, *save = NULL;

	for (s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		char *p = list_path(c->root, s);

		if (!is_file(p))
			die(FZVM_EXIT_SETUP, "-f %s: no such runtest file", p);
		push(&c->lists, &c->nlists, p);
		free(p);
	}
	free(copy);
}

enum {
	O_QEMU_OPT = 256, O_APPEND, O_MODULES, O_MODULE, O_SMP, O_ACCEL,
	O_DISK, O_DISK_SIZE, O_HANG, O_BOOT, O_KVM_SILENCE, O_MAX_BOOTS, O_STATIC, O_QEMU,
	O_BUSYBOX, O_CONSOLE, O_KEEP, O_FZRUN_OPT, O_PROBE_ACCEL, O_CPU,
	O_NO_PANIC,
};

static const struct option longopts[] = {
	{ "kernel", required_argument, NULL, 'k' },
	{ "list", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "timeout", required_argument, NULL, 't' },
	{ "select", required_argument, NULL, 's' },
	{ "known", required_argument, NULL, 'K' },
	{ "bin", required_argument, NULL, 'b' },
	{ "env", required_argument, NULL, 'e' },
	{ "memory", required_argument, NULL, 'm' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "fzrun-opt", required_argument, NULL, O_FZRUN_OPT },
	{ "qemu-opt", required_argument, NULL, O_QEMU_OPT },
	{ "append", required_argument, NULL, O_APPEND },
	{ "no-panic-on-oops", no_argument, NULL, O_NO_PANIC },
	{ "cpu", required_argument, NULL, O_CPU },
	{ "modules", required_argument, NULL, O_MODULES },
	{ "module", required_argument, NULL, O_MODULE },
	{ "smp", required_argument, NULL, O_SMP },
	{ "accel", required_argument, NULL, O_ACCEL },
	{ "probe-accel", no_argument, NULL, O_PROBE_ACCEL },
	{ "disk", required_argument, NULL, O_DISK },
	{ "disk-size", required_argument, NULL, O_DISK_SIZE },
	{ "hang-margin", required_argument, NULL, O_HANG },
	{ "boot-timeout", required_argument, NULL, O_BOOT },
	{ "kvm-silence", required_argument, NULL, O_KVM_SILENCE },
	{ "max-boots", required_argument, NULL, O_MAX_BOOTS },
	{ "static-dir", required_argument, NULL, O_STATIC },
	{ "qemu", required_argument, NULL, O_QEMU },
	{ "busybox", required_argument, NULL, O_BUSYBOX },
	{ "console", no_argument, NULL, O_CONSOLE },
	{ "keep", no_argument, NULL, O_KEEP },
	{ NULL, 0, NULL, 0 },
};

/* A label names a results directory and a matrix column */
static int label_ok(const char *s, size_t n)
{
	size_t i;

	if (!n || (n == 1 && *s == '.') || (n == 2 && !strncmp(s, "..", 2)))
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._+-", s[i]))
			return 0;
	return 1;
}

/*
 * --kernel [LABEL=]IMAGE: the text before the first '=' is a label when
 * it has no '/' and the whole argument is not a file of that name.
 */
static void add_kernel(struct cfg *c, const char *arg)
{
	const char *eq = strchr(arg, '='), *image = arg;
	char *label = NULL;
	int i;

	if (eq && !memchr(arg, '/', eq - arg) && !is_file(arg)) {
		if (!label_ok(arg, eq - arg))
			die(FZVM_EXIT_SETUP, "--kernel %s: the label '%.*s' may only have letters, digits and . _ + -",
			    arg, (int)(eq - arg), arg);
		label = xasprintf("%.*s", (int)(eq - arg), arg);
		image = eq + 1;
	}
	if (!is_file(image))
		die(FZVM_EXIT_SETUP, "--kernel %s: no such file", image);
	for (i = 0; label && i < c->nkernels; i++)
		if (c->klabels[i] && !strcmp(c->klabels[i], label))
			die(FZVM_EXIT_SETUP, "--kernel %s: the label %s is already given to %s",
			    arg, label, c->kernels[i]);
	push(&c->kernels, &c->nkernels, image);
	c->klabels = xrealloc(c->klabels, c->nkernels * sizeof(*c->klabels));
	c->klabels[c->nkernels - 1] = label;
}

static char *default_outdir(void)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	return xasprintf("results/fzvm-%s", stamp);
}

void cfg_parse(struct cfg *c, int argc, char *argv[])
{
	char *lists = NULL, *p;
	int o, i;

	memset(c, 0, sizeof(*c));
	c->kill_grace = FZRUN_KILL_GRACE_S;
	c->hang_margin = DEFAULT_HANG_MARGIN_S;
	c->boot_timeout = DEFAULT_BOOT_TIMEOUT_S;
	c->kvm_silence = DEFAULT_KVM_SILENCE_S;
	c->panic_grace = DEFAULT_PANIC_GRACE_S;
	c->memory = "1G";
	c->smp = DEFAULT_SMP;
	c->accel = "auto";
	c->disk = "virtio";
	c->disk_size = "1G";
	c->qemu = "qemu-system-x86_64";
	c->busybox = "/bin/busybox";
	c->root = source_root();

	while ((o = getopt_long(argc, argv, "k:f:o:t:s:K:b:e:m:vh", longopts,
				NULL)) != -1) {
		switch (o) {
		case 'k':
			add_kernel(c, optarg);
			break;
		case 'f':
			p = lists ? xasprintf("%s,%s", lists, optarg) :
				    xstrdup(optarg);
			free(lists);
			lists = p;
			break;
		case 'o': c->outdir = xstrdup(optarg); break;
		case 't': c->timeout = seconds("-t", optarg); break;
		case 's': push(&c->select, &c->nselect, optarg); break;
		case 'K':
			if (!is_file(optarg))
				die(FZVM_EXIT_SETUP, "-K %s: no such file", optarg);
			c->known_file = xstrdup(optarg);
			break;
		case 'b': push(&c->bins, &c->nbins, optarg); break;
		case 'e':
			if (!strchr(optarg, '=') || *optarg == '=' ||
			    strchr(optarg, '\n'))
				die(FZVM_EXIT_SETUP, "-e %s: not VAR=VALUE", optarg);
			push(&c->env, &c->nenv, optarg);
			break;
		case 'm': c->memory = optarg; break;
		case 'v': c->verbose = 1; break;
		case 'h': usage(stdout); exit(0);
		case O_FZRUN_OPT:
			push(&c->fzrun_opts, &c->nfzrun_opts, optarg);
			break;
		case O_QEMU_OPT:
			push(&c->qemu_opts, &c->nqemu_opts, optarg);
			break;
		case O_APPEND:
			if (strchr(optarg, '\n'))
				die(FZVM_EXIT_SETUP, "--append: a kernel command line has no newline");
			p = c->append ? xasprintf("%s %s", c->append, optarg) :
				xstrdup(optarg);
			free(c->append);
			c->append = p;
			break;
		case O_NO_PANIC: c->no_panic = 1; break;
		case O_CPU:
			if (!*optarg || strpbrk(optarg, " \t\n"))
				die(FZVM_EXIT_SETUP, "--cpu '%s': one QEMU CPU model, e.g. max,la57=off",
				    optarg);
			c->cpu = optarg;
			break;
		case O_MODULES:
			push(&c->module_dirs, &c->nmodule_dirs, optarg);
			break;
		case O_MODULE: push(&c->modules, &c->nmodules, optarg); break;
		case O_SMP:
			c->smp = count("--smp", optarg, MAX_SMP);
			break;
		case O_ACCEL:
			if (strcmp(optarg, "auto") && strcmp(optarg, "kvm") &&
			    strcmp(optarg, "tcg"))
				die(FZVM_EXIT_SETUP, "--accel %s: auto, kvm or tcg", optarg);
			c->accel = optarg;
			break;
		case O_DISK:
			if (strcmp(optarg, "virtio") && strcmp(optarg, "nvme") &&
			    strcmp(optarg, "ide"))
				die(FZVM_EXIT_SETUP, "--disk %s: virtio, nvme or ide", optarg);
			c->disk = optarg;
			break;
		case O_DISK_SIZE: c->disk_size = optarg; break;
		case O_HANG:
			c->hang_margin = seconds("--hang-margin", optarg);
			break;
		case O_BOOT:
			c->boot_timeout = seconds("--boot-timeout", optarg);
			break;
		case O_KVM_SILENCE:
			c->kvm_silence = seconds("--kvm-silence", optarg);
			break;
		case O_MAX_BOOTS:
			c->max_boots = count("--max-boots", optarg, MAX_BOOTS);
			break;
		case O_STATIC: c->static_dir = xstrdup(optarg); break;
		case O_QEMU: c->qemu = optarg; break;
		case O_BUSYBOX: c->busybox = optarg; break;
		case O_CONSOLE: c->console = 1; break;
		case O_KEEP: c->keep = 1; break;
		case O_PROBE_ACCEL: c->probe_accel = 1; break;
		default:
			fprintf(stderr, "fzvm: try fzvm --help\n");
			exit(FZVM_EXIT_SETUP);
		}
	}
	if (optind < argc)
		die(FZVM_EXIT_SETUP, "unexpected argument '%s'; try fzvm --help", argv[optind]);
	if (c->probe_accel)
		return;
	if (!c->nkernels)
		die(FZVM_EXIT_SETUP, "no --kernel given; try fzvm --help");

	if (!lists) {
		p = xasprintf("%s/runtest/races", c->root);
		lists = xstrdup(is_file(p) ? "races" : "selftest");
		free(p);
	}
	add_lists(c, lists);
	free(lists);
	for (i = 0; i < c->nlists; i++) {
		const char *bi = strrchr(c->lists[i], '/');
		int j;

		for (j = 0; j < i; j++) {
			const char *bj = strrchr(c->lists[j], '/');

			if (!strcmp(bi ? bi : c->lists[i], bj ? bj : c->lists[j]))
				die(FZVM_EXIT_SETUP, "two runtest files named %s", bi ? bi + 1 : c->lists[i]);
		}
	}
	if (!c->static_dir) {
		const char *env = getenv("FZVM_STATIC_DIR");

		c->static_dir = env && *env ? xstrdup(env) :
				xasprintf("%s/build/static", c->root);
	}
	if (!c->outdir)
		c->outdir = default_outdir();
}

double cfg_test_timeout(const struct cfg *c)
{
	const char *mul = getenv("LTP_TIMEOUT_MUL");
	double m = mul ? atof(mul) : 1;

	if (c->timeout > 0)
		return c->timeout;
	return FZRUN_TIMEOUT_S * (m > 1 ? m : 1);
}
