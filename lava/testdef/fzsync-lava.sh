#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The device side of fzsync's LAVA test definition (fzsync.yaml): runs
# runtest lists of an installed fzsync tree with fzrun, through fzlava,
# which reports every test to LAVA as a test case the moment it ends,
# in a test set per list. Then prints the run's results.json into the
# log (gzip, base64, between FZSYNC-RESULTS-JSON lines; lava/results.py
# takes it out again). POSIX sh and busybox: nothing of this depends on
# the machine it runs on beyond the tree at FZSYNC_ROOT.
#
# Parameters (environment, the test definition's params):
#   FZSYNC_ROOT   the installed tree (make install PREFIX=...), /opt/fzsync
#   LIST          runtest lists of the tree, comma separated: races
#   TIMEOUT       per-test timeout in seconds (fzrun -t); fzrun's default
#   KNOWN_ISSUES  known-issues file; empty: the tree's; none: no known issues
#   SELECT        only tests whose name matches this regex (fzrun -s)
#   FZRUN_ARGS    more fzrun options, split on blanks
#   RESULTS_DIR   fzrun's results directory, /tmp/fzsync-lava (emptied)
#   VERBOSE       true: the tests' output in the log (fzrun -v)
#   LTP_RUNTIME_MUL, LTP_TIMEOUT_MUL  passed to the tests when not empty
#
# A setup error or a run that did not end raises a LAVA test error
# (lava-test-raise): the job is then incomplete, not green.
set -u

FZSYNC_ROOT=${FZSYNC_ROOT:-/opt/fzsync}
LIST=${LIST:-races}
TIMEOUT=${TIMEOUT:-}
KNOWN_ISSUES=${KNOWN_ISSUES:-}
SELECT=${SELECT:-}
FZRUN_ARGS=${FZRUN_ARGS:-}
RESULTS_DIR=${RESULTS_DIR:-/tmp/fzsync-lava}
VERBOSE=${VERBOSE:-false}

raise() {
	echo "fzsync-lava: $*" >&2
	if command -v lava-test-raise >/dev/null 2>&1; then
		lava-test-raise "fzsync-lava: $*"
	fi
	exit 1
}

# LAVA writes every parameter, also an empty one: an empty multiplier
# would be a malformed one for the tests
for v in LTP_RUNTIME_MUL LTP_TIMEOUT_MUL; do
	eval "val=\${$v:-}"
	if [ -n "$val" ]; then export "$v"; else unset "$v"; fi
done

fzrun=$FZSYNC_ROOT/bin/fzrun
fzlava=$FZSYNC_ROOT/bin/fzlava
[ -x "$fzrun" ] && [ -x "$fzlava" ] ||
	raise "no fzsync tree at $FZSYNC_ROOT ($fzrun or $fzlava missing): set FZSYNC_ROOT to its PREFIX"

set -- -q -o "$RESULTS_DIR" -f "$LIST"
[ -n "$TIMEOUT" ] && set -- "$@" -t "$TIMEOUT"
case $KNOWN_ISSUES in
"") ;;
none) set -- "$@" --no-known-issues ;;
*) set -- "$@" -K "$KNOWN_ISSUES" ;;
esac
[ -n "$SELECT" ] && set -- "$@" -s "$SELECT"
[ "$VERBOSE" = true ] && set -- "$@" -v
# shellcheck disable=SC2086 # FZRUN_ARGS is a list of options
set -- "$@" $FZRUN_ARGS

echo "fzsync-lava: $(uname -sr) on $(uname -m), $(nproc) CPUs; tree $FZSYNC_ROOT"
echo "fzsync-lava: fzrun $*"
rm -rf "$RESULTS_DIR"
"$fzlava" -o "$RESULTS_DIR" -- "$fzrun" "$@"
status=$?

json=$RESULTS_DIR/results.json
if [ -f "$json" ]; then
	echo "FZSYNC-RESULTS-JSON BEGIN encoding=gzip+base64 bytes=$(wc -c < "$json") sha256=$(sha256sum "$json" | cut -d' ' -f1)"
	gzip -c "$json" | base64
	echo "FZSYNC-RESULTS-JSON END"
fi

# fzrun's exit status: 0 and 1 are a complete run, its failures LAVA
# test cases; anything else is no complete result
case $status in
0 | 1) exit 0 ;;
2) raise "fzrun or fzlava: setup error or results not delivered (exit status 2), see the lines above" ;;
3) raise "fzrun was stopped before the end of the run (exit status 3)" ;;
*) raise "fzrun ended with exit status $status before the end of the run" ;;
esac
