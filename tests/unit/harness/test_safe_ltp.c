// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SAFE_* families added for LTP's reproducers, and tst_cmd(): a
 * working call returns its value, a failing one ends the process with
 * the result type LTP gives it and a message naming the call.
 *
 * Each case runs in a forked process without a harness run, where
 * tst_brk() prints and exits with the result type.
 */
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "test_harness.h"
#include "tst_safe_prw.h"
#include "tst_safe_stdio.h"
#include "tst_safe_sysv_ipc.h"
#include "tst_safe_timerfd.h"

static struct run r;
SCRATCH_FIXTURES(path, "safe_ltp")

static void in_child(void (*fn)(void))
{
	run_fn(&r, fn);
}

/* Prints "ok" once every call behaved */
#define CHECK(cond) do { \
	if (!(cond)) \
		tst_brk(TFAIL, "%s", #cond); \
} while (0)

static void working_calls(void)
{
	struct iovec iov[2];
	char a[4] = "abc", b[4] = "def", got[8] = "";
	struct passwd *pw = SAFE_GETPWNAM("root");
	void *p = SAFE_MEMALIGN(4096, 100);
	int fd, id, opt = 0;
	socklen_t len = sizeof(opt);
	struct stat st;
	FILE *f;

	CHECK(SAFE_SYSCONF(_SC_PAGESIZE) == getpagesize());
	CHECK(pw->pw_uid == 0);
	CHECK(((uintptr_t)p & 4095) == 0);
	free(p);

	fd = SAFE_OPEN(path, O_RDWR | O_CREAT, 0600);
	SAFE_CHMOD(path, 0640);
	SAFE_STAT(path, &st);
	CHECK((st.st_mode & 0777) == 0640);
	iov[0] = (struct iovec) { a, 3 };
	iov[1] = (struct iovec) { b, 3 };
	CHECK(SAFE_PWRITEV(1, fd, iov, 2, 10) == 6);
	SAFE_FSYNC(fd);
	CHECK(SAFE_PREAD(1, fd, got, 6, 10) == 6);
	CHECK(!memcmp(got, "abcdef", 6));
	SAFE_CLOSE(fd);

	f = SAFE_FOPEN(path, "r");
	SAFE_FSEEK(f, 10, SEEK_SET);
	CHECK(SAFE_FTELL(f) == 10);
	SAFE_FCLOSE(f);

	id = SAFE_SHMGET(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	p = SAFE_SHMAT(id, NULL, 0);
	SAFE_SHMDT(p);
	SAFE_SHMCTL(id, IPC_RMID, NULL);
	/* LTP's SAFE_SHMCTL() forgets a removed id */
	CHECK(id == -1);

	fd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	SAFE_GETSOCKOPT(fd, SOL_SOCKET, SO_TYPE, &opt, &len);
	CHECK(opt == SOCK_STREAM);
	SAFE_CLOSE(fd);

	fd = SAFE_TIMERFD_CREATE(CLOCK_MONOTONIC, 0);
	SAFE_CLOSE(fd);

	CHECK(SAFE_STRTOL("42", 0, 100) == 42);
	CHECK(SAFE_READ_MEMINFO("MemTotal:") > 0);
	CHECK(tst_get_hugepage_size() % 4096 == 0);
	printf("ok\n");
}

static void test_working(void **state)
{
	(void)state;
	in_child(working_calls);
	assert_status(&r, 0);
	assert_output(&r, "ok\n");
}

static void chmod_missing(void) { SAFE_CHMOD("/nonexistent/x", 0600); }
static void pwnam_missing(void) { SAFE_GETPWNAM("fzsync_no_such_user"); }
static void fsync_bad(void) { SAFE_FSYNC(-1); }
static void strtol_range(void) { SAFE_STRTOL("101", 0, 100); }
static void strtol_junk(void) { SAFE_STRTOL("12ab", 0, 100); }
static void shmget_bad(void) { SAFE_SHMGET(IPC_PRIVATE, 0, 0600); }
static void timerfd_bad(void) { SAFE_TIMERFD_CREATE(-1, 0); }

static void test_failures(void **state)
{
	(void)state;
	in_child(chmod_missing);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: chmod(/nonexistent/x,0600) failed: ENOENT (2)\n");

	in_child(pwnam_missing);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: getpwnam(fzsync_no_such_user): no such entry\n");

	in_child(fsync_bad);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: fsync(-1) failed: EBADF (9)\n");

	in_child(strtol_range);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Number 101 is out of range [0, 100]\n");

	in_child(strtol_junk);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Invalid number '12ab'\n");

	in_child(shmget_bad);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: shmget(0,0,180) failed: EINVAL (22)\n");

	in_child(timerfd_bad);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: timerfd_create(-1) failed: EINVAL (22)\n");
}

static void cmd_runs(void)
{
	const char *const ok[] = { "sh", "-c", "echo out; exit 3", NULL };
	const char *const missing[] = { "fzsync_no_such_command", NULL };
	char buf[64];

	CHECK(tst_cmd(ok, path, NULL, TST_CMD_PASS_RETVAL) == 3);
	CHECK(read_text(path, buf, sizeof(buf)) && !strcmp(buf, "out\n"));
	CHECK(tst_cmd(missing, NULL, NULL, TST_CMD_PASS_RETVAL) == 255);
	CHECK(tst_cmd_present("sh") && !tst_cmd_present("fzsync_no_such_command"));
	printf("ok\n");
}

static void cmd_missing_tconf(void)
{
	const char *const missing[] = { "fzsync_no_such_command", NULL };

	SAFE_CMD(missing, NULL, NULL);
}

static void cmd_fails(void)
{
	const char *const fails[] = { "false", NULL };

	tst_cmd(fails, NULL, NULL, 0);
}

static void test_cmd(void **state)
{
	(void)state;
	in_child(cmd_runs);
	assert_status(&r, 0);
	assert_output(&r, "ok\n");

	in_child(cmd_missing_tconf);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: Command 'fzsync_no_such_command' not found\n");

	in_child(cmd_fails);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: 'false' exited with 1\n");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, make_path, remove_path)
	const struct CMUnitTest tests[] = {
		T(test_working),
		T(test_failures),
		T(test_cmd),
	};
#undef T

	return cmocka_run_group_tests_name("harness SAFE_* of LTP's families",
					   tests, NULL, NULL);
}
