# shellcheck shell=sh
# fzrun run by a normal user: the tests that need root say so, once.

begin "normal user: one warning about root, no 'known issue did not show up' for a skipped test"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	printf '#!/bin/sh\nif [ "$(id -u)" != 0 ]; then echo "tst_test.c:70: TCONF: Test needs root"; exit 32; fi\nexit 0\n' | mk rootonly
	mkdir -m 777 -p user
	printf 'u_root1 rootonly\nu_root2 rootonly\nu_pass ltp_pass\n' >user/list
	printf 'u_root1  .  leaks when run as root\n' >user/known
	cp "$FZRUN" "$W/fzrun-user"
	(cd user && setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$W/fzrun-user" -b "$B" -f list -K known -o res) >user.out 2>user.err
	expect "exit status" "$?" 0
	expect_no_match "not shown as a fixed bug" "$(cat user.out)" "did not show up"
	expect "root warnings" "$(grep -c 'need root' user.err)" 1
	expect_match "root warning" "$(cat user.err)" "warning: 2 of 3 tests were skipped because they need root; run fzrun as root to run them"
	end
else
	echo "skipped $case_name: needs root and setpriv"
fi
