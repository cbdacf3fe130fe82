#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fzvm's handling of a boot, without a kernel: a fake QEMU
# (tests/vm/qemu-fake-guest) that plays the guest's console and results
# disk, and stub static binaries in place of the guest's fzvm and fzrun.
#
#   command line  the TCG CPU model without LA57, --cpu, the panic-on-oops
#                 parameters and --no-panic-on-oops, repeated --append
#   labels        --kernel LABEL=IMAGE names the results directory and
#                 the matrix column; duplicate or bad labels, a label
#                 whose directory exists, the same image twice unlabelled
#   crash         a KASAN report of 300 lines and the panic: the test's
#                 journal entry and log keep the report's first line and
#                 the panic line, the lines between are counted
#   flood         a repeating early-boot report, and a byte flood: QEMU
#                 killed within seconds, "console flood" with the report
#                 in boots.jsonl, the run incomplete
#
# usage: tests/vm/boot.sh path/to/fzvm
# Prints one line per case and "N passed, N failed"; exits 1 on failure.
set -u

[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 path/to/fzvm" >&2; exit 2; }
FZVM=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/fzvm-boot.XXXXXX)
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM
. "$HERE/../cases.sh"
PATH=$PATH:/usr/sbin:/sbin

# The guest's binaries: fzvm only checks that they are static; the host
# runs the stub fzrun for --report
mkdir -p "$W/static/tools/fzvm" "$W/static/tools/fzrun"
echo 'int main(void) { return 0; }' > "$W/stub.c"
cc -static -o "$W/static/tools/fzvm/fzvm" "$W/stub.c" 2>"$W/cc.err" ||
	{ echo "cannot link a static stub: $(cat "$W/cc.err")"; exit 1; }
cp "$W/static/tools/fzvm/fzvm" "$W/static/tools/fzrun/fzrun"
printf 'tX\ttX\n' > "$W/list"
for s in pass crash flood byteflood; do echo $s > "$W/$s"; done

