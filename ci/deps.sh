#!/bin/sh
# Check the build dependencies; as root with apt-get, install what is
# missing, otherwise name the exact command and fail.
#
# usage: ci/deps.sh [build|check]   (check also needs cmocka)
set -u

what=${1:-build}
CC=${CC:-cc}
missing=""

probe() {
	# $1 header, $2 library, $3 package
	printf '#include <stdarg.h>\n#include <stddef.h>\n#include <setjmp.h>\n#include <stdint.h>\n#include <%s>\nint main(void) { return 0; }\n' "$1" |
		$CC -x c - -o /dev/null "$2" >/dev/null 2>&1 ||
		missing="$missing $3"
}

probe numa.h -lnuma libnuma-dev
[ "$what" = check ] && probe cmocka.h -lcmocka libcmocka-dev
if [ "$what" = check ]; then
	command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
	# The runner's tests validate its reports with a real JSON/XML parser
	command -v python3 >/dev/null 2>&1 || missing="$missing python3"
	# tools/fzkernel's tests apply patches to a stub kernel tree
	command -v patch >/dev/null 2>&1 || missing="$missing patch"
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "fzsync: installing missing packages:$missing" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq $missing; } >&2 || {
		echo "fzsync: apt-get install$missing failed" >&2
		exit 1
	}
	exit 0
fi

echo "fzsync: missing packages:$missing" >&2
echo "fzsync: install them with: sudo apt-get install -y$missing" >&2
exit 1
