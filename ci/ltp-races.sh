#!/bin/sh
# LTP's fuzzy-sync tests built and run against fzsync and against LTP.
#
# usage: ci/ltp-races.sh [--check] [--run] [--no-list] [--tests DIR]
#                        LTP_SRC OUT_DIR
#
# Finds the .c files of the LTP source tree LTP_SRC that include
# tst_fuzzy_sync.h and builds each one
#   - against fzsync with the tree's lapi/ and config.h (OUT_DIR/NAME),
#   - against fzsync's own headers alone, and with the tree's lapi/ as
#     LTP's build leaves it (with the generated lapi/syscalls.h), both
#     compiled only, as build checks,
#   - against LTP (OUT_DIR-ltp/NAME when LTP_SRC has lib/libltp.a; else
#     compiled only, for its warnings),
# with the flags LTP's Makefiles use plus -Wall -W, and compares each
# build's warnings with LTP's own. It writes runtest/ltp-races for
# `fzrun -f ltp-races -b OUT_DIR`.
#
# --run also runs each test under both libraries, one after the other
# with the same options ($LTP_RACES_RUNTIME, if set, is passed as -I),
# and prints the table: build, result, time and iterations of each.
# --check fails unless every test builds both ways without warnings
# beyond LTP's (and, with --run, gives LTP's verdict); --no-list leaves
# runtest/ltp-races alone. --tests DIR takes the .c files of DIR instead
# of the tree's fuzzy-sync tests (tests/ltp-api/: LTP API probes) and,
# with --run, also compares the messages of their TPASS, TFAIL and
# TBROK results; a DIR/NAME.config is the KCONFIG_PATH of test NAME.
#
# Environment: CC, LTP_RACES_RUNTIME, LTP_RACES_TIMEOUT (seconds a run
# may take, default 1800), FZSYNC_LIB (default lib/libfzsync.a).
set -u

check=0
run=0
write_list=1
tests_dir=
while [ $# -gt 0 ]; do
	case $1 in
	--check) check=1 ;;
	--run) run=1 ;;
	--no-list) write_list=0 ;;
	--tests)
		[ $# -ge 2 ] || { echo "ltp-races: --tests needs a directory" >&2; exit 2; }
		tests_dir=$(cd "$2" 2>/dev/null && pwd) || {
			echo "ltp-races: no directory $2" >&2; exit 2; }
		write_list=0
		shift
		;;
	-*) echo "ltp-races: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
if [ $# -ne 2 ]; then
	echo "usage: ci/ltp-races.sh [--check] [--run] [--no-list] [--tests DIR] LTP_SRC OUT_DIR" >&2
	exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
ltp=$(cd "$1" 2>/dev/null && pwd) || {
	echo "ltp-races: LTP source tree '$1' not found" >&2; exit 2; }
mkdir -p "$2" || exit 2
out=$(cd "$2" && pwd)
ltp_out=$out-ltp
CC=${CC:-cc}
lib=${FZSYNC_LIB:-$root/lib/libfzsync.a}
run_timeout=${LTP_RACES_TIMEOUT:-1800}
ltpinc=$ltp/include

if [ ! -f "$ltpinc/tst_fuzzy_sync.h" ]; then
	echo "ltp-races: $ltp has no include/tst_fuzzy_sync.h: not an LTP tree" >&2
	exit 2
fi
if [ ! -f "$lib" ]; then
	echo "ltp-races: $lib is missing; run make first" >&2
	exit 2
fi

# The flags of LTP's Makefiles, with warnings on (LTP's build.sh adds -w)
flags="-D_GNU_SOURCE -D_FORTIFY_SOURCE=2 -g -O2 -fno-strict-aliasing -std=gnu99 -pthread -Wall -W"

rm -rf "$out" "$ltp_out"
mkdir -p "$out/logs" "$out/include" "$ltp_out"

# Only lapi/ and config.h of the LTP tree, in front of fzsync's headers
[ -d "$ltpinc/lapi" ] && ln -s "$ltpinc/lapi" "$out/include/lapi"
[ -f "$ltpinc/config.h" ] && ln -s "$ltpinc/config.h" "$out/include/config.h"

# LTP generates lapi/syscalls.h at build time; a tree not built has none
gen=$out/ltp-gen
mkdir -p "$gen/lapi"
if [ ! -f "$ltpinc/lapi/syscalls.h" ] &&
   [ -f "$ltpinc/lapi/syscalls/generate_syscalls.sh" ]; then
	(cd "$ltpinc/lapi/syscalls" &&
	 sh ./generate_syscalls.sh "$gen/lapi/syscalls.h") \
		>"$out/logs/generate_syscalls.log" 2>&1 ||
		echo "ltp-races: generating LTP's lapi/syscalls.h failed, see $out/logs/generate_syscalls.log" >&2
fi

# A tree without a generated lapi/syscalls.h is also tried as it is after
# LTP's build: its lapi/ with the generated header in it
built_inc=
if [ -f "$gen/lapi/syscalls.h" ]; then
	built_inc=$out/include-built
	mkdir -p "$built_inc/lapi"
	for f in "$ltpinc"/lapi/*; do
		ln -s "$f" "$built_inc/lapi/"
	done
	ln -s "$gen/lapi/syscalls.h" "$built_inc/lapi/syscalls.h"
	[ -f "$ltpinc/config.h" ] && ln -s "$ltpinc/config.h" "$built_inc/config.h"
fi

have_libltp=0
[ -f "$ltp/lib/libltp.a" ] && have_libltp=1

# Warnings of a build log as "file:line: text", paths reduced to names
warnings() {
	sed -n 's|^\([^:]*/\)\{0,1\}\([^/:]*:[0-9]*\)\(:[0-9]*\)\{0,1\}: warning: \(.*\)$|\2: \4|p' "$1" | sort -u
}

