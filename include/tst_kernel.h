/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The running kernel: its word size and whether this binary runs in
 * its compat layer.
 *
 *	if (tst_is_compat_mode())
 *		tst_res(TINFO, "32-bit binary on a %d-bit kernel",
 *			tst_kernel_bits());
 */
#ifndef TST_KERNEL_H
#define TST_KERNEL_H

#include <stdbool.h>

/**
 * tst_kernel_bits() - Word size of the running kernel.
 *
 * Return: 64 or 32, from uname()'s machine (not this binary's ABI).
 */
int tst_kernel_bits(void);

/**
 * tst_is_compat_mode() - Whether this binary runs in the compat layer.
 *
 * Return: 1 for a 32-bit binary on a 64-bit kernel, 0 otherwise.
 */
int tst_is_compat_mode(void);

/**
 * tst_abi_bits() - Whether this binary uses the kernel's @abi-bit ABI.
 * @abi: 32 or 64; other values end the test with TBROK.
 *
 * A 32-bit binary on a 64-bit kernel uses the 32-bit (compat) ABI.
 *
 * Return: true when this binary's pointers have @abi bits.
 */
bool tst_abi_bits(int abi);

/**
 * tst_check_builtin_driver() - Whether a driver is built into the kernel.
 * @driver: Module name, e.g. "loop" ('-' and '_' are the same).
 *
 * Return: 0 when /lib/modules/$(uname -r)/modules.builtin lists it,
 * -1 otherwise.
 */
int tst_check_builtin_driver(const char *driver);

/**
 * tst_check_driver() - Whether a driver is available.
 * @driver: Module name.
 *
 * Return: 0 when it is built in, loaded, or a module of the running
 * kernel (modules.dep), -1 otherwise.
 */
int tst_check_driver(const char *driver);

#endif /* TST_KERNEL_H */
