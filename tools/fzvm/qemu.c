// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One boot: QEMU with the serial console on a pipe, watched until it
 * exits or has to be killed.
 *
 * - A panic: the console shows "Kernel panic - not syncing"; panic=-1
 *   makes the kernel reset at once and -no-reboot turns the reset into
 *   QEMU's exit. A kernel that does not get that far is killed after
 *   the panic grace time.
 * - A hang: no write to the results disk for the test timeout, fzrun's
 *   kill grace and a margin. fzrun writes its journal at the end of
 *   every test, also of one it had to kill, so a guest that stays silent
 *   on its disk that long is no longer running fzrun. Console output
 *   does not count as life: a locked-up kernel keeps printing soft
 *   lockup reports.
 * - Before fzrun starts, the boot timeout applies. Under KVM, a guest
 *   that has printed nothing after the KVM silence limit is killed too
 *   (kernel.c runs the boot again under TCG).
 * - A console flood (console.c) ends the boot at once.
 *
 * The kernel command line makes every oops, WARN and KASAN report a
 * panic (PANIC_ARGS, unless --no-panic-on-oops). A kernel that goes on
 * after an oops is tainted D or W: every later test of the boot would
 * then end in TCONF ("kernel already tainted") or run on a kernel in an
 * unknown state (locks held by the oopsed task, freed memory in use).
 * A panic instead charges the report to the test that caused it, with
 * its console lines, and the next test runs on a freshly booted kernel;
 * for the catalogue, whose tests fail on new W or D taint anyway, it
 * changes no verdict.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "fzvm.h"

const char *const vm_end_names[] = {
	[VM_DONE] = "done", [VM_PANIC] = "kernel panic",
	[VM_HANG] = "kernel hang", [VM_BOOT_HANG] = "boot hang",
	[VM_RESET] = "unexpected reset", [VM_GUEST_ERROR] = "guest setup failed",
	[VM_QEMU_FAIL] = "QEMU failed", [VM_STOPPED] = "stopped",
	[VM_FLOOD] = "console flood",
};

volatile int fzvm_stop;

static void on_signal(int sig)
{
	fzvm_stop = sig;
}

