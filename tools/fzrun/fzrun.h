/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The runner's parts and what they share.
 *
 * A run lives in a results directory. Everything that happens is first
 * appended to its journal (journal.jsonl) and fsync()ed; the in-memory
 * state, the progress output and the reports are all built from the
 * journal's events, so a resumed run ends up exactly where a run that
 * was never interrupted would have.
 */
#ifndef FZRUN_H
#define FZRUN_H

#include <regex.h>
#include <stddef.h>
#include <sys/types.h>

#include "alloc.h"
#include "clock.h"
#include "command.h"
#include "files.h"
#include "fzrun_defaults.h"
#include "journal.h"
#include "json.h"
#include "msg.h"
#include "numbers.h"
#include "strbuf.h"

/* Exit statuses of fzrun */
#define FZR_EXIT_OK		0	/* every test passed, was TCONF or known */
#define FZR_EXIT_FAIL		1	/* at least one test did not */
#define FZR_EXIT_USAGE		2	/* bad options, test list, results dir */
#define FZR_EXIT_STOPPED	3	/* run stopped by a signal, resumable */

#define JOURNAL_VERSION	1

/*
 * Bounds of a run: its journal holds a line for every test and fzrun's
 * memory the parsed event, some 2 KiB a test; fifty thousand tests are
 * half a day of testing even at a second each, about 100 MB of memory
 * and 10 MB of journal.
 */
#define MAX_ITERATIONS	10000
#define MAX_RUN_TESTS	50000
/* Test names go into file names: NNNN-name.N.kmsg must fit NAME_MAX */
#define MAX_TEST_NAME	200
#define INTERRUPTED_REASON \
	"run interrupted during this test (kernel panic, reboot or runner killed)"

/* Options; see usage() in options.c */
struct cfg {
	char **lists;
	int nlists;
	char **select;
	int nselect;
	char *skip_file;
	int iterations;
	int shard_i, shard_n;
	double timeout;
	int timeout_set;
	double kill_grace;
	int verbose;
	int quiet_progress;
	char *outdir;
	char *resume_dir;
	char *report_dir;
	char *known_file;
	char **bindirs;
	int nbindirs;
	char **kmsg_match;
	int nkmsg_match;
	size_t max_log;
	int no_known_issues;
	int rerun_interrupted;
	int list_only;
	int selection_given;
	int argc;
	char **argv;
};

void cfg_parse(struct cfg *c, int argc, char *argv[]);
/* Fill in what neither the command line nor a resumed run set */
void cfg_defaults(struct cfg *c);

/* One line of a runtest file */
struct test_def {
	char *name;
	char *suite;		/* runtest file name without directory */
	char *cmdline;		/* command and arguments as written */
	char **argv;		/* cmdline split on blanks, NULL terminated */
	int argc;
	int shell;		/* shell syntax in cmdline: run with sh -c */
	char *where;		/* "file:line" */
};

struct test_list {
	struct test_def *v;
	int n;
};

/* runtest.c: load, select, skip and shard test lists; die on errors */
void runtest_load(const char *spec, const char *root, struct test_list *l);
void runtest_select(struct test_list *l, char **regexes, int n);
int runtest_skip(struct test_list *l, const char *skip_file);
void runtest_shard(struct test_list *l, int i, int n);
/* Split a command line on blanks; also says whether it needs a shell */
char **split_command(const char *cmd, int *argc, int *shell);

/* test_dirs.c: where the tests are */
char *find_root(void);
void setup_path(struct cfg *c, const char *root, struct sbuf *dirs);

/* A run: its results directory and its journal */
struct run {
	char *dir;
	int fd;				/* journal, -1 when only read */
	struct journal j;
	int torn_dropped;		/* a torn last line was cut off */
	struct sbuf write_error;	/* what this fzrun could not write */
	int reports_missing;		/* a report could not be written */
};

/* journal_file.c: the journal file; die on errors */
void journal_create(struct run *r, const char *dir);
void journal_load(struct run *r, const char *dir, int writable);
void journal_append(struct run *r, struct sbuf *line);
/* Several events at once, each followed by a newline */
void journal_append_lines(struct run *r, struct sbuf *lines);
/* Start the event @type in @b (emptied): event, seq and name of @t, time */
void event_begin(struct jw *w, struct sbuf *b, const char *type,
		 const struct jtest *t);

/* run_status.c */
int run_exit_status(const struct run *r);
/* Tests of the run's start that its queue lacks (stopped while queueing) */
int run_not_queued(const struct run *r);

/* ltp_output.c: LTP summary counts and first messages of a test's output */
enum { C_PASSED, C_FAILED, C_BROKEN, C_SKIPPED, C_WARNINGS, NCOUNTS };
enum { M_FAIL, M_BROK, M_WARN, M_CONF, NMSGS };
/* An LTP line is short; the start of a longer one is enough to know it */
#define OUTPUT_LINE_MAX	2048
/* A reason is one line of a table: the start of the message says it */
#define REASON_MAX	256

