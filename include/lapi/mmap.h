/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmap(2) flags and madvise(2) advice newer than some C libraries'
 * headers.
 *
 *	#include "lapi/mmap.h"
 *
 *	madvise(p, len, MADV_HUGEPAGE);
 */
#ifndef LAPI_MMAP_H
#define LAPI_MMAP_H

#include <sys/mman.h>
#include <sys/shm.h>

#ifndef MAP_SHARED_VALIDATE
# define MAP_SHARED_VALIDATE	0x03
#endif
#ifndef MAP_HUGETLB
# define MAP_HUGETLB		0x40000
#endif
#ifndef MAP_FIXED_NOREPLACE
# define MAP_FIXED_NOREPLACE	0x100000
#endif
#ifndef MAP_DROPPABLE
# define MAP_DROPPABLE		0x08
#endif
#ifndef MREMAP_DONTUNMAP
# define MREMAP_DONTUNMAP	4
#endif

#ifndef MADV_REMOVE
# define MADV_REMOVE		9
#endif
#ifndef MADV_DONTFORK
# define MADV_DONTFORK		10
#endif
#ifndef MADV_DOFORK
# define MADV_DOFORK		11
#endif
#ifndef MADV_MERGEABLE
# define MADV_MERGEABLE		12
#endif
#ifndef MADV_UNMERGEABLE
# define MADV_UNMERGEABLE	13
#endif
#ifndef MADV_HUGEPAGE
# define MADV_HUGEPAGE		14
#endif
#ifndef MADV_NOHUGEPAGE
# define MADV_NOHUGEPAGE	15
#endif
#ifndef MADV_DONTDUMP
# define MADV_DONTDUMP		16
#endif
#ifndef MADV_DODUMP
# define MADV_DODUMP		17
#endif
#ifndef MADV_WIPEONFORK
# define MADV_WIPEONFORK	18
#endif
#ifndef MADV_KEEPONFORK
# define MADV_KEEPONFORK	19
#endif
#ifndef MADV_COLD
# define MADV_COLD		20
#endif
#ifndef MADV_PAGEOUT
# define MADV_PAGEOUT		21
#endif
#ifndef MADV_GUARD_INSTALL
# define MADV_GUARD_INSTALL	102
#endif
#ifndef MADV_GUARD_REMOVE
# define MADV_GUARD_REMOVE	103
#endif
#ifndef MADV_HWPOISON
# define MADV_HWPOISON		100
#endif
#ifndef MADV_SOFT_OFFLINE
# define MADV_SOFT_OFFLINE	101
#endif
#ifndef MADV_FREE
# define MADV_FREE		8
#endif

/* Alignment a shared mapping's address needs (SHMLBA, the page size) */
#define MMAP_GRANULARITY	SHMLBA

#endif /* LAPI_MMAP_H */
