// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the SAFE_* wrappers: the value on success, and on
 * failure a TBROK naming the call, its arguments and the errno.
 *
 * Each case runs in a forked process without a harness run, where
 * tst_brk() prints and exits with the result type.
 */
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "test_harness.h"

static char path[128];
static struct run r;

static int make_path(void **state)
{
	(void)state;
	scratch_path(path, sizeof(path), "safe");
	unlink(path);
	return 0;
}

static int remove_path(void **state)
{
	(void)state;
	unlink(path);
	rmdir(path);
	return 0;
}

static void in_child(void (*fn)(void))
{
	run_fn(&r, fn);
}

static void open_missing(void)
{
	SAFE_OPEN("/nonexistent/dir/file", O_RDONLY);
}

static void creat_missing(void)
{
	SAFE_OPEN("/nonexistent/dir/file", O_WRONLY | O_CREAT, 0644);
}

static void open_and_close(void)
{
	int fd = SAFE_OPEN(path, O_RDWR | O_CREAT, 0600);

	SAFE_CLOSE(fd);
	if (fd != -1)
		exit(3);
	SAFE_CLOSE(fd);
}

static void test_open_close(void **state)
{
	char want[128];

	(void)state;
	in_child(open_missing);
	assert_status(&r, TBROK);
	assert_output(&r, "test_safe.c:");
	assert_output(&r, ": TBROK: open(/nonexistent/dir/file,0,0000) failed: ENOENT (2)\n");

	in_child(creat_missing);
	assert_status(&r, TBROK);
	snprintf(want, sizeof(want), "open(/nonexistent/dir/file,%d,0644) failed: ENOENT (2)",
		 O_WRONLY | O_CREAT);
	assert_output(&r, want);

	/* SAFE_CLOSE() sets the fd to -1, so a second close breaks */
	in_child(open_and_close);
	assert_status(&r, TBROK);
	assert_output(&r, "close(-1) failed: EBADF (9)");
}

static void read_short(void)
{
	char buf[16];
	int fd;

	SAFE_FILE_PRINTF(path, "abc");
	fd = SAFE_OPEN(path, O_RDONLY);
	if (SAFE_READ(0, fd, buf, sizeof(buf)) != 3)
		exit(3);
	SAFE_LSEEK(fd, 0, SEEK_SET);
	if (SAFE_PREAD(1, fd, buf, 2, 1) != 2 || memcmp(buf, "bc", 2))
		exit(4);
	SAFE_READ(1, fd, buf, 10);
}

static void pread_short(void)
{
	char buf[16];
	int fd;

	SAFE_FILE_PRINTF(path, "abc");
	fd = SAFE_OPEN(path, O_RDONLY);
	SAFE_PREAD(1, fd, buf, 8, 1);
}

static void read_bad_fd(void)
{
	char buf[4];

	SAFE_READ(0, -1, buf, sizeof(buf));
}

static void test_read(void **state)
{
	(void)state;
	in_child(read_short);
	assert_status(&r, TBROK);
	assert_output(&r, ": TBROK: short read(");
	assert_output(&r, ",10): 3 bytes of 10\n");

	in_child(pread_short);
	assert_status(&r, TBROK);
	assert_output(&r, ",8,1): 2 bytes of 8\n");

	in_child(read_bad_fd);
	assert_status(&r, TBROK);
	assert_output(&r, "read(-1,");
	assert_output(&r, "failed: EBADF (9)\n");
}

static void *drain(void *arg)
{
	char buf[4096];
	size_t total = 0;
	ssize_t len;

	while ((len = read(*(int *)arg, buf, sizeof(buf))) > 0)
		total += len;
	return (void *)total;
}

