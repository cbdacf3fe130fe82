// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_setup_netns() and socket address helpers.
 */
#include <arpa/inet.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

/* Limit of user namespaces; 0 disables them */
#define MAX_USER_NS_PATH	"/proc/sys/user/max_user_namespaces"

/* Write @text to @path; returns 0 or -1 with errno */
static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t len = strlen(text), ret;

	if (fd < 0)
		return -1;
	ret = write(fd, text, len);
	close(fd);
	return ret == len ? 0 : -1;
}

void tst_setup_netns(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	char map[64];
	int max = 1;

	if (!access(MAX_USER_NS_PATH, F_OK))
		SAFE_FILE_SCANF(MAX_USER_NS_PATH, "%d", &max);
	if (!max)
		tst_brk(TCONF, "User namespaces are disabled (%s is 0)",
			MAX_USER_NS_PATH);

	/* A user namespace first: then the network one needs no privilege */
	if (unshare(CLONE_NEWUSER)) {
		if (errno == EINVAL)
			tst_brk(TCONF | TERRNO, "No user namespaces in this kernel");
		tst_brk(TBROK | TERRNO, "unshare(CLONE_NEWUSER) failed");
	}
	if (unshare(CLONE_NEWNET)) {
		if (errno == EINVAL)
			tst_brk(TCONF | TERRNO, "No network namespaces in this kernel");
		tst_brk(TBROK | TERRNO, "unshare(CLONE_NEWNET) failed");
	}

	/* setgroups must be denied before an unprivileged gid_map */
	if (write_file("/proc/self/setgroups", "deny") && errno != ENOENT)
		tst_brk(TBROK | TERRNO, "Cannot write /proc/self/setgroups");
	snprintf(map, sizeof(map), "0 %d 1\n", (int)uid);
	if (write_file("/proc/self/uid_map", map))
		tst_brk(TBROK | TERRNO, "Cannot write /proc/self/uid_map");
	snprintf(map, sizeof(map), "0 %d 1\n", (int)gid);
	if (write_file("/proc/self/gid_map", map))
		tst_brk(TBROK | TERRNO, "Cannot write /proc/self/gid_map");
}

void tst_get_in_addr(const char *ip_str, struct in_addr *ip)
{
	if (inet_pton(AF_INET, ip_str, ip) <= 0)
		tst_brk(TBROK | TERRNO, "Invalid IPv4 address '%s'", ip_str);
}

void tst_get_in6_addr(const char *ip_str, struct in6_addr *ip6)
{
	if (inet_pton(AF_INET6, ip_str, ip6) <= 0)
		tst_brk(TBROK | TERRNO, "Invalid IPv6 address '%s'", ip_str);
}

socklen_t tst_get_connect_address(int sock, struct sockaddr_storage *addr)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)addr;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;
	socklen_t len = sizeof(*addr);

	SAFE_GETSOCKNAME(sock, (struct sockaddr *)addr, &len);

	/* A socket bound to "any" address is reached through loopback */
	if (addr->ss_family == AF_INET &&
	    in4->sin_addr.s_addr == htonl(INADDR_ANY))
		in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (addr->ss_family == AF_INET6 &&
	    !memcmp(&in6->sin6_addr, &in6addr_any, sizeof(in6addr_any)))
		in6->sin6_addr = in6addr_loopback;

	return len;
}

void tst_init_sockaddr_inet(struct sockaddr_in *sa, const char *ip_str,
			    uint16_t port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	if (ip_str)
		tst_get_in_addr(ip_str, &sa->sin_addr);
	else
		sa->sin_addr.s_addr = htonl(INADDR_ANY);
}

void tst_init_sockaddr_inet_bin(struct sockaddr_in *sa, uint32_t ip_val,
				uint16_t port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	sa->sin_addr.s_addr = htonl(ip_val);
}

void tst_init_sockaddr_inet6(struct sockaddr_in6 *sa, const char *ip_str,
			     uint16_t port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin6_family = AF_INET6;
	sa->sin6_port = htons(port);
	if (ip_str)
		tst_get_in6_addr(ip_str, &sa->sin6_addr);
	else
		sa->sin6_addr = in6addr_any;
}

void tst_init_sockaddr_inet6_bin(struct sockaddr_in6 *sa,
				 const struct in6_addr *ip_val, uint16_t port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin6_family = AF_INET6;
	sa->sin6_port = htons(port);
	sa->sin6_addr = *ip_val;
}

void safe_getaddrinfo(const char *file, const int lineno, const char *src_addr,
		      const char *port, const struct addrinfo *hints,
		      struct addrinfo **addr_info)
{
	int err = getaddrinfo(src_addr, port, hints, addr_info);

	if (err)
		tst_brk_(file, lineno, TBROK, "getaddrinfo(%s, %s) failed: %s",
			 src_addr ? src_addr : "NULL", port ? port : "NULL",
			 gai_strerror(err));
	if (!*addr_info)
		tst_brk_(file, lineno, TBROK, "getaddrinfo(%s, %s): no address",
			 src_addr ? src_addr : "NULL", port ? port : "NULL");
}
