/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * AF_VSOCK addresses.
 *
 *	#include "lapi/vm_sockets.h"
 *
 *	struct sockaddr_vm addr = {
 *		.svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_LOCAL,
 *	};
 *
 * struct sockaddr_vm comes from <linux/vm_sockets.h> (Linux 3.9 UAPI
 * headers and newer).
 */
#ifndef LAPI_VM_SOCKETS_H
#define LAPI_VM_SOCKETS_H

#include <sys/socket.h>
#include <linux/vm_sockets.h>

#ifndef VMADDR_CID_LOCAL
# define VMADDR_CID_LOCAL	1
#endif

#endif /* LAPI_VM_SOCKETS_H */