static void write_modes(void)
{
	static char big[1 << 20];
	int fds[2], flags;
	pthread_t t;
	void *total;

	SAFE_PIPE(fds);
	SAFE_PTHREAD_CREATE(&t, NULL, drain, &fds[0]);
	if (SAFE_WRITE(SAFE_WRITE_RETRY, fds[1], big, sizeof(big)) !=
	    (ssize_t)sizeof(big))
		exit(3);
	if (SAFE_WRITE(SAFE_WRITE_ANY, fds[1], "x", 1) != 1)
		exit(4);
	SAFE_CLOSE(fds[1]);
	SAFE_PTHREAD_JOIN(t, &total);
	if ((size_t)total != sizeof(big) + 1)
		exit(5);
	SAFE_CLOSE(fds[0]);

	/* A full non-blocking pipe with one free page takes part of 8192 */
	SAFE_PIPE(fds);
	flags = fcntl(fds[1], F_GETFL);
	fcntl(fds[1], F_SETFL, flags | O_NONBLOCK);
	while (write(fds[1], big, 4096) > 0)
		;
	if (read(fds[0], big, 4096) != 4096)
		exit(6);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], big, 8192);
}

static void write_closed(void)
{
	SAFE_WRITE(SAFE_WRITE_ALL, 42, "x", 1);
}

static void test_write(void **state)
{
	(void)state;
	in_child(write_modes);
	assert_status(&r, TBROK);
	assert_output(&r, ": TBROK: short write(");
	assert_output(&r, ",8192): 4096 bytes of 8192\n");

	in_child(write_closed);
	assert_status(&r, TBROK);
	assert_output(&r, "write(42,");
	assert_output(&r, ",1) failed: EBADF (9)\n");
}