# The tests, by name; a name seen twice is skipped with a message
tests=$out/tests.list
find_tests() {
	if [ -n "$tests_dir" ]; then
		ls "$tests_dir"/*.c
		return
	fi
	grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"tst_fuzzy_sync\.h"' \
		--include='*.c' "$ltp" 2>/dev/null |
		grep -v "^$ltpinc/" | grep -v "^$ltp/lib/[^/]*\.c$"
}
find_tests | awk -F/ '{ print $NF "\t" $0 }' | sort |
	awk -F'\t' '{ n = $1; sub(/\.c$/, "", n);
		if (seen[n]++) { print "ltp-races: " $2 ": a test named " n " is listed already, skipped" > "/dev/stderr"; next }
		print n "\t" $2 }' >"$tests"

ntests=$(wc -l <"$tests")
if [ "$ntests" -eq 0 ]; then
	echo "ltp-races: no test in ${tests_dir:-$ltp} (tests include tst_fuzzy_sync.h)" >&2
	exit 2
fi

status=$out/status
: >"$status"
failed=0
while IFS='	' read -r name src; do
	dir=$(dirname "$src")
	log=$out/logs/$name

	# fzsync, with the tree's lapi/ and config.h
	if $CC $flags -I"$dir" -I"$out/include" -I"$root/include" "$src" \
		"$lib" -lpthread -lm -lnuma -o "$out/$name" >"$log.build" 2>&1; then
		fz=yes
	else
		fz=no
	fi

	# fzsync's headers alone, and with the lapi/ of a built LTP tree:
	# compiled only
	if $CC $flags -I"$dir" -I"$root/include" -c "$src" \
		-o "$out/logs/$name.own.o" >"$log.own" 2>&1; then
		own=yes
	else
		own=no
	fi
	: >"$log.built"
	if [ -n "$built_inc" ] && ! $CC $flags -I"$dir" -I"$built_inc" \
		-I"$root/include" -c "$src" -o "$out/logs/$name.built.o" \
		>"$log.built" 2>&1; then
		own=no
	fi

	# LTP itself
	if [ $have_libltp = 1 ]; then
		$CC $flags -I"$dir" -I"$gen" -I"$ltpinc" -I"$ltpinc/old" "$src" \
			"$ltp/lib/libltp.a" -lrt -lutil -lm -lpthread \
			-o "$ltp_out/$name" >"$log.ltp" 2>&1 && lt=yes || lt=no
	else
		$CC $flags -I"$dir" -I"$gen" -I"$ltpinc" -I"$ltpinc/old" -c "$src" \
			-o "$out/logs/$name.ltp.o" >"$log.ltp" 2>&1 && lt=built || lt=no
	fi

	warnings "$log.ltp" >"$log.ltp.w"
	warnings "$log.build" | comm -23 - "$log.ltp.w" >"$log.extra.w"
	warnings "$log.own" | comm -23 - "$log.ltp.w" >>"$log.extra.w"
	warnings "$log.built" | comm -23 - "$log.ltp.w" >>"$log.extra.w"
	extra=$(sort -u "$log.extra.w" | wc -l)
	nltp=$(wc -l <"$log.ltp.w")

	if [ $fz = yes ] && [ $own = yes ] && [ "$extra" -eq 0 ]; then
		b=yes
	elif [ $fz = yes ] && [ $own = yes ]; then
		b="yes,+${extra}w"
		failed=1
	elif [ $fz = yes ]; then
		b="lapi"
		failed=1
	else
		b=no
		failed=1
	fi
	[ "$nltp" -gt 0 ] && b="$b (LTP ${nltp}w)"
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$b" "$fz" "$lt" "$src" >>"$status"
	if [ $fz = no ] || [ $own = no ] || [ "$extra" -gt 0 ]; then
		echo "ltp-races: $name: fzsync build $fz, other builds $own, $extra warning(s) beyond LTP's; see $log.build, $log.own, $log.built" >&2
		sed 's/^/  /' "$log.extra.w" >&2
	fi
done <"$tests"

# The runtest list of what built, for fzrun -f ltp-races -b OUT_DIR
list=$root/runtest/ltp-races
[ $write_list = 1 ] && {
	echo "# LTP's fuzzy-sync tests built against fzsync by make ltp-races"
	echo "# from $ltp; binaries in $out"
	awk -F'\t' '$3 == "yes" { printf "%s\t%s\n", $1, $1 }' "$status"
} >"$list"

nbuilt=$(awk -F'\t' '$3 == "yes"' "$status" | wc -l)
nclean=$(awk -F'\t' '$2 ~ /^yes( |$)/' "$status" | wc -l)
echo "ltp-races: $nbuilt of $ntests tests of ${tests_dir:-$ltp} build against fzsync, $nclean of them also with fzsync's headers alone and without warnings beyond LTP's"
[ $write_list = 1 ] && echo "ltp-races: runtest/ltp-races lists them; run them with fzrun -f ltp-races -b $out"

if [ $run = 0 ]; then
	[ $check = 1 ] && [ $failed = 1 ] && exit 1
	exit 0
fi

# Result of an exit status as LTP's bits say
verdict() {
	case $1 in
	0) echo TPASS ;;
	32) echo TCONF ;;
	124|137) echo TIMEOUT ;;
	*)
		v=""
		[ $(($1 & 1)) -ne 0 ] && v="${v}TFAIL+"
		[ $(($1 & 2)) -ne 0 ] && v="${v}TBROK+"
		[ $(($1 & 4)) -ne 0 ] && v="${v}TWARN+"
		[ -z "$v" ] && v="exit $1+"
		echo "${v%+}"
		;;
	esac
}

# What a TCONF is about: the unmet kernel config constraint, or the
# TCONF message itself
tconf_reason() {
	c=$(sed -n "s/.*Constraint '\(.*\)' not satisfied.*/\1/p" "$1" | head -n 1)
	if [ -n "$c" ]; then
		echo "kconfig $c"
		return
	fi
	sed -n 's/^[^ ]*: TCONF: //p' "$1" | head -n 1
}

