// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzvm: runs the catalogue with fzrun inside QEMU on one kernel image or
 * a series of them, through panics and hangs of the kernel under test.
 *
 * The same binary is the guest's /init: started as process 1 it sets up
 * the guest and runs fzrun there (guest.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fzvm.h"

static void check_tools(const struct cfg *c)
{
	const struct { const char *cmd, *pkg; } need[] = {
		{ c->qemu, "qemu-system-x86" },
		{ c->busybox, "busybox-static" },
		{ "mke2fs", "e2fsprogs" },
		{ "e2fsck", "e2fsprogs" },
		{ "debugfs", "e2fsprogs" },
	};
	struct sbuf miss = {0};
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		char *found = which(need[i].cmd);

		if (!found && !strstr(sb_str(&miss), need[i].pkg))
			sb_printf(&miss, " %s", need[i].pkg);
		free(found);
	}
	if (miss.len)
		die(FZVM_EXIT_SETUP, "missing programs; install them with: apt-get install -y%s",
		    miss.s);
}

const char *const tool_name = "fzvm";

int main(int argc, char *argv[])
{
	const char *path = getenv("PATH");
	struct kresult *k;
	struct cfg c;
	char *work, *base, *p, **labels;
	int i, status = FZVM_EXIT_OK;

	if (getpid() == 1)
		return guest_main();

	cfg_parse(&c, argc, argv);
	if (c.probe_accel) {
		const struct accel *a = accel_get(&c, 1);

		printf("%s: %s\n", a->name, a->reason);
		return 0;
	}
	/* e2fsprogs live in sbin, which a user's PATH may lack */
	p = xasprintf("%s:/usr/sbin:/sbin", path ? path : "/usr/bin:/bin");
	setenv("PATH", p, 1);
	free(p);
	check_tools(&c);

	labels = kernel_labels(&c);
	work = xasprintf("%s/.work", c.outdir);
	if (mkdir_p(work, 0755))
		die(FZVM_EXIT_SETUP, "cannot create %s: %s", work, strerror(errno));
	base = xasprintf("%s/base.cpio", work);
	if (initrd_base(&c, base))
		die(FZVM_EXIT_SETUP, "cannot write %s", base);
	printf("fzvm: %d kernel%s, lists:", c.nkernels,
	       c.nkernels == 1 ? "" : "s");
	for (i = 0; i < c.nlists; i++)
		printf(" %s", c.lists[i]);
	printf("; results in %s\n", c.outdir);
	fflush(stdout);
	/* one probe for every kernel and boot, said once */
	accel_get(&c, 0);

	stop_signals_init();
	k = xmalloc(c.nkernels * sizeof(*k));
	for (i = 0; i < c.nkernels; i++) {
		kernel_run(&c, c.kernels[i], labels[i], base, &k[i]);
		if (!k[i].complete)
			status = FZVM_EXIT_INCOMPLETE;
		else if (k[i].status && status != FZVM_EXIT_INCOMPLETE)
			status = FZVM_EXIT_FAIL;
		if (fzvm_stop) {
			c.nkernels = i + 1;
			break;
		}
	}
	matrix_write(&c, k, c.nkernels);
	if (!c.keep)
		rm_rf(work);
	return status;
}
