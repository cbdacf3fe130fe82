// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Network devices, addresses and routes: one rtnetlink request per
 * call, answered by an acknowledgement.
 */
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "harness.h"
#include "tst_netdevice.h"

/* Large enough for the biggest request here (a veth pair) */
#define REQ_SIZE	1024

struct nl_req {
	union {
		struct nlmsghdr hdr;
		char buf[REQ_SIZE];
	};
};

/* Start a request of @type with the fixed header @body of @len bytes */
static void req_init(struct nl_req *r, int type, int flags, const void *body,
		     size_t len)
{
	memset(r, 0, sizeof(*r));
	r->hdr.nlmsg_type = type;
	r->hdr.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	r->hdr.nlmsg_len = NLMSG_LENGTH(len);
	memcpy(NLMSG_DATA(&r->hdr), body, len);
}

/* Append an attribute; returns it, so that it can be a nest */
static struct rtattr *add_attr(struct nl_req *r, int type, const void *data,
			       size_t len)
{
	size_t off = NLMSG_ALIGN(r->hdr.nlmsg_len);
	struct rtattr *rta = (struct rtattr *)(r->buf + off);

	if (off + RTA_SPACE(len) > sizeof(r->buf))
		tst_brk(TBROK, "rtnetlink request too long");
	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	r->hdr.nlmsg_len = off + RTA_SPACE(len);
	return rta;
}

/* Reserve @len bytes of a nested header (the ifinfomsg of a veth peer) */
static void add_raw(struct nl_req *r, const void *data, size_t len)
{
	size_t off = NLMSG_ALIGN(r->hdr.nlmsg_len);

	if (off + NLMSG_ALIGN(len) > sizeof(r->buf))
		tst_brk(TBROK, "rtnetlink request too long");
	memcpy(r->buf + off, data, len);
	r->hdr.nlmsg_len = off + NLMSG_ALIGN(len);
}

static void end_nest(struct nl_req *r, struct rtattr *nest)
{
	nest->rta_len = r->buf + r->hdr.nlmsg_len - (char *)nest;
}

/*
 * Send @r and wait for its acknowledgement. Returns 1, or 0 when
 * !@strict and the kernel refused; @what names the request.
 */
