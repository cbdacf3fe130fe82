#!/bin/sh
# Run the tests of LTP runtest files one after another.
#
# usage: ci/runtest.sh -b TESTCASES_DIR RUNTEST_FILE...
#
# Every directory under TESTCASES_DIR holding a test binary goes on PATH.
# Prints one line per test and "N passed, N failed, N skipped" at the end;
# fails if a test failed or broke.
set -u

bindir=testcases
if [ "${1:-}" = -b ]; then
	bindir=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: $0 -b TESTCASES_DIR RUNTEST_FILE..." >&2; exit 2; }

for d in $(find "$bindir" -type f -perm -u+x -exec dirname {} \; | sort -u); do
	PATH=$(cd "$d" && pwd):$PATH
done
export PATH

passed=0 failed=0 skipped=0
for list in "$@"; do
	[ -r "$list" ] || { echo "$list: cannot read" >&2; exit 2; }
	lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case "$line" in ''|'#'*) continue ;; esac
		set -- $line
		name=$1
		shift
		if [ $# -eq 0 ]; then
			echo "$list:$lineno: '$name' has no command" >&2
			exit 2
		fi
		start=$(date +%s)
		"$@" </dev/null
		rc=$?
		secs=$(( $(date +%s) - start ))
		if [ $rc -eq 0 ]; then
			res=pass; passed=$((passed + 1))
		elif [ $rc -eq 32 ]; then
			res=conf; skipped=$((skipped + 1))
		elif [ $rc -eq 4 ]; then
			res=warn; failed=$((failed + 1))
		elif [ $((rc & 2)) -ne 0 ] || [ $rc -gt 63 ]; then
			res=brok; failed=$((failed + 1))
		else
			res=fail; failed=$((failed + 1))
		fi
		echo "== $name: $res (${secs}s)"
	done < "$list"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
