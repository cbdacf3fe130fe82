/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sequentially consistent atomic integers for tests and the library.
 *
 * Every operation here is __ATOMIC_SEQ_CST: tests use these to build
 * their own ad hoc protocols and should not have to reason about weaker
 * orderings. The fuzzy-sync hot paths use weaker orderings directly and
 * say so where they do.
 */
#ifndef TST_ATOMIC_H
#define TST_ATOMIC_H

typedef int tst_atomic_t;

/**
 * tst_atomic_add_return() - Atomically add to an integer.
 * @i: Value to add.
 * @v: Integer to update.
 *
 * Return: the new value of *@v.
 */
static inline int tst_atomic_add_return(int i, tst_atomic_t *v)
{
	return __atomic_add_fetch(v, i, __ATOMIC_SEQ_CST);
}

/**
 * tst_atomic_inc() - Atomically increment an integer.
 * @v: Integer to update.
 *
 * Return: the new value of *@v.
 */
static inline int tst_atomic_inc(tst_atomic_t *v)
{
	return tst_atomic_add_return(1, v);
}

/**
 * tst_atomic_dec() - Atomically decrement an integer.
 * @v: Integer to update.
 *
 * Return: the new value of *@v.
 */
static inline int tst_atomic_dec(tst_atomic_t *v)
{
	return tst_atomic_add_return(-1, v);
}

/**
 * tst_atomic_load() - Atomically read an integer.
 * @v: Integer to read.
 *
 * Return: the value of *@v.
 */
static inline int tst_atomic_load(tst_atomic_t *v)
{
	return __atomic_load_n(v, __ATOMIC_SEQ_CST);
}

/**
 * tst_atomic_store() - Atomically write an integer.
 * @i: Value to write.
 * @v: Integer to write to.
 */
static inline void tst_atomic_store(int i, tst_atomic_t *v)
{
	__atomic_store_n(v, i, __ATOMIC_SEQ_CST);
}

#endif /* TST_ATOMIC_H */
