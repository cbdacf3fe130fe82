#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fzlava without LAVA: fake lava-test-case and lava-test-set in PATH
# record what fzlava reports, runs of the real fzrun give the
# results.json to compare with (tests/lava/compare.py):
#
#   every fzrun result as its LAVA result, one for one, in a test set
#   per list, each test case reported while the next test still runs;
#   -i 2 as NAME.1, NAME.2; a comparison that must fail on a changed
#   result; a stopped run (its test unknown, exit status 3); fzrun
#   killed in a test (unknown, the rest not run); no LAVA helpers, a
#   command that does not run, fzrun's usage error.
#
# usage: tests/lava/fzlava.sh FZRUN FZLAVA
set -u
cd "$(dirname "$0")/../.."
FZRUN=$(realpath "$1")
FZLAVA=$(realpath "$2")
OUT=$PWD/build/lava/fzlava-test
FAKE=$OUT/bin
LIST=tests/lava/runtest-lava-check
KNOWN=tests/lava/known-issues-lava-check
. tests/lava/lib.sh

rm -rf "$OUT"
mkdir -p "$FAKE"
# The fake helpers take LAVA's arguments and write one line per call
cat > "$FAKE/lava-test-case" <<'EOF'
#!/bin/sh
name=$1
shift
result= measurement= units=
while [ $# -gt 0 ]; do
	case $1 in
	--result) result=$2 ;;
	--measurement) measurement=$2 ;;
	--units) units=$2 ;;
	*) echo "lava-test-case: bad argument $1" >&2; exit 1 ;;
	esac
	shift 2
done
[ -n "$result" ] || { echo "lava-test-case: $name: no result" >&2; exit 1; }
[ -z "$measurement" ] || [ "$units" = seconds ] || { echo "lava-test-case: $name: a measurement not in seconds" >&2; exit 1; }
printf '%s\t%s\t%s\t%s\n' "$(cat "$FAKE_LAVA/set" 2>/dev/null)" "$name" "$result" "$measurement" >> "$FAKE_LAVA/cases.tsv"
EOF
cat > "$FAKE/lava-test-set" <<'EOF'
#!/bin/sh
case $1 in
start) [ -n "${2:-}" ] && [ ! -f "$FAKE_LAVA/set" ] || exit 1
	echo "$2" > "$FAKE_LAVA/set"; echo "start $2" >> "$FAKE_LAVA/sets.log" ;;
stop) [ -f "$FAKE_LAVA/set" ] || exit 1
	rm "$FAKE_LAVA/set"; echo stop >> "$FAKE_LAVA/sets.log" ;;
*) exit 1 ;;
esac
EOF
chmod +x "$FAKE"/lava-test-*
export PATH=$FAKE:$PATH
unset KMSG

# fake_lava NAME: the fake helpers record into $OUT/NAME.lava
fake_lava() {
	export FAKE_LAVA=$OUT/$1.lava
	mkdir -p "$FAKE_LAVA"
}

# run NAME [fzrun options]: fzlava over fzrun into $OUT/NAME
run() {
	local name=$1
	shift
	fake_lava "$name"
	"$FZLAVA" -o "$OUT/$name" -- "$FZRUN" -q -o "$OUT/$name" "$@" \
		> "$OUT/$name.out" 2>&1
}

# start NAME LIST: the same in the background ($pid is fzlava's), given
# 1.5 s to end the list's first test and be in its second
start() {
	fake_lava "$1"
	"$FZLAVA" -o "$OUT/$1" -- "$FZRUN" -q -o "$OUT/$1" -f "$2" \
		> "$OUT/$1.out" 2>&1 &
	pid=$!
	sleep 1.5
}

# Every result, two lists, the known issues applied
printf 'other01\ttrue\nother02\tfalse\n' > "$OUT/other"
run all -f "$LIST" -f "$OUT/other" -s '^(lava|other)' -K "$KNOWN"
status=$?
expect "exit status 1 of fzrun (a test failed), got $status" [ "$status" = 1 ]
expect "LAVA's test cases match results.json" \
	python3 tests/lava/compare.py --cases "$OUT/all.lava/cases.tsv" \
	--results "$OUT/all/results.json"
expect "results pass fail fail fail skip skip pass, as doc/lava.md says" \
	[ "$(cut -f3 "$OUT/all.lava/cases.tsv" | head -7 | tr '\n' ' ')" = \
	"pass fail fail fail skip skip pass " ]
expect "one test set per list, opened and closed" \
	[ "$(tr '\n' ' ' < "$OUT/all.lava/sets.log")" = \
	"start runtest-lava-check stop start other stop " ]
expect "STARTTC and ENDTC around every test case" \
	[ "$(grep -c '^<LAVA_SIGNAL_STARTTC [a-z]' "$OUT/all.out")" = 9 -a \
	"$(grep -c '^<LAVA_SIGNAL_ENDTC [a-z]' "$OUT/all.out")" = 9 ]
expect "the known issue's line names it and its real result" \
	grep -q '^fzlava: lava_known01: known -> skip, [0-9.]* s, known issue: listed as known' "$OUT/all.out"

# A changed result must not compare equal
sed '2s/\tfail\t/\tpass\t/' "$OUT/all.lava/cases.tsv" > "$OUT/changed.tsv"
python3 tests/lava/compare.py --cases "$OUT/changed.tsv" \
	--results "$OUT/all/results.json" > "$OUT/changed.out"
status=$?
expect "compare.py fails on a changed result and names it" eval \
	'[ "$status" = 1 ] && grep -q "lava_fail01.*LAVA result pass, expected fail" "$OUT/changed.out"'
