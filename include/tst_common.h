/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small helpers every test file expects to have.
 */
#ifndef TST_COMMON_H
#define TST_COMMON_H

#define LTP_ATTRIBUTE_NORETURN		__attribute__((noreturn))
#define LTP_ATTRIBUTE_UNUSED		__attribute__((unused))
#define LTP_ATTRIBUTE_UNUSED_RESULT	__attribute__((warn_unused_result))

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#endif

#ifndef MIN
# define MIN(a, b) ({ \
	__typeof__(a) tst_min_a_ = (a); \
	__typeof__(b) tst_min_b_ = (b); \
	tst_min_a_ < tst_min_b_ ? tst_min_a_ : tst_min_b_; \
})
#endif

#ifndef MAX
# define MAX(a, b) ({ \
	__typeof__(a) tst_max_a_ = (a); \
	__typeof__(b) tst_max_b_ = (b); \
	tst_max_a_ > tst_max_b_ ? tst_max_a_ : tst_max_b_; \
})
#endif

#define TST_BUILD_BUG_ON(cond) ((void)sizeof(char[1 - 2 * !!(cond)]))

#endif /* TST_COMMON_H */
