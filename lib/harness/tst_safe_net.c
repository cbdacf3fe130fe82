// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SAFE_* wrappers for sockets.
 */
#include <netinet/in.h>
#include <string.h>

#include "harness.h"

int safe_socket(const char *file, const int lineno, int domain, int type,
		int protocol)
{
	int fd = socket(domain, type, protocol), ttype = TBROK;

	if (fd >= 0)
		return fd;

	/* The kernel lacks the family, type or protocol: nothing broke */
	switch (errno) {
	case EAFNOSUPPORT:
	case EPFNOSUPPORT:
	case EPROTONOSUPPORT:
	case ESOCKTNOSUPPORT:
	case EOPNOTSUPP:
		ttype = TCONF;
	}
	tst_brk_(file, lineno, ttype | TERRNO, "socket(%d,%d,%d) failed",
		 domain, type, protocol);
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

int safe_getsockopt(const char *file, const int lineno, int fd, int level,
		    int optname, void *optval, socklen_t *optlen)
{
	TST_SAFE_CALL(getsockopt(fd, level, optname, optval, optlen),
		      "getsockopt(%d,%d,%d,%p,%p)", fd, level, optname, optval,
		      (void *)optlen);
}

static ssize_t check_sent(const char *file, const int lineno, const char *call,
			  char len_strict, int fd, size_t len, ssize_t ret)
{
	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "%s(%d,...,%zu) failed",
			 call, fd, len);
	if (len_strict && (size_t)ret != len)
		tst_brk_(file, lineno, TBROK,
			 "short %s(%d,...,%zu): %zd bytes of %zu", call, fd,
			 len, ret, len);
	return ret;
}

ssize_t safe_send(const char *file, const int lineno, char len_strict,
		  int sockfd, const void *buf, size_t len, int flags)
{
	return check_sent(file, lineno, "send", len_strict, sockfd, len,
			  send(sockfd, buf, len, flags));
}

ssize_t safe_sendto(const char *file, const int lineno, char len_strict,
		    int fd, const void *buf, size_t len, int flags,
		    const struct sockaddr *dest_addr, socklen_t addrlen)
{
	return check_sent(file, lineno, "sendto", len_strict, fd, len,
			  sendto(fd, buf, len, flags, dest_addr, addrlen));
}

static ssize_t check_received(const char *file, const int lineno,
			      const char *call, size_t len, int fd,
			      size_t size, ssize_t ret)
{
	if (ret < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "%s(%d,...,%zu) failed",
			 call, fd, size);
	if (len && (size_t)ret != len)
		tst_brk_(file, lineno, TBROK,
			 "%s(%d,...,%zu): %zd bytes, expected %zu", call, fd,
			 size, ret, len);
	return ret;
}

ssize_t safe_recv(const char *file, const int lineno, size_t len,
		  int sockfd, void *buf, size_t size, int flags)
{
	return check_received(file, lineno, "recv", len, sockfd, size,
			      recv(sockfd, buf, size, flags));
}

ssize_t safe_recvfrom(const char *file, const int lineno, size_t len,
		      int sockfd, void *buf, size_t size, int flags,
		      struct sockaddr *src_addr, socklen_t *addrlen)
{
	return check_received(file, lineno, "recvfrom", len, sockfd, size,
			      recvfrom(sockfd, buf, size, flags, src_addr,
				       addrlen));
}

int safe_listen(const char *file, const int lineno, int socket, int backlog)
{
	TST_SAFE_CALL(listen(socket, backlog), "listen(%d,%d)", socket,
		      backlog);
}

int safe_accept(const char *file, const int lineno, int sockfd,
		struct sockaddr *addr, socklen_t *addrlen)
{
	TST_SAFE_RET(int, accept(sockfd, addr, addrlen), "accept(%d,%p,%p)",
		     sockfd, (void *)addr, (void *)addrlen);
}

int safe_getsockname(const char *file, const int lineno, int sockfd,
		     struct sockaddr *addr, socklen_t *addrlen)
{
	TST_SAFE_CALL(getsockname(sockfd, addr, addrlen),
		      "getsockname(%d,%p,%p)", sockfd, (void *)addr,
		      (void *)addrlen);
}

int safe_gethostname(const char *file, const int lineno, char *name,
		     size_t size)
{
	TST_SAFE_CALL(gethostname(name, size), "gethostname(%p,%zu)",
		      (void *)name, size);
}

int safe_sethostname(const char *file, const int lineno, const char *name,
		     size_t size)
{
	TST_SAFE_CALL(sethostname(name, size), "sethostname(%.*s,%zu)",
		      (int)size, name, size);
}

unsigned short tst_getsockport(const char *file, const int lineno,
			       int sockfd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	safe_getsockname(file, lineno, sockfd, (struct sockaddr *)&ss, &len);
	switch (ss.ss_family) {
	case AF_INET:
		return ((struct sockaddr_in *)&ss)->sin_port;
	case AF_INET6:
		return ((struct sockaddr_in6 *)&ss)->sin6_port;
	}
	tst_brk_(file, lineno, TBROK, "Socket %d of family %d has no port",
		 sockfd, ss.ss_family);
	return 0;
}
