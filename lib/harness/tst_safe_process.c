// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for processes, credentials, resource limits and
 * namespaces.
 */
#include <grp.h>
#include <stdio.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>

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

long safe_sysconf(const char *file, const int lineno, int name)
{
	long ret;

	/* -1 with errno unchanged means "no limit", not a failure */
	errno = 0;
	ret = sysconf(name);
	if (ret == -1 && errno)
		tst_brk_(file, lineno, TBROK | TERRNO, "sysconf(%d) failed",
			 name);
	return ret;
}

int safe_sysinfo(const char *file, const int lineno, struct sysinfo *info)
{
	TST_SAFE_CALL(sysinfo(info), "sysinfo(%p)", (void *)info);
}

int safe_kill(const char *file, const int lineno, pid_t pid, int sig)
{
	TST_SAFE_CALL(kill(pid, sig), "kill(%d,%s)", pid, tst_strsig(sig));
}

pid_t safe_wait(const char *file, const int lineno, int *status)
{
	TST_SAFE_RET(pid_t, wait(status), "wait(%p)", (void *)status);
}

int safe_setuid(const char *file, const int lineno, uid_t uid)
{
	TST_SAFE_CALL(setuid(uid), "setuid(%d)", (int)uid);
}

int safe_setgid(const char *file, const int lineno, gid_t gid)
{
	TST_SAFE_CALL(setgid(gid), "setgid(%d)", (int)gid);
}

int safe_setreuid(const char *file, const int lineno, uid_t ruid, uid_t euid)
{
	TST_SAFE_CALL(setreuid(ruid, euid), "setreuid(%d,%d)", (int)ruid,
		      (int)euid);
}

int safe_setregid(const char *file, const int lineno, gid_t rgid, gid_t egid)
{
	TST_SAFE_CALL(setregid(rgid, egid), "setregid(%d,%d)", (int)rgid,
		      (int)egid);
}

int safe_getresuid(const char *file, const int lineno, uid_t *ruid,
		   uid_t *euid, uid_t *suid)
{
	TST_SAFE_CALL(getresuid(ruid, euid, suid), "getresuid(%p,%p,%p)",
		      (void *)ruid, (void *)euid, (void *)suid);
}

int safe_getresgid(const char *file, const int lineno, gid_t *rgid,
		   gid_t *egid, gid_t *sgid)
{
	TST_SAFE_CALL(getresgid(rgid, egid, sgid), "getresgid(%p,%p,%p)",
		      (void *)rgid, (void *)egid, (void *)sgid);
}

int safe_setgroups(const char *file, const int lineno, size_t size,
		   const gid_t *list)
{
	TST_SAFE_CALL(setgroups(size, list), "setgroups(%zu,%p)", size,
		      (void *)list);
}

int safe_getgroups(const char *file, const int lineno, int size,
		   gid_t list[])
{
	TST_SAFE_RET(int, getgroups(size, list), "getgroups(%d,%p)", size,
		     (void *)list);
}

int safe_setpgid(const char *file, const int lineno, pid_t pid, pid_t pgid)
{
	TST_SAFE_CALL(setpgid(pid, pgid), "setpgid(%d,%d)", pid, pgid);
}

pid_t safe_getpgid(const char *file, const int lineno, pid_t pid)
{
	TST_SAFE_RET(pid_t, getpgid(pid), "getpgid(%d)", pid);
}

pid_t safe_setsid(const char *file, const int lineno)
{
	pid_t ret = setsid();

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "setsid() failed");
	return ret;
}

int safe_getpriority(const char *file, const int lineno, int which, id_t who)
{
	int ret;

	/* -1 is also a valid priority: errno tells */
	errno = 0;
	ret = getpriority(which, who);
	if (ret == -1 && errno)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "getpriority(%d,%d) failed", which, (int)who);
	return ret;
}

int safe_getrusage(const char *file, const int lineno, int who,
		   struct rusage *usage)
{
	TST_SAFE_CALL(getrusage(who, usage), "getrusage(%d,%p)", who,
		      (void *)usage);
}

int safe_prctl(const char *file, const int lineno, int option,
	       unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	TST_SAFE_RET(int, prctl(option, arg2, arg3, arg4, arg5),
		     "prctl(%d,%lu,%lu,%lu,%lu)", option, arg2, arg3, arg4,
		     arg5);
}

int safe_personality(const char *file, const int lineno,
		     unsigned long persona)
{
	TST_SAFE_RET(int, personality(persona), "personality(%lu)", persona);
}

long tst_safe_ptrace(const char *file, const int lineno, int req, pid_t pid,
		     void *addr, void *data)
{
	TST_SAFE_CALL(ptrace(req, pid, addr, data), "ptrace(%d,%d,%p,%p)",
		      req, pid, addr, data);
}

int safe_unshare(const char *file, const int lineno, int flags)
{
	int ret = unshare(flags);

	if (ret && errno == EINVAL)
		tst_brk_(file, lineno, TCONF | TERRNO,
			 "unshare(0x%x) is not supported", flags);
	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "unshare(0x%x) failed", flags);
	return ret;
}

int safe_setns(const char *file, const int lineno, int fd, int nstype)
{
	TST_SAFE_CALL(setns(fd, nstype), "setns(%d,0x%x)", fd, nstype);
}

int safe_pidfd_open(const char *file, const int lineno, pid_t pid,
		    unsigned int flags)
{
	int fd = syscall(__NR_pidfd_open, pid, flags);

	if (fd < 0 && errno == ENOSYS)
		tst_brk_(file, lineno, TCONF,
			 "pidfd_open() is not supported by this kernel");
	if (fd < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "pidfd_open(%d,%u) failed", pid, flags);
	return fd;
}
