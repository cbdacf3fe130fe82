#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Build the LAVA ramdisk: an initramfs (newc cpio, gzip) holding an
installed fzsync tree, a static busybox for the shell and the utilities
LAVA's test shell uses, and lava/ramdisk/'s init, inittab and profile.

usage: lava/mkramdisk.py --stage DIR [--stage DIR2] [--busybox PATH] -o RAMDISK.cpio.gz

--stage is a DESTDIR of `make install` built with `make static`:
everything under it goes to the same path in the ramdisk (DIR/opt/fzsync
becomes /opt/fzsync). More --stage directories add files to it (a file
in two of them is an error). The guest has no C library, so every ELF
executable in it must be static; a dynamic one is an error.

The archive is reproducible: entries sorted, owned by root, with the
time SOURCE_DATE_EPOCH (default 0).
"""
import argparse
import gzip
import os
import stat
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAMDISK_FILES = os.path.join(HERE, "ramdisk")

# Linux's fixed device numbers (Documentation/admin-guide/devices.txt):
# the kernel opens /dev/console for init before devtmpfs is mounted
DEVICES = [("dev/console", 5, 1), ("dev/null", 1, 3)]
DIRS = ["bin", "sbin", "dev", "etc", "proc", "sys", "tmp", "run", "root",
        "var", "var/tmp"]
PASSWD = ("root:x:0:0:root:/root:/bin/sh\n"
          "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
GROUP = "root:x:0:\nnogroup:x:65534:\n"
# busybox applets that are not commands of the guest's PATH
NOT_APPLETS = {"busybox", "linuxrc"}


def die(msg):
    sys.exit("mkramdisk: " + msg)


def elf_kind(path):
    """'static', 'dynamic' or None (not an ELF file)"""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:  # 64-bit only
            return None
        little = head[5] == 1
        order = "little" if little else "big"
        phoff = int.from_bytes(head[32:40], order)
        phentsize = int.from_bytes(head[54:56], order)
        phnum = int.from_bytes(head[56:58], order)
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            if int.from_bytes(f.read(4), order) == 3:  # PT_INTERP
                return "dynamic"
    return "static"


class Cpio:
    """newc archive writer (the format the kernel's initramfs takes)"""

    def __init__(self, out, mtime):
        self.out = out
        self.mtime = mtime
        self.ino = 0
        self.names = set()

    def _entry(self, name, mode, data=b"", rdev=(0, 0)):
        if name in self.names:
            die("%s is in the ramdisk twice" % name)
        self.names.add(name)
        self.ino += 1
        raw = name.encode() + b"\0"
        fields = [self.ino, mode, 0, 0, 1, self.mtime, len(data), 0, 0,
                  rdev[0], rdev[1], len(raw), 0]
        hdr = b"070701" + b"".join(b"%08X" % v for v in fields)
        self.out.write(hdr + raw + b"\0" * (-(len(hdr) + len(raw)) % 4))
        self.out.write(data + b"\0" * (-len(data) % 4))

    def dir(self, name):
        self._entry(name, stat.S_IFDIR | 0o755)

    def file(self, name, data, perm):
        self._entry(name, stat.S_IFREG | perm, data)

    def symlink(self, name, target):
        self._entry(name, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, name, major, minor):
        self._entry(name, stat.S_IFCHR | 0o600, rdev=(major, minor))

    def close(self):
        self._entry("TRAILER!!!", 0)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def stage_entries(stage):
    """(name in the archive, path, is_dir) of the staged tree, sorted"""
    out = []
    for top, dirs, files in os.walk(stage):
        dirs.sort()
        rel = os.path.relpath(top, stage)
        if rel != ".":
            out.append((rel, top, True))
        for f in sorted(files):
            p = os.path.join(top, f)
            out.append((os.path.normpath(os.path.join(rel, f)), p, False))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stage", required=True, action="append",
                    help="DESTDIR of make install (static build)")
    ap.add_argument("--busybox", default="/bin/busybox")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    for d in a.stage:
        if not os.path.isdir(d):
            die("%s: no such directory (make install DESTDIR=...)" % d)
    if not os.path.isfile(a.busybox) or elf_kind(a.busybox) != "static":
        die("%s is not a static busybox: the guest needs one for its shell "
            "(apt-get install busybox-static)" % a.busybox)
    applets = subprocess.run([a.busybox, "--list"], capture_output=True,
                             text=True, check=True).stdout.split()

    staged = [e for d in a.stage for e in stage_entries(d)]
    dynamic = [p for name, p, is_dir in staged
               if not is_dir and os.access(p, os.X_OK) and
               elf_kind(p) == "dynamic"]
    if dynamic:
        die("not statically linked, the guest has no C library: %s "
            "(install from make static: make O=build/static "
            "LDFLAGS=-static install)" % " ".join(dynamic))
    if not any(name.endswith("/bin/fzrun") for name, _, _ in staged):
        die("no bin/fzrun under %s: not an installed fzsync tree" %
            " ".join(a.stage))

    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    tmp = a.output + ".tmp"
    with open(tmp, "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime) as gz:
        c = Cpio(gz, mtime)
        for d in DIRS:
            c.dir(d)
        for name, major, minor in DEVICES:
            c.chardev(name, major, minor)
        c.file("init", read(os.path.join(RAMDISK_FILES, "init")), 0o755)
        for f in ("inittab", "profile"):
            c.file("etc/" + f, read(os.path.join(RAMDISK_FILES, f)), 0o644)
        c.file("etc/passwd", PASSWD.encode(), 0o644)
        c.file("etc/group", GROUP.encode(), 0o644)
        c.file("bin/busybox", read(a.busybox), 0o755)
        for app in sorted(set(applets) - NOT_APPLETS):
            c.symlink("bin/" + app, "busybox")
        for name, path, is_dir in staged:
            if is_dir:
                if name not in c.names:
                    c.dir(name)
            elif os.path.islink(path):
                c.symlink(name, os.readlink(path))
            else:
                c.file(name, read(path), os.stat(path).st_mode & 0o7777)
        c.close()
    os.replace(tmp, a.output)
    print("mkramdisk: %s: %d entries, %d bytes" %
          (a.output, c.ino, os.path.getsize(a.output)))


if __name__ == "__main__":
    main()
