// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Running commands: tst_cmd(), SAFE_CMD(), .needs_cmds.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

/* Exit status of a command that could not be run, as a shell has it */
#define CMD_NOT_RUN	255

int tst_cmd_present(const char *cmd)
{
	char name[256], path[PATH_MAX];

	snprintf(name, sizeof(name), "%s", cmd);
	name[strcspn(name, " \t")] = 0;
	return !tst_get_path(name, path, sizeof(path));
}

/*
 * Runs @argv; *@exec_err is the errno of a failed exec, else 0.
 * Returns the exit status (CMD_NOT_RUN when it did not run or died).
 */
static int run(const char *const argv[], int out_fd, int err_fd,
	       int *exec_err)
{
	int pipefd[2], status, err = 0;
	pid_t pid;

	*exec_err = 0;
	/* The child writes exec's errno into this pipe; EOF means success */
	if (pipe2(pipefd, O_CLOEXEC))
		tst_brk(TBROK | TERRNO, "pipe2() failed");

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork() failed");
	if (!pid) {
		close(pipefd[0]);
		if (out_fd >= 0 && dup2(out_fd, STDOUT_FILENO) < 0)
			_exit(CMD_NOT_RUN);
		if (err_fd >= 0 && dup2(err_fd, STDERR_FILENO) < 0)
			_exit(CMD_NOT_RUN);
		execvp(argv[0], (char *const *)argv);
		err = errno;
		if (write(pipefd[1], &err, sizeof(err)) < 0)
			_exit(CMD_NOT_RUN);
		_exit(CMD_NOT_RUN);
	}

	close(pipefd[1]);
	if (read(pipefd[0], &err, sizeof(err)) == sizeof(err))
		*exec_err = err;
	close(pipefd[0]);

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			tst_brk(TBROK | TERRNO, "waitpid(%d) failed", pid);
	}
	if (!WIFEXITED(status))
		return CMD_NOT_RUN;
	return WEXITSTATUS(status);
}

int tst_cmd_fds(const char *const argv[], int stdout_fd, int stderr_fd,
		enum tst_cmd_flags flags)
{
	int exec_err, ret = run(argv, stdout_fd, stderr_fd, &exec_err);

	if (exec_err == ENOENT && (flags & TST_CMD_TCONF_ON_MISSING))
		tst_brk(TCONF, "Command '%s' not found", argv[0]);
	if (exec_err) {
		if (flags & TST_CMD_PASS_RETVAL)
			return CMD_NOT_RUN;
		errno = exec_err;
		tst_brk(TBROK | TERRNO, "Cannot run '%s'", argv[0]);
	}
	if (ret && !(flags & TST_CMD_PASS_RETVAL))
		tst_brk(TBROK, "'%s' exited with %d", argv[0], ret);
	return ret;
}

static int open_output(const char *path)
{
	int fd;

	if (!path)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "Cannot open %s", path);
	return fd;
}

int tst_cmd(const char *const argv[], const char *stdout_path,
	    const char *stderr_path, enum tst_cmd_flags flags)
{
	int out = open_output(stdout_path), err = open_output(stderr_path);
	int ret = tst_cmd_fds(argv, out, err, flags);

	if (out >= 0)
		close(out);
	if (err >= 0)
		close(err);
	return ret;
}

int tst_system(const char *command)
{
	return system(command);
}

void safe_cmd(const char *file, const int lineno, const char *const argv[],
	      const char *stdout_path, const char *stderr_path)
{
	int ret = tst_cmd(argv, stdout_path, stderr_path,
			  TST_CMD_PASS_RETVAL | TST_CMD_TCONF_ON_MISSING);

	if (ret)
		tst_brk_(file, lineno, TBROK, "%s failed with %d", argv[0], ret);
}

void tst_check_cmds(struct tst_cmd *cmds)
{
	for (; cmds && cmds->cmd; cmds++) {
		cmds->present = tst_cmd_present(cmds->cmd);
		if (!cmds->present && !cmds->optional)
			tst_brk(TCONF, "Couldn't find '%s' in $PATH", cmds->cmd);
	}
}
