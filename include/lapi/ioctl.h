/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ioctl requests newer than some C libraries' headers: tty hang-up and
 * the /proc/PID/maps query.
 *
 *	#include "lapi/ioctl.h"
 *
 *	ioctl(pts, TIOCVHANGUP);
 */
#ifndef LAPI_IOCTL_H
#define LAPI_IOCTL_H

#include <linux/fs.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/ttydefaults.h>

#ifndef TIOCVHANGUP
# define TIOCVHANGUP	0x5437
#endif

/* PROCMAP_QUERY of Linux 6.11, for older UAPI headers */
#ifndef PROCMAP_QUERY
# define PROCFS_IOCTL_MAGIC	'f'

enum procmap_query_flags {
	PROCMAP_QUERY_VMA_READABLE		= 0x01,
	PROCMAP_QUERY_VMA_WRITABLE		= 0x02,
	PROCMAP_QUERY_VMA_EXECUTABLE		= 0x04,
	PROCMAP_QUERY_VMA_SHARED		= 0x08,
	PROCMAP_QUERY_COVERING_OR_NEXT_VMA	= 0x10,
	PROCMAP_QUERY_FILE_BACKED_VMA		= 0x20,
};

struct procmap_query {
	uint64_t size;
	uint64_t query_flags;
	uint64_t query_addr;
	uint64_t vma_start;
	uint64_t vma_end;
	uint64_t vma_flags;
	uint64_t vma_page_size;
	uint64_t vma_offset;
	uint64_t inode;
	uint32_t dev_major;
	uint32_t dev_minor;
	uint32_t vma_name_size;
	uint32_t build_id_size;
	uint64_t vma_name_addr;
	uint64_t build_id_addr;
};

# define PROCMAP_QUERY	_IOWR(PROCFS_IOCTL_MAGIC, 17, struct procmap_query)
#endif

#endif /* LAPI_IOCTL_H */
