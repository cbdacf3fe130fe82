#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Integration tests of fzrun with fake tests: every LTP result, crashes,
# hangs, leftover processes, floods of output, a kill -9 of the runner
# followed by --resume, bad input, shards, known issues, kernel health,
# and reports checked with real JSON and XML parsers (report.py).
#
# usage: tests/runner/run.sh path/to/fzrun
# Prints one line per case and "N passed, N failed"; exits 1 on failure.
# The cases of tests/runner/cases/*.sh run after the ones here, with the
# same helpers and fake tests; fzsvg and the test binaries are taken from
# the build tree fzrun is in.
set -u

[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 path/to/fzrun" >&2; exit 2; }
FZRUN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
# the build tree: BUILD/tools/fzrun/fzrun
BUILD=$(dirname "$(dirname "$(dirname "$FZRUN")")")
CC=${CC:-cc}
W=$(mktemp -d /tmp/fzrun-test.XXXXXX)
chmod 755 "$W"
B=$W/bin
mkdir "$B"
bgpid=

mounts=

cleanup() {
	[ -n "$bgpid" ] && kill -9 "$bgpid" 2>/dev/null
	for f in "$W"/*.pid; do
		[ -f "$f" ] && kill -9 "-$(cat "$f")" "$(cat "$f")" 2>/dev/null
	done
	for m in $mounts; do
		umount "$m" 2>/dev/null
	done
	[ -n "${KEEP:-}" ] && echo "kept $W" >&2 || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

report() { python3 "$HERE/report.py" "$@"; }
get() { report get "$1" "$2" "$3" 2>&1; }

. "$HERE/../cases.sh"

# fz NAME ARGS...: run fzrun, output in $W/NAME.out/.err, status in $rc;
# a run that hangs is killed after 120 s (status 124)
fz() {
	n=$1
	shift
	timeout -k 5 120 "$FZRUN" "$@" >"$W/$n.out" 2>"$W/$n.err" </dev/null
	rc=$?
}

# Wait up to 10 s for an extended regex to show up in a file
wait_for() {
	i=0
	while ! grep -Eq -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.1
	done
}

# The fake tests
mk() {
	cat >"$B/$1"
	chmod 755 "$B/$1"
}
summary() {	# passed failed broken skipped warnings
	printf 'printf "\\nSummary:\\npassed   %s\\nfailed   %s\\nbroken   %s\\nskipped  %s\\nwarnings %s\\n"\n' "$@"
}
{ echo '#!/bin/sh'; echo 'echo "pass.c:10: TPASS: all good"'; summary 3 0 0 0 0; echo 'exit 0'; } | mk ltp_pass
{ echo '#!/bin/sh'; echo 'echo "fail.c:20: TPASS: first half"'; echo 'echo "fail.c:21: TFAIL: race hit: freed object used"'; summary 1 2 0 0 0; echo 'exit 1'; } | mk ltp_fail
{ echo '#!/bin/sh'; echo 'echo "brok.c:30: TBROK: socket() failed: EMFILE"'; summary 0 0 1 0 0; echo 'exit 2'; } | mk ltp_brok
{ echo '#!/bin/sh'; echo 'echo "conf.c:40: TCONF: needs CONFIG_USERFAULTFD"'; summary 0 0 0 1 0; echo 'exit 32'; } | mk ltp_conf
{ echo '#!/bin/sh'; echo 'echo "warn.c:50: TWARN: cleanup left a file"'; summary 1 0 0 0 1; echo 'exit 4'; } | mk ltp_warn
printf '#!/bin/sh\necho "exiting with $1"\nexit "$1"\n' | mk ltp_exit
printf '#!/bin/sh\necho $$ > "$1"\necho "slow started"\nsleep 300\n' | mk slowt
printf '#!/bin/sh\necho $$ > "$1"\nexec sleep 300\n' | mk hangt
printf '#!/bin/sh\ntrap "" TERM\necho $$ > "$1"\nwhile :; do sleep 1; done\n' | mk stubbornt
mk envt <<'EOF2'
#!/bin/sh
echo "TMPDIR=$TMPDIR"
echo "PWD=$(pwd)"
echo "LTP_TIMEOUT_MUL=${LTP_TIMEOUT_MUL:-unset}"
echo "LTP_RUNTIME_MUL=${LTP_RUNTIME_MUL:-unset}"
echo "FZSYNC_COVERAGE=${FZSYNC_COVERAGE:-unset}"
echo "PATH=$PATH"
touch "$TMPDIR/scratch" || exit 2
exit 0
EOF2
printf '#!/bin/sh\necho 640 > "$FZRUN_TAINT_FILE"\necho "TPASS: fine"\nexit 0\n' | mk taintt
printf '#!/bin/sh\necho "$1 during the test" > /dev/kmsg\nexit 0\n' | mk kmsgt
for c in segv orphan flood; do
	$CC -O1 -Wall -o "$B/$c" "$HERE/$c.c" || { echo "cannot build $c.c" >&2; exit 1; }
done
ulimit -c 0

cd "$W" || exit 1

# --- one run over every kind of result -------------------------------
cat >basic.list <<EOF2
# every result a test can have
t_pass		ltp_pass
t_fail		ltp_fail
t_brok		ltp_brok
t_conf		ltp_conf
t_warn		ltp_warn
t_exit200	ltp_exit 200
t_exit64	ltp_exit 64
t_segv		segv
t_missing	no_such_test_binary --flag
t_orphan_pgrp	orphan pgrp $W/pgrp.pid
t_orphan_sess	orphan session $W/sess.pid
t_flood		flood 24
t_env		envt
t_shell		ltp_exit 0 && echo shell-ok
EOF2
t0=$(date +%s)
LTP_TIMEOUT_MUL=3 LTP_RUNTIME_MUL=0.5 fz basic -b "$B" -f basic.list -o basic -t 30
D=$W/basic

begin "basic run: exit status 1, one line per test, summary table"
expect "exit status" "$rc" 1
expect "lines per finished test" "$(grep -Ec '^\[[0-9]+/14\] ' basic.out)" 14
expect_match "summary table" "$(cat basic.out)" "^t_orphan_sess +pass "
expect_match "totals" "$(cat basic.out)" "^14 tests: 6 passed, 1 failed, 5 broken, 1 with warnings, 1 skipped \(TCONF\)"
end

begin "reports: results.json (kirk layout) and junit.xml parse and agree"
msg=$(report validate "$D" 2>&1) || fail_with "$msg"
expect "result count" "$(report names "$D" | wc -l)" 14
end

begin "pass: exit 0, counts from the LTP summary"
expect status "$(get "$D" t_pass status)" pass
expect passed "$(get "$D" t_pass test.passed)" 3
expect retval "$(get "$D" t_pass test.retval)" '["0"]'
expect junit "$(report junit "$D" t_pass)" pass
end

begin "fail: exit bit 1, first TFAIL as reason"
expect status "$(get "$D" t_fail status)" fail
expect failed "$(get "$D" t_fail test.failed)" 2
expect reason "$(get "$D" t_fail fzsync.reason)" "TFAIL: race hit: freed object used"
expect junit "$(report junit "$D" t_fail)" failure
end

begin "broken, TCONF, warning: exit bits 2, 32, 4"
expect brok "$(get "$D" t_brok status)" brok
expect_match "brok reason" "$(get "$D" t_brok fzsync.reason)" "TBROK: socket"
expect junit-brok "$(report junit "$D" t_brok)" error
expect conf "$(get "$D" t_conf status)" conf
expect junit-conf "$(report junit "$D" t_conf)" skipped
expect warn "$(get "$D" t_warn status)" warn
expect junit-warn "$(report junit "$D" t_warn)" failure
end

begin "garbage exit bits: 200 and 64 are broken"
expect status200 "$(get "$D" t_exit200 status)" brok
expect reason200 "$(get "$D" t_exit200 fzsync.reason)" "exit status 200 is not an LTP result"
expect status64 "$(get "$D" t_exit64 status)" brok
expect retval64 "$(get "$D" t_exit64 test.retval)" '["64"]'
end

begin "segfault: broken with the signal name"
expect status "$(get "$D" t_segv status)" brok
expect signal "$(get "$D" t_segv fzsync.signal)" SIGSEGV
expect_match reason "$(get "$D" t_segv fzsync.reason)" "^killed by SIGSEGV"
expect_match log "$(get "$D" t_segv test.log)" "about to crash"
end

begin "missing binary: broken, the run goes on"
expect status "$(get "$D" t_missing status)" brok
expect reason "$(get "$D" t_missing fzsync.reason)" "test binary 'no_such_test_binary' not found in PATH"
expect "next test ran" "$(get "$D" t_orphan_pgrp status)" pass
end

begin "leftover child in its own process group is killed"
pid=$(cat pgrp.pid 2>/dev/null)
expect_match leftovers "$(get "$D" t_orphan_pgrp fzsync.leftover_processes)" "orphan\[$pid\]"
alive "$pid" && fail_with "process $pid still alive"
end

begin "leftover child in its own session is killed"
pid=$(cat sess.pid 2>/dev/null)
expect_match leftovers "$(get "$D" t_orphan_sess fzsync.leftover_processes)" "orphan\[$pid\]"
alive "$pid" && fail_with "process $pid still alive"
end

begin "flood of 24 MiB: log capped at 16 MiB, summary still parsed"
expect status "$(get "$D" t_flood status)" pass
expect_match dropped "$(get "$D" t_flood fzsync.log_dropped)" "^[1-9][0-9]{6,}$"
size=$(stat -c %s "$D/logs/0012-t_flood.log")
[ "$size" -gt $((16 << 20)) ] && [ "$size" -lt $(((16 << 20) + 4096)) ] ||
	fail_with "log file has $size bytes"
len=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(max(len(x["test"]["log"]) for x in r["results"]))' "$D/results.json")
[ "$len" -le 70000 ] || fail_with "results.json log excerpt of $len characters"
end

begin "environment: fresh TMPDIR as cwd, LTP_*_MUL passed, testcases first in PATH"
log=$(cat "$D/logs/0013-t_env.log")
tmp=$(printf '%s\n' "$log" | sed -n 's/^TMPDIR=//p')
expect_match TMPDIR "$tmp" "^/tmp/fzrun\.[^/]+/0013-t_env$"
expect cwd "$(printf '%s\n' "$log" | sed -n 's/^PWD=//p')" "$tmp"
expect_match timeout-mul "$log" "^LTP_TIMEOUT_MUL=3$"
expect_match runtime-mul "$log" "^LTP_RUNTIME_MUL=0.5$"
expect_match "no quick mode unless asked" "$log" "^FZSYNC_COVERAGE=unset$"
expect_match PATH "$log" "^PATH=$B:"
[ -e "$tmp" ] && fail_with "$tmp was not removed"
expect status "$(get "$D" t_env status)" pass
end

begin "shell syntax in a runtest command runs through sh -c"
expect status "$(get "$D" t_shell status)" pass
expect_match log "$(get "$D" t_shell test.log)" "shell-ok"
end

# --- timeouts -----------------------------------------------------------
printf 'h_hang hangt %s/hang.pid\nh_stubborn stubbornt %s/stubborn.pid\nh_after ltp_pass\n' "$W" "$W" >hang.list
s=$(date +%s)
fz hang -b "$B" -f hang.list -o hang -t 1 --kill-grace 1
took=$(($(date +%s) - s))
begin "timeout: the whole test is killed, SIGTERM then SIGKILL, run goes on"
expect "exit status" "$rc" 1
expect status "$(get hang h_hang status)" brok
expect timed_out "$(get hang h_hang fzsync.timed_out)" true
expect reason "$(get hang h_hang fzsync.reason)" "timed out after 1s, killed with SIGTERM"
expect stubborn "$(get hang h_stubborn fzsync.reason)" "timed out after 1s, killed with SIGKILL"
expect after "$(get hang h_after status)" pass
alive "$(cat hang.pid)" && fail_with "hanging test still alive"
alive "$(cat stubborn.pid)" && fail_with "stubborn test still alive"
[ "$took" -le 10 ] || fail_with "took ${took}s"
msg=$(report validate hang 2>&1) || fail_with "$msg"
end

# --- kill -9 of the runner, then --resume ------------------------------
printf 'r_pass1 ltp_pass\nr_slow slowt %s/slow.pid\nr_pass2 ltp_pass\n' "$W" >resume.list
"$FZRUN" -b "$B" -f resume.list -o resume -q >resume1.out 2>&1 </dev/null &
bgpid=$!
begin "kill -9 mid-test, --resume: nothing lost, the interrupted test marked"
wait_for resume/journal.jsonl '"event":"test_start","seq":2' &&
	wait_for slow.pid . && wait_for resume/logs/0002-r_slow.log "slow started" ||
	fail_with "the slow test never started"
kill -9 $bgpid
wait $bgpid 2>/dev/null
bgpid=
slow=$(cat slow.pid)
alive "$slow" || fail_with "the orphaned test should still run before --resume"
# a line torn by the crash
printf '{"event":"test_end","seq":2,"na' >>resume/journal.jsonl
fz resume2 --resume resume
expect "exit status" "$rc" 1
expect_match "torn line" "$(cat resume2.err)" "dropped a torn last line"
expect_match "stderr" "$(cat resume2.err)" "test 2 r_slow: run interrupted during this test"
expect pass1 "$(get resume r_pass1 status)" pass
expect slow "$(get resume r_slow status)" brok
expect interrupted "$(get resume r_slow fzsync.interrupted)" true
expect_match reason "$(get resume r_slow fzsync.reason)" "^run interrupted during this test \(kernel panic, reboot or runner killed\); its processes were still running and were killed: slowt\[$slow\]"
expect_match "partial log kept" "$(get resume r_slow test.log)" "slow started"
expect pass2 "$(get resume r_pass2 status)" pass
expect junit "$(report junit resume r_slow)" error
expect "r_pass1 started once" "$(grep -c '"event":"test_start","seq":1,' resume/journal.jsonl)" 1
expect "results" "$(report names resume | tr '\n' ' ')" "r_pass1 r_slow r_pass2 "
alive "$slow" && fail_with "orphaned test $slow not killed by --resume"
deadtmp=$(sed -n 's/.*"event":"test_start","seq":2,.*"tmpdir":"\([^"]*\)".*/\1/p' resume/journal.jsonl)
[ -n "$deadtmp" ] || fail_with "no tmpdir in the journal"
[ -e "$deadtmp" ] && fail_with "the killed runner's $deadtmp is still there"
[ -e "$(dirname "$deadtmp")" ] && fail_with "the killed runner's $(dirname "$deadtmp") is still there"
msg=$(report validate resume 2>&1) || fail_with "$msg"
expect_match summary "$(cat resume2.out)" "^3 tests: 2 passed, 0 failed, 1 interrupted"
end

printf 'b_slow slowt %s/boot.pid\nb_pass ltp_pass\n' "$W" >boot.list
"$FZRUN" -b "$B" -f boot.list -o boot -q >boot1.out 2>&1 </dev/null &
bgpid=$!
begin "--resume after a reboot: the interrupted test says so"
wait_for boot/journal.jsonl '"event":"test_start","seq":1' && wait_for boot.pid . ||
	fail_with "the slow test never started"
kill -9 $bgpid
wait $bgpid 2>/dev/null
bgpid=
# what a reboot does to the test: its whole session is gone
kill -9 "-$(cat boot.pid)"
# and to the journal: the boot id changes
sed -i 's/\("event":"test_start".*"boot_id":"\)[^"]*/\1not-this-boot/' boot/journal.jsonl
fz boot2 --resume boot
expect "exit status" "$rc" 1
expect reason "$(get boot b_slow fzsync.reason)" "run interrupted during this test (kernel panic, reboot or runner killed); the machine rebooted since"
expect rebooted "$(get boot b_slow fzsync.rebooted)" true
expect next "$(get boot b_pass status)" pass
end

# --- SIGINT: stop cleanly, then resume ---------------------------------
printf 'i_slow slowt %s/islow.pid\ni_pass ltp_pass\n' "$W" >int.list
"$FZRUN" -b "$B" -f int.list -o int -q >int.out 2>int.err </dev/null &
bgpid=$!
begin "SIGINT: test stopped and recorded, exit 3, --resume runs the rest"
wait_for int/journal.jsonl '"event":"test_start","seq":1' &&
	wait_for int/logs/0001-i_slow.log "slow started" ||
	fail_with "the slow test never started"
kill -INT $bgpid
wait $bgpid
rc=$?
bgpid=
expect "exit status" "$rc" 3
expect_match stderr "$(cat int.err)" "stopped by SIGINT; continue with: fzrun --resume"
expect reason "$(get int i_slow fzsync.reason)" "runner stopped by SIGINT during this test"
expect complete "$(report count int fzsync.complete)" False
expect "not run in junit" "$(report junit int i_pass)" skipped
alive "$(cat islow.pid)" && fail_with "stopped test still alive"
fz int2 --resume int
expect "resumed exit status" "$rc" 1
expect resumed "$(get int i_pass status)" pass
expect "results" "$(report names int | wc -l)" 2
msg=$(report validate int 2>&1) || fail_with "$msg"
end

# --- bad input ----------------------------------------------------------
printf '# a broken list\ngood1 ltp_pass\nlonely\nbad/name ltp_pass\ngood1 ltp_fail\n' >bad.list
fz bad -b "$B" -f bad.list -o bad
begin "malformed runtest file: file:line errors, nothing run"
expect "exit status" "$rc" 2
expect_match lonely "$(cat bad.err)" "^fzrun: bad.list:3: test 'lonely' has no command$"
expect_match name "$(cat bad.err)" "^fzrun: bad.list:4: invalid test name 'bad/name'"
expect_match dup "$(cat bad.err)" "^fzrun: bad.list:5: duplicate test name 'good1' \(first on line 2\)$"
[ -e bad ] && fail_with "results directory created"
end

begin "usage errors: one clear line each, exit 2"
fz u1 -f basic.list --bogus
expect "unknown option" "$rc:$(cat u1.err)" "2:fzrun: unknown option '--bogus' (see fzrun --help)"
fz u2 -f basic.list -t soon
expect "bad timeout" "$rc:$(cat u2.err)" "2:fzrun: -t: 'soon' is not a positive number of seconds (at most 604800)"
fz u3 -f no_such.list
expect_match "missing list" "$rc:$(cat u3.err)" "^2:fzrun: -f no_such.list: cannot read test list: No such file or directory"
fz u4 -b "$B" -f basic.list -o /etc/passwd/results
expect "unwritable results dir" "$rc:$(cat u4.err)" "2:fzrun: cannot create results directory /etc/passwd/results: Not a directory"
fz u5 -b "$B" -f basic.list -o basic
expect_match "existing run" "$rc:$(cat u5.err)" "^2:fzrun: basic already holds a run: continue it with --resume basic"
fz u6 --shard 3/2 -f basic.list
expect "bad shard" "$rc:$(cat u6.err)" "2:fzrun: --shard: '3/2' is not I/N with 1 <= I <= N"
fz u7
expect_match "no list" "$rc:$(cat u7.err)" "^2:fzrun: no test list given"
fz u8 --help
expect_match help "$rc:$(head -1 u8.out)" "^0:usage: fzrun -f"
fz u9 -f basic.list --quick=0
expect "bad quick" "$rc:$(cat u9.err)" "2:fzrun: --quick: '0' is not a number from 1 to 1000000"
end

begin "--quick passes FZSYNC_COVERAGE to the tests and records it for --resume"
printf 'q_env envt\n' >quick.list
fz quick -b "$B" -f quick.list -o quick --quick
expect "exit status" "$rc" 0
expect_match "default K" "$(cat quick/logs/0001-q_env.log)" "^FZSYNC_COVERAGE=6$"
fz quick3 -b "$B" -f quick.list -o quick3 --quick=3
expect_match "given K" "$(cat quick3/logs/0001-q_env.log)" "^FZSYNC_COVERAGE=3$"
expect_match journal "$(cat quick3/journal.jsonl)" '"FZSYNC_COVERAGE":"3"'
end

# --- shards -------------------------------------------------------------
: >shard.list
for i in 01 02 03 04 05 06 07 08 09 10 11; do
	echo "s$i ltp_pass" >>shard.list
done
begin "shards partition the list exactly"
all=$("$FZRUN" -b "$B" -f shard.list --list | cut -f1 | sort)
parts=$(for i in 1 2 3; do "$FZRUN" -b "$B" -f shard.list --list --shard $i/3 | cut -f1; done | sort)
expect "3 shards" "$(echo $parts)" "$(echo $all)"
expect "shard sizes" "$(for i in 1 2 3; do "$FZRUN" -b "$B" -f shard.list --list --shard $i/3 | wc -l; done | tr '\n' ' ')" "4 4 3 "
fz sh1 -b "$B" -f shard.list --shard 1/2 -o shard1 -q
rc1=$rc
fz sh2 -b "$B" -f shard.list --shard 2/2 -o shard2 -q
expect "exit statuses" "$rc1$rc" 00
ran=$({ report names shard1; report names shard2; } | sort)
expect "2 shards run" "$(echo $ran)" "$(echo $all)"
end

begin "selection: -s regex, -S skip file, -i repeats"
printf 'a_one ltp_pass\na_two ltp_pass\nb_three ltp_pass\n' >sel.list
expect select "$("$FZRUN" -f sel.list --list -s '^a_' | cut -f1 | tr '\n' ' ')" "a_one a_two "
printf '# skip\na_t*\n' >skip.txt
expect skip "$("$FZRUN" -f sel.list --list -S skip.txt | cut -f1 | tr '\n' ' ')" "a_one b_three "
fz rep -b "$B" -f sel.list -s a_one -i 2 -o rep -q
expect "exit status" "$rc" 0
expect runs "$(report names rep | tr '\n' ' ')" "a_one a_one "
expect junit "$(report junit rep 'a_one#2')" pass
end

# --- known issues -------------------------------------------------------
printf '# test  release  reason\nk_fail  .  the leak is not fixed yet\nk_pass  .  should not show\nk_other  ^0\\.0\\.  only on kernel 0.0\n' >known.txt
printf 'k_fail ltp_fail\nk_pass ltp_pass\nk_conf ltp_conf\n' >known.list
fz known -b "$B" -f known.list -K known.txt -o known
begin "known issue: shown as known, run passes, junit skipped"
expect "exit status" "$rc" 0
expect issue "$(get known k_fail fzsync.known_issue)" "the leak is not fixed yet"
expect status "$(get known k_fail status)" fail
expect junit "$(report junit known k_fail)" skipped
expect_match table "$(cat known.out)" "^k_fail +known .*known issue: the leak is not fixed yet"
expect "not seen" "$(get known k_pass fzsync.known_issue_not_seen)" "should not show"
printf 'k_other ltp_fail\n' >known2.list
fz known2 -b "$B" -f known2.list -K known.txt -o known2
expect "other kernel: exit status" "$rc" 1
expect_match "other kernel" "$(get known2 k_other fzsync)" '"outcome": "fail"'
printf 'k_fail  (  reason\n' >badknown.txt
fz known3 -b "$B" -f known.list -K badknown.txt -o known3
expect_match "bad file" "$rc:$(cat known3.err)" "^2:fzrun: badknown.txt:1: bad kernel release regex '\('"
end

begin "exit status 0 when every test passed or was TCONF"
printf 'z_pass ltp_pass\nz_conf ltp_conf\n' >zero.list
fz zero -b "$B" -f zero.list -o zero
expect "exit status" "$rc" 0
end

# --- kernel health ------------------------------------------------------
echo 0 >taint.val
printf 'taint_new taintt\ntaint_after ltp_pass\n' >taint.list
FZRUN_TAINT_FILE=$W/taint.val fz taint -b "$B" -f taint.list -o taint
begin "new taint bits fail a passing test, by letter"
expect status "$(get taint taint_new status)" fail
expect reason "$(get taint taint_new fzsync.reason)" "kernel tainted: DW"
expect letters "$(get taint taint_new fzsync.taint_new)" DW
expect "next test" "$(get taint taint_after status)" pass
end

begin "kernel log: a matching line during a test fails it"
if [ -r /dev/kmsg ] && [ -w /dev/kmsg ]; then
	mark="fzrun-runner-test-$$-$(date +%s)"
	printf 'g_kmsg kmsgt %s\ng_quiet ltp_pass\n' "$mark" >kmsg.list
	fz kmsg -b "$B" -f kmsg.list -o kmsg --kmsg-match "$mark"
	expect status "$(get kmsg g_kmsg status)" fail
	expect_match reason "$(get kmsg g_kmsg fzsync.reason)" "^kernel log: \[ *[0-9]+\.[0-9]{6}\] $mark during the test$"
	expect_match "kmsg log" "$(cat kmsg/$(get kmsg g_kmsg fzsync.kmsg_log))" "$mark"
	expect quiet "$(get kmsg g_quiet status)" pass
	end
else
	echo "skipped $case_name: /dev/kmsg not readable and writable"
fi

begin "kernel log not readable: one warning, the run goes on"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
   [ "$(cat /proc/sys/kernel/dmesg_restrict)" = 1 ]; then
	cp "$FZRUN" "$W/fzrun-copy"
	mkdir -m 777 nobody
	printf 'n_pass ltp_pass\nn_pass2 ltp_pass\n' >nobody/list
	(cd nobody && setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$W/fzrun-copy" -b "$B" -f list -o res) >nobody.out 2>nobody.err
	expect "exit status" "$?" 0
	expect warnings "$(grep -c 'cannot read /dev/kmsg' nobody.err)" 1
	expect_match warning "$(cat nobody.err)" "the kernel log is not checked"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$W/fzrun-copy" \
		-b "$B" -f nobody/list -o /root/fzrun-denied >/dev/null 2>nobody2.err
	expect "unwritable results dir" "$?:$(cat nobody2.err)" \
		"2:fzrun: cannot create results directory /root/fzrun-denied: Permission denied"
	end
else
	echo "skipped $case_name: needs root, setpriv and kernel.dmesg_restrict=1"
fi

# --- terminal -----------------------------------------------------------
printf 'p_sleep ltp_exit 0 && sleep 1\np_pass ltp_pass\n' >tty.list
begin "terminal: one live progress line"
script -qec "'$FZRUN' -b '$B' -f tty.list -o tty" /dev/null >tty.out 2>&1 </dev/null
esc=$(printf '\033')
expect_match "progress" "$(cat tty.out)" "${esc}\[K\[1/2\] p_sleep  0\.[0-9]s  pass 0 fail 0"
expect_match "progress after a second" "$(cat tty.out)" "${esc}\[K\[1/2\] p_sleep  1\.[0-9]s"
expect_match "second test" "$(cat tty.out)" "${esc}\[K\[2/2\] p_pass  0\.[0-9]s  pass 1 fail 0"
expect_no_match "no per-test lines for passes" "$(cat tty.out)" "^\[1/2\] p_sleep  pass"
end

begin "-v streams the tests' output"
printf 'v_pass ltp_pass\n' >verbose.list
fz verbose -b "$B" -f verbose.list -o verbose -v
expect "exit status" "$rc" 0
expect_match header "$(cat verbose.out)" "^=== \[1/1\] v_pass: ltp_pass$"
expect_match output "$(cat verbose.out)" "^pass.c:10: TPASS: all good$"
expect_match result "$(cat verbose.out)" "^\[1/1\] v_pass  pass  "
end

begin "--report rewrites the reports from the journal"
rm -f basic/results.json basic/junit.xml
fz rep2 --report basic
expect "exit status" "$rc" 1
msg=$(report validate basic 2>&1) || fail_with "$msg"
end

# --- more cases, one file a topic ---------------------------------------
for f in "$HERE"/cases/*.sh; do
	cd "$W" || exit 1
	. "$f"
done

finish
