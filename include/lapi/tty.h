/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tty line disciplines.
 *
 *	#include "lapi/tty.h"
 *
 *	int ldisc = N_HDLC;
 *	ioctl(ptmx, TIOCSETD, &ldisc);
 */
#ifndef LAPI_TTY_H
#define LAPI_TTY_H

#ifndef N_HDLC
# define N_HDLC		13
#endif
#ifndef N_SLCAN
# define N_SLCAN	17
#endif

#endif /* LAPI_TTY_H */
