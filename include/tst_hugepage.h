/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Huge pages.
 *
 *	size_t hpage = tst_get_hugepage_size();
 *
 *	if (!hpage)
 *		tst_brk(TCONF, "No huge pages");
 */
#ifndef TST_HUGEPAGE_H
#define TST_HUGEPAGE_H

#include <stddef.h>

#include "tst_path_defs.h"

/**
 * tst_get_hugepage_size() - Size of the default huge page.
 *
 * Return: bytes, from "Hugepagesize:" of /proc/meminfo; 0 when the
 * kernel has no huge pages.
 */
size_t tst_get_hugepage_size(void);

#endif /* TST_HUGEPAGE_H */