void stop_signals_init(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void add(char ***argv, int *argc, const char *s)
{
	*argv = xrealloc(*argv, (*argc + 2) * sizeof(**argv));
	(*argv)[(*argc)++] = xstrdup(s);
	(*argv)[*argc] = NULL;
}

void qemu_argv(const struct cfg *c, const char *accel, const char *kernel,
	       const char *initrd, const char *img, int boot, char ***argv,
	       int *argc)
{
	int kvm = !strcmp(accel, "kvm");
	char *s;
	int i;

	*argv = NULL;
	*argc = 0;
	add(argv, argc, c->qemu);
	add(argv, argc, "-nodefaults");
	add(argv, argc, "-no-user-config");
	add(argv, argc, "-display");
	add(argv, argc, "none");
	add(argv, argc, "-no-reboot");
	add(argv, argc, "-accel");
	add(argv, argc, kvm ? "kvm" : "tcg");
	add(argv, argc, "-cpu");
	add(argv, argc, c->cpu ? c->cpu : kvm ? "host" : TCG_CPU);
	add(argv, argc, "-m");
	add(argv, argc, c->memory);
	add(argv, argc, "-smp");
	s = xasprintf("%d", c->smp);
	add(argv, argc, s);
	free(s);
	add(argv, argc, "-serial");
	add(argv, argc, "stdio");
	add(argv, argc, "-kernel");
	add(argv, argc, kernel);
	add(argv, argc, "-initrd");
	add(argv, argc, initrd);
	/*
	 * Under TCG every vCPU's TSC is the host's clock, but the kernel's
	 * boot-time sync check sees emulation jitter as warps and falls
	 * back to the HPET, whose 32-bit counter at 100 MHz wraps every
	 * 43 s: CLOCK_MONOTONIC then jumps by that much on a busy host and
	 * the tests' own timeouts fire at once.
	 */
	add(argv, argc, "-append");
	s = xasprintf("console=ttyS0 panic=-1 fzvm.boot=%d%s%s%s%s", boot,
		      kvm ? "" : " tsc=reliable",
		      c->no_panic ? "" : " " PANIC_ARGS, c->append ? " " : "",
		      c->append ? c->append : "");
	add(argv, argc, s);
	free(s);
	/*
	 * cache=unsafe: only the guest may crash here, and everything QEMU
	 * wrote is in the host's page cache whatever the guest did next.
	 */
	add(argv, argc, "-drive");
	s = xasprintf("file=%s,format=raw,if=none,id=results,cache=unsafe", img);
	add(argv, argc, s);
	free(s);
	add(argv, argc, "-device");
	if (!strcmp(c->disk, "nvme"))
		add(argv, argc, "nvme,drive=results,serial=fzvm");
	else if (!strcmp(c->disk, "ide"))
		add(argv, argc, "ide-hd,drive=results");
	else
		add(argv, argc, "virtio-blk-pci,drive=results");
	for (i = 0; i < c->nqemu_opts; i++)
		split_words(c->qemu_opts[i], argv, argc);
}

pid_t qemu_spawn(char **argv, int *outfd, int *errfd)
{
	int out[2], err[2];
	pid_t pid;

	if (pipe2(out, O_CLOEXEC))
		return -1;
	if (pipe2(err, O_CLOEXEC)) {
		close(out[0]);
		close(out[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close(out[0]);
		close(out[1]);
		close(err[0]);
		close(err[1]);
		return -1;
	}
	if (!pid) {
		int null = open("/dev/null", O_RDONLY);

		/* never outlive fzvm, whatever kills it */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setpgid(0, 0);
		dup2(null, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		execvp(argv[0], argv);
		fprintf(stderr, "fzvm: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	*outfd = out[0];
	*errfd = err[0];
	return pid;
}

static int disk_changed(const char *img, struct timespec *last)
{
	struct stat st;

	if (stat(img, &st))
		return 0;
	if (st.st_mtim.tv_sec == last->tv_sec &&
	    st.st_mtim.tv_nsec == last->tv_nsec)
		return 0;
	*last = st.st_mtim;
	return 1;
}

/*
 * QEMU's lines for a vCPU that KVM could not run on: after them QEMU
 * pauses the guest and waits, so the boot would only end at its timeout
 */
static const char *const kvm_error_prefixes[] = {
	"KVM internal error",
	"KVM: entry failed",
	"error: kvm run failed",
};

static const char *kvm_error_line(const struct console *k)
{
	const char *line;
	size_t i;

	for (i = 0; i < sizeof(kvm_error_prefixes) / sizeof(*kvm_error_prefixes); i++) {
		line = console_find(k, kvm_error_prefixes[i]);
		if (!strncmp(line, kvm_error_prefixes[i],
			     strlen(kvm_error_prefixes[i])))
			return line;
	}
	return NULL;
}

void boot_run(const struct cfg *c, char **argv, const char *img,
	      const char *logpath, struct boot *b)
{
	double panic_at = 0, done_at = 0, progress, now, limit = -1;
	const char *kvm_line;
	int fd[2], logfd, status, killed = 0, open_fds = 2, under_kvm, i;
	struct timespec mt = {0};
	char buf[65536];
	pid_t pid;
	ssize_t n;

	logfd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (logfd < 0)
		die(FZVM_EXIT_SETUP, "cannot create %s: %s", logpath, strerror(errno));
	console_init(&b->con, logfd, c->console ? 2 : 1);
	/* QEMU says little, and what it says matters */
	console_init(&b->qemu_err, logfd, 2);
	b->hang_after = cfg_test_timeout(c) + c->kill_grace + c->hang_margin;
	b->end = VM_QEMU_FAIL;
	b->t0 = progress = now_mono();
	disk_changed(img, &mt);
	pid = qemu_spawn(argv, &fd[0], &fd[1]);
	if (pid < 0)
		die(FZVM_EXIT_SETUP, "cannot start %s: %s", argv[0], strerror(errno));

	while (open_fds) {
		struct pollfd p[2] = {
			{ .fd = fd[0], .events = POLLIN },
			{ .fd = fd[1], .events = POLLIN },
		};

		if (poll(p, 2, 500) > 0) {
			for (i = 0; i < 2; i++) {
				if (fd[i] < 0 || !p[i].revents)
					continue;
				n = read(fd[i], buf, sizeof(buf));
				if (n > 0) {
					console_feed(i ? &b->qemu_err : &b->con,
						     buf, n);
				} else if (n == 0 || errno != EINTR) {
					close(fd[i]);
					fd[i] = -1;
					open_fds--;
				}
			}
		}
		now = now_mono();
		if (b->con.started && !b->t_started) {
			b->t_started = now;
			progress = now;
		}
		if (disk_changed(img, &mt))
			progress = now;
		if (killed)
			continue;
		if (b->con.panic && !panic_at)
			panic_at = now;
		under_kvm = b->accel && !strcmp(b->accel, "kvm");
		if (!b->kvm_error && under_kvm &&
		    (kvm_line = kvm_error_line(&b->qemu_err)))
			b->kvm_error = xstrdup(kvm_line);
		if (under_kvm && !b->con.nring && c->kvm_silence > 0 &&
		    now - b->t0 > c->kvm_silence)
			b->kvm_silent = 1;
		if ((b->con.fzrun_status >= 0 || b->con.guest_error) &&
		    !done_at)
			done_at = now;
		if (fzvm_stop) {
			b->end = VM_STOPPED;
		} else if (b->kvm_error || b->kvm_silent) {
			b->end = VM_QEMU_FAIL;
		} else if (b->con.flood && !panic_at) {
			/* a panic that follows its report needs no cut */
			b->end = VM_FLOOD;
		} else if (panic_at && now - panic_at > c->panic_grace) {
			b->end = VM_PANIC;
		} else if (done_at && now - done_at > c->panic_grace) {
			/* the init is done, the reset did not happen */
			b->end = b->con.guest_error ? VM_GUEST_ERROR : VM_DONE;
		} else if (!panic_at && !b->con.started &&
			   now - b->t0 > c->boot_timeout) {
			b->end = VM_BOOT_HANG;
			limit = c->boot_timeout;
		} else if (!panic_at && b->con.started &&
			   b->con.fzrun_status < 0 &&
			   now - progress > b->hang_after) {
			b->end = VM_HANG;
			limit = b->hang_after;
		} else {
			continue;
		}
		/* QEMU and anything it started: its own process group */
		kill(-pid, SIGKILL);
		killed = 1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	b->t_end = now_mono();
	console_flush(&b->con);
	console_flush(&b->qemu_err);
	b->qemu_status = WIFEXITED(status) ? WEXITSTATUS(status) :
			 -WTERMSIG(status);

	if (!killed) {
		if (b->con.panic)
			b->end = VM_PANIC;
		else if (b->con.guest_error)
			b->end = VM_GUEST_ERROR;
		else if (b->con.fzrun_status >= 0)
			b->end = VM_DONE;
		else if (b->qemu_status == 0)
			b->end = VM_RESET;
		else
			b->end = VM_QEMU_FAIL;
	}
	if (b->end == VM_FLOOD) {
		struct sbuf note = {0};

		sb_printf(&note, "\n[fzvm] console flood: %s; QEMU killed\n",
			  b->con.flood);
		write_all(logfd, note.s, note.len);
		sb_free(&note);
	}
	if (limit > 0) {
		char note[160];

		snprintf(note, sizeof(note),
			 b->end == VM_HANG ?
			 "\n[fzvm] kernel hang: nothing written to the results disk for %.0f s; QEMU killed\n" :
			 "\n[fzvm] boot hang: fzrun did not start within %.0f s; QEMU killed\n",
			 limit);
		write_all(logfd, note, strlen(note));
	}
	close(logfd);
	b->con.fd = b->qemu_err.fd = -1;
}
