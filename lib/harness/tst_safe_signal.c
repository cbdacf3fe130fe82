// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for signal dispositions, sets and masks.
 */
#include <signal.h>

#include "harness.h"

tst_sighandler_t safe_signal(const char *file, const int lineno, int signum,
			     tst_sighandler_t handler)
{
	tst_sighandler_t old = signal(signum, handler);

	if (old == SIG_ERR)
		tst_brk_(file, lineno, TBROK | TERRNO, "signal(%s,%p) failed",
			 tst_strsig(signum), (void *)handler);
	return old;
}

int safe_sigaction(const char *file, const int lineno, int signum,
		   const struct sigaction *act, struct sigaction *oldact)
{
	TST_SAFE_CALL(sigaction(signum, act, oldact), "sigaction(%s,%p,%p)",
		      tst_strsig(signum), (void *)act, (void *)oldact);
}

int safe_sigaddset(const char *file, const int lineno, sigset_t *sigs,
		   int signo)
{
	TST_SAFE_CALL(sigaddset(sigs, signo), "sigaddset(%p,%d)", (void *)sigs,
		      signo);
}

int safe_sigdelset(const char *file, const int lineno, sigset_t *sigs,
		   int signo)
{
	TST_SAFE_CALL(sigdelset(sigs, signo), "sigdelset(%p,%d)", (void *)sigs,
		      signo);
}

int safe_sigemptyset(const char *file, const int lineno, sigset_t *sigs)
{
	TST_SAFE_CALL(sigemptyset(sigs), "sigemptyset(%p)", (void *)sigs);
}

int safe_sigfillset(const char *file, const int lineno, sigset_t *sigs)
{
	TST_SAFE_CALL(sigfillset(sigs), "sigfillset(%p)", (void *)sigs);
}

int safe_sigprocmask(const char *file, const int lineno, int how,
		     const sigset_t *set, sigset_t *oldset)
{
	TST_SAFE_CALL(sigprocmask(how, set, oldset), "sigprocmask(%d,%p,%p)",
		      how, (void *)set, (void *)oldset);
}

int safe_sigwait(const char *file, const int lineno, const sigset_t *set,
		 int *sig)
{
	/* Returns the error instead of setting errno */
	int ret = sigwait(set, sig);

	if (ret) {
		errno = ret;
		tst_brk_(file, lineno, TBROK | TERRNO, "sigwait(%p,%p) failed",
			 (void *)set, (void *)sig);
	}
	return ret;
}
