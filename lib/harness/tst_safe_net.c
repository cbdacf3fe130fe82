// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for sockets.
 */
#include "harness.h"

int safe_socket(const char *file, const int lineno, int domain, int type,
		int protocol)
{
	int fd = socket(domain, type, protocol);

	if (fd < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "socket(%d,%d,%d) failed", domain, type, protocol);
	return fd;
}

int safe_socketpair(const char *file, const int lineno, int domain,
		    int type, int protocol, int sv[2])
{
	int ret = socketpair(domain, type, protocol, sv);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "socketpair(%d,%d,%d,%p) failed", domain, type,
			 protocol, (void *)sv);
	return ret;
}

int safe_bind(const char *file, const int lineno, int sockfd,
	      const struct sockaddr *addr, socklen_t addrlen)
{
	int ret = bind(sockfd, addr, addrlen);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "bind(%d,%p,%u) failed", sockfd, (void *)addr,
			 (unsigned int)addrlen);
	return ret;
}

int safe_connect(const char *file, const int lineno, int sockfd,
		 const struct sockaddr *addr, socklen_t addrlen)
{
	int ret = connect(sockfd, addr, addrlen);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "connect(%d,%p,%u) failed", sockfd, (void *)addr,
			 (unsigned int)addrlen);
	return ret;
}

int safe_setsockopt(const char *file, const int lineno, int fd, int level,
		    int optname, const void *optval, socklen_t optlen)
{
	int ret = setsockopt(fd, level, optname, optval, optlen);

	if (ret)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "setsockopt(%d,%d,%d,%p,%u) failed", fd, level,
			 optname, optval, (unsigned int)optlen);
	return ret;
}

ssize_t safe_sendmsg(const char *file, const int lineno, size_t msg_len,
		     int sockfd, const struct msghdr *msg, int flags)
{
	ssize_t ret = sendmsg(sockfd, msg, flags);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "sendmsg(%d,%p,%d) failed", sockfd, (void *)msg,
			 flags);
	if (msg_len && (size_t)ret != msg_len)
		tst_brk_(file, lineno, TBROK,
			 "sendmsg(%d,%p,%d): %zd bytes of %zu sent", sockfd,
			 (void *)msg, flags, ret, msg_len);
	return ret;
}

ssize_t safe_recvmsg(const char *file, const int lineno, size_t msg_len,
		     int sockfd, struct msghdr *msg, int flags)
{
	ssize_t ret = recvmsg(sockfd, msg, flags);

	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "recvmsg(%d,%p,%d) failed", sockfd, (void *)msg,
			 flags);
	if (msg_len && (size_t)ret != msg_len)
		tst_brk_(file, lineno, TBROK,
			 "recvmsg(%d,%p,%d): %zd bytes of %zu received",
			 sockfd, (void *)msg, flags, ret, msg_len);
	return ret;
}
