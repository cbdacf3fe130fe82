// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tst_setup_netns() and NETDEV_*: a veth pair with an address, up, in a
 * network namespace of the test's own.
 */
#include <net/if.h>
#include "tst_test.h"
#include "tst_netdevice.h"

static void setup(void)
{
	tst_setup_netns();
}

static void run(void)
{
	tst_res(TPASS, "lo has index %d", NETDEV_INDEX_BY_NAME("lo"));
	CREATE_VETH_PAIR("ltp_veth0", "ltp_veth1");
	NETDEV_ADD_ADDRESS_INET("ltp_veth0", htonl(0x0a000001), 24, 0);
	NETDEV_SET_STATE("ltp_veth0", 1);
	NETDEV_SET_STATE("ltp_veth1", 1);
	tst_res(TPASS, "veth pair up, peer present: %d",
		if_nametoindex("ltp_veth1") > 0);
	NETDEV_REMOVE_DEVICE("ltp_veth0");
	tst_res(TPASS, "peer gone with it: %d", !if_nametoindex("ltp_veth1"));
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.needs_root = 1,
	.needs_kconfigs = (const char *[]) {
		"CONFIG_USER_NS=y", "CONFIG_NET_NS=y", "CONFIG_VETH", NULL
	},
	.save_restore = (const struct tst_path_val[]) {
		{PATH_USER_MAX_USER_NAMESPACES, "1024", TST_SR_SKIP},
		{}
	},
};