static void file_scanf_ok(void)
{
	char word[16], pad[6000];
	int a, b;

	SAFE_FILE_PRINTF(path, "%d %s %d%%\n", 12, "word", 34);
	SAFE_FILE_SCANF(path, "%d %15s %d%%", &a, word, &b);
	if (a != 12 || strcmp(word, "word") || b != 34)
		exit(3);

	/* Suppressed conversions and sets count right */
	SAFE_FILE_SCANF(path, "%*d %15[a-z] %d", word, &b);
	if (b != 34)
		exit(4);

	/* The whole file is read, not just the first block */
	memset(pad, ' ', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = 0;
	SAFE_FILE_PRINTF(path, "%s%d", pad, 56);
	SAFE_FILE_SCANF(path, "%d", &a);
	if (a != 56)
		exit(5);
}

static void file_scanf_short(void)
{
	int a, b;

	SAFE_FILE_PRINTF(path, "12 abc");
	SAFE_FILE_SCANF(path, "%d %d", &a, &b);
}

static void file_scanf_empty(void)
{
	int a;

	SAFE_FILE_PRINTF(path, "%s", "");
	SAFE_FILE_SCANF(path, "%d", &a);
}

static void file_scanf_missing(void)
{
	int a;

	SAFE_FILE_SCANF("/nonexistent/file", "%d", &a);
}

static void file_printf_missing(void)
{
	SAFE_FILE_PRINTF("/nonexistent/dir/file", "%d", 1);
}

static void test_file_ops(void **state)
{
	char want[256];

	(void)state;
	in_child(file_scanf_ok);
	assert_status(&r, 0);

	in_child(file_scanf_short);
	assert_status(&r, TBROK);
	snprintf(want, sizeof(want),
		 ": TBROK: Expected 2 conversions got 1 FILE '%s'\n", path);
	assert_output(&r, want);

	in_child(file_scanf_empty);
	assert_status(&r, TBROK);
	assert_output(&r, "Expected 1 conversions got 0");

	in_child(file_scanf_missing);
	assert_status(&r, TBROK);
	assert_output(&r, "Failed to open FILE '/nonexistent/file' for reading: ENOENT (2)");

	in_child(file_printf_missing);
	assert_status(&r, TBROK);
	assert_output(&r, "Failed to open FILE '/nonexistent/dir/file' for writing: ENOENT (2)");
}

static void fs_calls(void)
{
	struct stat st;

	SAFE_MKDIR(path, 0755);
	SAFE_STAT(path, &st);
	if (!S_ISDIR(st.st_mode))
		exit(3);
	SAFE_RMDIR(path);
	SAFE_FILE_PRINTF(path, "x");
	SAFE_UNLINK(path);
	SAFE_UNLINK(path);
}

static void mkdir_twice(void)
{
	SAFE_MKDIR(path, 0700);
	SAFE_MKDIR(path, 0700);
}

static void test_fs_calls(void **state)
{
	char want[256];

	(void)state;
	in_child(fs_calls);
	assert_status(&r, TBROK);
	snprintf(want, sizeof(want), ": TBROK: unlink(%s) failed: ENOENT (2)\n", path);
	assert_output(&r, want);

	in_child(mkdir_twice);
	assert_status(&r, TBROK);
	snprintf(want, sizeof(want), "mkdir(%s,0700) failed: EEXIST (17)\n", path);
	assert_output(&r, want);
}

static void join_self(void)
{
	SAFE_PTHREAD_JOIN(pthread_self(), NULL);
}

static void test_pthread(void **state)
{
	(void)state;
	in_child(join_self);
	assert_status(&r, TBROK);
	assert_output(&r, ": TBROK: pthread_join(");
	assert_output(&r, "failed: EDEADLK (35)\n");
	/* The returned error, not errno */
	assert_no_output(&r, "SUCCESS");
}

static void messages(void)
{
	struct iovec iov = { .iov_base = "hello", .iov_len = 5 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	char buf[16];
	struct iovec riov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr rmsg = { .msg_iov = &riov, .msg_iovlen = 1 };
	int sv[2];

	SAFE_SOCKETPAIR(AF_UNIX, SOCK_STREAM, 0, sv);
	if (SAFE_SENDMSG(5, sv[0], &msg, 0) != 5)
		exit(3);
	if (SAFE_SENDMSG(0, sv[0], &msg, 0) != 5)
		exit(4);
	if (SAFE_RECVMSG(0, sv[1], &rmsg, 0) != 10)
		exit(5);
	SAFE_SENDMSG(5, sv[0], &msg, 0);
	SAFE_RECVMSG(8, sv[1], &rmsg, 0);
}

static void bad_socket(void)
{
	SAFE_SOCKET(AF_INET, 12345, 0);
}

/* A family the kernel does not have: nothing broke, the test cannot run */
static void missing_family(void)
{
	SAFE_SOCKET(-1, SOCK_STREAM, 0);
}

static void test_net(void **state)
{
	(void)state;
	in_child(messages);
	assert_status(&r, TBROK);
	assert_output(&r, ": TBROK: recvmsg(");
	assert_output(&r, "): 5 bytes of 8 received\n");

	in_child(bad_socket);
	assert_status(&r, TBROK);
	assert_output(&r, "socket(2,12345,0) failed: EINVAL (22)\n");

	in_child(missing_family);
	assert_status(&r, TCONF);
	assert_output(&r, ": TCONF: socket(-1,1,0) failed: EAFNOSUPPORT (97)\n");
}

static void fork_flushes(void)
{
	/* stdout is a pipe here: fully buffered */
	printf("buffered once");
	/* exit() flushes the child's copy of the buffer, if any */
	if (!SAFE_FORK())
		exit(0);
	wait(NULL);
}

static void bad_ioctl(void)
{
	int n;

	SAFE_IOCTL(-1, FIONREAD, &n);
}

static void bad_mmap(void)
{
	SAFE_MMAP(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void bad_waitpid(void)
{
	SAFE_WAITPID(-1, NULL, 0);
}

static void test_process_memory(void **state)
{
	(void)state;
	in_child(fork_flushes);
	assert_status(&r, 0);
	assert_int_equal(count_str(r.out, "buffered once"), 1);

	in_child(bad_ioctl);
	assert_status(&r, TBROK);
	assert_output(&r, "ioctl(-1, FIONREAD, ...) failed: EBADF (9)\n");

	in_child(bad_mmap);
	assert_status(&r, TBROK);
	assert_output(&r, "mmap(");
	assert_output(&r, "failed: EINVAL (22)\n");

	in_child(bad_waitpid);
	assert_status(&r, TBROK);
	assert_output(&r, "waitpid(-1,");
	assert_output(&r, "failed: ECHILD (10)\n");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, make_path, remove_path)
	const struct CMUnitTest tests[] = {
		T(test_open_close),
		T(test_read),
		T(test_write),
		T(test_file_ops),
		T(test_fs_calls),
		T(test_pthread),
		T(test_net),
		T(test_process_memory),
	};
#undef T

	return cmocka_run_group_tests_name("harness SAFE_*", tests, NULL, NULL);
}
