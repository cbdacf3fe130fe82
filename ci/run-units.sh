#!/bin/sh
# Run cmocka unit test binaries one after another; fail if any fails.
set -u
failed=0
for t in "$@"; do
	echo "== $t"
	"$t" || { echo "FAILED: $t" >&2; failed=$((failed + 1)); }
done
[ "$failed" -eq 0 ] || { echo "$failed unit test binaries failed" >&2; exit 1; }
