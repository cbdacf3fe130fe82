// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The accelerator of the run's boots, chosen once per fzvm invocation.
 *
 * An openable /dev/kvm does not mean QEMU can run a vCPU with it: under
 * nested virtualisation the host's KVM may lack MSRs that QEMU sets for
 * "-cpu host", and QEMU aborts before the guest runs a single
 * instruction. --accel auto therefore starts QEMU once with KVM, the
 * boots' CPU model, a few MiB of memory and the firmware's debug console
 * on a pipe: a line there was written by guest code (SeaBIOS prints its
 * version first), so the vCPU ran. Anything else within the deadline
 * (QEMU exiting, an error, silence) means TCG, with QEMU's own first
 * error line as the reason.
 *
 * A boot under KVM that still dies before the guest printed anything
 * (--accel kvm, or a probe that passed) is retried with TCG, and the run
 * stays on TCG from then on (accel_fall_back()).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fzvm.h"

/* fzvm's own look for KVM; settable so that tests can fake one */
#define KVM_DEV_ENV	"FZVM_KVM_DEV"
#define KVM_DEV		"/dev/kvm"
/* SeaBIOS's first line comes within milliseconds under KVM */
#define PROBE_SECONDS	10
/* MiB; SeaBIOS needs little, and the probe must not press the host */
#define PROBE_MEMORY	"16"
/* where SeaBIOS writes its debug output (QEMU's default is 0xe9) */
#define DEBUGCON_PORT	"isa-debugcon.iobase=0x402"

static struct accel chosen;

/* Enough of a line to name what QEMU or the firmware said */
#define LINE_MAX_SHOWN	200

/*
 * @buf's first non-empty line without its end, cut at LINE_MAX_SHOWN;
 * NULL when there is none (with @whole, none that is complete).
 */
static char *first_line(const char *buf, int whole)
{
	size_t n;

	buf += strspn(buf, "\r\n");
	n = strcspn(buf, "\r\n");
	if (!n || (whole && !buf[n]))
		return NULL;
	return xasprintf("%.*s", (int)(n < LINE_MAX_SHOWN ? n : LINE_MAX_SHOWN),
			 buf);
}

static char *exit_reason(int status)
{
	if (WIFSIGNALED(status))
		return xasprintf("KVM unusable: QEMU killed by signal %d (%s) before the guest ran",
				 WTERMSIG(status), strsignal(WTERMSIG(status)));
	return xasprintf("KVM unusable: QEMU exited with status %d before the guest ran",
			 WEXITSTATUS(status));
}

/*
 * QEMU with KVM until the guest writes a line to the debug console.
 * Returns 1 with the line in @why, or 0 with the reason it did not.
 */
static int probe(const struct cfg *c, char **why)
{
	char *argv[] = {
		c->qemu, "-nodefaults", "-no-user-config", "-display", "none",
		"-no-reboot", "-accel", "kvm", "-cpu", c->cpu ? c->cpu : "host",
		"-m", PROBE_MEMORY, "-smp", "1", "-serial", "none",
		"-debugcon", "stdio", "-global", DEBUGCON_PORT, NULL,
	};
	struct sbuf out = {0}, err = {0};
	double deadline = now_mono() + PROBE_SECONDS;
	int fd[2], open_fds = 2, status = 0, ran = 0, i;
	char buf[4096], *line = NULL;
	pid_t pid;
	ssize_t n;

	pid = qemu_spawn(argv, &fd[0], &fd[1]);
	if (pid < 0) {
		*why = xasprintf("KVM unusable: cannot start %s: %s", c->qemu,
				 strerror(errno));
		return 0;
	}
	while (open_fds && !ran && now_mono() < deadline) {
		struct pollfd p[2] = {
			{ .fd = fd[0], .events = POLLIN },
			{ .fd = fd[1], .events = POLLIN },
		};

		if (poll(p, 2, 100) <= 0)
			continue;
		for (i = 0; i < 2; i++) {
			if (fd[i] < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(fd[i], buf, sizeof(buf));
			if (n > 0) {
				sb_add(i ? &err : &out, buf, n);
			} else if (n == 0 || errno != EINTR) {
				close(fd[i]);
				fd[i] = -1;
				open_fds--;
			}
		}
		line = first_line(sb_str(&out), 1);
		ran = !!line;
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	for (i = 0; i < 2; i++)
		if (fd[i] >= 0)
			close(fd[i]);

	if (!ran)
		line = first_line(sb_str(&err), 0);
	if (ran)
		*why = xasprintf("QEMU ran guest code under KVM (debug console: %s)",
				 line);
	else if (line)
		*why = xasprintf("KVM unusable: %s", line);
	else if (!open_fds)
		*why = exit_reason(status);
	else
		*why = xasprintf("KVM unusable: no guest output within %d s",
				 PROBE_SECONDS);
	free(line);
	sb_free(&out);
	sb_free(&err);
	return ran;
}

static void choose(const struct cfg *c)
{
	const char *dev = getenv(KVM_DEV_ENV);
	int fd;

	if (!dev || !*dev)
		dev = KVM_DEV;
	if (strcmp(c->accel, "auto")) {
		chosen.name = c->accel;
		chosen.reason = xasprintf("as --accel %s asks", c->accel);
		return;
	}
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		chosen.name = "tcg";
		chosen.reason = xasprintf("no KVM: %s: %s", dev, strerror(errno));
		return;
	}
	close(fd);
	chosen.name = probe(c, &chosen.reason) ? "kvm" : "tcg";
}

const struct accel *accel_get(const struct cfg *c, int quiet)
{
	if (!chosen.name) {
		choose(c);
		if (!quiet)
			note("accel %s: %s", chosen.name, chosen.reason);
	}
	return &chosen;
}

void accel_fall_back(const char *reason)
{
	chosen.name = "tcg";
	free(chosen.reason);
	chosen.reason = xstrdup(reason);
	note("accel tcg from now on: %s", reason);
}
