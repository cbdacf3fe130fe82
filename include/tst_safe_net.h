/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers for sockets.
 */
#ifndef TST_SAFE_NET_H
#define TST_SAFE_NET_H

#include <sys/socket.h>
#include <sys/types.h>

int safe_socket(const char *file, const int lineno, int domain, int type,
		int protocol);
#define SAFE_SOCKET(domain, type, protocol) \
	safe_socket(__FILE__, __LINE__, (domain), (type), (protocol))

int safe_socketpair(const char *file, const int lineno, int domain,
		    int type, int protocol, int sv[2]);
#define SAFE_SOCKETPAIR(domain, type, protocol, sv) \
	safe_socketpair(__FILE__, __LINE__, (domain), (type), (protocol), (sv))

int safe_bind(const char *file, const int lineno, int sockfd,
	      const struct sockaddr *addr, socklen_t addrlen);
#define SAFE_BIND(sockfd, addr, addrlen) \
	safe_bind(__FILE__, __LINE__, (sockfd), (addr), (addrlen))

int safe_connect(const char *file, const int lineno, int sockfd,
		 const struct sockaddr *addr, socklen_t addrlen);
#define SAFE_CONNECT(sockfd, addr, addrlen) \
	safe_connect(__FILE__, __LINE__, (sockfd), (addr), (addrlen))

int safe_setsockopt(const char *file, const int lineno, int fd, int level,
		    int optname, const void *optval, socklen_t optlen);
#define SAFE_SETSOCKOPT(fd, level, optname, optval, optlen) \
	safe_setsockopt(__FILE__, __LINE__, (fd), (level), (optname), \
			(optval), (optlen))

#define SAFE_SETSOCKOPT_INT(fd, level, optname, val) \
	do { \
		int tst_sockopt_val_ = (val); \
		SAFE_SETSOCKOPT((fd), (level), (optname), &tst_sockopt_val_, \
				sizeof(tst_sockopt_val_)); \
	} while (0)

ssize_t safe_sendmsg(const char *file, const int lineno, size_t msg_len,
		     int sockfd, const struct msghdr *msg, int flags);
/* @msg_len: bytes that must be sent, 0 to accept any count */
#define SAFE_SENDMSG(msg_len, sockfd, msg, flags) \
	safe_sendmsg(__FILE__, __LINE__, (msg_len), (sockfd), (msg), (flags))

ssize_t safe_recvmsg(const char *file, const int lineno, size_t msg_len,
		     int sockfd, struct msghdr *msg, int flags);
/* @msg_len: bytes that must be received, 0 to accept any count */
#define SAFE_RECVMSG(msg_len, sockfd, msg, flags) \
	safe_recvmsg(__FILE__, __LINE__, (msg_len), (sockfd), (msg), (flags))

#endif /* TST_SAFE_NET_H */
