/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SAFE_* wrappers for sockets, LTP's family of tst_safe_net.h.
 *
 *	fd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
 *	SAFE_BIND(fd, (struct sockaddr *)&addr, sizeof(addr));
 *	SAFE_SENDTO(1, fd, buf, len, 0, (struct sockaddr *)&dst, sizeof(dst));
 *
 * A socket() of a family, type or protocol the kernel lacks is TCONF.
 */
#ifndef TST_SAFE_NET_H
#define TST_SAFE_NET_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#include "tst_net.h"

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

int safe_getsockopt(const char *file, const int lineno, int fd, int level,
		    int optname, void *optval, socklen_t *optlen);
#define SAFE_GETSOCKOPT(fd, level, optname, optval, optlen) \
	safe_getsockopt(__FILE__, __LINE__, (fd), (level), (optname), \
			(optval), (optlen))

ssize_t safe_send(const char *file, const int lineno, char len_strict,
		  int sockfd, const void *buf, size_t len, int flags);
/* @len_strict: non-zero if sending fewer than @len bytes is an error */
#define SAFE_SEND(len_strict, sockfd, buf, len, flags) \
	safe_send(__FILE__, __LINE__, (len_strict), (sockfd), (buf), (len), \
		  (flags))

ssize_t safe_sendto(const char *file, const int lineno, char len_strict,
		    int fd, const void *buf, size_t len, int flags,
		    const struct sockaddr *dest_addr, socklen_t addrlen);
#define SAFE_SENDTO(len_strict, fd, buf, len, flags, dest_addr, addrlen) \
	safe_sendto(__FILE__, __LINE__, (len_strict), (fd), (buf), (len), \
		    (flags), (dest_addr), (addrlen))

ssize_t safe_recv(const char *file, const int lineno, size_t len,
		  int sockfd, void *buf, size_t size, int flags);
/* @len: bytes that must be received, 0 to accept any count */
#define SAFE_RECV(len, sockfd, buf, size, flags) \
	safe_recv(__FILE__, __LINE__, (len), (sockfd), (buf), (size), (flags))

ssize_t safe_recvfrom(const char *file, const int lineno, size_t len,
		      int sockfd, void *buf, size_t size, int flags,
		      struct sockaddr *src_addr, socklen_t *addrlen);
#define SAFE_RECVFROM(len, sockfd, buf, size, flags, src_addr, addrlen) \
	safe_recvfrom(__FILE__, __LINE__, (len), (sockfd), (buf), (size), \
		      (flags), (src_addr), (addrlen))

int safe_listen(const char *file, const int lineno, int socket, int backlog);
#define SAFE_LISTEN(socket, backlog) \
	safe_listen(__FILE__, __LINE__, (socket), (backlog))

int safe_accept(const char *file, const int lineno, int sockfd,
		struct sockaddr *addr, socklen_t *addrlen);
#define SAFE_ACCEPT(sockfd, addr, addrlen) \
	safe_accept(__FILE__, __LINE__, (sockfd), (addr), (addrlen))

int safe_getsockname(const char *file, const int lineno, int sockfd,
		     struct sockaddr *addr, socklen_t *addrlen);
#define SAFE_GETSOCKNAME(sockfd, addr, addrlen) \
	safe_getsockname(__FILE__, __LINE__, (sockfd), (addr), (addrlen))

int safe_gethostname(const char *file, const int lineno, char *name,
		     size_t size);
#define SAFE_GETHOSTNAME(name, size) \
	safe_gethostname(__FILE__, __LINE__, (name), (size))

int safe_sethostname(const char *file, const int lineno, const char *name,
		     size_t size);
#define SAFE_SETHOSTNAME(name, size) \
	safe_sethostname(__FILE__, __LINE__, (name), (size))

/* The port a socket is bound to, in network byte order */
unsigned short tst_getsockport(const char *file, const int lineno,
			       int sockfd);
#define TST_GETSOCKPORT(sockfd) tst_getsockport(__FILE__, __LINE__, (sockfd))

#endif /* TST_SAFE_NET_H */
