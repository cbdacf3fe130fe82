# shellcheck shell=sh
# What the harness prints where, and the numbers it takes from the
# environment: one bounded parser for FZSYNC_SEED and FZSYNC_COVERAGE.

SEQ=$BUILD/testcases/lib/fzsync_seq01

begin "harness: the summary goes to stderr, as LTP's"
if [ -x "$SEQ" ] && [ "$(nproc)" -ge 2 ]; then
	"$SEQ" -I 1 >seq.stdout 2>seq.stderr
	expect_no_match "stdout" "$(cat seq.stdout)" "^Summary:"
	expect_match "stderr" "$(cat seq.stderr)" "^Summary:"
	expect_match "help points at the installed docs" "$("$SEQ" -h 2>&1)" "share/doc/fzsync/design.md"
	end
else
	echo "skipped $case_name: needs $SEQ and 2 CPUs"
fi
