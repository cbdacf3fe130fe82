// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of errno and signal names, taint letters and taint
 * detection, kernel version parsing and comparison, and CPU counts.
 */
#include <sys/utsname.h>

#include "test_harness.h"

static void test_strerrno(void **state)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ 0, "SUCCESS" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" },
		{ EINTR, "EINTR" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EINVAL, "EINVAL" },
		{ ENOSPC, "ENOSPC" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
		{ EDEADLK, "EDEADLK" }, { ENOSYS, "ENOSYS" },
		{ EOVERFLOW, "EOVERFLOW" }, { ENOTSOCK, "ENOTSOCK" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { ECONNRESET, "ECONNRESET" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { ENOTCONN, "ENOTCONN" },
		{ EHWPOISON, "EHWPOISON" },
	};
	size_t i;
	int known = 0, err;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		assert_string_equal(tst_strerrno(names[i].err), names[i].name);
	assert_string_equal(tst_strerrno(9999), "???");
	assert_string_equal(tst_strerrno(-1), "???");

	/* Most of the errno range has a name */
	for (err = 1; err < 134; err++)
		known += strcmp(tst_strerrno(err), "???") != 0;
	assert_true(known >= 90);
}

static void test_strsig(void **state)
{
	int sig, known = 0;

	(void)state;
	assert_string_equal(tst_strsig(SIGSEGV), "SIGSEGV");
	assert_string_equal(tst_strsig(SIGKILL), "SIGKILL");
	assert_string_equal(tst_strsig(SIGABRT), "SIGABRT");
	assert_string_equal(tst_strsig(SIGTERM), "SIGTERM");
	assert_string_equal(tst_strsig(SIGCHLD), "SIGCHLD");
	assert_string_equal(tst_strsig(0), "???");
	assert_string_equal(tst_strsig(SIGRTMIN), "???");

	for (sig = 1; sig < 32; sig++)
		known += strcmp(tst_strsig(sig), "???") != 0;
	assert_int_equal(known, 31);
}

static void test_taint_names(void **state)
{
	char buf[64], small[3];

	(void)state;
	assert_string_equal(tst_taint_names(TST_TAINT_W | TST_TAINT_D, buf, sizeof(buf)), "DW");
	assert_string_equal(tst_taint_names(0, buf, sizeof(buf)), "");
	assert_string_equal(tst_taint_names(TST_TAINT_G | TST_TAINT_L, buf, sizeof(buf)), "GL");
	assert_string_equal(tst_taint_names(TST_TAINT_N, buf, sizeof(buf)), "N");
	assert_string_equal(tst_taint_names((1 << 19) - 1, buf, sizeof(buf)),
			    "GFSRMBUDAWCIOELKXTN");
	/* Bits the header does not know are not silently dropped */
	assert_string_equal(tst_taint_names(TST_TAINT_W | (1UL << 25), buf, sizeof(buf)), "W?");
	/* Never past the buffer */
	assert_string_equal(tst_taint_names(TST_TAINT_G | TST_TAINT_F |
					    TST_TAINT_S, small, sizeof(small)),
			    "GF");
}

static char taint_file[128];

static int make_taint_file(void **state)
{
	(void)state;
	scratch_path(taint_file, sizeof(taint_file), "taint");
	tst_taint_set_path(taint_file);
	return 0;
}

static int remove_taint_file(void **state)
{
	(void)state;
	unlink(taint_file);
	tst_taint_set_path("/proc/sys/kernel/tainted");
	return 0;
}

static unsigned int reported;

static void report_twice(void)
{
	tst_taint_report(&reported);
	tst_taint_report(&reported);
}

static void test_taint_detection(void **state)
{
	char *out;

	(void)state;
	/* Unwatched bits set before and after do not matter */
	write_text(taint_file, "4096\n");
	assert_int_equal(tst_taint_read(), 4096);
	tst_taint_init(TST_TAINT_W | TST_TAINT_D);
	assert_int_equal(tst_taint_check(), 0);
	write_text(taint_file, "4097\n");
	assert_int_equal(tst_taint_check(), 0);

	write_text(taint_file, "4736\n");	/* O, W and D */
	assert_int_equal(tst_taint_check(), TST_TAINT_W | TST_TAINT_D);

	/* Reported once, whoever asks */
	reported = 0;
	out = stderr_of(report_twice);
	assert_int_equal(reported, TST_TAINT_W | TST_TAINT_D);
	assert_int_equal(count_str(out, "TFAIL: Kernel is now tainted: DW\n"), 1);
	assert_int_equal(count_str(out, "\n"), 1);

	/* Only the bits not reported yet */
	reported = TST_TAINT_D;
	out = stderr_of(report_twice);
	assert_int_equal(count_str(out, "TFAIL: Kernel is now tainted: W\n"), 1);

	/* An unreadable file is no new taint */
	unlink(taint_file);
	assert_int_equal(tst_taint_read(), -1);
	assert_int_equal(tst_taint_check(), 0);
}

static void test_kver_parse(void **state)
{
	int v[3];

	(void)state;
	assert_int_equal(tst_parse_kver("6.18.44-fc-v769", v), 3);
	assert_int_equal(v[0], 6);
	assert_int_equal(v[1], 18);
	assert_int_equal(v[2], 44);
	assert_int_equal(tst_parse_kver("4.17", v), 2);
	assert_int_equal(v[0], 4);
	assert_int_equal(v[1], 17);
	assert_int_equal(v[2], 0);
	assert_int_equal(tst_parse_kver("5.4.0.1", v), 3);
	assert_int_equal(tst_parse_kver("6.1-rc3", v), 2);
	assert_int_equal(v[1], 1);
	assert_int_equal(tst_parse_kver("3", v), 1);
	assert_int_equal(tst_parse_kver("x", v), 0);
	assert_int_equal(tst_parse_kver("", v), 0);
	assert_int_equal(v[0], 0);
}

static void test_kvercmp(void **state)
{
	struct utsname u;
	int v[3];

	(void)state;
	assert_int_equal(uname(&u), 0);
	assert_true(tst_parse_kver(u.release, v) >= 2);

	assert_int_equal(tst_kvercmp(v[0], v[1], v[2]), 0);
	assert_true(tst_kvercmp(v[0], v[1], v[2] + 1) < 0);
	assert_true(tst_kvercmp(v[0], v[1] + 1, 0) < 0);
	assert_true(tst_kvercmp(v[0] + 1, 0, 0) < 0);
	assert_true(tst_kvercmp(v[0] - 1, 99, 99) > 0);
	assert_true(tst_kvercmp(2, 6, 0) > 0);
	assert_true(tst_kvercmp(999, 0, 0) < 0);
}

static void one_cpu(void *arg)
{
	cpu_set_t one;

	(void)arg;
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		_exit(2);
	_exit(tst_ncpus_available() == 1 ? 0 : 1);
}

static void test_ncpus(void **state)
{
	static struct run r;

	(void)state;
	assert_int_equal(tst_ncpus(), sysconf(_SC_NPROCESSORS_ONLN));
	assert_true(tst_ncpus_available() >= 1);
	assert_true(tst_ncpus_available() <= sysconf(_SC_NPROCESSORS_CONF));

	/* Follows the affinity mask, in a child not to change ours */
	run_forked(&r, one_cpu, NULL, NULL);
	assert_status(&r, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strerrno),
		cmocka_unit_test(test_strsig),
		cmocka_unit_test(test_taint_names),
		cmocka_unit_test_setup_teardown(test_taint_detection,
						make_taint_file,
						remove_taint_file),
		cmocka_unit_test(test_kver_parse),
		cmocka_unit_test(test_kvercmp),
		cmocka_unit_test(test_ncpus),
	};

	return cmocka_run_group_tests_name("harness names", tests, NULL, NULL);
}
