#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The LAVA check: jobs run with lava-run on a local QEMU device (TCG),
# booting a Debian cloud kernel (ci/debian-kernel.sh, or
# $FZSYNC_LAVA_KERNEL) on fzsync's ramdisk:
#
#   1. runtest/selftest and tests/lava/runtest-lava-check, a test for
#      each fzrun result: LAVA's test cases must be the run's
#      results.json (printed into the log) one for one, in a test set
#      per list, and the job must pass;
#   2. a test, a kernel panic, a test: LAVA must keep the first test's
#      result, show the panic, and end the job incomplete.
#
# usage: tests/lava/run.sh   (after make lava-ramdisk lava-testdef;
#                             make check-lava does both)
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
LAVA=$ROOT/build/lava
OUT=$LAVA/check
# The check's lists and binaries, added to the ramdisk's tree
EXTRA=$OUT/extra/opt/fzsync
TREE=/opt/fzsync
. tests/lava/lib.sh

if ! command -v lava-run >/dev/null 2>&1; then
	echo "check-lava: SKIPPED: lava-run is not installed (apt-get install --no-install-recommends lava-dispatcher)"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "check-lava: SKIPPED: lava-run needs root"
	exit 0
fi
command -v qemu-system-x86_64 >/dev/null ||
	{ bad "no qemu-system-x86_64 (apt-get install qemu-system-x86)"; finish check-lava; }
[ -f "$LAVA/ramdisk.cpio.gz" ] && [ -f "$LAVA/fzsync-testdef.tar.gz" ] ||
	{ bad "no ramdisk or test definition: make lava-ramdisk lava-testdef"; finish check-lava; }
kernel=${FZSYNC_LAVA_KERNEL:-}
if [ -z "$kernel" ]; then
	kernel=$(ci/debian-kernel.sh "$ROOT/build/vm/cache") ||
		{ bad "a Debian cloud kernel (ci/debian-kernel.sh, see above)"; finish check-lava; }
fi
echo "check-lava: kernel $kernel"

rm -rf "$OUT"
mkdir -p "$EXTRA/runtest" "$EXTRA/testcases/bin"
cp tests/lava/runtest-lava-check "$EXTRA/runtest/lava-check"
cp tests/lava/known-issues-lava-check "$EXTRA/runtest/lava-check-known"
cp tests/lava/runtest-lava-panic "$EXTRA/runtest/lava-panic"
cc -static -O2 -Wall -Wextra -o "$EXTRA/testcases/bin/vm_panic" tests/vm/vm_panic.c ||
	{ bad "build tests/vm/vm_panic.c"; finish check-lava; }
lava/mkramdisk.py --stage "$LAVA/stage" --stage "$OUT/extra" \
	-o "$OUT/ramdisk.cpio.gz" > /dev/null ||
	{ bad "the check's ramdisk"; finish check-lava; }

# job: render-job ARGS... into $OUT/NAME.yaml, run it into $OUT/NAME/
job() {
	local name=$1
	shift
	lava/render-job.py --kernel "$kernel" --ramdisk "$OUT/ramdisk.cpio.gz" \
		--testdef "$LAVA/fzsync-testdef.tar.gz" --name "fzsync check-lava $name" \
		"$@" -o "$OUT/$name.yaml" || return 2
	lava/run-local.sh "$OUT/$name.yaml" "$OUT/$name" | sed 's/^/    /'
	return "${PIPESTATUS[0]}"
}
log_has() { grep -q -- "$2" "$OUT/$1/lava-run.log"; }

# 1. Every mapping, against results.json. The self-tests' runtime is cut
# to a few seconds: the check is about the results' way into LAVA.
start=$(date +%s)
job results --list "selftest,$TREE/runtest/lava-check" \
	--known-issues "$TREE/runtest/lava-check-known" \
	--runtime-mul 0.05 --test-timeout 120 --test-minutes 10
status=$?
expect "job 1: lava-run exit status 0, got $status" [ "$status" = 0 ]
R=$OUT/results
expect "job 1: LAVA's job result pass" grep -qx 'job: pass' "$R/summary.txt"
expect "job 1: the test definition's run passed" \
	grep -q '^test definition 0_fzsync-selftest-lava-check: pass' "$R/summary.txt"
