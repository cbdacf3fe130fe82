/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing "newc" cpio archives, the format the kernel unpacks as its
 * initramfs. Archives written one after the other into the same file
 * are unpacked one after the other, so a shared part and a per-kernel
 * part can simply be concatenated.
 */
#ifndef FZVM_CPIO_H
#define FZVM_CPIO_H

#include <stdio.h>
#include <sys/types.h>

struct cpio {
	FILE *f;
	const char *path;
	unsigned int ino;
	int err;
};

int cpio_open(struct cpio *c, const char *path, int append);
void cpio_dir(struct cpio *c, const char *name);
void cpio_data(struct cpio *c, const char *name, mode_t mode,
	       const void *data, size_t len);
/* A host file; 0, or -1 when it cannot be read */
int cpio_file(struct cpio *c, const char *name, mode_t mode, const char *src);
void cpio_symlink(struct cpio *c, const char *name, const char *target);
void cpio_chardev(struct cpio *c, const char *name, unsigned int major,
		  unsigned int minor);
/* Writes the trailer; 0 when everything was written */
int cpio_close(struct cpio *c);

#endif /* FZVM_CPIO_H */
