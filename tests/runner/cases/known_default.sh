# shellcheck shell=sh
# The tree's runtest/known-issues applies unless told otherwise.

begin "the tree's known issues apply by default; --no-known-issues turns them off"
mkdir -p ktree/runtest
printf 'kd_fail  .  fails here, on purpose\n' >ktree/runtest/known-issues
printf 'kd_fail ltp_fail\nkd_pass ltp_pass\n' >ktree/runtest/kd
FZSYNC_ROOT=$W/ktree fz kd -b "$B" -f kd -o kd
expect "exit status" "$rc" 0
expect issue "$(get kd kd_fail fzsync.known_issue)" "fails here, on purpose"
FZSYNC_ROOT=$W/ktree fz kd2 -b "$B" -f kd -o kd2 --no-known-issues
expect "turned off: exit status" "$rc" 1
expect_match "turned off: not known" "$(get kd2 kd_fail fzsync)" '"outcome": "fail"'
printf 'kd_pass  .  other list\n' >kother.txt
FZSYNC_ROOT=$W/ktree fz kd3 -b "$B" -f kd -o kd3 -K kother.txt
expect "-K replaces it" "$rc" 1
end

begin "results.json has kirk's environment keys, cmdline too"
expect_match "cmdline" "$(report count kd environment.cmdline)" "."
end