# Iterations of the fuzzy-sync loops: fzsync reports them per loop; LTP
# only reports "loop = N" when sampling ends, a lower bound
iterations() {
	case $2 in
	fzsync)
		sed -n 's/.*Loop ended (.*) after \([0-9]*\) iterations,.*/\1/p' "$1" |
			awk '{ n += $1 } END { if (NR) print n; else print "-" }'
		;;
	ltp)
		awk '/loop = [0-9]+/ { sub(/.*loop = /, ""); sub(/,.*/, ""); last = $0 }
		     /Exceeded execution loops|requesting exit/ { if (last != "") { n += last; last = "" } ; loops++ }
		     END { if (last != "") n += last; if (n) printf ">=%d\n", n; else print "-" }' "$1"
		;;
	esac
}

# The results a probe's runs must share: TPASS, TFAIL, TBROK messages
results() {
	sed -n 's/^[^ ]*: \(TPASS\|TFAIL\|TBROK\): /\1: /p' "$1" | sort
}

# Runs $2 once, output to $3, in a directory of its own, with the
# test's kernel config if it has one ($4); prints "exit-status seconds"
run_one() {
	rundir=$out/run/$1
	mkdir -p "$rundir"
	start=$(date +%s.%N)
	# shellcheck disable=SC2086
	(cd "$rundir" && if [ -f "$4" ]; then export KCONFIG_PATH="$4"; fi &&
	 exec timeout -k 10 "$run_timeout" "$2" \
		${LTP_RACES_RUNTIME:+-I "$LTP_RACES_RUNTIME"}) >"$3" 2>&1 </dev/null
	rc=$?
	end=$(date +%s.%N)
	echo "$rc $(echo "$end - $start" | bc)"
}

