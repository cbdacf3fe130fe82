# SPDX-License-Identifier: GPL-2.0-or-later
#
# Case bookkeeping of the shell integration tests, sourced: begin
# "name", expectations, end; the first failed expectation is the case's
# reason. finish prints "N passed, N failed" and returns 1 when a case
# failed.
passed=0
failed=0

begin() { case_name=$1; case_err=; }
fail_with() { [ -n "$case_err" ] || case_err=$1; }
expect() {	# what actual wanted
	[ "$2" = "$3" ] || fail_with "$1: got '$2', want '$3'"
}
expect_match() {	# what text extended-regex
	printf '%s\n' "$2" | grep -Eq -- "$3" ||
		fail_with "$1: '$(printf %s "$2" | head -c 300)' does not match /$3/"
}
expect_no_match() {
	printf '%s\n' "$2" | grep -Eq -- "$3" &&
		fail_with "$1: '$(printf %s "$2" | head -c 300)' matches /$3/"
}
end() {
	if [ -z "$case_err" ]; then
		echo "ok      $case_name"
		passed=$((passed + 1))
	else
		echo "FAILED  $case_name: $case_err"
		failed=$((failed + 1))
	fi
}
# A process that still runs. A zombie has ended: after its parent died
# it waits for PID 1, which in a container may reap it late or never.
alive() {
	[ -n "$1" ] && kill -0 "$1" 2>/dev/null &&
		! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}
finish() {
	echo
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