static int talk(const char *file, const int lineno, int strict,
		struct nl_req *r, const char *what)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char reply[REQ_SIZE + 256];
	struct nlmsgerr *err;
	struct nlmsghdr *h;
	ssize_t len;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "socket(AF_NETLINK) failed");
	r->hdr.nlmsg_seq = 1;
	if (sendto(fd, r->buf, r->hdr.nlmsg_len, 0,
		   (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		tst_brk_(file, lineno, TBROK | TERRNO, "%s: sendto() failed",
			 what);

	for (;;) {
		len = recv(fd, reply, sizeof(reply), 0);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			tst_brk_(file, lineno, TBROK | TERRNO,
				 "%s: recv() failed", what);
		break;
	}
	close(fd);

	h = (struct nlmsghdr *)reply;
	if (!NLMSG_OK(h, (size_t)len) || h->nlmsg_type != NLMSG_ERROR)
		tst_brk_(file, lineno, TBROK, "%s: no acknowledgement", what);
	err = NLMSG_DATA(h);
	if (!err->error)
		return 1;

	errno = -err->error;
	if (!strict) {
		tst_res_(file, lineno, TINFO | TERRNO, "%s failed", what);
		return 0;
	}
	/* The kernel lacks the device type or the address family */
	if (errno == EOPNOTSUPP || errno == EAFNOSUPPORT)
		tst_brk_(file, lineno, TCONF | TERRNO, "%s is not supported",
			 what);
	tst_brk_(file, lineno, TBROK | TERRNO, "%s failed", what);
	return 0;
}

int tst_netdev_index_by_name(const char *file, const int lineno,
			     const char *ifname)
{
	unsigned int index = if_nametoindex(ifname);

	if (!index)
		tst_brk_(file, lineno, TBROK | TERRNO,
			 "Network device %s not found", ifname);
	return index;
}

/* The index of @ifname, 0 after a TINFO when !@strict */
static int index_of(const char *file, const int lineno, int strict,
		    const char *ifname)
{
	unsigned int index = if_nametoindex(ifname);

	if (index || strict)
		return tst_netdev_index_by_name(file, lineno, ifname);
	tst_res_(file, lineno, TINFO | TERRNO, "Network device %s not found",
		 ifname);
	return 0;
}

static void link_req(struct nl_req *r, int type, int flags, int index)
{
	struct ifinfomsg info = { .ifi_family = AF_UNSPEC, .ifi_index = index };

	req_init(r, type, flags, &info, sizeof(info));
}

int tst_netdev_set_state(const char *file, const int lineno,
			 const char *ifname, int up)
{
	struct ifinfomsg info = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = tst_netdev_index_by_name(file, lineno, ifname),
		.ifi_flags = up ? IFF_UP : 0,
		.ifi_change = IFF_UP,
	};
	struct nl_req r;
	char what[64];

	req_init(&r, RTM_NEWLINK, 0, &info, sizeof(info));
	snprintf(what, sizeof(what), "Setting %s %s", ifname,
		 up ? "up" : "down");
	return talk(file, lineno, 1, &r, what);
}

int tst_create_veth_pair(const char *file, const int lineno, int strict,
			 const char *ifname1, const char *ifname2)
{
	struct ifinfomsg peer_info = { .ifi_family = AF_UNSPEC };
	struct rtattr *linkinfo, *data, *peer;
	struct nl_req r;
	char what[128];

	link_req(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	add_attr(&r, IFLA_IFNAME, ifname1, strlen(ifname1) + 1);
	linkinfo = add_attr(&r, IFLA_LINKINFO, NULL, 0);
	add_attr(&r, IFLA_INFO_KIND, "veth", strlen("veth"));
	data = add_attr(&r, IFLA_INFO_DATA, NULL, 0);
	peer = add_attr(&r, VETH_INFO_PEER, NULL, 0);
	add_raw(&r, &peer_info, sizeof(peer_info));
	add_attr(&r, IFLA_IFNAME, ifname2, strlen(ifname2) + 1);
	end_nest(&r, peer);
	end_nest(&r, data);
	end_nest(&r, linkinfo);

	snprintf(what, sizeof(what), "Creating veth pair %s, %s", ifname1,
		 ifname2);
	return talk(file, lineno, strict, &r, what);
}

int tst_netdev_add_device(const char *file, const int lineno, int strict,
			  const char *ifname, const char *devtype)
{
	struct rtattr *linkinfo;
	struct nl_req r;
	char what[128];

	link_req(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	add_attr(&r, IFLA_IFNAME, ifname, strlen(ifname) + 1);
	linkinfo = add_attr(&r, IFLA_LINKINFO, NULL, 0);
	add_attr(&r, IFLA_INFO_KIND, devtype, strlen(devtype));
	end_nest(&r, linkinfo);

	snprintf(what, sizeof(what), "Creating %s device %s", devtype,
		 ifname);
	return talk(file, lineno, strict, &r, what);
}

int tst_netdev_remove_device(const char *file, const int lineno, int strict,
			     const char *ifname)
{
	struct nl_req r;
	char what[64];

	link_req(&r, RTM_DELLINK, 0, 0);
	add_attr(&r, IFLA_IFNAME, ifname, strlen(ifname) + 1);
	snprintf(what, sizeof(what), "Removing device %s", ifname);
	return talk(file, lineno, strict, &r, what);
}

/* Set bits of a netmask of @len bytes */
static unsigned int mask_bits(const unsigned char *mask, size_t len)
{
	unsigned int bits = 0;
	size_t i;

	for (i = 0; i < len; i++)
		bits += __builtin_popcount(mask[i]);
	return bits;
}

/*
 * The prefix length of @address on @ifname: the kernel removes an
 * address only when given its prefix length, which the callers of the
 * remove functions do not pass. @fallback when it is not found.
 */
static unsigned int addr_prefix(const char *ifname, unsigned int family,
				const void *address, size_t addrlen,
				unsigned int fallback)
{
	struct ifaddrs *ifa, *i;
	unsigned int prefix = fallback;
	const void *a, *m;

	if (getifaddrs(&ifa))
		return fallback;
	for (i = ifa; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, ifname) || !i->ifa_addr ||
		    !i->ifa_netmask || i->ifa_addr->sa_family != family)
			continue;
		if (family == AF_INET) {
			a = &((struct sockaddr_in *)i->ifa_addr)->sin_addr;
			m = &((struct sockaddr_in *)i->ifa_netmask)->sin_addr;
		} else if (family == AF_INET6) {
			a = &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
			m = &((struct sockaddr_in6 *)i->ifa_netmask)->sin6_addr;
		} else {
			continue;
		}
		if (!memcmp(a, address, addrlen)) {
			prefix = mask_bits(m, addrlen);
			break;
		}
	}
	freeifaddrs(ifa);
	return prefix;
}

static int change_addr(const char *file, const int lineno, int strict,
		       int type, const char *ifname, unsigned int family,
		       const void *address, unsigned int prefix,
		       size_t addrlen, unsigned int flags)
{
	struct ifaddrmsg ifa = {
		.ifa_family = family,
		.ifa_prefixlen = prefix,
		.ifa_flags = flags,
	};
	struct nl_req r;
	char what[128];

	ifa.ifa_index = index_of(file, lineno, strict, ifname);
	if (!ifa.ifa_index)
		return 0;
	req_init(&r, type, type == RTM_NEWADDR ?
		 NLM_F_CREATE | NLM_F_EXCL : 0, &ifa, sizeof(ifa));
	add_attr(&r, IFA_LOCAL, address, addrlen);
	add_attr(&r, IFA_ADDRESS, address, addrlen);

	snprintf(what, sizeof(what), "%s an address of family %u %s %s",
		 type == RTM_NEWADDR ? "Adding" : "Removing", family,
		 type == RTM_NEWADDR ? "to" : "from", ifname);
	return talk(file, lineno, strict, &r, what);
}

int tst_netdev_add_address(const char *file, const int lineno, int strict,
			   const char *ifname, unsigned int family,
			   const void *address, unsigned int prefix,
			   size_t addrlen, unsigned int flags)
{
	return change_addr(file, lineno, strict, RTM_NEWADDR, ifname, family,
			   address, prefix, addrlen, flags);
}

int tst_netdev_add_address_inet(const char *file, const int lineno,
				int strict, const char *ifname,
				in_addr_t address, unsigned int prefix,
				unsigned int flags)
{
	return change_addr(file, lineno, strict, RTM_NEWADDR, ifname, AF_INET,
			   &address, prefix, sizeof(address), flags);
}

int tst_netdev_remove_address(const char *file, const int lineno, int strict,
			      const char *ifname, unsigned int family,
			      const void *address, size_t addrlen)
{
	unsigned int prefix = addr_prefix(ifname, family, address, addrlen,
					  8 * addrlen);

	return change_addr(file, lineno, strict, RTM_DELADDR, ifname, family,
			   address, prefix, addrlen, 0);
}

int tst_netdev_remove_address_inet(const char *file, const int lineno,
				   int strict, const char *ifname,
				   in_addr_t address)
{
	return tst_netdev_remove_address(file, lineno, strict, ifname, AF_INET,
					 &address, sizeof(address));
}

static int change_ns(const char *file, const int lineno, int strict,
		     const char *ifname, int attr, uint32_t value)
{
	struct nl_req r;
	char what[64];
	int index = index_of(file, lineno, strict, ifname);

	if (!index)
		return 0;
	link_req(&r, RTM_NEWLINK, 0, index);
	add_attr(&r, attr, &value, sizeof(value));
	snprintf(what, sizeof(what), "Moving %s to another namespace", ifname);
	return talk(file, lineno, strict, &r, what);
}

int tst_netdev_change_ns_fd(const char *file, const int lineno, int strict,
			    const char *ifname, int nsfd)
{
	return change_ns(file, lineno, strict, ifname, IFLA_NET_NS_FD, nsfd);
}

int tst_netdev_change_ns_pid(const char *file, const int lineno, int strict,
			     const char *ifname, pid_t nspid)
{
	return change_ns(file, lineno, strict, ifname, IFLA_NET_NS_PID, nspid);
}

static int change_route(const char *file, const int lineno, int strict,
			int type, const char *ifname, unsigned int family,
			const void *srcaddr, unsigned int srcprefix,
			size_t srclen, const void *dstaddr,
			unsigned int dstprefix, size_t dstlen,
			const void *gateway, size_t gatewaylen)
{
	struct rtmsg rt = {
		.rtm_family = family,
		.rtm_dst_len = dstprefix,
		.rtm_src_len = srcprefix,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = RTPROT_STATIC,
		.rtm_scope = gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK,
		.rtm_type = RTN_UNICAST,
	};
	int index = index_of(file, lineno, strict, ifname);
	uint32_t oif = index;
	struct nl_req r;
	char what[96];

	if (!index)
		return 0;
	if (type == RTM_DELROUTE)
		rt.rtm_scope = RT_SCOPE_NOWHERE;
	req_init(&r, type, type == RTM_NEWROUTE ?
		 NLM_F_CREATE | NLM_F_EXCL : 0, &rt, sizeof(rt));
	add_attr(&r, RTA_OIF, &oif, sizeof(oif));
	if (srcaddr && srclen)
		add_attr(&r, RTA_SRC, srcaddr, srclen);
	if (dstaddr && dstlen)
		add_attr(&r, RTA_DST, dstaddr, dstlen);
	if (gateway && gatewaylen)
		add_attr(&r, RTA_GATEWAY, gateway, gatewaylen);

	snprintf(what, sizeof(what), "%s a route through %s",
		 type == RTM_NEWROUTE ? "Adding" : "Removing", ifname);
	return talk(file, lineno, strict, &r, what);
}

int tst_netdev_add_route(const char *file, const int lineno, int strict,
			 const char *ifname, unsigned int family,
			 const void *srcaddr, unsigned int srcprefix,
			 size_t srclen, const void *dstaddr,
			 unsigned int dstprefix, size_t dstlen,
			 const void *gateway, size_t gatewaylen)
{
	return change_route(file, lineno, strict, RTM_NEWROUTE, ifname, family,
			    srcaddr, srcprefix, srclen, dstaddr, dstprefix,
			    dstlen, gateway, gatewaylen);
}

int tst_netdev_remove_route(const char *file, const int lineno, int strict,
			    const char *ifname, unsigned int family,
			    const void *srcaddr, unsigned int srcprefix,
			    size_t srclen, const void *dstaddr,
			    unsigned int dstprefix, size_t dstlen,
			    const void *gateway, size_t gatewaylen)
{
	return change_route(file, lineno, strict, RTM_DELROUTE, ifname, family,
			    srcaddr, srcprefix, srclen, dstaddr, dstprefix,
			    dstlen, gateway, gatewaylen);
}

/* IPv4 wrappers: an address of 0 means none */
static int route_inet(const char *file, const int lineno, int strict,
		      int type, const char *ifname, in_addr_t srcaddr,
		      unsigned int srcprefix, in_addr_t dstaddr,
		      unsigned int dstprefix, in_addr_t gateway)
{
	size_t len = sizeof(in_addr_t);

	return change_route(file, lineno, strict, type, ifname, AF_INET,
			    srcaddr ? &srcaddr : NULL, srcprefix,
			    srcaddr ? len : 0, dstaddr ? &dstaddr : NULL,
			    dstprefix, dstaddr ? len : 0,
			    gateway ? &gateway : NULL, gateway ? len : 0);
}

int tst_netdev_add_route_inet(const char *file, const int lineno, int strict,
			      const char *ifname, in_addr_t srcaddr,
			      unsigned int srcprefix, in_addr_t dstaddr,
			      unsigned int dstprefix, in_addr_t gateway)
{
	return route_inet(file, lineno, strict, RTM_NEWROUTE, ifname, srcaddr,
			  srcprefix, dstaddr, dstprefix, gateway);
}

int tst_netdev_remove_route_inet(const char *file, const int lineno,
				 int strict, const char *ifname,
				 in_addr_t srcaddr, unsigned int srcprefix,
				 in_addr_t dstaddr, unsigned int dstprefix,
				 in_addr_t gateway)
{
	return route_inet(file, lineno, strict, RTM_DELROUTE, ifname, srcaddr,
			  srcprefix, dstaddr, dstprefix, gateway);
}
