// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* calls of LTP's families that reproducers use, each reporting
 * what it returned.
 */
#include <pwd.h>
#include "tst_test.h"
#include "tst_safe_prw.h"
#include "tst_safe_stdio.h"
#include "tst_safe_sysv_ipc.h"

static void run(void)
{
	int id, fd, type = 0;
	socklen_t len = sizeof(type);
	struct passwd *pw = SAFE_GETPWNAM("root");
	void *p = SAFE_MEMALIGN(4096, 64);
	char buf[8] = "";
	FILE *f;

	tst_res(TPASS, "root has uid %d", (int)pw->pw_uid);
	tst_res(TPASS, "page size %ld", SAFE_SYSCONF(_SC_PAGESIZE));
	tst_res(TPASS, "memalign aligned: %d", !((uintptr_t)p & 4095));
	free(p);

	id = SAFE_SHMGET(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	SAFE_SHMCTL(id, IPC_RMID, NULL);
	tst_res(TPASS, "id after IPC_RMID: %d", id);

	fd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
	SAFE_GETSOCKOPT(fd, SOL_SOCKET, SO_TYPE, &type, &len);
	tst_res(TPASS, "SO_TYPE %d, htons(1) %d", type, htons(1) == 256);
	SAFE_CLOSE(fd);

	fd = SAFE_OPEN("f", O_RDWR | O_CREAT, 0600);
	SAFE_PWRITE(1, fd, "abc", 3, 5);
	SAFE_FSYNC(fd);
	SAFE_CHMOD("f", 0640);
	SAFE_CLOSE(fd);
	f = SAFE_FOPEN("f", "r");
	SAFE_FSEEK(f, 5, SEEK_SET);
	SAFE_FREAD(buf, 1, 3, f);
	SAFE_FCLOSE(f);
	tst_res(TPASS, "read back '%s' at %d", buf, 5);
	tst_res(TPASS, "MemTotal > 0: %d", SAFE_READ_MEMINFO("MemTotal:") > 0);
}

static struct tst_test test = {
	.test_all = run,
	.needs_tmpdir = 1,
};
