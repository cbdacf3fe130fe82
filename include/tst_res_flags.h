/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Result types and flags for tst_res() and tst_brk().
 *
 * The numeric values are the ones LTP uses: the result types double as
 * the bits of a test's exit status.
 */
#ifndef TST_RES_FLAGS_H
#define TST_RES_FLAGS_H

#define TPASS	0	/* Test passed */
#define TFAIL	1	/* Test failed */
#define TBROK	2	/* Test could not run (setup error, timeout, ...) */
#define TWARN	4	/* Something is odd but the test result stands */
#define TDEBUG	8	/* Debug message */
#define TINFO	16	/* Information, not a result */
#define TCONF	32	/* Test not applicable to this system */

#define TERRNO	0x100	/* Append errno to the message */
#define TTERRNO	0x200	/* Append TST_ERR to the message */
#define TRERRNO	0x400	/* Append TST_RET as an errno to the message */

#define TTYPE_MASK	0x3f
#define TTYPE_RESULT(ttype)	((ttype) & TTYPE_MASK)

#endif /* TST_RES_FLAGS_H */
