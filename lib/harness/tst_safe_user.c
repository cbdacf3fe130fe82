// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* look-ups of users and groups.
 */
#include <grp.h>
#include <pwd.h>

#include "harness.h"

/* The get*() calls return NULL both for "no entry" and for an error */
static void lookup_failed(const char *file, const int lineno,
			  const char *call)
{
	if (errno)
		tst_brk_(file, lineno, TBROK | TERRNO, "%s failed", call);
	tst_brk_(file, lineno, TBROK, "%s: no such entry", call);
}

struct passwd *safe_getpwnam(const char *file, const int lineno,
			     const char *name)
{
	struct passwd *pw;
	char call[256];

	errno = 0;
	pw = getpwnam(name);
	if (!pw) {
		snprintf(call, sizeof(call), "getpwnam(%s)", name);
		lookup_failed(file, lineno, call);
	}
	return pw;
}

struct group *safe_getgrnam(const char *file, const int lineno,
			    const char *name)
{
	struct group *gr;
	char call[256];

	errno = 0;
	gr = getgrnam(name);
	if (!gr) {
		snprintf(call, sizeof(call), "getgrnam(%s)", name);
		lookup_failed(file, lineno, call);
	}
	return gr;
}

struct group *safe_getgrnam_fallback(const char *file, const int lineno,
				     const char *name, const char *fallback)
{
	struct group *gr;

	errno = 0;
	gr = getgrnam(name);
	if (gr)
		return gr;
	tst_res_(file, lineno, TINFO, "getgrnam(%s): no such group, trying %s",
		 name, fallback);
	return safe_getgrnam(file, lineno, fallback);
}

struct group *safe_getgrgid(const char *file, const int lineno, gid_t gid)
{
	struct group *gr;
	char call[64];

	errno = 0;
	gr = getgrgid(gid);
	if (!gr) {
		snprintf(call, sizeof(call), "getgrgid(%d)", (int)gid);
		lookup_failed(file, lineno, call);
	}
	return gr;
}
