// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Files and directories.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "alloc.h"
#include "files.h"
#include "strbuf.h"

/* read() size for whole files: a journal line or two per call */
#define READ_CHUNK	65536

int mkdir_p(const char *path, mode_t mode)
{
	char *p = xstrdup(path), *s;
	int ret = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, mode) && errno != EEXIST) {
			ret = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (!ret) {
		struct stat st;

		if (stat(path, &st))
			ret = -1;
		else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			ret = -1;
		}
	}
	free(p);
	return ret;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

int rm_rf(const char *path)
{
	return nftw(path, rm_one, WALK_FDS, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

char *read_file(const char *path, size_t *lenp)
{
	struct sbuf b = {0};
	char buf[READ_CHUNK];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;

			close(fd);
			sb_free(&b);
			errno = e;
			return NULL;
		}
		sb_add(&b, buf, n);
	}
	close(fd);
	if (!b.s)
		sb_add(&b, "", 0);
	if (lenp)
		*lenp = b.len;
	return b.s;
}

char *read_line_file(const char *path)
{
	char *s = read_file(path, NULL);

	if (s)
		s[strcspn(s, "\n")] = '\0';
	return s;
}

static int put_file(const char *path, const void *buf, size_t len, int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0644);
	int ret;

	if (fd < 0)
		return -1;
	ret = write_all(fd, buf, len) || fsync(fd);
	return close(fd) || ret ? -1 : 0;
}

int write_file(const char *path, const void *buf, size_t len)
{
	char *tmp = xasprintf("%s.tmp", path);
	int ret = put_file(tmp, buf, len, O_TRUNC) || rename(tmp, path);

	if (ret) {
		int e = errno;

		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return ret ? -1 : 0;
}

int append_file(const char *path, const void *buf, size_t len)
{
	return put_file(path, buf, len, O_APPEND);
}

int copy_file(const char *from, const char *to)
{
	size_t len;
	char *text = read_file(from, &len);
	int ret;

	if (!text)
		return -1;
	ret = write_file(to, text, len);
	free(text);
	return ret;
}

int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

char *next_line(char **cursor)
{
	char *line = *cursor, *nl, *end;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = line + strlen(line);
	}
	end = line + strlen(line);
	while (end > line && strchr(" \t\r", end[-1]))
		*--end = '\0';
	return line + strspn(line, " \t");
}
