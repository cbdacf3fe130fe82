// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fake test: leaves a child behind that outlives it, as a test whose
 * cleanup failed does. "pgrp" moves the child to its own process group
 * (as the LTP harness does with its test process), "session" to its own
 * session. The child's pid goes to the file given as the last argument.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int fds[2];
	pid_t pid;
	char c;

	if (argc != 3 || pipe(fds))
		return 2;
	pid = fork();
	if (pid < 0)
		return 2;
	if (!pid) {
		FILE *f;

		if (!strcmp(argv[1], "pgrp"))
			setpgid(0, 0);
		else
			setsid();
		f = fopen(argv[2], "w");
		if (!f)
			_exit(2);
		fprintf(f, "%d\n", getpid());
		fclose(f);
		close(fds[1]);
		for (;;)
			pause();
	}
	close(fds[1]);
	/* EOF once the child wrote its pid and closed the pipe */
	if (read(fds[0], &c, 1) < 0)
		return 2;
	printf("orphan.c:42: TPASS: child %d left behind\n", pid);
	return 0;
}
