// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The end of a run as LTP prints it: failure hints from the test's tags
 * and the summary of the counters. Runners parse the summary, so its
 * shape must not change.
 */
#include <string.h>

#include "harness.h"

#define LINUX_GIT_URL \
	"https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id="
#define CVE_DB_URL	"https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-"

void tst_print_summary(FILE *f, const struct tst_results *r)
{
	struct tst_results c;

	tst_results_snapshot(r, &c);
	fprintf(f, "\nSummary:\n");
	fprintf(f, "passed   %d\n", c.passed);
	fprintf(f, "failed   %d\n", c.failed);
	fprintf(f, "broken   %d\n", c.broken);
	fprintf(f, "skipped  %d\n", c.skipped);
	fprintf(f, "warnings %d\n", c.warnings);
}

void tst_print_hints(FILE *f, const struct tst_tag *tags)
{
	const struct tst_tag *t;

	for (t = tags; t && t->name; t++) {
		if (!strcmp(t->name, "linux-git"))
			fprintf(f, "\nHINT: This is a regression test for linux kernel, see commit:\n\n"
				LINUX_GIT_URL "%s\n", t->value);
		else if (!strcmp(t->name, "CVE"))
			fprintf(f, "\nHINT: This test also guards CVE-%s, see:\n\n"
				CVE_DB_URL "%s\n", t->value, t->value);
	}
}
