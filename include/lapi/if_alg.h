/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AF_ALG (the kernel crypto API's sockets).
 *
 *	#include "lapi/if_alg.h"
 *
 *	struct sockaddr_alg addr = {
 *		.salg_family = AF_ALG, .salg_type = "hash",
 *		.salg_name = "sha1",
 *	};
 *
 * struct sockaddr_alg and struct af_alg_iv come from <linux/if_alg.h>
 * (Linux 2.6.38 UAPI headers and newer).
 */
#ifndef LAPI_IF_ALG_H
#define LAPI_IF_ALG_H

#include <linux/if_alg.h>
#include <stdint.h>

#include <lapi/socket.h>

#ifndef ALG_SET_KEY
# define ALG_SET_KEY		1
#endif
#ifndef ALG_SET_IV
# define ALG_SET_IV		2
#endif
#ifndef ALG_SET_OP
# define ALG_SET_OP		3
#endif
#ifndef ALG_SET_AEAD_ASSOCLEN
# define ALG_SET_AEAD_ASSOCLEN	4
#endif
#ifndef ALG_SET_AEAD_AUTHSIZE
# define ALG_SET_AEAD_AUTHSIZE	5
#endif
#ifndef ALG_OP_DECRYPT
# define ALG_OP_DECRYPT		0
#endif
#ifndef ALG_OP_ENCRYPT
# define ALG_OP_ENCRYPT		1
#endif

#endif /* LAPI_IF_ALG_H */
