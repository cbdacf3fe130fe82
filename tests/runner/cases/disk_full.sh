# shellcheck shell=sh
# The results directory on a full file system: a 64 KiB tmpfs (root).
# journal_room.py leaves a chosen room in the journal and fills the rest,
# so that the first write that does not fit is known.

cp "$HERE/journal_room.py" "$B/journal_room"
mk spew <<'EOF2'
#!/bin/sh
# spew N: N bytes of output (rounded down to lines of 80)
exec python3 -c 'import sys; sys.stdout.write(("x" * 79 + "\n") * (int(sys.argv[1]) // 80))' "$1"
EOF2

# Processes running fzrun's binary: the forked child of a test before its exec
fzrun_procs() {
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/exe" 2>/dev/null)" = "$FZRUN" ] || continue
		alive "${p#/proc/}" && echo "${p#/proc/}"
	done
}

# small_fs DIR: a 64 KiB tmpfs at DIR, or fail
small_fs() {
	mkdir -p "$1" && mount -t tmpfs -o size=64k fzrun-test "$1" 2>/dev/null &&
		mounts="$mounts $1"
}

begin "full disk: the journal write of a test's start fails: every process ends, --resume works"
if [ "$(id -u)" = 0 ] && small_fs "$W/full1"; then
	D=$W/full1/run
	mkdir -p "$W/tmp-full1"
	printf 'ta journal_room %s 0\ntb journal_room %s next-start fill\ntc ltp_pass\ntd ltp_pass\n' "$D" "$D" >full1.list
	TMPDIR=$W/tmp-full1 fz full1 -b "$B" -f full1.list -o "$D" -q
	expect "exit status" "$rc" 2
	expect_match "message" "$(cat full1.err)" "cannot write the journal in .*: No space left on device"
	expect_match "the failed write was tc's start" "$(tail -n 1 "$D/journal.jsonl" | head -c 40)" '^\{"event":"test_start","seq":3,'
	sleep 0.5
	stray=$(fzrun_procs)
	[ -n "$stray" ] && fail_with "processes of the run still alive: $(for p in $stray; do tr '\0' ' ' <"/proc/$p/cmdline"; echo "[$p]"; done)"
	expect "temporary directories left" "$(ls "$W/tmp-full1")" ""
	mount -o remount,size=4m "$W/full1"
	fz full1r --resume "$D" -q
	expect "resumed exit status" "$rc:$(cat full1r.err)" "0:fzrun: warning: $D/journal.jsonl: dropped a torn last line (the runner died while writing it)"
	expect tc "$(get "$D" tc status)" pass
	expect td "$(get "$D" td status)" pass
	for p in $stray; do kill -9 "$p" 2>/dev/null; done
	end
else
	echo "skipped $case_name: needs root to mount a small tmpfs"
fi

begin "full disk: logs and reports cannot be written: exit status 2, lost output counted"
if [ "$(id -u)" = 0 ] && small_fs "$W/full2"; then
	D=$W/full2/run
	# room for the journal's lines; the logs and reports fill the disk
	printf 'fa journal_room %s 3000 && spew 196955\nfb spew 196955\nfc ltp_pass\n' "$D" >full2.list
	fz full2 -b "$B" -f full2.list -o "$D" -q
	expect "exit status" "$rc" 2
	expect_match "message" "$(cat full2.err)" "unusable results directory $D: "
	expect_match "lost output" "$(cat full2.err)" "fa: [0-9]+ bytes of its output could not be written to logs/0001-fa.log: No space left on device"
	expect "temporary files left" "$(ls "$D" | grep '\.tmp$')" ""
	lost=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e.get("event") == "test_end" and e.get("name") == "fa":
        print(e.get("log_lost", 0) + e.get("log_dropped", 0), e["log_bytes"])' "$D/journal.jsonl")
	expect "bytes written and lost add up" "$(echo $lost | awk '{ print $1 + $2 }')" 196880
	expect_no_match "no report named that is not there" "$(cat full2.out)" "^results: .*results.json"
	end
else
	echo "skipped $case_name: needs root to mount a small tmpfs"
fi
