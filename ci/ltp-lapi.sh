#!/bin/sh
# Every lapi/ header of an LTP tree compiles after fzsync's tst_test.h,
# as it does after LTP's.
#
# usage: ci/ltp-lapi.sh LTP_SRC OUT_DIR
#
# Each header is compiled after fzsync's tst_test.h with the tree's
# lapi/ (with LTP's generated lapi/syscalls.h in it, as a built tree
# has it) and config.h in front of fzsync's include/, and after LTP's
# own tst_test.h. A header that LTP compiles and fzsync does not fails
# the check, unless it includes an LTP header fzsync does not provide:
# that one is listed. Warnings beyond LTP's fail too.
set -u

if [ $# -ne 2 ]; then
	echo "usage: ci/ltp-lapi.sh LTP_SRC OUT_DIR" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
ltp=$(cd "$1" 2>/dev/null && pwd) || {
	echo "ltp-lapi: LTP source tree '$1' not found" >&2; exit 2; }
ltpinc=$ltp/include
[ -d "$ltpinc/lapi" ] || {
	echo "ltp-lapi: $ltp has no include/lapi/" >&2; exit 2; }
rm -rf "$2"
mkdir -p "$2/inc/lapi" "$2/gen/lapi" "$2/logs" || exit 2
out=$(cd "$2" && pwd)
CC=${CC:-cc}
flags="-D_GNU_SOURCE -std=gnu99 -Wall -W -c"

# The tree's lapi/ as LTP's build leaves it
for f in "$ltpinc"/lapi/*; do
	ln -s "$f" "$out/inc/lapi/"
done
if [ ! -f "$ltpinc/lapi/syscalls.h" ] &&
   [ -f "$ltpinc/lapi/syscalls/generate_syscalls.sh" ]; then
	(cd "$ltpinc/lapi/syscalls" &&
	 sh ./generate_syscalls.sh "$out/gen/lapi/syscalls.h") \
		>"$out/logs/generate_syscalls.log" 2>&1 &&
		ln -s "$out/gen/lapi/syscalls.h" "$out/inc/lapi/syscalls.h"
fi
[ -f "$ltpinc/config.h" ] && ln -s "$ltpinc/config.h" "$out/inc/config.h"

warnings() {
	sed -n 's|^\([^:]*/\)\{0,1\}\([^/:]*:[0-9]*\)\(:[0-9]*\)\{0,1\}: warning: \(.*\)$|\2: \4|p' "$1" | sort -u
}

n=0; ok=0; failed=0; ltp_fails=0; missing=""
for h in "$ltpinc"/lapi/*.h; do
	b=$(basename "$h" .h)
	n=$((n + 1))
	src=$out/logs/$b.c
	printf '#include "tst_test.h"\n#include "lapi/%s.h"\n' "$b" >"$src"
	$CC $flags -I"$out/gen" -I"$ltpinc" -I"$ltpinc/old" "$src" \
		-o "$out/logs/$b.ltp.o" >"$out/logs/$b.ltp" 2>&1 || {
		ltp_fails=$((ltp_fails + 1))
		continue
	}
	if $CC $flags -I"$out/inc" -I"$root/include" "$src" \
		-o "$out/logs/$b.o" >"$out/logs/$b.fz" 2>&1; then
		warnings "$out/logs/$b.ltp" >"$out/logs/$b.ltp.w"
		extra=$(warnings "$out/logs/$b.fz" |
			comm -23 - "$out/logs/$b.ltp.w" | wc -l)
		if [ "$extra" -eq 0 ]; then
			ok=$((ok + 1))
			continue
		fi
		echo "ltp-lapi: lapi/$b.h: $extra warning(s) beyond LTP's, see $out/logs/$b.fz" >&2
		failed=$((failed + 1))
		continue
	fi
	need=$(sed -n 's/.*fatal error: \([^:]*\): No such file.*/\1/p' "$out/logs/$b.fz" | head -n 1)
	if [ -n "$need" ] && [ -f "$ltpinc/$need" ]; then
		missing="$missing lapi/$b.h ($need)"
		continue
	fi
	echo "ltp-lapi: lapi/$b.h compiles after LTP's tst_test.h, not after fzsync's:" >&2
	grep -m 3 'error' "$out/logs/$b.fz" | sed 's/^/  /' >&2
	failed=$((failed + 1))
done

echo "ltp-lapi: $ok of the $n lapi/ headers of $ltp compile after fzsync's tst_test.h as after LTP's; $ltp_fails do not compile after LTP's either${missing:+; need an LTP header fzsync does not provide:$missing}"
[ $failed -eq 0 ]
