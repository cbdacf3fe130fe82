/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Other programs: finding them in PATH and running them.
 *
 *	struct sbuf out = {0};
 *	char *argv[] = { "uname", "-r", NULL };
 *
 *	if (run_cmd(argv, &out, 0) == 0)
 *		printf("%s", out.s);
 */
#ifndef TOOLS_COMMAND_H
#define TOOLS_COMMAND_H

#include "strbuf.h"

/* A shell's exit statuses: command not run, and killed by signal N */
#define EXIT_CANNOT_RUN		127
#define EXIT_SIGNAL_BASE	128

/*
 * Run @argv, wait for it; its stdout goes to @out when not NULL (else
 * with stderr to /dev/null unless @verbose). Returns the exit status, or
 * -1 when it could not run or was killed.
 */
int run_cmd(char *const argv[], struct sbuf *out, int verbose);
/* The same with stdout and stderr both into @out */
int run_cmd_all(char *const argv[], struct sbuf *out);

/* The executable @cmd would run as (a path is taken as it is), or NULL */
char *which(const char *cmd);

/* Split on blanks into @v (appending), NULL terminated */
void split_words(const char *s, char ***v, int *n);

#endif /* TOOLS_COMMAND_H */
