/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AF_PACKET socket options.
 *
 *	#include "lapi/if_packet.h"
 *
 *	int v = TPACKET_V3;
 *	setsockopt(sock, SOL_PACKET, PACKET_VERSION, &v, sizeof(v));
 *
 * struct tpacket_req3 and TPACKET_V3 come from <linux/if_packet.h>
 * (Linux 3.2 UAPI headers and newer).
 */
#ifndef LAPI_IF_PACKET_H
#define LAPI_IF_PACKET_H

#include <linux/if_packet.h>

#ifndef PACKET_RX_RING
# define PACKET_RX_RING		5
#endif
#ifndef PACKET_VERSION
# define PACKET_VERSION		10
#endif
#ifndef PACKET_RESERVE
# define PACKET_RESERVE		12
#endif
#ifndef PACKET_VNET_HDR
# define PACKET_VNET_HDR	15
#endif
#ifndef PACKET_FANOUT
# define PACKET_FANOUT		18
#endif
#ifndef PACKET_FANOUT_ROLLOVER
# define PACKET_FANOUT_ROLLOVER	3
#endif

#endif /* LAPI_IF_PACKET_H */
