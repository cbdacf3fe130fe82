// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Makes the guest look hung to the host: stops its parent, the runner,
 * with SIGSTOP and waits. Nothing is written to the results disk any
 * more, as when the guest kernel locks up, so fzvm must detect a hang
 * after the test timeout plus its margin, kill QEMU and boot again.
 * Refuses to run unless FZVM_CRASH_OK=1 is set (TCONF).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	const char *ok = getenv("FZVM_CRASH_OK");

	if (!ok || strcmp(ok, "1")) {
		printf("vm_hang: TCONF: set FZVM_CRASH_OK=1 to stop the runner\n");
		return 32;
	}
	printf("vm_hang: stopping the runner (pid %d)\n", (int)getppid());
	fflush(stdout);
	if (kill(getppid(), SIGSTOP)) {
		perror("vm_hang: TBROK: kill");
		return 2;
	}
	for (;;)
		pause();
}
