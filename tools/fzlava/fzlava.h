/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fzlava: a run of fzrun reported to LAVA as it goes. fzlava starts the
 * command (fzrun), follows the journal it writes and, for every test
 * that ends, calls LAVA's lava-test-case with the test's result and
 * duration, inside a lava-test-set per runtest list. A test case is
 * reported the moment the journal has its end: when the kernel dies in
 * the middle of a run, LAVA has every test before.
 *
 *	fzlava -o /tmp/r -- fzrun -q -o /tmp/r -f races
 */
#ifndef FZLAVA_H
#define FZLAVA_H

#include <sys/types.h>

#include "journal.h"
#include "strbuf.h"

/*
 * How often the journal is looked at while the command runs, besides
 * whenever inotify says the results directory changed; and before the
 * directory exists (no inotify watch yet)
 */
#define FOLLOW_POLL_MS		250
#define FOLLOW_START_POLL_MS	20

/* The journal of a run, read as it grows */
struct follow {
	char *path;
	int fd;			/* -1 until the file exists */
	off_t offset;		/* bytes read so far */
	off_t before;		/* the journal's size before the command ran */
	/*
	 * The command started the run (run_start) or went on with it
	 * (resume) after @before: a journal left by an earlier run is
	 * not this command's to report
	 */
	int ours;
	struct sbuf partial;	/* a line not yet ended by its newline */
	struct journal j;
	int bad_lines;
};

/* Before the command starts: notes what the journal holds already */
void follow_init(struct follow *f, const char *dir);
/*
 * Apply the journal's new whole lines to f->j. Returns the number of
 * events applied, or -1 with errno set when the file exists and cannot
 * be read.
 */
int follow_read(struct follow *f);
void follow_free(struct follow *f);

/* What has been said to LAVA */
struct lava {
	int dry_run;		/* print the helper commands, run nothing */
	int kmsg;		/* LAVA signals through /dev/kmsg (KMSG set) */
	char *set;		/* the open test set, or NULL */
	unsigned char *started, *ended;	/* per test (seq - 1) */
	int ntests;
	int reported;		/* test cases reported */
	int helper_failures;	/* helper calls that failed */
};

/* LAVA's result for a test's outcome in fzrun */
const char *lava_result(enum outcome o);
/* The test case name: the test's name, NAME.N for iteration N of -i */
char *lava_case_name(const struct jtest *t);

/* Say what is new in @j: test sets, starts, ends */
void lava_update(struct lava *l, const struct journal *j);
/*
 * After the command: a test that started and never ended is reported
 * unknown; the open test set is closed. Returns the number of tests
 * never run.
 */
int lava_finish(struct lava *l, const struct journal *j);

#endif /* FZLAVA_H */
