/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Network namespaces and socket addresses.
 *
 *	static void setup(void)
 *	{
 *		tst_setup_netns();	// a network of its own, as root in it
 *		tst_init_sockaddr_inet(&addr, "127.0.0.1", 0);
 *	}
 *
 *	static struct tst_test test = {
 *		.setup = setup,
 *		.needs_kconfigs = (const char *[]) {
 *			"CONFIG_USER_NS=y", "CONFIG_NET_NS=y", NULL
 *		},
 *		.save_restore = (const struct tst_path_val[]) {
 *			{PATH_USER_MAX_USER_NAMESPACES, "1024", TST_SR_SKIP},
 *			{}
 *		},
 *	};
 */
#ifndef TST_NET_H
#define TST_NET_H

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

/**
 * tst_setup_netns() - Move the calling process into new user and network
 *                     namespaces.
 *
 * The process becomes root of a new user namespace, mapped to its real
 * uid and gid, with a new network namespace that has only a loopback
 * device, which is down. Call it in setup, before starting threads
 * (unshare(2) of a user namespace needs a single-threaded process).
 * TCONF when user namespaces are disabled or missing.
 */
void tst_setup_netns(void);

/**
 * tst_get_in_addr() - Parse an IPv4 address.
 * @ip_str: e.g. "10.0.0.1".
 * @ip: Gets the address.
 *
 * TBROK for an invalid address.
 */
void tst_get_in_addr(const char *ip_str, struct in_addr *ip);

/**
 * tst_get_in6_addr() - Parse an IPv6 address.
 * @ip_str: e.g. "fd00::1".
 * @ip6: Gets the address.
 *
 * TBROK for an invalid address.
 */
void tst_get_in6_addr(const char *ip_str, struct in6_addr *ip6);

/**
 * tst_get_connect_address() - Where to connect to reach a bound socket.
 * @sock: A bound socket.
 * @addr: Gets its address, the wildcard address replaced by loopback.
 *
 * Return: the length of @addr.
 */
socklen_t tst_get_connect_address(int sock, struct sockaddr_storage *addr);

/**
 * tst_init_sockaddr_inet() - An IPv4 socket address.
 * @sa: Filled in.
 * @ip_str: Address, NULL for INADDR_ANY.
 * @port: Port in host byte order.
 */
void tst_init_sockaddr_inet(struct sockaddr_in *sa, const char *ip_str,
			    uint16_t port);

/* tst_init_sockaddr_inet() with the address in host byte order */
void tst_init_sockaddr_inet_bin(struct sockaddr_in *sa, uint32_t ip_val,
				uint16_t port);

/**
 * tst_init_sockaddr_inet6() - An IPv6 socket address.
 * @sa: Filled in.
 * @ip_str: Address, NULL for in6addr_any.
 * @port: Port in host byte order.
 */
void tst_init_sockaddr_inet6(struct sockaddr_in6 *sa, const char *ip_str,
			     uint16_t port);

/* tst_init_sockaddr_inet6() with a binary address */
void tst_init_sockaddr_inet6_bin(struct sockaddr_in6 *sa,
				 const struct in6_addr *ip_val, uint16_t port);

void safe_getaddrinfo(const char *file, const int lineno, const char *src_addr,
		      const char *port, const struct addrinfo *hints,
		      struct addrinfo **addr_info);
/* getaddrinfo(); TBROK naming gai_strerror() on failure */
#define SAFE_GETADDRINFO(src_addr, port, hints, addr_info) \
	safe_getaddrinfo(__FILE__, __LINE__, (src_addr), (port), (hints), \
			 (addr_info))

#endif /* TST_NET_H */