# vm OUT [fzvm options]: fzvm with the fake QEMU; sets rc, out, secs
vm() {
	local o=$1
	shift
	rm -f "$W/qemu.log"
	t0=$(date +%s)
	out=$(FAKE_QEMU_LOG=$W/qemu.log "$FZVM" --qemu "$HERE/qemu-fake-guest" \
		--static-dir "$W/static" --busybox "$W/static/tools/fzrun/fzrun" \
		--accel tcg --disk-size 8M -f "$W/list" -o "$W/out/$o" "$@" 2>&1 </dev/null)
	rc=$?
	secs=$(($(date +%s) - t0))
}
# qarg NAME: the argument after NAME in the fake QEMU's first start
qarg() {
	awk -v n="$1" 'p { print; exit } $0 == n { p = 1 }' "$W/qemu.log"
}
jq1() {	# FILE python-expression-on-d: d is the file's JSON, or its lines
	python3 -c '
import json, sys
t = open(sys.argv[1]).read()
try:
    d = json.loads(t)
except ValueError:
    d = [json.loads(l) for l in t.splitlines() if l.strip()]
print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

begin "TCG boots a CPU without LA57 and panics on oops, WARN and KASAN"
vm args --kernel "$W/pass"
expect "exit status" "$rc" 0
expect "CPU model" "$(qarg -cpu)" "max,la57=off"
expect_match "command line" "$(qarg -append)" \
	'^console=ttyS0 panic=-1 fzvm\.boot=1 tsc=reliable oops=panic panic_on_warn=1 kasan\.fault=panic$'
end

begin "--cpu, repeated --append in order, --no-panic-on-oops"
vm args2 --kernel "$W/pass" --cpu qemu64 --append "a=1 b" --append c=2 \
	--no-panic-on-oops
expect "exit status" "$rc" 0
expect "CPU model" "$(qarg -cpu)" "qemu64"
expect "command line" "$(qarg -append)" \
	"console=ttyS0 panic=-1 fzvm.boot=1 tsc=reliable a=1 b c=2"
end

begin "--cpu and --append: bad values are usage errors"
vm bad1 --kernel "$W/pass" --cpu "max la57=off"
expect "exit status (blank in --cpu)" "$rc" 2
expect_match "message" "$out" "--cpu 'max la57=off': one QEMU CPU model"
end

begin "--kernel LABEL=IMAGE names the directory and the column"
vm labels --kernel "one=$W/pass" --kernel "$W/pass" --kernel "$W/pass"
expect "exit status" "$rc" 0
expect "labels in the matrix" \
	"$(jq1 "$W/out/labels/matrix.json" '[k["label"] for k in d["kernels"]]')" \
	"['one', 'pass', 'pass-2']"
[ -f "$W/out/labels/one/journal.jsonl" ] && [ -f "$W/out/labels/pass-2/journal.jsonl" ] ||
	fail_with "no journal in $W/out/labels/one or pass-2"
expect_match "matrix.txt header" "$(head -1 "$W/out/labels/matrix.txt")" \
	'^test +one +pass +pass-2 *$'
end

begin "--kernel: a duplicate label is a usage error, before any boot"
vm dup --kernel "a=$W/pass" --kernel "a=$W/crash"
expect "exit status" "$rc" 2
expect "message" "$out" \
	"fzvm: --kernel a=$W/crash: the label a is already given to $W/pass"
[ -e "$W/qemu.log" ] && fail_with "QEMU was started"
end

begin "--kernel: a default label does not take a given one"
vm taken --kernel "$W/pass" --kernel "pass=$W/pass"
expect "exit status" "$rc" 0
expect "labels" "$(jq1 "$W/out/taken/matrix.json" '[k["label"] for k in d["kernels"]]')" \
	"['pass-2', 'pass']"
end

begin "--kernel: bad labels, and a label whose directory exists"
vm bad2 --kernel "a b=$W/pass"
expect "exit status (blank)" "$rc" 2
expect_match "message" "$out" "the label 'a b' may only have letters, digits"
vm labels --kernel "one=$W/pass"
expect "exit status (existing)" "$rc" 2
expect_match "message" "$out" "$W/out/labels/one already exists; choose another label or -o"
end

begin "a crash: the journal keeps the report's first line and its end"
REPORT_LINES=300 vm crash --kernel "$W/crash"
# the exit status is the stub fzrun --report's
expect "exit status" "$rc" 0
d=$W/out/crash/crash
expect "reason" "$(jq1 "$d/journal.jsonl" '[e for e in d if e["event"] == "test_end"][0]["reason"]')" \
	"kernel panic: Kernel panic - not syncing: KASAN: panic_on_warn set ..."
kmsg=$(jq1 "$d/journal.jsonl" '"\n".join([e for e in d if e["event"] == "test_end"][0]["kmsg"])')
expect_match "kmsg starts a few lines before the report" \
	"$(printf '%s\n' "$kmsg" | head -3 | tr '\n' '|')" \
	'^fzvm-init: starting fzrun .*\|.*t1: some output of the test\|.*=+\|$'
expect_match "kmsg has the report's first line" "$kmsg" \
	'\] BUG: KASAN: use-after-free in perf_mmap\+0x8c8/0x14c0$'
expect_match "kmsg has the panic line" "$kmsg" 'Kernel panic - not syncing'
expect_match "kmsg ends with the console's end" "$(printf '%s\n' "$kmsg" | tail -1)" \
	'panic dump line 30$'
expect_match "kmsg counts what it left out" "$kmsg" \
	'^\[fzvm\] \.\.\. [0-9]+ console lines left out \.\.\.$'
n=$(printf '%s\n' "$kmsg" | wc -l)
[ "$n" -le 250 ] || fail_with "kmsg has $n lines, more than head and tail"
log=$(cat "$d/logs/0001-t1.log" 2>/dev/null)
expect_match "the test's log has the report's first line" "$log" \
	'BUG: KASAN: use-after-free in perf_mmap'
expect "boots" "$(jq1 "$d/boots.jsonl" '[(b["end"], b["test"]) for b in d]')" \
	"[('kernel panic', 't1'), ('done', None)]"
end

begin "a short report is kept whole"
REPORT_LINES=20 vm crash2 --kernel "$W/crash"
kmsg=$(jq1 "$W/out/crash2/crash/journal.jsonl" '"\n".join([e for e in d if e["event"] == "test_end"][0]["kmsg"])')
expect_no_match "nothing left out" "$kmsg" 'left out'
expect_match "every stack line" "$kmsg" 'fake_function_20\+'
end

begin "a repeating early-boot report: a console flood, cut short"
vm flood --kernel "$W/flood" --boot-timeout 120
expect "exit status (run incomplete)" "$rc" 3
[ "$secs" -le 30 ] || fail_with "fzvm took $secs s"
b=$W/out/flood/flood/boots.jsonl
expect "each boot ends in a flood" "$(jq1 "$b" '[x["end"] for x in d]')" \
	"['console flood', 'console flood']"
expect "the flood's reason" "$(jq1 "$b" 'd[0]["flood"]')" \
	'the kernel report line "BUG: KASAN: wild-memory-access in _raw_spin_lock+0x84/0x100" came 20 times before fzrun started'
expect_match "the report in the boot's excerpt" "$(jq1 "$b" '"\n".join(d[0]["excerpt"])')" \
	'\] BUG: KASAN: wild-memory-access in _raw_spin_lock'
expect_match "the kernel's problem" \
	"$(jq1 "$W/out/flood/matrix.json" 'd["kernels"][0]["problem"]')" \
	'console flood outside any test: the kernel report line .* came 20 times'
expect_match "the console log says so" "$(tail -1 "$W/out/flood/flood/console/boot-1.log")" \
	'^\[fzvm\] console flood: .*; QEMU killed$'
end

begin "a byte flood before fzrun started: cut short"
vm bytes --kernel "$W/byteflood" --boot-timeout 120
expect "exit status" "$rc" 3
[ "$secs" -le 30 ] || fail_with "fzvm took $secs s"
expect_match "the flood's reason" \
	"$(jq1 "$W/out/bytes/byteflood/boots.jsonl" 'd[0]["flood"]')" \
	'^[0-9]+ MiB of console output before fzrun started'
end

finish
