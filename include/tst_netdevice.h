/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Network devices, addresses and routes over rtnetlink, with LTP's
 * names.
 *
 *	tst_setup_netns();
 *	NETDEV_ADD_DEVICE("ltp_dummy0", "dummy");
 *	NETDEV_ADD_ADDRESS_INET("ltp_dummy0", htonl(0x0a000001), 24, 0);
 *	NETDEV_SET_STATE("ltp_dummy0", 1);
 *	...
 *	NETDEV_REMOVE_DEVICE("ltp_dummy0");
 *
 * The NETDEV_* macros end the test with TBROK on failure (TCONF when
 * the kernel lacks the device type or address family); the functions
 * with @strict 0 return 0 instead. They return 1 on success.
 */
#ifndef TST_NETDEVICE_H
#define TST_NETDEVICE_H

#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/types.h>

/* The index of a network device; TBROK when there is none of that name */
int tst_netdev_index_by_name(const char *file, const int lineno,
			     const char *ifname);
#define NETDEV_INDEX_BY_NAME(ifname) \
	tst_netdev_index_by_name(__FILE__, __LINE__, (ifname))

/* Bring a device up (@up != 0) or down */
int tst_netdev_set_state(const char *file, const int lineno,
			 const char *ifname, int up);
#define NETDEV_SET_STATE(ifname, up) \
	tst_netdev_set_state(__FILE__, __LINE__, (ifname), (up))

/* A pair of connected virtual ethernet devices */
int tst_create_veth_pair(const char *file, const int lineno, int strict,
			 const char *ifname1, const char *ifname2);
#define CREATE_VETH_PAIR(ifname1, ifname2) \
	tst_create_veth_pair(__FILE__, __LINE__, 1, (ifname1), (ifname2))

/* A new device of a type like "dummy", "bridge", "vxcan" */
int tst_netdev_add_device(const char *file, const int lineno, int strict,
			  const char *ifname, const char *devtype);
#define NETDEV_ADD_DEVICE(ifname, devtype) \
	tst_netdev_add_device(__FILE__, __LINE__, 1, (ifname), (devtype))

int tst_netdev_remove_device(const char *file, const int lineno, int strict,
			     const char *ifname);
#define NETDEV_REMOVE_DEVICE(ifname) \
	tst_netdev_remove_device(__FILE__, __LINE__, 1, (ifname))

/* An address of @family, @addrlen bytes, in network byte order */
int tst_netdev_add_address(const char *file, const int lineno, int strict,
			   const char *ifname, unsigned int family,
			   const void *address, unsigned int prefix,
			   size_t addrlen, unsigned int flags);
#define NETDEV_ADD_ADDRESS(ifname, family, address, prefix, addrlen, flags) \
	tst_netdev_add_address(__FILE__, __LINE__, 1, (ifname), (family), \
			       (address), (prefix), (addrlen), (flags))

int tst_netdev_add_address_inet(const char *file, const int lineno,
				int strict, const char *ifname,
				in_addr_t address, unsigned int prefix,
				unsigned int flags);
#define NETDEV_ADD_ADDRESS_INET(ifname, address, prefix, flags) \
	tst_netdev_add_address_inet(__FILE__, __LINE__, 1, (ifname), \
				    (address), (prefix), (flags))

int tst_netdev_remove_address(const char *file, const int lineno, int strict,
			      const char *ifname, unsigned int family,
			      const void *address, size_t addrlen);
#define NETDEV_REMOVE_ADDRESS(ifname, family, address, addrlen) \
	tst_netdev_remove_address(__FILE__, __LINE__, 1, (ifname), (family), \
				  (address), (addrlen))

int tst_netdev_remove_address_inet(const char *file, const int lineno,
				   int strict, const char *ifname,
				   in_addr_t address);
#define NETDEV_REMOVE_ADDRESS_INET(ifname, address) \
	tst_netdev_remove_address_inet(__FILE__, __LINE__, 1, (ifname), \
				       (address))

/* Move a device into the network namespace of an fd or a process */
int tst_netdev_change_ns_fd(const char *file, const int lineno, int strict,
			    const char *ifname, int nsfd);
#define NETDEV_CHANGE_NS_FD(ifname, nsfd) \
	tst_netdev_change_ns_fd(__FILE__, __LINE__, 1, (ifname), (nsfd))

int tst_netdev_change_ns_pid(const char *file, const int lineno, int strict,
			     const char *ifname, pid_t nspid);
#define NETDEV_CHANGE_NS_PID(ifname, nspid) \
	tst_netdev_change_ns_pid(__FILE__, __LINE__, 1, (ifname), (nspid))

/*
 * A route through @ifname: source and destination prefixes (NULL or 0
 * length for none) and a gateway (NULL for a directly connected net).
 */
int tst_netdev_add_route(const char *file, const int lineno, int strict,
			 const char *ifname, unsigned int family,
			 const void *srcaddr, unsigned int srcprefix,
			 size_t srclen, const void *dstaddr,
			 unsigned int dstprefix, size_t dstlen,
			 const void *gateway, size_t gatewaylen);
#define NETDEV_ADD_ROUTE(ifname, family, srcaddr, srcprefix, srclen, \
			 dstaddr, dstprefix, dstlen, gateway, gatewaylen) \
	tst_netdev_add_route(__FILE__, __LINE__, 1, (ifname), (family), \
			     (srcaddr), (srcprefix), (srclen), (dstaddr), \
			     (dstprefix), (dstlen), (gateway), (gatewaylen))

/* IPv4 routes; an address or gateway of 0 is none */
int tst_netdev_add_route_inet(const char *file, const int lineno, int strict,
			      const char *ifname, in_addr_t srcaddr,
			      unsigned int srcprefix, in_addr_t dstaddr,
			      unsigned int dstprefix, in_addr_t gateway);
#define NETDEV_ADD_ROUTE_INET(ifname, srcaddr, srcprefix, dstaddr, \
			      dstprefix, gateway) \
	tst_netdev_add_route_inet(__FILE__, __LINE__, 1, (ifname), \
				  (srcaddr), (srcprefix), (dstaddr), \
				  (dstprefix), (gateway))

int tst_netdev_remove_route(const char *file, const int lineno, int strict,
			    const char *ifname, unsigned int family,
			    const void *srcaddr, unsigned int srcprefix,
			    size_t srclen, const void *dstaddr,
			    unsigned int dstprefix, size_t dstlen,
			    const void *gateway, size_t gatewaylen);
#define NETDEV_REMOVE_ROUTE(ifname, family, srcaddr, srcprefix, srclen, \
			    dstaddr, dstprefix, dstlen, gateway, gatewaylen) \
	tst_netdev_remove_route(__FILE__, __LINE__, 1, (ifname), (family), \
				(srcaddr), (srcprefix), (srclen), (dstaddr), \
				(dstprefix), (dstlen), (gateway), \
				(gatewaylen))

int tst_netdev_remove_route_inet(const char *file, const int lineno,
				 int strict, const char *ifname,
				 in_addr_t srcaddr, unsigned int srcprefix,
				 in_addr_t dstaddr, unsigned int dstprefix,
				 in_addr_t gateway);
#define NETDEV_REMOVE_ROUTE_INET(ifname, srcaddr, srcprefix, dstaddr, \
				 dstprefix, gateway) \
	tst_netdev_remove_route_inet(__FILE__, __LINE__, 1, (ifname), \
				     (srcaddr), (srcprefix), (dstaddr), \
				     (dstprefix), (gateway))

#endif /* TST_NETDEVICE_H */
