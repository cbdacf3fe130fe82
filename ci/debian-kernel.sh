#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The current Debian cloud kernel for the QEMU tests, unpacked without
# installing it: apt-get download of the package linux-image-cloud-amd64
# depends on, dpkg-deb -x into CACHE (once; later calls reuse it).
# Prints the path of its vmlinuz; says why on stderr and exits 1 when it
# cannot get one (as root, apt's lists are updated when they lack it).
#
# usage: ci/debian-kernel.sh CACHE_DIR
set -u
cache=${1:?usage: ci/debian-kernel.sh CACHE_DIR}

image_package() {
	apt-cache depends linux-image-cloud-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -1
}

mkdir -p "$cache" || exit 1
pkg=$(image_package)
if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
	apt-get update -qq >&2
	pkg=$(image_package)
fi
[ -n "$pkg" ] || { echo "debian-kernel: no linux-image-cloud-amd64 in apt's lists" >&2; exit 1; }
kernel=$(ls "$cache/$pkg"/boot/vmlinuz-* 2>/dev/null | head -1)
if [ -z "$kernel" ]; then
	(cd "$cache" && rm -f "$pkg"_*.deb &&
		apt-get download -q "$pkg" >/dev/null 2>&1) ||
		{ echo "debian-kernel: apt-get download $pkg failed" >&2; exit 1; }
	dpkg-deb -x "$cache/$pkg"_*.deb "$cache/$pkg" ||
		{ echo "debian-kernel: dpkg-deb -x $pkg failed" >&2; exit 1; }
	rm -f "$cache/$pkg"_*.deb
	kernel=$(ls "$cache/$pkg"/boot/vmlinuz-* 2>/dev/null | head -1)
	[ -n "$kernel" ] || { echo "debian-kernel: no boot/vmlinuz-* in $pkg" >&2; exit 1; }
fi
echo "$kernel"
