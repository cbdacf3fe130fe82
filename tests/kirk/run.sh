#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# LTP's runner kirk on the installed tree: runs a runtest list with kirk
# (LTPROOT=PREFIX) and with the installed fzrun, and compares kirk's
# JSON verdicts with fzrun's results.json (compare.py).
#
# usage: tests/kirk/run.sh PREFIX [KIRK [LIST]]
#
# KIRK is LTP's kirk: its source directory or its kirk script. Without
# one, the check says SKIPPED and why. LIST defaults to perf (pass, a
# failure on kernels with the leak, TCONF); LTP_RUNTIME_MUL defaults to
# 0.1 (a second or two a test).
#
# A race reproducer's verdict may change from one run to the next (on a
# busy machine a short run may not get its syscalls to overlap, TBROK):
# a test whose verdicts differ is run again with both runners, twice at
# most, and must agree then.
set -u

[ $# -ge 1 ] && [ -d "$1" ] || { echo "usage: $0 PREFIX [KIRK [LIST]]" >&2; exit 2; }
PREFIX=$(realpath "$1")
KIRK=${2:-}
LIST=${3:-perf}
RETRIES=2
HERE=$(cd "$(dirname "$0")" && pwd)

[ -d "$KIRK" ] && KIRK=$KIRK/kirk
if [ -z "$KIRK" ] || [ ! -f "$KIRK" ]; then
	echo "check-kirk: SKIPPED: LTP's kirk not found${KIRK:+ at $KIRK}; point KIRK= at a kirk checkout (default ../shared/kirk beside the source tree)"
	exit 0
fi
command -v python3 >/dev/null || { echo "check-kirk: python3 is missing" >&2; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/check-kirk.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
mkdir "$W/kirk-tmp"
export LTP_RUNTIME_MUL=${LTP_RUNTIME_MUL:-0.1}

# both_run N [REGEX]: kirk and the installed fzrun on the list (the tests
# matching REGEX), reports in $W/kirkN.json and $W/fzrunN/
both_run() {
	LTPROOT=$PREFIX python3 "$KIRK" --run-suite "$LIST" ${2:+--run-pattern "$2"} \
		--json-report "$W/kirk$1.json" --tmp-dir "$W/kirk-tmp" \
		>"$W/kirk$1.log" 2>&1
	st=$?
	if [ $st -ne 0 ] || [ ! -s "$W/kirk$1.json" ]; then
		echo "check-kirk: kirk failed (exit status $st):" >&2
		tail -n 20 "$W/kirk$1.log" >&2
		exit 1
	fi
	"$PREFIX/bin/fzrun" -f "$LIST" ${2:+-s "$2"} -o "$W/fzrun$1" -q \
		>"$W/fzrun$1.log" 2>&1
	st=$?
	if [ $st -gt 1 ]; then
		echo "check-kirk: fzrun failed (exit status $st):" >&2
		tail -n 20 "$W/fzrun$1.log" >&2
		exit 1
	fi
}

echo "check-kirk: $(python3 "$KIRK" --version 2>&1) on $PREFIX, list $LIST, LTP_RUNTIME_MUL=$LTP_RUNTIME_MUL"
both_run 0
python3 "$HERE/compare.py" "$W/kirk0.json" "$W/fzrun0/results.json" "$W/differ" &&
	{ echo "check-kirk: ok"; exit 0; }
try=1
while [ -s "$W/differ" ] && [ $try -le $RETRIES ]; do
	tests=$(paste -sd '|' "$W/differ")
	echo "check-kirk: running again, with both: $tests"
	both_run $try "^($tests)\$"
	python3 "$HERE/compare.py" "$W/kirk$try.json" "$W/fzrun$try/results.json" "$W/differ" &&
		{ echo "check-kirk: ok (agreed when run again: $tests)"; exit 0; }
	try=$((try + 1))
done
echo "check-kirk: FAILED: kirk's and fzrun's verdicts differ"
exit 1
