# shellcheck shell=sh
# --resume of runs cut short in other places than a test.

begin "--resume of a run killed while it wrote its queue: warns, the run is not green"
printf 'w1 ltp_pass\nw2 ltp_pass\nw3 ltp_pass\nw4 ltp_pass\n' >wq.list
fz wq0 -b "$B" -f wq.list -i 5 -o wq -q
expect "first run" "$rc" 0
# the journal as a kill -9 after 5 of the 20 queued tests leaves it
mkdir -p wqcut/logs
{ grep -m 1 '"event":"run_start"' wq/journal.jsonl
  grep '"event":"test_queued"' wq/journal.jsonl | head -n 5
  grep '"event":"test_queued"' wq/journal.jsonl | sed -n 6p | head -c 40
} >wqcut/journal.jsonl
fz wqr --resume wqcut -q
expect "exit status" "$rc" 1
expect_match "warning" "$(cat wqr.err)" "the journal queues 5 of the run's 20 tests: the runner was stopped while it wrote its queue; 15 tests are not run"
expect "tests run" "$(report names wqcut | wc -l)" 5
expect_match "summary" "$(cat wqr.out)" "15 never queued"
expect complete "$(report count wqcut fzsync.complete)" False
end

begin "--rerun-interrupted: the test Ctrl-C stopped runs again"
# slow the first time, passing after that
printf '#!/bin/sh\nif [ -e "$1" ]; then echo "t.c:1: TPASS: second run"; exit 0; fi\ntouch "$1"\necho "slow started"\nexec sleep 300\n' | mk oncet
printf 'x_once oncet %s/once.mark\nx_pass ltp_pass\n' "$W" >rerun.list
"$FZRUN" -b "$B" -f rerun.list -o rerun -q >rerun.out 2>rerun.err </dev/null &
bgpid=$!
wait_for rerun/logs/0001-x_once.log "slow started" || fail_with "the slow test never started"
kill -INT $bgpid
wait $bgpid
rc=$?
bgpid=
expect "stopped" "$rc" 3
fz rerun2 --resume rerun
expect "without the option" "$(get rerun x_once fzsync.interrupted)" true
fz rerun3 --resume rerun --rerun-interrupted
expect "exit status" "$rc" 0
expect status "$(get rerun x_once status)" pass
expect_match "log of the rerun" "$(get rerun x_once test.log)" "second run"
expect "results" "$(report names rerun | tr '\n' ' ')" "x_once x_pass "
msg=$(report validate rerun 2>&1) || fail_with "$msg"
end
