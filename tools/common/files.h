/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Files and directories: whole files in and out, reports written
 * through a temporary file renamed into place, directory trees.
 *
 *	size_t len;
 *	char *text = read_file("journal.jsonl", &len);
 *
 *	if (write_file("results.json", b.s, b.len))
 *		warning("cannot write results.json: %s", strerror(errno));
 */
#ifndef TOOLS_FILES_H
#define TOOLS_FILES_H

#include <stddef.h>
#include <sys/types.h>

/* Directories nftw() may keep open at once; deeper trees still work */
#define WALK_FDS	16

int mkdir_p(const char *path, mode_t mode);
/* Remove a directory tree, staying on its file system */
int rm_rf(const char *path);
int write_all(int fd, const void *buf, size_t len);
/* Whole file, NUL terminated; NULL with errno set on failure */
char *read_file(const char *path, size_t *len);
/* First line of a small file without the newline, or NULL */
char *read_line_file(const char *path);

/*
 * Write @len bytes to @path through a temporary file renamed into place:
 * a reader sees the old file or the new one, never half of one.
 */
int write_file(const char *path, const void *buf, size_t len);
int append_file(const char *path, const void *buf, size_t len);
int copy_file(const char *from, const char *to);
int is_dir(const char *path);
int is_file(const char *path);

/*
 * The next line of a text read with read_file(), cut in place, without
 * its newline and without blanks (and a CR) around it; NULL at the end.
 *
 *	for (cur = text; (line = next_line(&cur)); lineno++)
 *		if (*line && *line != '#')
 *			...
 */
char *next_line(char **cursor);

#endif /* TOOLS_FILES_H */
