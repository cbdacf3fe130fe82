// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The test device through whole test runs: a loop device on a file in
 * the temporary directory, formatted and mounted at .mntpoint for the
 * test, and unmounted, detached and removed afterwards, also when
 * setup, the test or the harness ends with tst_brk() and when the test
 * times out. The file systems a test runs on: .filesystems, unsupported
 * ones, .skip_filesystems, .all_filesystems with LTP_SINGLE_FS_TYPE,
 * variants on each.
 *
 * Needs root, loop devices and mkfs.ext2; skipped otherwise.
 */
#include <linux/loop.h>
#include <sys/ioctl.h>

#include "test_harness.h"

static struct run r;
SCRATCH_FIXTURES(marker, "device")

static void need_devices(void)
{
	char path[PATH_MAX];

	if (geteuid() || access("/dev/loop-control", F_OK) ||
	    tst_get_path("mkfs.ext2", path, sizeof(path)))
		skip();
}

/* What the test saw: "DEV TMPDIR FS MOUNTED" */
static void note_device(void)
{
	char line[PATH_MAX * 2 + 64];
	char *tmpdir = tst_get_tmpdir();

	snprintf(line, sizeof(line), "%s %s %s %d\n", tst_device->dev, tmpdir,
		 tst_device->fs_type, tst_is_mounted_at_tmpdir("mnt"));
	free(tmpdir);
	write_text(marker, line);
}

static void run_noted(void)
{
	note_device();
	tst_res(TPASS, "device %s", tst_device->dev);
}

static void setup_brk(void)
{
	note_device();
	tst_brk(TBROK, "setup breaks");
}

static void run_brk(void)
{
	note_device();
	tst_brk(TBROK, "test breaks");
}

static void run_hang(void)
{
	note_device();
	pause();
}

static int loop_is_free(const char *dev)
{
	struct loop_info64 info;
	int fd = open(dev, O_RDONLY), is_free;

	assert_true(fd >= 0);
	is_free = ioctl(fd, LOOP_GET_STATUS64, &info) && errno == ENXIO;
	close(fd);
	return is_free;
}

/* The device the test saw is free again, its directory gone */
static void assert_released(const char *want_fs)
{
	char buf[PATH_MAX * 2 + 64], dev[PATH_MAX], tmpdir[PATH_MAX], fs[32];
	char mnt[PATH_MAX + 8];
	int mounted;

	if (!read_text(marker, buf, sizeof(buf)))
		fail_msg("the test did not run; output:\n%s", r.out);
	assert_int_equal(sscanf(buf, "%s %s %31s %d", dev, tmpdir, fs, &mounted), 4);
	assert_int_equal(mounted, 1);
	assert_string_equal(fs, want_fs);
	assert_int_equal(strncmp(dev, "/dev/loop", 9), 0);

	if (!loop_is_free(dev))
		fail_msg("%s still attached; output:\n%s", dev, r.out);
	snprintf(mnt, sizeof(mnt), "%s/mnt", tmpdir);
	assert_false(tst_is_mounted(mnt));
	if (!access(tmpdir, F_OK))
		fail_msg("%s still there; output:\n%s", tmpdir, r.out);
}

static struct tst_test device_test(void)
{
	struct tst_test t = {
		.test_all = run_noted,
		.mount_device = 1,
		.mntpoint = "mnt",
		.timeout = 20,
	};

	return t;
}

static void test_lifecycle(void **state)
{
	struct tst_test t = device_test();

	(void)state;
	need_devices();
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "Found free device");
	assert_output(&r, "TINFO: Formatting /dev/loop");
	assert_output(&r, " with ext2 opts='' extra opts=''\n");
	assert_output(&r, "TPASS: device /dev/loop");
	assert_released("ext2");
}

static void test_released_after_brk(void **state)
{
	struct tst_test t = device_test();

	(void)state;
	need_devices();

	t.setup = setup_brk;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: setup breaks");
	assert_released("ext2");

	unlink(marker);
	t.setup = NULL;
	t.test_all = run_brk;
	run_tst(&r, &t);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: test breaks");
	assert_released("ext2");

	unlink(marker);
	t.test_all = run_hang;
	t.timeout = 0;
	run_tst_ex(&r, &t, (char *[]) { "hang", NULL }, shortest_timeout, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "Test timed out after 3s");
	assert_released("ext2");
}

