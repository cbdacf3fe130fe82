// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /init inside the VM: mount the kernel's file systems, load the modules
 * the results disk needs, mount the disk, run fzrun (a new run, or
 * --resume when the disk already holds one) and reset the machine, which
 * -no-reboot turns into QEMU's exit.
 *
 * Everything goes to the console, where the host reads it; the lines
 * starting with "fzvm-init: " tell the host how far the boot got.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "fzvm.h"

/* The disk is looked for every 100 ms, for 15 s */
#define DISK_WAIT_TRIES		150
#define DISK_WAIT_PAUSE_US	100000

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	struct sbuf b = {0};
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) >= 0) {
		sb_puts(&b, MARK_PREFIX);
		sb_puts(&b, s);
		sb_putc(&b, '\n');
		write_all(1, b.s, b.len);
		free(s);
	}
	va_end(ap);
	sb_free(&b);
}

static void __attribute__((noreturn)) finish(void)
{
	sync();
	umount2("/results", 0);
	sync();
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

static void __attribute__((noreturn)) fail(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	say("error: %s", buf);
	finish();
}

/* Optional file systems may be missing from the kernel: tests TCONF */
static void mnt(const char *src, const char *dir, const char *type,
		unsigned long flags, const char *opts, int optional)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, flags, opts) && errno != EBUSY &&
	    (!optional || (errno != ENODEV && errno != ENOENT)))
		say("cannot mount %s on %s: %s", type, dir, strerror(errno));
}

static void console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

struct gcfg {
	char **mods, **args, **rargs, **env;
	int nmods, nargs, nrargs, nenv;
};

static void push(char ***v, int *n, const char *s)
{
	*v = xrealloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
	(*v)[*n] = NULL;
}

static void read_config(struct gcfg *g)
{
	char *text = read_file(GUEST_CONFIG, NULL), *line, *next, *val;

	memset(g, 0, sizeof(*g));
	if (!text)
		fail("no %s in the initramfs", GUEST_CONFIG);
	for (line = text; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		val = strchr(line, ' ');
		if (!val)
			continue;
		*val++ = '\0';
		if (!strcmp(line, "mod"))
			push(&g->mods, &g->nmods, val);
		else if (!strcmp(line, "arg"))
			push(&g->args, &g->nargs, val);
		else if (!strcmp(line, "rarg"))
			push(&g->rargs, &g->nrargs, val);
		else if (!strcmp(line, "env"))
			push(&g->env, &g->nenv, val);
	}
	free(text);
}

static void load_modules(const struct gcfg *g)
{
	int i, fd;

	for (i = 0; i < g->nmods; i++) {
		fd = open(g->mods[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			say("cannot open %s: %s", g->mods[i], strerror(errno));
			continue;
		}
		if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST)
			say("cannot load %s: %s", g->mods[i], strerror(errno));
		close(fd);
	}
}

/* /dev/NAME of the block device carrying the results file system */
static char *probe(const char *name)
{
	unsigned char sb[0x488];
	char *dev = xasprintf("/dev/%s", name), *sys, *mm;
	unsigned int ma, mi;
	int fd;

	if (access(dev, F_OK)) {
		sys = xasprintf("/sys/class/block/%s/dev", name);
		mm = read_file(sys, NULL);
		if (mm && sscanf(mm, "%u:%u", &ma, &mi) == 2)
			mknod(dev, S_IFBLK | 0600, makedev(ma, mi));
		free(mm);
		free(sys);
	}
	fd = open(dev, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && pread(fd, sb, sizeof(sb), 0) == sizeof(sb) &&
	    sb[0x438] == 0x53 && sb[0x439] == 0xef &&
	    !strncmp((char *)sb + 0x478, RESULTS_LABEL, 16)) {
		close(fd);
		return dev;
	}
	if (fd >= 0)
		close(fd);
	free(dev);
	return NULL;
}

static char *find_disk(void)
{
	struct dirent *de;
	char *dev = NULL;
	int tries;
	DIR *d;

	/* drivers may probe asynchronously: wait up to 15 s for the disk */
	for (tries = 0; tries < DISK_WAIT_TRIES && !dev; tries++) {
		if (tries)
			usleep(DISK_WAIT_PAUSE_US);
		d = opendir("/sys/class/block");
		while (d && !dev && (de = readdir(d)))
			if (de->d_name[0] != '.')
				dev = probe(de->d_name);
		if (d)
			closedir(d);
	}
	return dev;
}

static int run_fzrun(char **args)
{
	int status;
	pid_t pid, w;

	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (!pid) {
		execv(args[0], args);
		fprintf(stderr, "fzvm-init: cannot run %s: %s\n", args[0],
			strerror(errno));
		_exit(EXIT_CANNOT_RUN);
	}
	/* as pid 1, also reap whatever else ends */
	while ((w = wait(&status)) != pid)
		if (w < 0 && errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	say("fzrun killed by signal %d", WTERMSIG(status));
	return EXIT_SIGNAL_BASE + WTERMSIG(status);
}

int guest_main(void)
{
	struct utsname u;
	struct gcfg g;
	char *dev, **args;
	int i, resume, status;

	mnt("devtmpfs", "/dev", "devtmpfs", 0, NULL, 0);
	console();
	mnt("proc", "/proc", "proc", 0, NULL, 0);
	mnt("sysfs", "/sys", "sysfs", 0, NULL, 0);
	mnt("tmpfs", "/tmp", "tmpfs", 0, "mode=1777", 0);
	mnt("tmpfs", "/run", "tmpfs", 0, "mode=755", 0);
	mnt("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777", 0);
	mnt("devpts", "/dev/pts", "devpts", 0, NULL, 1);
	mnt("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL, 1);
	mnt("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL, 1);
	mnt("configfs", "/sys/kernel/config", "configfs", 0, NULL, 1);
	mnt("cgroup2", "/sys/fs/cgroup", "cgroup2", 0, NULL, 1);
	uname(&u);
	say("kernel %s %s, %ld CPUs", u.release, u.version,
	    sysconf(_SC_NPROCESSORS_ONLN));

	read_config(&g);
	clearenv();
	setenv("PATH", GUEST_ROOT "/bin:/bin:/sbin", 1);
	setenv("HOME", "/root", 1);
	setenv("TMPDIR", "/tmp", 1);
	setenv("FZSYNC_ROOT", GUEST_ROOT, 1);
	setenv("TERM", "dumb", 1);
	for (i = 0; i < g.nenv; i++)
		putenv(g.env[i]);
	load_modules(&g);

	dev = find_disk();
	if (!dev)
		fail("no disk with the file system label %s: the kernel needs its driver (CONFIG_VIRTIO_BLK and CONFIG_VIRTIO_PCI built in, or their modules from --modules) and ext4",
		     RESULTS_LABEL);
	mkdir("/results", 0755);
	if (mount(dev, "/results", "ext4", 0, NULL) &&
	    mount(dev, "/results", "ext3", 0, NULL))
		fail("cannot mount %s: %s (the kernel needs CONFIG_EXT4_FS)",
		     dev, strerror(errno));

	resume = !access(GUEST_RUN_DIR "/journal.jsonl", F_OK);
	args = resume ? g.rargs : g.args;
	if (!args || !args[0])
		fail("no fzrun command in %s", GUEST_CONFIG);
	say("starting fzrun (%s) on %s", resume ? "resume" : "new run", dev);
	status = run_fzrun(args);
	sync();
	say("fzrun exited with status %d", status);
	finish();
}
