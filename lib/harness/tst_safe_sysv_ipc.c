// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for System V message queues, shared memory and
 * semaphores.
 */
#include <stdarg.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "harness.h"
#include "tst_safe_sysv_ipc.h"

/* The argument semctl(2) may take; glibc leaves the caller to define it */
union tst_semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

int safe_msgget(const char *file, const int lineno, key_t key, int msgflg)
{
	TST_SAFE_RET(int, msgget(key, msgflg), "msgget(%d,%x)", (int)key,
		     msgflg);
}

int safe_msgsnd(const char *file, const int lineno, int msqid,
		const void *msgp, size_t msgsz, int msgflg)
{
	TST_SAFE_CALL(msgsnd(msqid, msgp, msgsz, msgflg),
		      "msgsnd(%d,%p,%zu,%x)", msqid, msgp, msgsz, msgflg);
}

ssize_t safe_msgrcv(const char *file, const int lineno, int msqid,
		    void *msgp, size_t msgsz, long msgtyp, int msgflg)
{
	TST_SAFE_RET(ssize_t, msgrcv(msqid, msgp, msgsz, msgtyp, msgflg),
		     "msgrcv(%d,%p,%zu,%ld,%x)", msqid, msgp, msgsz, msgtyp,
		     msgflg);
}

int safe_msgctl(const char *file, const int lineno, int msqid, int cmd,
		struct msqid_ds *buf)
{
	/* IPC_STAT and friends return an index, >= 0 */
	TST_SAFE_RET(int, msgctl(msqid, cmd, buf), "msgctl(%d,%d,%p)", msqid,
		     cmd, (void *)buf);
}

int safe_shmget(const char *file, const int lineno, key_t key, size_t size,
		int shmflg)
{
	TST_SAFE_RET(int, shmget(key, size, shmflg), "shmget(%d,%zu,%x)",
		     (int)key, size, shmflg);
}

void *safe_shmat(const char *file, const int lineno, int shmid,
		 const void *shmaddr, int shmflg)
{
	void *p = shmat(shmid, shmaddr, shmflg);

	if (p == (void *)-1)
		tst_brk_(file, lineno, TBROK | TERRNO, "shmat(%d,%p,%x) failed",
			 shmid, shmaddr, shmflg);
	return p;
}

int safe_shmdt(const char *file, const int lineno, const void *shmaddr)
{
	TST_SAFE_CALL(shmdt(shmaddr), "shmdt(%p)", shmaddr);
}

int safe_shmctl(const char *file, const int lineno, int shmid, int cmd,
		struct shmid_ds *buf)
{
	TST_SAFE_RET(int, shmctl(shmid, cmd, buf), "shmctl(%d,%d,%p)", shmid,
		     cmd, (void *)buf);
}

int safe_semget(const char *file, const int lineno, key_t key, int nsems,
		int semflg)
{
	TST_SAFE_RET(int, semget(key, nsems, semflg), "semget(%d,%d,%x)",
		     (int)key, nsems, semflg);
}

int safe_semctl(const char *file, const int lineno, int semid, int semnum,
		int cmd, ...)
{
	union tst_semun arg = { 0 };
	va_list ap;

	/* Every command but IPC_RMID takes the fourth argument */
	if (cmd != IPC_RMID) {
		va_start(ap, cmd);
		arg = va_arg(ap, union tst_semun);
		va_end(ap);
	}
	TST_SAFE_RET(int, semctl(semid, semnum, cmd, arg), "semctl(%d,%d,%d)",
		     semid, semnum, cmd);
}

int safe_semop(const char *file, const int lineno, int semid,
	       struct sembuf *sops, size_t nsops)
{
	TST_SAFE_CALL(semop(semid, sops, nsops), "semop(%d,%p,%zu)", semid,
		      (void *)sops, nsops);
}
