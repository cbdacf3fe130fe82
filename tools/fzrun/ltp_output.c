// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reads a test's output as it streams by: the counts of the LTP summary
 *
 *	Summary:
 *	passed   3
 *	failed   0
 *	...
 *
 * and the first TFAIL, TBROK, TWARN and TCONF messages, which make the
 * best one-line reason for a result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzrun.h"

const char *const count_names[NCOUNTS] = {
	"passed", "failed", "broken", "skipped", "warnings"
};

const char *const msg_names[NMSGS] = {
	[M_FAIL] = "TFAIL", [M_BROK] = "TBROK", [M_WARN] = "TWARN",
	[M_CONF] = "TCONF",
};

static const char *const types[NMSGS] = {
	[M_FAIL] = "TFAIL: ", [M_BROK] = "TBROK: ", [M_WARN] = "TWARN: ",
	[M_CONF] = "TCONF: ",
};

static void parse_line(struct ltp_output *p, char *line)
{
	int i;

	if (line[strspn(line, " \t")])
		snprintf(p->last, sizeof(p->last), "%s", line);
	if (!strcmp(line, "Summary:")) {
		p->in_summary = 1;
		p->have_summary = 1;
		memset(p->counts, 0, sizeof(p->counts));
		return;
	}
	if (p->in_summary) {
		for (i = 0; i < NCOUNTS; i++) {
			size_t n = strlen(count_names[i]);
			char *end;
			long v;

			if (strncmp(line, count_names[i], n) ||
			    (line[n] != ' ' && line[n] != '\t'))
				continue;
			v = strtol(line + n, &end, 10);
			if (end != line + n && !*end && v >= 0) {
				p->counts[i] = v;
				return;
			}
		}
		p->in_summary = 0;
	}
	for (i = 0; i < NMSGS; i++) {
		char *s;

		if (p->first[i][0] || !(s = strstr(line, types[i])))
			continue;
		snprintf(p->first[i], sizeof(p->first[i]), "%s", line);
	}
}

void ltp_output_feed(struct ltp_output *p, const char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (buf[i] == '\n' || buf[i] == '\r') {
			p->line[p->len] = '\0';
			parse_line(p, p->line);
			p->len = 0;
			continue;
		}
		/* the start of an overlong line is enough to recognise it */
		if (p->len < sizeof(p->line) - 1)
			p->line[p->len++] = buf[i];
	}
}

void ltp_output_finish(struct ltp_output *p)
{
	if (p->len) {
		p->line[p->len] = '\0';
		parse_line(p, p->line);
		p->len = 0;
	}
}
