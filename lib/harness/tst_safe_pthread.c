// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for pthreads, which return the error instead of
 * setting errno: the message names the returned error.
 */
#include "harness.h"

int safe_pthread_create(const char *file, const int lineno,
			pthread_t *thread_id, const pthread_attr_t *attr,
			void *(*thread_fn)(void *), void *arg)
{
	int rval = pthread_create(thread_id, attr, thread_fn, arg);

	if (rval)
		tst_brk_(file, lineno, TBROK,
			 "pthread_create(%p,%p,%p,%p) failed: %s (%d)",
			 (void *)thread_id, (void *)attr, (void *)thread_fn,
			 arg, tst_strerrno(rval), rval);
	return rval;
}

int safe_pthread_join(const char *file, const int lineno,
		      pthread_t thread_id, void **retval)
{
	int rval = pthread_join(thread_id, retval);

	if (rval)
		tst_brk_(file, lineno, TBROK,
			 "pthread_join(%lu,%p) failed: %s (%d)",
			 (unsigned long)thread_id, (void *)retval,
			 tst_strerrno(rval), rval);
	return rval;
}
