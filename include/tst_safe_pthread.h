/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers for pthreads. pthread functions return the error
 * instead of setting errno; the message names it.
 */
#ifndef TST_SAFE_PTHREAD_H
#define TST_SAFE_PTHREAD_H

#include <pthread.h>

int safe_pthread_create(const char *file, const int lineno,
			pthread_t *thread_id, const pthread_attr_t *attr,
			void *(*thread_fn)(void *), void *arg);
#define SAFE_PTHREAD_CREATE(thread_id, attr, thread_fn, arg) \
	safe_pthread_create(__FILE__, __LINE__, (thread_id), (attr), \
			    (thread_fn), (arg))

int safe_pthread_join(const char *file, const int lineno,
		      pthread_t thread_id, void **retval);
#define SAFE_PTHREAD_JOIN(thread_id, retval) \
	safe_pthread_join(__FILE__, __LINE__, (thread_id), (retval))

#endif /* TST_SAFE_PTHREAD_H */
