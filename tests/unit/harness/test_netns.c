// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_setup_netns(): the process gets network and user namespaces of
 * its own, is root in them and has only a loopback device, down. The
 * NETDEV_* helpers in such a namespace: devices, state, addresses,
 * routes, a missing device type as TCONF, and non-strict failures.
 *
 * Skipped where user namespaces cannot be created.
 */
#include <ifaddrs.h>
#include <net/if.h>
#include <sched.h>
#include <sys/stat.h>

#include "test_harness.h"
#include "tst_netdevice.h"

static struct run r;

static void in_child(void (*fn)(void))
{
	run_fn(&r, fn);
}

static void try_userns(void)
{
	exit(unshare(CLONE_NEWUSER | CLONE_NEWNET) ? 1 : 0);
}

static void need_userns(void)
{
	in_child(try_userns);
	if (r.status)
		skip();
}

static ino_t netns_ino(void)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st))
		tst_brk(TBROK | TERRNO, "stat(/proc/self/ns/net) failed");
	return st.st_ino;
}

static int if_up(const char *name)
{
	struct ifaddrs *ifa, *i;
	int up = -1;

	if (getifaddrs(&ifa))
		tst_brk(TBROK | TERRNO, "getifaddrs() failed");
	for (i = ifa; i; i = i->ifa_next) {
		if (!strcmp(i->ifa_name, name))
			up = !!(i->ifa_flags & IFF_UP);
	}
	freeifaddrs(ifa);
	return up;
}

/* Whether @name has the IPv4 address @addr */
static int has_inet(const char *name, const char *addr)
{
	struct ifaddrs *ifa, *i;
	char buf[INET_ADDRSTRLEN];
	int found = 0;

	if (getifaddrs(&ifa))
		tst_brk(TBROK | TERRNO, "getifaddrs() failed");
	for (i = ifa; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, name) || !i->ifa_addr ||
		    i->ifa_addr->sa_family != AF_INET)
			continue;
		inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr,
			  buf, sizeof(buf));
		found |= !strcmp(buf, addr);
	}
	freeifaddrs(ifa);
	return found;
}

static void new_netns(void)
{
	ino_t before = netns_ino();
	struct if_nameindex *ifs, *i;
	int n = 0;

	tst_setup_netns();
	if (netns_ino() == before)
		tst_brk(TFAIL, "still in the old network namespace");
	if (getuid() || getgid())
		tst_brk(TFAIL, "uid %d gid %d, not root", (int)getuid(),
			(int)getgid());

	ifs = if_nameindex();
	for (i = ifs; i && i->if_name; i++)
		n++;
	if (n != 1 || strcmp(ifs[0].if_name, "lo"))
		tst_brk(TFAIL, "%d devices, the first %s", n,
			n ? ifs[0].if_name : "none");
	if_freenameindex(ifs);
	if (if_up("lo") != 0)
		tst_brk(TFAIL, "lo is not down");
	printf("netns fine\n");
}

static void test_setup_netns(void **state)
{
	(void)state;
	need_userns();
	in_child(new_netns);
	assert_status(&r, 0);
	assert_output(&r, "netns fine\n");
}

static void devices(void)
{
	struct in_addr dst = { htonl(0x0a0b0c00) };
	int index;

	tst_setup_netns();

	NETDEV_SET_STATE("lo", 1);
	if (if_up("lo") != 1)
		tst_brk(TFAIL, "lo is not up");
	if (NETDEV_INDEX_BY_NAME("lo") != (int)if_nametoindex("lo"))
		tst_brk(TFAIL, "wrong index of lo");

	CREATE_VETH_PAIR("fzveth0", "fzveth1");
	index = NETDEV_INDEX_BY_NAME("fzveth1");
	if (index <= 0)
		tst_brk(TFAIL, "no fzveth1");
	NETDEV_ADD_ADDRESS_INET("fzveth0", htonl(0x0a000001), 24, 0);
	if (!has_inet("fzveth0", "10.0.0.1"))
		tst_brk(TFAIL, "fzveth0 has no 10.0.0.1");
	NETDEV_SET_STATE("fzveth0", 1);
	NETDEV_SET_STATE("fzveth1", 1);
	NETDEV_ADD_ROUTE_INET("fzveth0", 0, 0, dst.s_addr, 24,
			      htonl(0x0a000002));
	NETDEV_REMOVE_ROUTE_INET("fzveth0", 0, 0, dst.s_addr, 24,
				 htonl(0x0a000002));
	NETDEV_REMOVE_ADDRESS_INET("fzveth0", htonl(0x0a000001));
	if (has_inet("fzveth0", "10.0.0.1"))
		tst_brk(TFAIL, "fzveth0 still has 10.0.0.1");

	/* Not strict: failures are returned */
	if (tst_create_veth_pair(__FILE__, __LINE__, 0, "fzveth0", "fzveth2"))
		tst_brk(TFAIL, "a second fzveth0 was created");
	NETDEV_REMOVE_DEVICE("fzveth0");
	/* The peer goes with it */
	if (if_nametoindex("fzveth1"))
		tst_brk(TFAIL, "fzveth1 is still there");
	if (tst_netdev_remove_device(__FILE__, __LINE__, 0, "fzveth0"))
		tst_brk(TFAIL, "removed fzveth0 twice");
	printf("devices fine\n");
}

static void test_devices(void **state)
{
	(void)state;
	need_userns();
	in_child(devices);
	assert_status(&r, 0);
	assert_output(&r, "devices fine\n");
	assert_output(&r, "TINFO: Creating veth pair fzveth0, fzveth2 failed: EEXIST (17)\n");
}

static void missing_type(void)
{
	tst_setup_netns();
	NETDEV_ADD_DEVICE("fzx0", "fzsync_no_such_type");
}

static void missing_device(void)
{
	tst_setup_netns();
	NETDEV_INDEX_BY_NAME("fzsync_none");
}

static void test_errors(void **state)
{
	(void)state;
	need_userns();
	/* The kernel lacks the device type: the test cannot run here */
	in_child(missing_type);
	assert_status(&r, TCONF);
	assert_output(&r, "TCONF: Creating fzsync_no_such_type device fzx0 is not supported: EOPNOTSUPP (95)\n");

	in_child(missing_device);
	assert_status(&r, TBROK);
	assert_output(&r, "TBROK: Network device fzsync_none not found");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_netns),
		cmocka_unit_test(test_devices),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("harness netns and net devices",
					   tests, NULL, NULL);
}
