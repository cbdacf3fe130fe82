/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fzrun's journal, read back: fzrun reads it for --resume and --report,
 * fzvm from a guest's results disk after every boot.
 *
 * The journal is one JSON object a line, each line written with one
 * write() and fsync()ed. A crash can only tear the last line; the reader
 * leaves such a line out and says so (torn), and a writer cuts it off
 * before it appends (journal_cut_torn()).
 *
 *	struct journal j;
 *
 *	if (journal_read(&j, "results/latest/journal.jsonl"))
 *		die(2, "no run there: %s", strerror(errno));
 *	for (i = 0; i < j.ntests; i++)
 *		printf("%s %s\n", j.tests[i].label,
 *		       outcome_names[jtest_outcome(&j.tests[i])]);
 *	journal_free(&j);
 */
#ifndef TOOLS_JOURNAL_H
#define TOOLS_JOURNAL_H

#include <stddef.h>

#include "json.h"
#include "strbuf.h"

#define JOURNAL_NAME	"journal.jsonl"

/* What became of a test, from its journal events */
enum outcome {
	O_PASS, O_CONF, O_KNOWN, O_FAIL, O_BROK, O_WARN, O_INTERRUPTED,
	O_NOTRUN, O_NR
};
extern const char *const outcome_names[O_NR];

/* A test of the run: its test_queued, test_start and test_end events */
struct jtest {
	int seq;
	const char *name;
	char *label;		/* name, or name#N when the run repeats tests */
	const struct jv *queued, *start, *end;
	int reruns;		/* earlier runs, ended by test_rerun events */
};

struct journal {
	struct jv **events;	/* every event, in order; owned */
	size_t nevents;
	struct jtest *tests;
	int ntests;
	const struct jv *run_start;
	int resumes;
	int complete;		/* a run_end was seen */
	int stopped;		/* a run_stop was seen */
	size_t size;		/* bytes read */
	size_t good;		/* bytes up to the end of the last whole line */
	int torn;		/* the last line was cut short: not in @good */
	int bad_lines;		/* whole lines that are no JSON object, skipped */
	int first_bad_line;
	char bad_error[128];	/* why the first of them did not parse */
	int unknown_tests;	/* events of tests never queued, ignored */
};

/*
 * Read the journal at @path into @j (zeroed first). Returns 0, or -1
 * with errno set when the file cannot be read or holds no run_start.
 */
int journal_read(struct journal *j, const char *path);
/* Add one parsed event to @j, which owns it from now on */
void journal_apply(struct journal *j, struct jv *ev);
void journal_free(struct journal *j);

/* Cut a torn last line off the journal file open at @fd */
int journal_cut_torn(struct journal *j, int fd);
/*
 * Append @line (one JSON object, no newline) to the journal open at @fd
 * (O_APPEND) with one write(), fsync() it, then apply it. Returns -1
 * with errno set (EINVAL: @line is not a JSON object).
 */
int journal_write(struct journal *j, int fd, const char *line, size_t len);
/* The same for @len bytes of whole lines, each one JSON object */
int journal_write_lines(struct journal *j, int fd, const char *text,
			size_t len);

/* The test that started and did not end, or NULL */
const struct jtest *journal_running(const struct journal *j);
/* Tests that ended */
int journal_ended(const struct journal *j);

enum outcome jtest_outcome(const struct jtest *t);
/* Failed, broken, warned or interrupted: makes a run fail */
int outcome_bad(enum outcome o);
/* The outcome as tables show it: "timeout" for a test that timed out */
const char *jtest_result(const struct jtest *t);

#endif /* TOOLS_JOURNAL_H */
