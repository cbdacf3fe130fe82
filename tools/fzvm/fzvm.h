/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fzvm: the catalogue on kernel images in QEMU, through kernel panics.
 *
 * The host builds one initramfs (static test binaries, a static fzrun,
 * busybox, the runtest lists, and fzvm itself as /init) and, per
 * kernel, a results disk: an ext3 image that the guest's fzrun keeps
 * its journal on. Between boots the host reads the disk back with
 * e2fsprogs (the image survives whatever the guest kernel did), records
 * a test that took the kernel down, and boots again; fzrun --resume
 * goes on with the next test.
 */
#ifndef FZVM_H
#define FZVM_H

#include <stddef.h>
#include <sys/types.h>

#include "alloc.h"
#include "clock.h"
#include "command.h"
#include "files.h"
#include "fzrun_defaults.h"
#include "journal.h"
#include "json.h"
#include "msg.h"
#include "numbers.h"
#include "strbuf.h"

/* Exit statuses of fzvm */
#define FZVM_EXIT_OK		0	/* every test passed, was TCONF or known */
#define FZVM_EXIT_FAIL		1	/* a test failed, broke or crashed a kernel */
#define FZVM_EXIT_SETUP		2	/* usage error, or the host lacks something */
#define FZVM_EXIT_INCOMPLETE	3	/* a kernel's run was not completed */

#define RESULTS_LABEL	"fzvm-results"
#define GUEST_CONFIG	"/fzvm/config"
#define GUEST_ROOT	"/fzsync"
#define GUEST_RUN_DIR	"/results/run"
/* Lines the guest's init writes to the console for the host */
#define MARK_PREFIX	"fzvm-init: "
#define MARK_START	"fzvm-init: starting fzrun"
#define MARK_EXIT	"fzvm-init: fzrun exited with status "
#define MARK_ERROR	"fzvm-init: error: "
#define PANIC_TEXT	"Kernel panic - not syncing"

/*
 * The CPU model of TCG boots. QEMU's "max" has LA57 under TCG, and a
 * kernel with 5-level paging and KASAN sometimes takes a wild-memory
 * access in its first interrupt (doc/stable-tree.md, "Kernel command
 * line and CPU"); 4-level paging boots reliably.
 */
#define TCG_CPU		"max,la57=off"
/* What makes every oops, WARN and KASAN report a panic that fzvm can
 * record against the test; a kernel without KASAN ignores the dotted
 * parameter */
#define PANIC_ARGS	"oops=panic panic_on_warn=1 kasan.fault=panic"

/* Options; see usage() in options.c */
struct cfg {
	char **kernels;
	char **klabels;		/* --kernel LABEL=, NULL where none */
	int nkernels;
	char **lists;
	int nlists;
	char *outdir;
	double timeout;		/* 0: fzrun's default */
	double kill_grace;
	double hang_margin;
	double boot_timeout;
	double kvm_silence;	/* a silent KVM boot is killed after it */
	double panic_grace;
	char **qemu_opts;
	int nqemu_opts;
	char *append;		/* the --append options, blank separated */
	int no_panic;		/* --no-panic-on-oops */
	char *cpu;		/* --cpu, NULL: host (KVM), TCG_CPU (TCG) */
	char **module_dirs;
	int nmodule_dirs;
	char **modules;
	int nmodules;
	char *memory;
	int smp;
	char *accel;		/* auto, kvm, tcg */
	char *disk;		/* virtio, nvme, ide */
	char *disk_size;
	char *static_dir;
	char **bins;
	int nbins;
	char **select;
	int nselect;
	char *known_file;
	char **fzrun_opts;
	int nfzrun_opts;
	char **env;		/* VAR=VALUE for the guest */
	int nenv;
	int verbose;
	int console;
	int max_boots;
	char *qemu;
	char *busybox;
	char *root;		/* source tree */
	int keep;
	int probe_accel;	/* print the accelerator choice and exit */
};

void cfg_parse(struct cfg *c, int argc, char *argv[]);
/* fzrun's timeout as the guest will apply it, for hang detection */
double cfg_test_timeout(const struct cfg *c);

/* kimage.c: "6.1.0-56-cloud-amd64 (debian-kernel@...) #1 SMP ..." */
char *kimage_version(const char *path);
char *kimage_release(const char *version);

/* kmod.c: modules the guest loads, dependencies first */
struct kmod {
	char *name;
	char *data;
	size_t len;
};

struct kmods {
	const char *dir;
	struct kmod *v;
	int n;
};

int kmods_resolve(struct kmods *m, const char *dir, char **want, int nwant);

/* initrd.c */
int initrd_base(const struct cfg *c, const char *path);
int initrd_kernel(const struct cfg *c, const char *base, const char *path,
		  const struct kmods *m);

/* disk.c: the results disk, through e2fsprogs */
int disk_make(const char *img, const char *srcdir, const char *size);
/* Copy the disk's run directory to @dst (replaced); 0 when there was one */
int disk_read(const char *img, const char *dst);

/* console.c: what the guest printed */
#define RING_LINES	200
/* Distinct kernel report lines counted for flood detection */
#define TITLE_SLOTS	8

