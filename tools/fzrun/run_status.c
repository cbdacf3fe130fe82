// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzrun's exit status, from the outcomes of the run's tests.
 */
#include "fzrun.h"

int run_exit_status(const struct run *r)
{
	int i, notrun = 0;

	for (i = 0; i < r->j.ntests; i++) {
		enum outcome o = jtest_outcome(&r->j.tests[i]);

		if (outcome_bad(o))
			return FZR_EXIT_FAIL;
		notrun |= o == O_NOTRUN;
	}
	return notrun ? FZR_EXIT_STOPPED : FZR_EXIT_OK;
}
