# shellcheck shell=sh
# Bad numbers, names and commands: one clear line when the list is read,
# nothing run, nothing left behind.

begin "-i beyond its bounds: rejected like -i -1, nothing run"
for n in 4294967296 2147483648 99999999999 100000 0 -1; do
	timeout -k 1 10 "$FZRUN" -b "$B" -f sel.list -i "$n" -o "ibig$n" >ibig.out 2>ibig.err </dev/null
	rc=$?
	expect "-i $n" "$rc:$(cat ibig.err)" "2:fzrun: -i: '$n' is not a number from 1 to 10000"
	[ -e "ibig$n" ] && fail_with "-i $n: results directory created"
done
end

begin "a run of more tests than fzrun queues: rejected before anything is written"
: >many.list
for i in $(seq 1 20); do echo "m$i ltp_pass"; done >>many.list
timeout -k 1 10 "$FZRUN" -b "$B" -f many.list -i 10000 -o many >many.out 2>many.err </dev/null
rc=$?
expect "exit status" "$rc:$(cat many.err)" "2:fzrun: 20 tests x 10000 iterations are 200000 tests; a run holds at most 50000"
[ -e many ] && fail_with "results directory created"
end

begin "SIGTERM while the queue is written: the run stops at once"
: >q.list
for i in $(seq 1 10); do echo "q$i ltp_pass"; done >>q.list
s=$(date +%s)
"$FZRUN" -b "$B" -f q.list -i 5000 -o qstop -q >qstop.out 2>qstop.err </dev/null &
bgpid=$!
wait_for qstop/journal.jsonl run_start || fail_with "no run start"
kill -TERM $bgpid
i=0
while alive $bgpid && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if alive $bgpid; then
	fail_with "still running 5 s after SIGTERM"
	kill -9 $bgpid
fi
wait $bgpid
rc=$?
bgpid=
expect "exit status" "$rc" 3
expect_match "message" "$(cat qstop.err)" "stopped by SIGTERM"
end

begin "a test name longer than a file name can hold: file:line error, no litter"
long=$(printf 'n%.0s' $(seq 1 300))
printf 'ok1 ltp_pass\n%s ltp_pass\n' "$long" >long.list
mkdir -p tmp-long
TMPDIR=$W/tmp-long fz long -b "$B" -f long.list -o long
expect "exit status" "$rc" 2
expect_match "error" "$(cat long.err)" "^fzrun: long.list:2: test name of 300 characters; at most 200$"
[ -e long ] && fail_with "results directory created"
expect "temporary directories left" "$(ls tmp-long)" ""
end

begin "a command the shell cannot parse: file:line error when the list is read"
printf 'a okt "unterminated\nb ltp_exit 0 && echo fine\n' >quote.list
fz quote -b "$B" -f quote.list -o quote
expect "exit status" "$rc" 2
expect_match "error" "$(cat quote.err)" "^fzrun: quote.list:1: test 'a': /bin/sh cannot parse the command: .*[Uu]nterminated"
[ -e quote ] && fail_with "results directory created"
end

begin "a broken test without an LTP message: its last output line is the reason"
printf '#!/bin/sh\necho "setting up"\necho "sh: 1: Syntax error: Unterminated quoted string" >&2\nexit 2\n' | mk shbroken
printf 'nomsg shbroken\n' >nomsg.list
fz nomsg -b "$B" -f nomsg.list -o nomsg
expect "exit status" "$rc" 1
expect reason "$(get nomsg nomsg fzsync.reason)" "no TBROK message; last output line: sh: 1: Syntax error: Unterminated quoted string"
end

begin "escape sequences in names and output are escaped on the terminal"
esc=$(printf '\033')
printf 'bad%s[2Jname ltp_pass\n' "$esc" >esc.list
fz escname -b "$B" -f esc.list -o escname
expect "exit status" "$rc" 2
expect_match "escaped name" "$(cat escname.err)" "invalid test name 'bad\\\\x1b\\[2Jname'"
printf '#!/bin/sh\nprintf "e.c:1: TFAIL: screen \\033[2J cleared\\n"\nexit 1\n' | mk escout
printf 'escout escout\n' >escout.list
fz escout -b "$B" -f escout.list -o escout
fz escoutv -b "$B" -f escout.list -o escoutv -v
for f in escname.err escout.out escout.err escoutv.out; do
	grep -q "$esc" "$f" && fail_with "$f holds a raw escape byte"
done
expect_match "escaped reason" "$(cat escout.out)" 'TFAIL: screen \\x1b\[2J cleared'
expect "reason in the report as it was" "$(get escout escout fzsync.reason)" "TFAIL: screen ${esc}[2J cleared"
end