struct console {
	int fd;			/* the boot's console log */
	char line[2048];
	size_t len;
	char *ring[RING_LINES];
	int nring;		/* lines seen */
	size_t bytes;		/* bytes seen */
	/* The report that began since the last test ended, from a few
	 * lines before its first line: its head, and the line number
	 * after the head's last line */
	char **report;
	int nreport, report_end;
	/* Kernel report lines seen, and how often */
	char *titles[TITLE_SLOTS];
	int title_n[TITLE_SLOTS];
	char *flood;		/* why the console is a flood, NULL if not */
	char *panic;		/* the "Kernel panic" line */
	char *guest_error;
	int started;		/* fzrun started */
	int fzrun_status;	/* -1: not seen */
	int echo;		/* 0 quiet, 1 user space lines, 2 all */
	double last_output;
};

void console_init(struct console *k, int fd, int echo);
void console_feed(struct console *k, const char *buf, size_t n);
void console_flush(struct console *k);
/*
 * The console lines of a crash: from a few lines before the first kernel
 * report line since the last test ended (its head, bounded), then the
 * last lines; without a report, the last lines
 */
void console_excerpt(const struct console *k, char ***lines, int *n);
const char *console_last(const struct console *k);
/* The first non-empty line still kept, else "" */
const char *console_first(const struct console *k);
/* The last line starting with @prefix, else the last line */
const char *console_find(const struct console *k, const char *prefix);
void console_free(struct console *k);

/* qemu.c: one boot */
enum vm_end {
	VM_DONE,		/* the guest's init powered off after fzrun */
	VM_PANIC,
	VM_HANG,
	VM_BOOT_HANG,		/* fzrun never started */
	VM_RESET,		/* the guest reset or powered off by itself */
	VM_GUEST_ERROR,		/* the init could not set up */
	VM_QEMU_FAIL,		/* QEMU failed or was killed */
	VM_FLOOD,		/* the console flooded; QEMU was killed */
	VM_STOPPED,		/* fzvm was told to stop */
};

extern const char *const vm_end_names[];

struct boot {
	int n;
	enum vm_end end;
	int qemu_status;	/* exit status, or -signal */
	double t0, t_started, t_end;	/* monotonic */
	double hang_after;
	struct console con;	/* the guest's serial console */
	struct console qemu_err; /* QEMU's own messages (its stderr) */
	char *console_log;	/* relative to the kernel's directory */
	const char *accel;	/* what the boot ran with: kvm or tcg */
	/* QEMU's line that KVM stopped the vCPU (an emulation failure of
	 * a nested KVM): QEMU then waits, paused, and was killed */
	char *kvm_error;
	/* Under KVM, the guest printed nothing for cfg.kvm_silence s */
	int kvm_silent;
	/* A KVM attempt that died before the guest printed anything, or
	 * that KVM stopped */
	char *kvm_failed;	/* why, or NULL when there was none */
	char *kvm_log;		/* its console log */
	int kvm_status;		/* its QEMU exit status, or -signal */
	int tcg_kept;		/* TCG got further: the run stays on it */
};

extern volatile int fzvm_stop;
void stop_signals_init(void);
/* @argv with stdin on /dev/null, stdout on *@outfd and stderr on *@errfd */
pid_t qemu_spawn(char **argv, int *outfd, int *errfd);
/* @accel: "kvm" or "tcg" */
void qemu_argv(const struct cfg *c, const char *accel, const char *kernel,
	       const char *initrd, const char *img, int boot, char ***argv,
	       int *argc);
void boot_run(const struct cfg *c, char **argv, const char *img,
	      const char *logpath, struct boot *b);

/* accel.c: KVM or TCG, chosen once per run */
struct accel {
	const char *name;	/* "kvm" or "tcg" */
	char *reason;		/* one line: why */
};

/* The choice, made (and said, unless @quiet) at the first call */
const struct accel *accel_get(const struct cfg *c, int quiet);
/* KVM failed in a boot: TCG for the rest of the run, for @reason */
void accel_fall_back(const char *reason);

/* crash.c: record the test a kernel crash or hang took down */
int crash_record(struct journal *j, const char *rundir, const struct boot *b,
		 const char *release);

/* kernel.c: all boots of one kernel */
struct kresult {
	char *image;
	char *version;
	char *release;
	char *label;
	char *dir;
	int boots;
	int crashes;
	double boot_time;	/* first boot until fzrun started */
	double run_time;	/* all boots, start to end */
	int complete;
	char *problem;		/* why the run is incomplete */
	struct journal j;
	int have_journal;
	int status;		/* fzrun --report's exit status */
	char accel[16];		/* accelerators of the boots: kvm, tcg, kvm,tcg */
	char *accel_reason;	/* why the last boot used its accelerator */
};

/* Each kernel's label: --kernel LABEL=, else its release made unique
 * among the run's labels and the results directory's entries */
char **kernel_labels(const struct cfg *c);
void kernel_run(const struct cfg *c, const char *image, const char *label,
		const char *base, struct kresult *k);

/* matrix.c */
void matrix_write(const struct cfg *c, struct kresult *k, int n);

/* guest.c: /init inside the VM */
int guest_main(void);

#endif /* FZVM_H */