expect "job 1: results.json printed into the log and intact" [ -s "$R/results.json" ]
python3 tests/lava/compare.py --log "$R/lava-run.log" | sed 's/^/    /'
expect "job 1: LAVA's test cases are results.json's tests one for one" \
	[ "${PIPESTATUS[0]}" = 0 ]
lava/results.py cases "$R/lava-run.log" | cut -f1-3 | tr '\t' ' ' > "$R/cases.txt"
# The self-tests may end TCONF ("too short to judge") with their runtime
# cut this short on a slow machine: still a result for LAVA, as skip
sed -i 's/^\(selftest fzsync_[a-z0-9]*\) skip$/\1 pass/' "$R/cases.txt"
expect "job 1: each test case with the result doc/lava.md gives" \
	diff -u - "$R/cases.txt" <<'EOF'
selftest fzsync_seq01 pass
selftest fzsync_race01 pass
lava-check lava_pass01 pass
lava-check lava_fail01 fail
lava-check lava_brok01 fail
lava-check lava_warn01 fail
lava-check lava_conf01 skip
lava-check lava_known01 skip
lava-check lava_unseen01 pass
EOF
expect "job 1: fzrun's outcomes are what the list means them to be" \
	python3 - "$R/results.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
got = [(t["test_fqn"], "pass" if t["test_fqn"].startswith("fzsync_") and
        t["fzsync"]["outcome"] == "conf" else t["fzsync"]["outcome"])
       for t in r["results"]]
sys.exit(got != [("fzsync_seq01", "pass"), ("fzsync_race01", "pass"),
                 ("lava_pass01", "pass"), ("lava_fail01", "fail"),
                 ("lava_brok01", "brok"), ("lava_warn01", "warn"),
                 ("lava_conf01", "conf"), ("lava_known01", "known"),
                 ("lava_unseen01", "pass")] or not r["fzsync"]["complete"])
EOF
expect "job 1: each test case's log lines marked (starttc, endtc)" \
	python3 - "$R/lava-run.log" <<'EOF'
import sys
sys.path.insert(0, "lava")
import results
cases = results.test_cases(results.read_log(sys.argv[1]))
sys.exit(not cases or not all(int(c["starttc"]) < int(c["endtc"]) for c in cases))
EOF
expect "job 1: the known issue's line in the log" \
	log_has results 'fzlava: lava_known01: known -> skip, [0-9.]* s, known issue: listed as known'
echo "check-lava: job 1 took $(($(date +%s) - start)) s"

# 2. A kernel panic in the middle of a run
start=$(date +%s)
job panic --list "$TREE/runtest/lava-panic" --test-timeout 60 --test-minutes 5
status=$?
P=$OUT/panic
expect "job 2: lava-run ends the job with an error status, got $status" [ "$status" != 0 ]
expect "job 2: LAVA's job result fail (incomplete)" grep -q '^job: fail' "$P/summary.txt"
expect "job 2: the test before the panic kept as LAVA recorded it" \
	[ "$(lava/results.py cases "$P/lava-run.log" | cut -f1-3 | tr '\t' ' ')" = \
	"lava-panic lava_pass01 pass" ]
expect "job 2: the test definition's run marked failed" \
	log_has panic '"case": "0_fzsync-lava-panic", "definition": "lava".*"result": "fail"'
expect "job 2: the panic in the log, after the panicking test's start" \
	python3 - "$P/lava-run.log" <<'EOF'
import sys
lines = open(sys.argv[1], errors="replace").read().splitlines()
start = [i for i, l in enumerate(lines) if "<LAVA_SIGNAL_STARTTC lava_panic01>" in l]
panic = [i for i, l in enumerate(lines) if "Kernel panic - not syncing: sysrq triggered crash" in l]
sys.exit(not start or not panic or panic[0] < start[0])
EOF
expect "job 2: no results.json (the run never ended)" [ ! -e "$P/results.json" ]
echo "check-lava: job 2 took $(($(date +%s) - start)) s"

expect "no process of either job outlived lava-run" \
	eval '! grep -q "left running" "$R/summary.txt" "$P/summary.txt"'
finish check-lava
