/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Allocation that cannot fail: out of memory, the tool says so and exits
 * with EXIT_NO_MEMORY, which is every tool's "setup error" status.
 *
 *	char *path = xasprintf("%s/%s", dir, name);
 */
#ifndef TOOLS_ALLOC_H
#define TOOLS_ALLOC_H

#include <stddef.h>

/* The tools' exit status for setup errors (fzrun's and fzvm's 2) */
#define EXIT_NO_MEMORY	2

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* A copy of @s, "" for NULL */
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* TOOLS_ALLOC_H */
