# SPDX-License-Identifier: GPL-2.0-or-later
# The LAVA tests' checks (sourced by tests/lava/*.sh): a line per check,
# the counts at the end, exit status 1 when one failed.
pass=0
fail=0

ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
expect() { # expect "what" command...
	local what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}
finish() { # finish NAME
	echo
	echo "$1: $pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit $?
}
