/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ethernet protocol ids.
 *
 *	#include "lapi/if_ether.h"
 *
 *	sock = SAFE_SOCKET(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
 */
#ifndef LAPI_IF_ETHER_H
#define LAPI_IF_ETHER_H

#include <linux/if_ether.h>

#ifndef ETH_P_ALL
# define ETH_P_ALL	0x0003
#endif

#endif /* LAPI_IF_ETHER_H */
