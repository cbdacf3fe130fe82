#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run the tests of LTP runtest files one after another.
#
# usage: ci/runtest.sh -b BUILD_TESTCASES_DIR RUNTEST_FILE...
#
# A runtest file has one test per line, "name command [args...]"; empty
# lines and lines starting with # are skipped. Every directory under
# BUILD_TESTCASES_DIR holding an executable goes on PATH.
#
# Prints "name: pass|fail|brok|conf|warn (Ns)" per test from its exit
# bits and "N passed, N failed, N skipped" at the end. A warning counts
# as failed, like any other non-zero exit that is not TCONF-only. Exits
# 1 if a test failed, broke or warned, 2 on a usage or runtest file error.
set -u

usage() {
	echo "usage: $0 -b BUILD_TESTCASES_DIR RUNTEST_FILE..." >&2
	exit 2
}

bindir=
while getopts b: opt; do
	case $opt in
	b) bindir=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$bindir" ] && [ $# -gt 0 ] || usage
[ -d "$bindir" ] || { echo "$0: $bindir: no such directory" >&2; exit 2; }

# Directories first in the order find gives them; names hold no newlines
dirs=$(find "$bindir" -type f -perm -u+x -exec dirname {} \; | sort -u)
old_ifs=$IFS
IFS='
'
for d in $dirs; do
	PATH=$(cd "$d" && pwd):$PATH
done
IFS=$old_ifs
export PATH

# LTP exit bits: TFAIL 1, TBROK 2, TWARN 4, TCONF 32; 126 and up come
# from the shell (not found, not executable) or a signal
result() {
	if [ "$1" -eq 0 ]; then echo pass
	elif [ "$1" -gt 63 ] || [ $(($1 & 2)) -ne 0 ]; then echo brok
	elif [ $(($1 & 1)) -ne 0 ]; then echo fail
	elif [ $(($1 & 4)) -ne 0 ]; then echo warn
	elif [ "$1" -eq 32 ]; then echo conf
	else echo brok
	fi
}

# Runtest lines are split on blanks only, never globbed
set -f

passed=0 failed=0 skipped=0
for list in "$@"; do
	[ -r "$list" ] || { echo "$list: cannot read" >&2; exit 2; }
	lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		# shellcheck disable=SC2086
		set -- $line
		case "${1:-#}" in '#'*) continue ;; esac
		name=$1
		shift
		if [ $# -eq 0 ]; then
			echo "$list:$lineno: test '$name' has no command" >&2
			exit 2
		fi
		start=$(date +%s)
		"$@" </dev/null
		rc=$?
		res=$(result $rc)
		echo "$name: $res ($(($(date +%s) - start))s)"
		case $res in
		pass) passed=$((passed + 1)) ;;
		conf) skipped=$((skipped + 1)) ;;
		*) failed=$((failed + 1)) ;;
		esac
	done < "$list"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
