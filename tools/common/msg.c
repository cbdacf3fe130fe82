// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One-line messages on stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg.h"
#include "text.h"

/* Longer messages are cut: one line must stay one line on a terminal */
#define MSG_MAX		4096

/*
 * One line on stderr, after whatever stdout still holds; what a message
 * quotes (a test name, a kernel line) cannot break the line or drive
 * the terminal
 */
static void message(const char *kind, const char *fmt, va_list ap)
{
	char buf[MSG_MAX];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fflush(stdout);
	fprintf(stderr, "%s: %s%s\n", tool_name, kind, printable(buf));
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("", fmt, ap);
	va_end(ap);
	exit(status);
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("warning: ", fmt, ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("", fmt, ap);
	va_end(ap);
}
