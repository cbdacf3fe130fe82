// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * time64 variants of timerfd_settime()/gettime() with struct tst_its:
 * the old timespec variant works, the time64 one is TCONF on 64-bit
 * architectures.
 */
#include "tst_test.h"
#include "tst_timer.h"
#include "tst_safe_timerfd.h"
#include "time64_variants.h"

static struct time64_variants variants[] = {
	{ .tfd_settime = sys_timerfd_settime, .tfd_gettime = sys_timerfd_gettime,
	  .ts_type = TST_KERN_OLD_TIMESPEC, .desc = "syscall with old kernel spec" },
	{ .tfd_settime = sys_timerfd_settime64, .tfd_gettime = sys_timerfd_gettime64,
	  .ts_type = TST_KERN_TIMESPEC, .desc = "syscall time64 with kernel spec" },
};

static int fd = -1;

static void setup(void)
{
	tst_res(TINFO, "Testing variant: %s", variants[tst_variant].desc);
	fd = SAFE_TIMERFD_CREATE(CLOCK_MONOTONIC, 0);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static void run(void)
{
	struct time64_variants *tv = &variants[tst_variant];
	struct tst_its its = { .type = tv->ts_type }, cur = { .type = tv->ts_type };

	tst_its_set_value_sec(&its, 100);
	tst_its_set_value_nsec(&its, 0);
	tst_its_set_interval_sec(&its, 0);
	tst_its_set_interval_nsec(&its, 0);
	TEST(tv->tfd_settime(fd, 0, tst_its_get(&its), NULL));
	if (TST_RET)
		tst_brk(TBROK | TTERRNO, "timerfd_settime() failed");
	TEST(tv->tfd_gettime(fd, tst_its_get(&cur)));
	if (TST_RET)
		tst_brk(TBROK | TTERRNO, "timerfd_gettime() failed");

	if (tst_its_get_value_sec(cur) >= 98 && tst_its_get_value_sec(cur) <= 100)
		tst_res(TPASS, "%s: the timer is set", tv->desc);
	else
		tst_res(TFAIL, "%s: %lld s left", tv->desc,
			tst_its_get_value_sec(cur));
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.test_variants = ARRAY_SIZE(variants),
};