table=$out/table.txt
{
	printf '%-18s %-14s | %-7s %8s %10s | %-7s %8s %11s | %s\n' \
		test builds fzsync time iterations LTP time iterations same
	printf '%s\n' "-------------------------------------------------------------------------------------------------------------"
} >"$table"
notes=$out/notes.txt
: >"$notes"
mismatch=0

while IFS='	' read -r name b fz lt src; do
	fv=-; ft=-; fit=-; lv=-; lt_time=-; li=-; same=-
	kconfig=${src%.c}.config
	if [ "$fz" = yes ]; then
		set -- $(run_one "$name" "$out/$name" "$out/logs/$name.fzsync.log" "$kconfig")
		fv=$(verdict "$1"); ft=$(printf '%.1fs' "$2")
		fit=$(iterations "$out/logs/$name.fzsync.log" fzsync)
	fi
	if [ "$lt" = yes ]; then
		set -- $(run_one "$name" "$ltp_out/$name" "$out/logs/$name.ltp.log" "$kconfig")
		lv=$(verdict "$1"); lt_time=$(printf '%.1fs' "$2")
		li=$(iterations "$out/logs/$name.ltp.log" ltp)
	fi
	if [ "$fv" != - ] && [ "$lv" != - ]; then
		if [ "$fv" != "$lv" ]; then
			same=no
		elif [ "$fv" = TCONF ]; then
			fr=$(tconf_reason "$out/logs/$name.fzsync.log")
			lr=$(tconf_reason "$out/logs/$name.ltp.log")
			if [ "$fr" = "$lr" ]; then
				same=yes
				echo "$name: TCONF, both: $fr" >>"$notes"
			else
				same=no
				echo "$name: TCONF, fzsync: $fr; LTP: $lr" >>"$notes"
			fi
		else
			same=yes
		fi
		if [ -n "$tests_dir" ] && [ $same = yes ]; then
			results "$out/logs/$name.fzsync.log" >"$out/logs/$name.fzsync.res"
			results "$out/logs/$name.ltp.log" >"$out/logs/$name.ltp.res"
			if ! cmp -s "$out/logs/$name.fzsync.res" "$out/logs/$name.ltp.res"; then
				same=no
				echo "$name: results differ (< fzsync, > LTP):" >>"$notes"
				diff "$out/logs/$name.fzsync.res" "$out/logs/$name.ltp.res" |
					grep '^[<>]' | sed 's/^/  /' >>"$notes"
			fi
		fi
		[ $same = no ] && mismatch=1
	fi
	printf '%-18s %-14s | %-7s %8s %10s | %-7s %8s %11s | %s\n' \
		"$name" "$b" "$fv" "$ft" "$fit" "$lv" "$lt_time" "$li" "$same" >>"$table"
done <"$status"

cat "$table"
echo
echo "TCONF reasons and differences:"
sed 's/^/  /' "$notes"
echo
echo "Logs: $out/logs/NAME.fzsync.log, NAME.ltp.log; the table: $table"
[ $check = 1 ] && { [ $failed = 1 ] || [ $mismatch = 1 ]; } && exit 1
exit 0
