/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel taint flags, as in /proc/sys/kernel/tainted.
 *
 * Set struct tst_test's taint_check to a mask of these; the test fails if
 * one of them becomes set while it runs. A bit that is already set when
 * the test starts makes the test TCONF: it could not be told apart.
 */
#ifndef TST_TAINT_H
#define TST_TAINT_H

#define TST_TAINT_G	(1 << 0)	/* a module with non-GPL license loaded */
#define TST_TAINT_F	(1 << 1)	/* a module was force loaded */
#define TST_TAINT_S	(1 << 2)	/* SMP with CPUs not designed for SMP */
#define TST_TAINT_R	(1 << 3)	/* a module was force unloaded */
#define TST_TAINT_M	(1 << 4)	/* a machine check error occurred */
#define TST_TAINT_B	(1 << 5)	/* bad page referenced */
#define TST_TAINT_U	(1 << 6)	/* user requested taint */
#define TST_TAINT_D	(1 << 7)	/* kernel died recently: OOPS or BUG */
#define TST_TAINT_A	(1 << 8)	/* ACPI table overridden */
#define TST_TAINT_W	(1 << 9)	/* a warning was issued by the kernel */
#define TST_TAINT_C	(1 << 10)	/* driver from drivers/staging loaded */
#define TST_TAINT_I	(1 << 11)	/* working around a firmware bug */
#define TST_TAINT_O	(1 << 12)	/* out of tree module loaded */
#define TST_TAINT_E	(1 << 13)	/* unsigned module loaded */
#define TST_TAINT_L	(1 << 14)	/* a soft lockup occurred */
#define TST_TAINT_K	(1 << 15)	/* kernel has been live patched */
#define TST_TAINT_X	(1 << 16)	/* auxiliary taint, for distros */
#define TST_TAINT_T	(1 << 17)	/* kernel was built with the struct randomization plugin */
#define TST_TAINT_N	(1 << 18)	/* an in-kernel test has been run */

/**
 * tst_taint_read() - Read the kernel's taint mask.
 *
 * Return: the value of /proc/sys/kernel/tainted, or -1 if it cannot be read.
 */
long tst_taint_read(void);

/**
 * tst_taint_names() - Letters of the taint bits in a mask.
 * @mask: Taint bits.
 * @buf: Output buffer, at least 32 bytes.
 * @size: Size of @buf.
 *
 * Return: @buf holding e.g. "DW", or "" for 0.
 */
char *tst_taint_names(unsigned long mask, char *buf, size_t size);

/**
 * tst_taint_init() - Start watching the given taint bits.
 * @mask: TST_TAINT_* bits to watch.
 *
 * TCONF if the kernel cannot report taint, or if a watched bit is already
 * set (a new occurrence could not be detected).
 */
void tst_taint_init(unsigned int mask);

/**
 * tst_taint_check() - Watched taint bits that became set since
 *                     tst_taint_init().
 *
 * Return: the mask of newly set watched bits, 0 if none.
 */
unsigned int tst_taint_check(void);

#endif /* TST_TAINT_H */
