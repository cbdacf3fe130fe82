// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for processes, credentials and resource limits.
 */
#include <stdio.h>

#include "harness.h"

pid_t safe_fork(const char *file, const int lineno)
{
	pid_t pid;

	/* Buffered output would otherwise be printed by both processes */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "fork() failed");
	return pid;
}

pid_t safe_waitpid(const char *file, const int lineno, pid_t pid,
		   int *status, int opts)
{
	pid_t ret = waitpid(pid, status, opts);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "waitpid(%d,%p,%d) failed", pid, (void *)status, opts);
	return ret;
}

int safe_seteuid(const char *file, const int lineno, uid_t euid)
{
	TST_SAFE_CALL(seteuid(euid), "seteuid(%d)", (int)euid);
}

int safe_setegid(const char *file, const int lineno, gid_t egid)
{
	TST_SAFE_CALL(setegid(egid), "setegid(%d)", (int)egid);
}

int safe_setresuid(const char *file, const int lineno, uid_t ruid,
		   uid_t euid, uid_t suid)
{
	TST_SAFE_CALL(setresuid(ruid, euid, suid), "setresuid(%d,%d,%d)",
		      (int)ruid, (int)euid, (int)suid);
}

int safe_setresgid(const char *file, const int lineno, gid_t rgid,
		   gid_t egid, gid_t sgid)
{
	TST_SAFE_CALL(setresgid(rgid, egid, sgid), "setresgid(%d,%d,%d)",
		      (int)rgid, (int)egid, (int)sgid);
}

int safe_getrlimit(const char *file, const int lineno, int resource,
		   struct rlimit *rlim)
{
	TST_SAFE_CALL(getrlimit(resource, rlim), "getrlimit(%d,%p)",
		      resource, (void *)rlim);
}

int safe_setrlimit(const char *file, const int lineno, int resource,
		   const struct rlimit *rlim)
{
	TST_SAFE_CALL(setrlimit(resource, rlim), "setrlimit(%d,{%lu,%lu})",
		      resource, (unsigned long)rlim->rlim_cur,
		      (unsigned long)rlim->rlim_max);
}
