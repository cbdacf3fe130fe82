/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One-line messages on stderr, prefixed with the tool's name:
 *
 *	die(2, "cannot create %s: %s", dir, strerror(errno));
 *	warning("no tests in %s", path);	// "fzrun: warning: no tests ..."
 */
#ifndef TOOLS_MSG_H
#define TOOLS_MSG_H

/* The tool's name in its messages; each tool defines it */
extern const char *const tool_name;

/* "tool: message" on stderr, then exit(@status) */
void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* "tool: warning: message" on stderr */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "tool: message" on stderr */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* TOOLS_MSG_H */
