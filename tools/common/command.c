// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Other programs: finding them in PATH and running them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "alloc.h"
#include "command.h"
#include "files.h"
#include "msg.h"

static int run(char *const argv[], struct sbuf *out, int verbose,
	       int with_stderr)
{
	int pfd[2] = { -1, -1 }, status;
	char buf[4096];
	pid_t pid;
	ssize_t n;

	if (out && pipe2(pfd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		if (out)
			dup2(pfd[1], 1);
		else if (!verbose)
			dup2(null, 1);
		if (with_stderr)
			dup2(pfd[1], 2);
		else if (!verbose)
			dup2(null, 2);
		execvp(argv[0], argv);
		fprintf(stderr, "%s: cannot run %s: %s\n",
			tool_name, argv[0],
			strerror(errno));
		_exit(EXIT_CANNOT_RUN);
	}
	if (out) {
		close(pfd[1]);
		while ((n = read(pfd[0], buf, sizeof(buf))) > 0 ||
		       (n < 0 && errno == EINTR))
			if (n > 0)
				sb_add(out, buf, n);
		close(pfd[0]);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_cmd(char *const argv[], struct sbuf *out, int verbose)
{
	return run(argv, out, verbose, 0);
}

int run_cmd_all(char *const argv[], struct sbuf *out)
{
	return run(argv, out, 0, 1);
}

char *which(const char *cmd)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *res = NULL;

	if (strchr(cmd, '/'))
		return access(cmd, X_OK) ? NULL : xstrdup(cmd);
	if (!path)
		return NULL;
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !res;
	     dir = strtok_r(NULL, ":", &save)) {
		char *p = xasprintf("%s/%s", *dir ? dir : ".", cmd);
		struct stat st;

		if (!stat(p, &st) && S_ISREG(st.st_mode) && !access(p, X_OK))
			res = p;
		else
			free(p);
	}
	free(copy);
	return res;
}

void split_words(const char *s, char ***v, int *n)
{
	while (*s) {
		size_t len;

		s += strspn(s, " \t\n");
		len = strcspn(s, " \t\n");
		if (!len)
			break;
		*v = xrealloc(*v, (*n + 2) * sizeof(**v));
		(*v)[(*n)++] = strndup(s, len);
		(*v)[*n] = NULL;
		s += len;
	}
}