head -3 "$OUT/all.lava/cases.tsv" > "$OUT/short.tsv"
python3 tests/lava/compare.py --cases "$OUT/short.tsv" \
	--results "$OUT/all/results.json" > "$OUT/short.out"
status=$?
expect "compare.py fails on missing test cases" eval \
	'[ "$status" = 1 ] && grep -q "has no LAVA test case" "$OUT/short.out"'

# Repeated tests: NAME.N, '#' ends a URL in LAVA's web interface
run iter -f "$LIST" -s '^lava_pass01$' -i 2
expect "-i 2: lava_pass01.1, lava_pass01.2" \
	[ "$(cut -f2 "$OUT/iter.lava/cases.tsv" | tr '\n' ' ')" = "lava_pass01.1 lava_pass01.2 " ]
expect "-i 2: match results.json" \
	python3 tests/lava/compare.py --cases "$OUT/iter.lava/cases.tsv" \
	--results "$OUT/iter/results.json"

# A test case is reported while the next test runs: what a kernel
# panic in the next test would leave in LAVA
printf 'quick01\ttrue\nslow01\tsleep 3\n' > "$OUT/live.list"
start live "$OUT/live.list"
expect "quick01 is in LAVA while slow01 runs" \
	[ "$(cut -f2 "$FAKE_LAVA/cases.tsv" 2>/dev/null)" = quick01 ]
wait

# Stopped: fzlava passes SIGTERM on, fzrun records the test interrupted
printf 'first01\ttrue\nstuck01\tsleep 30\nnever01\ttrue\n' > "$OUT/stop.list"
start stop "$OUT/stop.list"
kill -TERM $pid
wait $pid
status=$?
expect "stopped: exit status 3, got $status" [ "$status" = 3 ]
expect "stopped: first01 pass, stuck01 unknown, never01 not reported" \
	[ "$(cut -f2,3 "$FAKE_LAVA/cases.tsv" | tr '\t\n' '= ')" = "first01=pass stuck01=unknown " ]
expect "stopped: match results.json" \
	python3 tests/lava/compare.py --cases "$FAKE_LAVA/cases.tsv" \
	--results "$OUT/stop/results.json"

# fzrun killed in a test: nothing but the journal tells of it
start kill "$OUT/stop.list"
# fzlava's one child is fzrun
kill -KILL $(cat "/proc/$pid/task/$pid/children")
wait $pid
status=$?
expect "fzrun killed: exit status 137, got $status" [ "$status" = 137 ]
expect "fzrun killed: first01 pass, stuck01 unknown" \
	[ "$(cut -f2,3 "$FAKE_LAVA/cases.tsv" | tr '\t\n' '= ')" = "first01=pass stuck01=unknown " ]
expect "fzrun killed: the log says so and counts the test not run" eval \
	'grep -q "stuck01: interrupted -> unknown, fzrun ended during this test" "$OUT/kill.out" &&
	grep -q "2 test cases reported to LAVA, 1 of 3 tests not run" "$OUT/kill.out"'
# the test fzrun left behind, by the pid its journal gives
left=$(python3 -c 'import json, sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e["event"] == "test_start" and e["seq"] == 2:
        print(e["pid"])' "$OUT/kill/journal.jsonl")
[ -n "$left" ] && kill -KILL "$left" 2>/dev/null

# What must not end green
PATH=${PATH#"$FAKE:"} "$FZLAVA" -o "$OUT/none" -- true > "$OUT/none.out" 2>&1
status=$?
expect "no lava-test-case in PATH: exit status 2 and why, got $status" eval \
	'[ "$status" = 2 ] && grep -q "not in a LAVA test shell" "$OUT/none.out"'
"$FZLAVA" -o "$OUT/norun" -- "$OUT/no-such-command" > "$OUT/norun.out" 2>&1
expect "a command that does not run: exit status 127" [ $? = 127 ]
run usage -f "$LIST" -s 'matches-nothing'
status=$?
expect "fzrun's usage error: exit status 2, nothing reported, got $status" eval \
	'[ "$status" = 2 ] && [ ! -e "$OUT/usage.lava/cases.tsv" ] &&
	grep -q "ran no test run" "$OUT/usage.out"'
# A run already in the directory is not the command's to report; one it
# resumes is, from its start
fake_lava again
"$FZLAVA" -o "$OUT/all" -- "$FZRUN" -q -o "$OUT/all" -f "$LIST" > "$OUT/again.out" 2>&1
status=$?
expect "an earlier run in -o DIR: fzrun refuses, nothing reported, exit status $status" eval \
	'[ "$status" = 2 ] && [ ! -e "$FAKE_LAVA/cases.tsv" ]'
"$FZLAVA" -o "$OUT/all" -- "$FZRUN" -q --resume "$OUT/all" > "$OUT/again.out" 2>&1
expect "fzrun --resume: the whole run reported, as results.json has it" \
	python3 tests/lava/compare.py --cases "$FAKE_LAVA/cases.tsv" \
	--results "$OUT/all/results.json"
"$FZLAVA" -o "$OUT/x" > /dev/null 2>&1
expect "no command: usage, exit status 2" [ $? = 2 ]
"$FZLAVA" -n -o "$OUT/dry" -- "$FZRUN" -q -o "$OUT/dry" -f "$LIST" -s '^lava_pass01$' \
	> "$OUT/dry.out" 2>&1
expect "-n prints the helper commands" \
	grep -qx 'lava-test-case lava_pass01 --result pass --measurement [0-9.]* --units seconds' "$OUT/dry.out"

finish fzlava
