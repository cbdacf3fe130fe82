#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The harness's runtime rules against LTP's own library: runtime_probe.c
# built against LTP and against this project, each variant of .runtime
# and .min_runtime run with the same -I and LTP_RUNTIME_MUL on both
# sides; the runtimes must be the same, and so whether -I repeats the
# test functions (it does for a test without .runtime). A test with
# neither must be broken (TBROK) when it asks for its runtime.
#
# usage: tests/ltp/runtime.sh LTP_TREE PROJECT_TREE
#
# LTP_TREE: an LTP tree with include/ and lib/libltp.a (without one the
# check says SKIPPED); PROJECT_TREE: this tree, built.
set -u

[ $# -eq 2 ] || { echo "usage: $0 LTP_TREE PROJECT_TREE" >&2; exit 2; }
LTP=$1 PRJ=$(cd "$2" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-cc}

if [ ! -f "$LTP/include/tst_test.h" ] || [ ! -f "$LTP/lib/libltp.a" ]; then
	echo "check-ltp-runtime: SKIPPED: no built LTP tree at '$LTP' (LTP=DIR)"
	exit 0
fi
LTP=$(cd "$LTP" && pwd)

W=$(mktemp -d "${TMPDIR:-/tmp}/check-ltp-runtime.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT

# name: the struct's fields as -D flags
variants="r10:-DRUNTIME=10 r10m4:-DRUNTIME=10,-DMIN_RUNTIME=4 m2:-DMIN_RUNTIME=2 r3:-DRUNTIME=3 none:"
for v in $variants; do
	name=${v%%:*}
	flags=$(echo "${v#*:}" | tr , ' ')
	# LTP's own flags for its tests, its warnings off
	$CC -D_GNU_SOURCE -I"$LTP/include" -I"$LTP/include/old" -O2 -pthread -w \
		$flags -o "$W/$name-ltp" "$HERE/runtime_probe.c" "$LTP/lib/libltp.a" \
		-lrt -lutil -lm || exit 1
	$CC -D_GNU_SOURCE -I"$PRJ/include" -O2 -pthread -Wall -Wextra \
		$flags -o "$W/$name-prj" "$HERE/runtime_probe.c" "$PRJ/lib/libfzsync.a" \
		-lpthread -lm -lnuma || exit 1
done

# What a run gives: the runtimes of call 0 (and of call 1 with -s),
# each once, and whether the calls were repeated (-I without .runtime
# repeats them for its seconds); or broken (the TBROK messages differ
# between the libraries)
result() {
	out=$(env $2 "$1" $3 </dev/null 2>&1)
	if printf '%s\n' "$out" | grep -q 'TBROK'; then
		echo broken
		return
	fi
	calls=$(printf '%s\n' "$out" | grep -c 'TPASS: call 0')
	printf '%s\n' "$out" | sed -n 's/.*call \([01]\): runtime=\([0-9]*\).*/\1:\2/p' |
		sort -u | paste -sd' '
	[ "$calls" -gt 1 ] && echo "repeated" || echo "once"
}

bad=0 runs=0
check() {	# variant env args
	l=$(result "$W/$1-ltp" "$2" "$3" | paste -sd' ')
	p=$(result "$W/$1-prj" "$2" "$3" | paste -sd' ')
	runs=$((runs + 1))
	if [ "$l" != "$p" ]; then
		echo "check-ltp-runtime: $1 ${2:-(no env)} ${3:-(no args)}: LTP gives '$l', the project '$p'"
		bad=$((bad + 1))
	fi
}

for v in $variants; do
	name=${v%%:*}
	for e in "" LTP_RUNTIME_MUL=2 LTP_RUNTIME_MUL=0.5 LTP_RUNTIME_MUL=0.3 \
		 LTP_RUNTIME_MUL=1.5 LTP_RUNTIME_MUL=0.01; do
		check "$name" "$e" ""
		# -I replaces .runtime; without one it repeats the calls for
		# its seconds, which needs one case only
		case $name in
		r*) check "$name" "$e" "-I 1"; check "$name" "$e" "-I 3" ;;
		esac
	done
done
check m2 "" "-I 1"
check m2 LTP_RUNTIME_MUL=2 "-I 1"
check none "" "-I 1"
# The runtime is per test function call
check r3 "" "-s"
check m2 "" "-s"

if [ $bad -ne 0 ]; then
	echo "check-ltp-runtime: FAILED: $bad of $runs runs differ from LTP"
	exit 1
fi
echo "check-ltp-runtime: in $runs runs (.runtime, .min_runtime, -I, LTP_RUNTIME_MUL, per call) the runtime is LTP's"