/* A tst_brk() of the harness itself, here a mount that fails */
static void test_harness_brk(void **state)
{
	struct tst_test t = device_test();
	char *argv[] = { "unit_test", NULL };
	const char *found;
	char dev[64];

	(void)state;
	need_devices();
	t.filesystems = (struct tst_fs[]) {
		{ .type = NULL, .mnt_data = "no_such_mount_option" }, {}
	};
	run_tst_ex(&r, &t, argv, NULL, NULL);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: mount(/dev/loop");
	assert_no_output(&r, "TPASS");
	assert_no_output(&r, "TWARN");

	/* The device the harness took is free again */
	found = strstr(r.out, "Found free device ");
	assert_non_null(found);
	assert_int_equal(sscanf(found, "Found free device %*d '%63[^']'", dev), 1);
	if (!loop_is_free(dev))
		fail_msg("%s still attached; output:\n%s", dev, r.out);
}

static void test_filesystems(void **state)
{
	struct tst_test t = device_test();

	(void)state;
	need_devices();

	/* The listed types the machine has; a missing one is skipped */
	t.filesystems = (struct tst_fs[]) {
		{ .type = "fzsync_no_such_fs" },
		{ .type = "tmpfs", .mnt_data = "mode=0700" },
		{ .type = "ext2", .mkfs_opts = (const char *const[]) { "-b", "1024", NULL } },
		{}
	};
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TINFO: Filesystem fzsync_no_such_fs is not supported\n");
	assert_output(&r, "=== Testing on tmpfs ===\n");
	assert_output(&r, "Mounting ltp-tmpfs to ");
	assert_output(&r, "=== Testing on ext2 ===\n");
	assert_output(&r, "with ext2 opts='-b 1024' extra opts=''\n");
	assert_output(&r, "passed   2\n");
	assert_released("ext2");

	/* The only type listed is missing: TCONF naming it */
	t.filesystems = (struct tst_fs[]) { { .type = "fzsync_no_such_fs" }, {} };
	run_tst(&r, &t);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: The fzsync_no_such_fs filesystem is not supported\n");

	t.filesystems = NULL;
	t.skip_filesystems = (const char *const[]) { "ext2", NULL };
	run_tst(&r, &t);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: ext2 is not supported by the test\n");
}

/* Each variant on each file system */
static void test_variants_per_fs(void **state)
{
	struct tst_test t = device_test();

	(void)state;
	need_devices();
	t.test_variants = 2;
	t.filesystems = (struct tst_fs[]) {
		{ .type = "tmpfs" }, { .type = "ext2" }, {}
	};
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_int_equal(count_str(r.out, "=== Testing on tmpfs ===\n"), 2);
	assert_int_equal(count_str(r.out, "=== Testing on ext2 ===\n"), 2);
	assert_output(&r, "passed   4\n");
	assert_released("ext2");
}

static void single_tmpfs(void)
{
	setenv("LTP_SINGLE_FS_TYPE", "tmpfs", 1);
}

static void test_all_filesystems(void **state)
{
	struct tst_test t = device_test();
	char *argv[] = { "unit_test", NULL };

	(void)state;
	need_devices();
	t.mount_device = 0;
	t.all_filesystems = 1;
	run_tst_ex(&r, &t, argv, single_tmpfs, NULL);
	assert_status(&r, 0);
	assert_output(&r, "=== Testing on tmpfs ===\n");
	assert_no_output(&r, "=== Testing on ext2");
	assert_output(&r, "passed   1\n");
	assert_released("tmpfs");
}

/* needs_device alone: a device, neither formatted nor mounted */
static void run_raw(void)
{
	uint64_t mb = tst_get_device_size(tst_device->dev);

	if (mb >= 300 && !tst_is_mounted_at_tmpdir("mnt"))
		tst_res(TPASS, "raw device of %llu MB", (unsigned long long)mb);
	else
		tst_res(TFAIL, "device of %llu MB, mounted %d",
			(unsigned long long)mb, tst_is_mounted_at_tmpdir("mnt"));
}

static void test_needs_device(void **state)
{
	struct tst_test t = {
		.test_all = run_raw,
		.needs_device = 1,
		.mntpoint = "mnt",
		.dev_min_size = 320,
		.timeout = 20,
	};

	(void)state;
	need_devices();
	run_tst(&r, &t);
	assert_status(&r, 0);
	assert_output(&r, "TPASS: raw device of 320 MB");
	assert_no_output(&r, "Formatting");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, make_marker, remove_marker)
	const struct CMUnitTest tests[] = {
		T(test_lifecycle),
		T(test_released_after_brk),
		T(test_harness_brk),
		T(test_filesystems),
		T(test_variants_per_fs),
		T(test_all_filesystems),
		T(test_needs_device),
	};
#undef T

	return cmocka_run_group_tests_name("harness test device", tests, NULL,
					   NULL);
}