struct ltp_output {
	char line[OUTPUT_LINE_MAX];
	size_t len;
	int in_summary;
	int have_summary;
	long counts[NCOUNTS];
	char first[NMSGS][REASON_MAX];	/* first TFAIL, TBROK, TWARN, TCONF */
	char last[REASON_MAX];		/* the last line that is not blank */
};
/* "TFAIL", "TBROK", "TWARN", "TCONF" */
extern const char *const msg_names[NMSGS];
/* "passed", "failed", ...: the summary's and kirk's names of the counts */
extern const char *const count_names[NCOUNTS];
void ltp_output_feed(struct ltp_output *p, const char *buf, size_t n);
void ltp_output_finish(struct ltp_output *p);

/* kernel_health.c: kernel taint and kernel log */
struct health {
	int kfd;			/* /dev/kmsg or -1 */
	int kmsg_ok;
	char **pat;
	int npat;
	int logfd;			/* the current test's kernel log, or -1 */
	char **hits;			/* matching lines of the current test */
	int nhits;
	int more_hits;			/* matches beyond the ones kept */
	unsigned long lines;
	int lost;			/* the kernel dropped records */
};

void health_init(struct health *h, char **extra, int nextra);
long taint_read(void);
void taint_letters(unsigned long mask, char *buf, size_t size);
/* Start collecting into @logfd (may be -1); drops earlier hits */
void kmsg_begin(struct health *h, int logfd);
void kmsg_drain(struct health *h);
void kmsg_end(struct health *h);

/* known_issues.c: the -K file */
struct known {
	char *name;			/* fnmatch() pattern */
	char *release;			/* POSIX extended regex of uname -r */
	regex_t re;
	char *reason;
	char *where;
};

struct known_list {
	struct known *v;
	int n;
};

void known_load(const char *path, struct known_list *k);
const struct known *known_match(const struct known_list *k, const char *name,
				const char *release);

/* leftovers.c: processes a test leaves behind */
unsigned long long proc_starttime(pid_t pid, pid_t *sid);
int procs_signal_session(pid_t sid, int sig);
int procs_cleanup(pid_t sid, struct sbuf *names, struct sbuf *survivors);

/* test_process.c: one test process */
struct exec {
	/* in */
	char **argv;
	int shell;
	const char *cmdline;
	const char *tmpdir;
	int logfd;
	size_t max_log;
	double timeout;
	double grace;
	int verbose;
	struct health *health;
	void (*tick)(void *arg);
	void *tick_arg;
	/* out */
	pid_t pid;
	unsigned long long pid_start;
	int exec_errno;
	int status;
	int timed_out;
	int sigkilled;			/* SIGTERM was not enough */
	int stop_signal;		/* the runner was told to stop */
	double duration;
	size_t log_bytes;		/* in the log */
	size_t log_dropped;		/* beyond --max-log */
	size_t log_lost;		/* the log could not take them */
	int log_errno;			/* why */
	int running;			/* spawned, its processes not swept yet */
	struct sbuf leftovers;
	struct sbuf survivors;
	struct ltp_output out;
	/* private */
	int outfd, gofd, errfd, pidfd;
	double t0;
};

extern volatile int fzr_stop;		/* signal that asked the runner to stop */
void stop_signals_init(void);
int exec_spawn(struct exec *x);
void exec_go(struct exec *x);
void exec_wait(struct exec *x);
/* When the runner dies: kill the test's processes if they still run */
void exec_kill_all(struct exec *x);
void exec_free(struct exec *x);
const char *signame(int sig);

/* verdict.c: the test_end event of a finished test */
struct verdict_in {
	const struct exec *x;
	const char *missing;		/* binary not found */
	long taint_before, taint_after;
	const struct health *h;
	const char *kmsg_log;
	const char *log;
	const struct known *known;
	const char *release;
};
void verdict_event(struct jw *w, const struct verdict_in *in);

/* sysinfo.c */
char *kernel_release(void);
char *boot_id(void);
void sysinfo_write(struct jw *w);
long online_cpus(void);

/* progress.c: the live progress line, or a line per test */
struct ui {
	int tty;
	int verbose;
	int total;
	int index;
	const char *name;
	double t0;
	double drawn;
	int counts[O_NR];
	int shown;
	char carry[UTF8_MAX];		/* start of a cut UTF-8 character */
	size_t ncarry;
};
void ui_init(struct ui *u, const struct run *r, int verbose, int quiet);
void ui_begin(struct ui *u, const struct jtest *t);
void ui_tick(void *arg);
void ui_output(struct ui *u, const char *buf, size_t n);
void ui_end(struct ui *u, const struct jtest *t);
void ui_clear(struct ui *u);
/* Width of the terminal on stdout, or a default */
int term_cols(void);

/* summary.c: the table at the end */
void ui_summary(const struct run *r);

/* interrupted.c: the test a crash interrupted */
void mark_interrupted(struct run *r, struct jtest *t);

/* run_tests.c: the main loop */
int run_tests(struct run *r, struct cfg *c, const struct known_list *k,
	      struct health *h);

/*
 * Reports. A test's output goes into them up to this size: enough for
 * the messages that matter, small enough for a CI page of many tests.
 */
#define REPORT_LOG_MAX	(64 << 10)
/* Write both; what could not be written is noted in @r->write_error */
void report_all(struct run *r);
void report_json(const struct run *r, struct sbuf *b);
void report_junit(const struct run *r, struct sbuf *b);
/* Captured log for reports, cut in the middle when over @max bytes */
char *log_excerpt(const struct run *r, const struct jtest *t, size_t max,
		  size_t *len);

#endif /* FZRUN_H */
