#!/bin/sh
# Smoke run of the race catalogue.
#
# usage: ci/check-catalogue.sh BUILD_TESTCASES_DIR [CATALOGUE_JSON]
#
# Runs every test of runtest/races for a few seconds (-I, default 3, or
# $CATALOGUE_RUNTIME) and checks that each reached a well-formed result:
# an exit status made of LTP result bits, the "Summary:" block, and its
# outcome statistics (the "outcomes:" line every catalogue test prints at
# the end; a test that only reported TCONF need not have one). Then checks
# that CATALOGUE_JSON (default metadata/catalogue.json, made by
# "make metadata") parses and has exactly one entry per catalogue test.
#
# A TFAIL is a kernel bug the test found: it is listed, not an error
# here. Malformed results, TBROK and a bad catalogue index are errors:
# the script then exits 1. Logs go to $CATALOGUE_LOGS (default a
# temporary directory, removed unless something went wrong).
set -u

[ $# -ge 1 ] || { echo "usage: $0 BUILD_TESTCASES_DIR [CATALOGUE_JSON]" >&2; exit 2; }
bindir=$1
json=${2:-metadata/catalogue.json}
list=runtest/races
runtime=${CATALOGUE_RUNTIME:-3}

[ -d "$bindir" ] || { echo "$bindir: no such directory" >&2; exit 2; }
[ -r "$list" ] || { echo "$list: cannot read" >&2; exit 2; }

logs=${CATALOGUE_LOGS:-}
keep_logs=1
if [ -z "$logs" ]; then
	logs=$(mktemp -d "${TMPDIR:-/tmp}/catalogue.XXXXXX") || exit 2
	keep_logs=0
fi
mkdir -p "$logs" || exit 2

# LTP exit status: an OR of TFAIL 1, TBROK 2, TWARN 4 and TCONF 32
valid_status() {
	[ "$1" -ge 0 ] && [ "$1" -le 63 ] && [ $(($1 & ~(1 | 2 | 4 | 32))) -eq 0 ]
}

ok=0 bugs=0 skipped=0 bad=0 names=""
while IFS= read -r line || [ -n "$line" ]; do
	case "$line" in ''|'#'*) continue ;; esac
	set -- $line
	name=$1
	shift
	[ $# -gt 0 ] || { echo "$list: '$name' has no command" >&2; bad=$((bad + 1)); continue; }
	cmd=$1
	shift
	names="$names $cmd"

	bin=$(find "$bindir" -type f -perm -u+x -name "$cmd" | head -n 1)
	if [ -z "$bin" ]; then
		echo "== $name: MALFORMED: no binary $cmd under $bindir"
		bad=$((bad + 1))
		continue
	fi

	log=$logs/$name.log
	"$bin" "$@" -I "$runtime" </dev/null >"$log" 2>&1
	rc=$?

	why=""
	if ! valid_status "$rc"; then
		why="exit status $rc is not a combination of LTP result bits"
	elif ! grep -q '^Summary:' "$log"; then
		why="no Summary"
	elif [ "$rc" -ne 32 ] && ! grep -q 'outcomes:' "$log"; then
		why="no outcome statistics (no 'outcomes:' line)"
	fi

	if [ -n "$why" ]; then
		echo "== $name: MALFORMED: $why (log: $log)"
		bad=$((bad + 1))
		keep_logs=1
		continue
	fi

	outcomes=$(grep -m 1 'outcomes:' "$log" | sed 's/.*outcomes:/outcomes:/')
	if [ $((rc & 2)) -ne 0 ]; then
		echo "== $name: BROKEN (log: $log)"
		grep 'TBROK:' "$log" | sed 's/^/     /'
		bad=$((bad + 1))
		keep_logs=1
	elif [ $((rc & 1)) -ne 0 ]; then
		echo "== $name: kernel bug found (TFAIL)"
		grep 'TFAIL:' "$log" | sed 's/^/     /'
		bugs=$((bugs + 1))
	elif [ "$rc" -eq 32 ]; then
		echo "== $name: skipped (TCONF)"
		grep 'TCONF:' "$log" | sed 's/^/     /'
		skipped=$((skipped + 1))
	else
		[ "$rc" -eq 0 ] && echo "== $name: pass" ||
			echo "== $name: pass with warnings (status $rc)"
		ok=$((ok + 1))
	fi
	[ -n "$outcomes" ] && echo "     $outcomes"
done < "$list"

# The catalogue index must list exactly the tests of the list
if [ ! -r "$json" ]; then
	echo "== $json: missing (make metadata)"
	bad=$((bad + 1))
elif ! python3 -m json.tool "$json" >/dev/null; then
	echo "== $json: not valid JSON"
	bad=$((bad + 1))
else
	diff=$(python3 - "$json" $names <<'EOF'
import json, sys
entries = json.load(open(sys.argv[1]))
got = sorted(e["name"] for e in entries)
want = sorted(sys.argv[2:])
if got != want:
    print("index has %s, runtest/races runs %s" % (got, want))
EOF
)
	if [ -n "$diff" ]; then
		echo "== $json: $diff"
		bad=$((bad + 1))
	else
		echo "== $json: one entry per catalogue test"
	fi
fi

echo "catalogue: $ok pass, $bugs with a kernel bug found, $skipped skipped, $bad malformed or broken"
[ "$keep_logs" -eq 1 ] && echo "logs: $logs" || rm -rf "$logs"
[ "$bad" -eq 0 ]
