/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Socket families, levels, options and flags newer than some C
 * libraries' headers.
 *
 *	#include "lapi/socket.h"
 *
 *	fd = SAFE_SOCKET(AF_ALG, SOCK_SEQPACKET, 0);
 */
#ifndef LAPI_SOCKET_H
#define LAPI_SOCKET_H

#include <sys/socket.h>

#ifndef MSG_ZEROCOPY
# define MSG_ZEROCOPY	0x4000000
#endif
#ifndef MSG_FASTOPEN
# define MSG_FASTOPEN	0x20000000
#endif
#ifndef SO_REUSEPORT
# define SO_REUSEPORT	15
#endif
#ifndef SO_BUSY_POLL
# define SO_BUSY_POLL	46
#endif
#ifndef SO_ATTACH_BPF
# define SO_ATTACH_BPF	50
#endif
#ifndef SO_ZEROCOPY
# define SO_ZEROCOPY	60
#endif
#ifndef SOCK_DCCP
# define SOCK_DCCP	6
#endif
#ifndef SOCK_CLOEXEC
# define SOCK_CLOEXEC	02000000
#endif
#ifndef AF_ALG
# define AF_ALG		38
#endif
#ifndef SOL_SCTP
# define SOL_SCTP	132
#endif
#ifndef SOL_UDPLITE
# define SOL_UDPLITE	136
#endif
#ifndef SOL_DCCP
# define SOL_DCCP	269
#endif
#ifndef SOL_ALG
# define SOL_ALG	279
#endif
#ifndef SOL_TLS
# define SOL_TLS	282
#endif

#endif /* LAPI_SOCKET_H */
