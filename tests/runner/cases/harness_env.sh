# shellcheck shell=sh
# Numbers the library takes from the environment: one bounded parser
# for FZSYNC_SEED and FZSYNC_COVERAGE.

SEQ=$BUILD/testcases/lib/fzsync_seq01
# a reproducer that leaves its quick mode to FZSYNC_COVERAGE
COV=$BUILD/testcases/kernel/net/recvmmsg_close01

begin "harness: FZSYNC_SEED and FZSYNC_COVERAGE out of bounds are TBROK with the bounds"
if [ -x "$SEQ" ] && [ -x "$COV" ] && [ "$(nproc)" -ge 2 ]; then
	FZSYNC_SEED=-1 "$SEQ" -I 1 >env1.log 2>&1
	expect "FZSYNC_SEED=-1" "$?:$(grep -o "TBROK: .*" env1.log)" "2:TBROK: FZSYNC_SEED='-1' must be an integer from 0 to 18446744073709551615"
	FZSYNC_SEED=18446744073709551616 "$SEQ" -I 1 >env1b.log 2>&1
	expect "FZSYNC_SEED=2^64" "$?:$(grep -o "TBROK: .*" env1b.log)" "2:TBROK: FZSYNC_SEED='18446744073709551616' must be an integer from 0 to 18446744073709551615"
	FZSYNC_COVERAGE=-3 "$COV" -I 1 >env2.log 2>&1
	expect "FZSYNC_COVERAGE=-3" "$?:$(grep -o "TBROK: .*" env2.log)" "2:TBROK: FZSYNC_COVERAGE='-3' must be an integer from -1 to 1000000 (0 or -1: off)"
	FZSYNC_COVERAGE=1e9 "$COV" -I 1 >env3.log 2>&1
	expect "FZSYNC_COVERAGE=1e9" "$?:$(grep -o "TBROK: .*" env3.log)" "2:TBROK: FZSYNC_COVERAGE='1e9' must be an integer from -1 to 1000000 (0 or -1: off)"
	# in bounds: taken (whether the race is met in a second is the machine's)
	FZSYNC_SEED=0x2a FZSYNC_COVERAGE=-1 "$COV" -I 1 >env4.log 2>&1
	expect_no_match "in bounds: accepted" "$(cat env4.log)" "TBROK: FZSYNC_"
	expect_match "the seed taken" "$(cat env4.log)" "seed 42\b"
	end
else
	echo "skipped $case_name: needs $SEQ, $COV and 2 CPUs"
fi
