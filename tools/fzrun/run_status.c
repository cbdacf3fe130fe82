// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fzrun's exit status, from the outcomes of the run's tests.
 */
#include "fzrun.h"

int run_not_queued(const struct run *r)
{
	int planned = jv_getn(r->j.run_start, "tests", 0);

	return planned > r->j.ntests ? planned - r->j.ntests : 0;
}

int run_exit_status(const struct run *r)
{
	int i, notrun = 0;

	for (i = 0; i < r->j.ntests; i++) {
		enum outcome o = jtest_outcome(&r->j.tests[i]);

		if (outcome_bad(o))
			return FZR_EXIT_FAIL;
		notrun |= o == O_NOTRUN;
	}
	if (notrun)
		return FZR_EXIT_STOPPED;
	/* tests the run meant to run and never queued: not a green run */
	return run_not_queued(r) ? FZR_EXIT_FAIL : FZR_EXIT_OK;
}
