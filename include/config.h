/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config.h for LTP tests built against fzsync without LTP's own: the
 * HAVE_<HEADER>_H macros of LTP's configure, answered by the compiler
 * for the system being built on.
 *
 *	#include "config.h"
 *
 *	#if HAVE_LINUX_VM_SOCKETS_H
 *	# include <linux/vm_sockets.h>
 *	#endif
 *
 * Only headers are probed: LTP's checks of functions (HAVE_FSOPEN, ...),
 * of struct members and of libraries (HAVE_LIBAIO, ...) are not here.
 * A test that needs those is built with the config.h of an LTP tree
 * (doc/ltp-dropin.md).
 */
#ifndef FZSYNC_CONFIG_H
#define FZSYNC_CONFIG_H

#ifndef __has_include
# error "config.h needs a compiler with __has_include (GCC 5, Clang 3)"
#endif

#if __has_include(<aio.h>)
# define HAVE_AIO_H 1
#endif
#if __has_include(<asm/ldt.h>)
# define HAVE_ASM_LDT_H 1
#endif
#if __has_include(<asm/prctl.h>)
# define HAVE_ASM_PRCTL_H 1
#endif
#if __has_include(<cpuid.h>)
# define HAVE_CPUID_H 1
#endif
#if __has_include(<emmintrin.h>)
# define HAVE_EMMINTRIN_H 1
#endif
#if __has_include(<fts.h>)
# define HAVE_FTS_H 1
#endif
#if __has_include(<ifaddrs.h>)
# define HAVE_IFADDRS_H 1
#endif
#if __has_include(<inttypes.h>)
# define HAVE_INTTYPES_H 1
#endif
#if __has_include(<keyutils.h>)
# define HAVE_KEYUTILS_H 1
#endif
#if __has_include(<libaio.h>)
# define HAVE_LIBAIO_H 1
#endif
#if __has_include(<linux/blkdev.h>)
# define HAVE_LINUX_BLKDEV_H 1
#endif
#if __has_include(<linux/can.h>)
# define HAVE_LINUX_CAN_H 1
#endif
#if __has_include(<linux/cgroupstats.h>)
# define HAVE_LINUX_CGROUPSTATS_H 1
#endif
#if __has_include(<linux/close_range.h>)
# define HAVE_LINUX_CLOSE_RANGE_H 1
#endif
#if __has_include(<linux/cryptouser.h>)
# define HAVE_LINUX_CRYPTOUSER_H 1
#endif
#if __has_include(<linux/dccp.h>)
# define HAVE_LINUX_DCCP_H 1
#endif
#if __has_include(<linux/fs.h>)
# define HAVE_LINUX_FS_H 1
#endif
#if __has_include(<linux/fsverity.h>)
# define HAVE_LINUX_FSVERITY_H 1
#endif
#if __has_include(<linux/futex.h>)
# define HAVE_LINUX_FUTEX_H 1
#endif
#if __has_include(<linux/genetlink.h>)
# define HAVE_LINUX_GENETLINK_H 1
#endif
#if __has_include(<linux/genhd.h>)
# define HAVE_LINUX_GENHD_H 1
#endif
#if __has_include(<linux/if_alg.h>)
# define HAVE_LINUX_IF_ALG_H 1
#endif
#if __has_include(<linux/if_ether.h>)
# define HAVE_LINUX_IF_ETHER_H 1
#endif
#if __has_include(<linux/if_packet.h>)
# define HAVE_LINUX_IF_PACKET_H 1
#endif
#if __has_include(<linux/io_uring.h>)
# define HAVE_LINUX_IO_URING_H 1
#endif
#if __has_include(<linux/ioprio.h>)
# define HAVE_LINUX_IOPRIO_H 1
#endif
#if __has_include(<linux/keyctl.h>)
# define HAVE_LINUX_KEYCTL_H 1
#endif
#if __has_include(<linux/landlock.h>)
# define HAVE_LINUX_LANDLOCK_H 1
#endif
#if __has_include(<linux/lsm.h>)
# define HAVE_LINUX_LSM_H 1
#endif
#if __has_include(<linux/mempolicy.h>)
# define HAVE_LINUX_MEMPOLICY_H 1
#endif
#if __has_include(<linux/module.h>)
# define HAVE_LINUX_MODULE_H 1
#endif
#if __has_include(<linux/mount.h>)
# define HAVE_LINUX_MOUNT_H 1
#endif
#if __has_include(<linux/netlink.h>)
# define HAVE_LINUX_NETLINK_H 1
#endif
#if __has_include(<linux/seccomp.h>)
# define HAVE_LINUX_SECCOMP_H 1
#endif
#if __has_include(<linux/securebits.h>)
# define HAVE_LINUX_SECUREBITS_H 1
#endif
#if __has_include(<linux/taskstats.h>)
# define HAVE_LINUX_TASKSTATS_H 1
#endif
#if __has_include(<linux/tls.h>)
# define HAVE_LINUX_TLS_H 1
#endif
#if __has_include(<linux/tty.h>)
# define HAVE_LINUX_TTY_H 1
#endif
#if __has_include(<linux/types.h>)
# define HAVE_LINUX_TYPES_H 1
#endif
#if __has_include(<linux/userfaultfd.h>)
# define HAVE_LINUX_USERFAULTFD_H 1
#endif
#if __has_include(<linux/vm_sockets.h>)
# define HAVE_LINUX_VM_SOCKETS_H 1
#endif
#if __has_include(<netinet/sctp.h>)
# define HAVE_NETINET_SCTP_H 1
#endif
#if __has_include(<numa.h>)
# define HAVE_NUMA_H 1
#endif
#if __has_include(<numaif.h>)
# define HAVE_NUMAIF_H 1
#endif
#if __has_include(<openssl/sha.h>)
# define HAVE_OPENSSL_SHA_H 1
#endif
#if __has_include(<pthread.h>)
# define HAVE_PTHREAD_H 1
#endif
#if __has_include(<selinux/selinux.h>)
# define HAVE_SELINUX_SELINUX_H 1
#endif
#if __has_include(<stdint.h>)
# define HAVE_STDINT_H 1
#endif
#if __has_include(<stdio.h>)
# define HAVE_STDIO_H 1
#endif
#if __has_include(<stdlib.h>)
# define HAVE_STDLIB_H 1
#endif
#if __has_include(<string.h>)
# define HAVE_STRING_H 1
#endif
#if __has_include(<strings.h>)
# define HAVE_STRINGS_H 1
#endif
#if __has_include(<sys/acl.h>)
# define HAVE_SYS_ACL_H 1
#endif
#if __has_include(<sys/capability.h>)
# define HAVE_SYS_CAPABILITY_H 1
#endif
#if __has_include(<sys/epoll.h>)
# define HAVE_SYS_EPOLL_H 1
#endif
#if __has_include(<sys/fanotify.h>)
# define HAVE_SYS_FANOTIFY_H 1
#endif
#if __has_include(<sys/inotify.h>)
# define HAVE_SYS_INOTIFY_H 1
#endif
#if __has_include(<sys/pidfd.h>)
# define HAVE_SYS_PIDFD_H 1
#endif
#if __has_include(<sys/prctl.h>)
# define HAVE_SYS_PRCTL_H 1
#endif
#if __has_include(<sys/random.h>)
# define HAVE_SYS_RANDOM_H 1
#endif
#if __has_include(<sys/shm.h>)
# define HAVE_SYS_SHM_H 1
#endif
#if __has_include(<sys/stat.h>)
# define HAVE_SYS_STAT_H 1
#endif
#if __has_include(<sys/timerfd.h>)
# define HAVE_SYS_TIMERFD_H 1
#endif
#if __has_include(<sys/types.h>)
# define HAVE_SYS_TYPES_H 1
#endif
#if __has_include(<sys/ustat.h>)
# define HAVE_SYS_USTAT_H 1
#endif
#if __has_include(<sys/utsname.h>)
# define HAVE_SYS_UTSNAME_H 1
#endif
#if __has_include(<sys/xattr.h>)
# define HAVE_SYS_XATTR_H 1
#endif
#if __has_include(<unistd.h>)
# define HAVE_UNISTD_H 1
#endif
#if __has_include(<xfs/xqm.h>)
# define HAVE_XFS_XQM_H 1
#endif

#endif /* FZSYNC_CONFIG_H */
