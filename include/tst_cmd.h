/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running commands from a test.
 *
 *	const char *const argv[] = { "mkfs.ext4", "-q", dev, NULL };
 *
 *	SAFE_CMD(argv, NULL, NULL);	// TCONF if missing, TBROK if it fails
 *	if (tst_cmd(argv, "/dev/null", NULL, TST_CMD_PASS_RETVAL))
 *		tst_res(TINFO, "mkfs failed");
 */
#ifndef TST_CMD_H
#define TST_CMD_H

enum tst_cmd_flags {
	/* Return the exit status instead of TBROK when it is not 0 */
	TST_CMD_PASS_RETVAL = 1,
	/* TCONF instead of TBROK when the command does not exist */
	TST_CMD_TCONF_ON_MISSING = 2,
};

/**
 * struct tst_cmd - A command a test needs (.needs_cmds).
 * @cmd: The command, e.g. "mkfs.ext4"; words after the first (a version
 *       constraint in LTP) are not checked.
 * @optional: The test runs without it; @present tells.
 * @present: Set by the harness when the command is in $PATH.
 *
 * Arrays end with an empty entry {}.
 */
struct tst_cmd {
	const char *cmd;
	unsigned int optional:1;
	unsigned int present:1;
};

/**
 * tst_cmd_fds() - Run a command with its output on given descriptors.
 * @argv: NULL-terminated arguments, argv[0] looked up in $PATH.
 * @stdout_fd: Its stdout, -1 for the test's.
 * @stderr_fd: Its stderr, -1 for the test's.
 * @flags: enum tst_cmd_flags.
 *
 * A command that is not found ends the test with TCONF when
 * TST_CMD_TCONF_ON_MISSING is set; one that cannot be run returns 255
 * with TST_CMD_PASS_RETVAL, else ends the test with TBROK.
 *
 * Return: the exit status (0 unless TST_CMD_PASS_RETVAL).
 */
int tst_cmd_fds(const char *const argv[], int stdout_fd, int stderr_fd,
		enum tst_cmd_flags flags);

/**
 * tst_cmd() - Run a command with its output in files.
 * @argv: NULL-terminated arguments.
 * @stdout_path: File for its stdout (truncated), NULL for the test's.
 * @stderr_path: File for its stderr, NULL for the test's.
 * @flags: enum tst_cmd_flags.
 *
 * Return: as tst_cmd_fds().
 */
int tst_cmd(const char *const argv[], const char *stdout_path,
	    const char *stderr_path, enum tst_cmd_flags flags);

/**
 * tst_system() - system(3) with the test's signal dispositions.
 * @command: Shell command.
 *
 * Return: as system(3).
 */
int tst_system(const char *command);

/**
 * tst_cmd_present() - Whether a command is in $PATH.
 * @cmd: The command (only its first word counts).
 *
 * Return: 1 if an executable of that name is found, 0 otherwise.
 */
int tst_cmd_present(const char *cmd);

void safe_cmd(const char *file, const int lineno, const char *const argv[],
	      const char *stdout_path, const char *stderr_path);
/* tst_cmd(), TCONF when the command is missing, TBROK when it fails */
#define SAFE_CMD(argv, stdout_path, stderr_path) \
	safe_cmd(__FILE__, __LINE__, (argv), (stdout_path), (stderr_path))

#endif /* TST_CMD_H */
