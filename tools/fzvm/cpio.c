// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * newc cpio writer: a 110-byte ASCII header, the name, the data, each
 * padded to four bytes. Times are zero so that the same inputs give the
 * same archive.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpio.h"
#include "files.h"

static const char zeros[4];

static void put(struct cpio *c, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, c->f) != n)
		c->err = errno ? errno : EIO;
}

static void pad(struct cpio *c, size_t n)
{
	put(c, zeros, (4 - n % 4) % 4);
}

static void entry(struct cpio *c, const char *name, mode_t mode,
		  unsigned int nlink, size_t size, unsigned int rmaj,
		  unsigned int rmin)
{
	unsigned int nlen = strlen(name) + 1;
	char hdr[128];

	/* newc sizes are 32 bits */
	if (size > 0xffffffffu)
		c->err = EFBIG;
	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 c->ino++, (unsigned int)mode, 0, 0, nlink, 0,
		 (unsigned int)size, 0, 0, rmaj, rmin, nlen, 0);
	put(c, hdr, 110);
	put(c, name, nlen);
	pad(c, 110 + nlen);
}

int cpio_open(struct cpio *c, const char *path, int append)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	c->ino = 0x1000;
	c->f = fopen(path, append ? "ab" : "wb");
	return c->f ? 0 : -1;
}

void cpio_dir(struct cpio *c, const char *name)
{
	entry(c, name, S_IFDIR | 0755, 2, 0, 0, 0);
}

void cpio_data(struct cpio *c, const char *name, mode_t mode,
	       const void *data, size_t len)
{
	entry(c, name, S_IFREG | (mode & 07777), 1, len, 0, 0);
	put(c, data, len);
	pad(c, len);
}

int cpio_file(struct cpio *c, const char *name, mode_t mode, const char *src)
{
	size_t len;
	char *data = read_file(src, &len);

	if (!data)
		return -1;
	cpio_data(c, name, mode, data, len);
	free(data);
	return 0;
}

void cpio_symlink(struct cpio *c, const char *name, const char *target)
{
	size_t len = strlen(target);

	entry(c, name, S_IFLNK | 0777, 1, len, 0, 0);
	put(c, target, len);
	pad(c, len);
}

void cpio_chardev(struct cpio *c, const char *name, unsigned int major,
		  unsigned int minor)
{
	entry(c, name, S_IFCHR | 0600, 1, 0, major, minor);
}

int cpio_close(struct cpio *c)
{
	entry(c, "TRAILER!!!", 0, 1, 0, 0, 0);
	if (fclose(c->f) && !c->err)
		c->err = errno;
	c->f = NULL;
	return c->err ? -1 : 0;
}
