/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reflink ioctls.
 *
 *	#include "lapi/ficlone.h"
 *
 *	struct file_clone_range fcr = { .src_fd = src, .src_length = len };
 *	ioctl(dst, FICLONERANGE, &fcr);
 *
 * struct file_clone_range comes from <linux/fs.h> (Linux 4.5 UAPI
 * headers and newer).
 */
#ifndef LAPI_FICLONE_H
#define LAPI_FICLONE_H

#include <linux/fs.h>
#include <stdint.h>

#ifndef FICLONE
# define FICLONE	_IOW(0x94, 9, int)
#endif
#ifndef FICLONERANGE
# define FICLONERANGE	_IOW(0x94, 13, struct file_clone_range)
#endif

#endif /* LAPI_FICLONE_H */
