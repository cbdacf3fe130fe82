// SPDX-License-Identifier: GPL-2.0-or-later
/* Fake test: dies of SIGSEGV after some output. */
#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;

	printf("segv.c:8: TINFO: about to crash\n");
	fflush(stdout);
	return *p;
}
