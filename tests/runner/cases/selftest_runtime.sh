# shellcheck shell=sh
# The library's self-tests take -I like every test binary: a short
# runtime gives a shorter run, not a failure.

begin "self-tests with -I 1: no TFAIL"
if [ -x "$BUILD/testcases/lib/fzsync_seq01" ] && [ -x "$BUILD/testcases/lib/fzsync_race01" ] &&
   [ "$(nproc)" -ge 2 ]; then
	for t in fzsync_seq01 fzsync_race01; do
		"$BUILD/testcases/lib/$t" -I 1 >"$t.I1.log" 2>&1
		st=$?
		[ "$st" -eq 0 ] || [ "$st" -eq 32 ] ||
			fail_with "$t -I 1: exit status $st: $(grep -E 'TFAIL|TBROK' "$t.I1.log" | head -n 2)"
	done
	end
else
	echo "skipped $case_name: needs the self-tests under $BUILD/testcases/lib and 2 CPUs"
fi
