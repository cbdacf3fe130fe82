/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What fzrun does unless told otherwise. fzvm needs the same numbers to
 * tell a hung guest from a slow test: a guest whose fzrun wrote nothing
 * for the test timeout and the kill grace no longer runs fzrun.
 *
 *	double timeout = c->timeout ? c->timeout : FZRUN_TIMEOUT_S;
 */
#ifndef TOOLS_FZRUN_DEFAULTS_H
#define TOOLS_FZRUN_DEFAULTS_H

/* Per-test timeout: ten minutes, the longest reproducer's runtime and more */
#define FZRUN_TIMEOUT_S		600
/* Between SIGTERM and SIGKILL: time for a test's cleanup to run */
#define FZRUN_KILL_GRACE_S	5

#endif /* TOOLS_FZRUN_DEFAULTS_H */
