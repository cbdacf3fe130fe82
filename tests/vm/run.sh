#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fzvm's integration test: boots a real kernel (a Debian 6.1 cloud
# kernel, fetched with apt-get download into build/vm/cache, or
# $FZVM_TEST_KERNEL) in QEMU, KVM or TCG as fzvm's probe chooses, and runs
#
#   fzsync_seq01  the library's self-test, must pass
#   vm_panic01    panics the kernel (sysrq c): reported as kernel panic
#                 with its console excerpt, then the guest boots again
#   vm_pass01     must run and pass after that reboot
#   vm_hang01     stops the runner: the host must detect a hang
#   vm_pass02     must run and pass after the next reboot
#
# and then a matrix of a file that is not a kernel plus two kernels that
# pass a short list, through a QEMU whose KVM passes fzvm's probe and
# dies at every boot (tests/vm/qemu-kvm-dies, with a fake KVM device):
# one probe for the whole run, each such boot again under TCG, the run
# on TCG once TCG got further, and the switches in the reports; then the
# kernel again through that QEMU faking a KVM that stops the guest ("KVM
# internal error", QEMU waiting with the guest paused): killed at once,
# the boot again under TCG; and faking a KVM under which the guest prints
# nothing: killed after --kvm-silence, the boot again under TCG. Prints "N passed, N failed"; exits 1 on
# failure.
#
# usage: tests/vm/run.sh   (from the source tree, after make static;
#                           make check-vm does both)
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
FZVM=$ROOT/build/static/tools/fzvm/fzvm
CACHE=$ROOT/build/vm/cache
BIN=$ROOT/build/vm/bin
OUT=$ROOT/build/vm/results
pass=0
fail=0

ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
check() { # check "what" command...
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
# fake_kvm_run NAME WHAT STATUS STARTS FZVM-ARGS...: fzvm through the fake
# QEMU of tests/vm/qemu-kvm-dies on a fake KVM device, its log shown,
# its exit status and the fake's starts (probe, kvm-boot, tcg-boot)
# checked against STATUS and STARTS
fake_kvm_run() {
	local name=$1 what=$2 want=$3 want_starts=$4 status starts
	shift 4
	FZVM_KVM_DEV=$OUT/fake-kvm FAKE_QEMU_LOG=$OUT/$name.qemu \
		"$FZVM" --qemu "$ROOT/tests/vm/qemu-kvm-dies" "$@" \
		-b "$BIN" -o "$OUT/$name" -t 30 > "$OUT/$name.log" 2>&1
	status=$?
	sed 's/^/    /' "$OUT/$name.log"
	[ "$status" = "$want" ] && ok "$name: fzvm exits $want ($what)" ||
		bad "$name: fzvm exit status $status, expected $want"
	starts=$(tr '\n' ' ' < "$OUT/$name.qemu" 2>/dev/null)
	[ "$starts" = "$want_starts" ] &&
		ok "$name: QEMU starts: $want_starts" ||
		bad "$name: QEMU starts: $starts, expected $want_starts"
}
finish() {
	echo
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit $?
}

# Packages: QEMU, a static busybox, e2fsprogs, python3 for the checks
missing=""
command -v qemu-system-x86_64 >/dev/null || missing="$missing qemu-system-x86"
dpkg -s busybox-static >/dev/null 2>&1 || missing="$missing busybox-static"
PATH=$PATH:/usr/sbin:/sbin
command -v debugfs >/dev/null || missing="$missing e2fsprogs"
command -v python3 >/dev/null || missing="$missing python3"
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "tests/vm: installing$missing"
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $missing; } >&2 ||
			{ bad "apt-get install$missing"; finish; }
	else
		bad "missing packages:$missing (apt-get install -y$missing)"
		finish
	fi
fi

[ -x "$FZVM" ] || { bad "$FZVM missing: run make static"; finish; }

# The kernel: the current Debian cloud kernel, unpacked without installing
kernel=${FZVM_TEST_KERNEL:-}
if [ -z "$kernel" ]; then
	kernel=$(ci/debian-kernel.sh "$CACHE") ||
		{ bad "a Debian cloud kernel (ci/debian-kernel.sh, see above)"; finish; }
fi
echo "tests/vm: kernel $kernel"

# The crash and hang tests, static for the initramfs
mkdir -p "$BIN"
for t in vm_panic vm_hang vm_pass; do
	cc -static -Wall -Wextra -O2 -o "$BIN/$t" "tests/vm/$t.c" ||
		{ bad "build $t"; finish; }
done

rm -rf "$OUT"
# What --accel auto chooses here, for the boots' records
accel=$("$FZVM" --probe-accel 2>&1)
echo "tests/vm: accel $accel"
# -t 30: fzsync_seq01 runs 10 s (-I 10 in runtest-vm) under TCG; a hang is detected
# after 30 + 5 (kill grace) + 10 (margin) seconds without disk writes.
"$FZVM" --kernel "$kernel" -f tests/vm/runtest-vm -b "$BIN" -o "$OUT/one" \
	-t 30 --hang-margin 10 -e FZVM_CRASH_OK=1 > "$OUT.log" 2>&1
status=$?
sed 's/^/    /' "$OUT.log"
[ "$status" = 1 ] && ok "fzvm exits 1 (tests failed)" ||
	bad "fzvm exit status $status, expected 1"
# A host whose KVM passes the probe and then stops this kernel (a nested
# KVM that cannot emulate an instruction) or runs it without a console
# line for the KVM silence limit switches to TCG at boot 1
switched=0
grep -Eq '^fzvm: accel tcg from now on: boot 1: (KVM stopped the guest after [0-9]+ s: |the guest printed nothing in [0-9]+ s under KVM$)' "$OUT.log" &&
	switched=1
[ "$(grep '^fzvm: accel ' "$OUT.log" | head -1)" = "fzvm: accel $accel" ] &&
	[ "$(grep -c '^fzvm: accel ' "$OUT.log")" = $((1 + switched)) ] &&
	ok "the accelerator's choice said once, as --probe-accel says${switched/1/, and the switch to TCG once}" ||
	bad "not one line 'fzvm: accel $accel' in the log (and one switch where KVM stopped the guest)"

K=$(ls -d "$OUT"/one/*/ 2>/dev/null | grep -v '/\.work/' | head -1)
K=${K%/}
[ -n "$K" ] && [ -f "$K/journal.jsonl" ] && ok "per-kernel results directory" ||
	{ bad "no results directory with a journal under $OUT/one"; finish; }

{ python3 - "$K" "$OUT/one" "${accel%%:*}" "$switched" <<'EOF'
import json, os, sys
import xml.etree.ElementTree as ET

k, top, accel, switched = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
passed = failed = 0

def check(what, cond):
    global passed, failed
    print(("ok   " if cond else "FAIL ") + what)
    if cond:
        passed += 1
    else:
        failed += 1

events = [json.loads(l) for l in open(os.path.join(k, "journal.jsonl"))]
ends = {e["name"]: e for e in events if e["event"] == "test_end"}
# A boot whose guest hung before fzrun started (once, under TCG, right
# after a KVM attempt was killed) is the guest's, not a test's: fzvm
# boots again, and one such boot is let through; the tests' boots are
# numbered from the first that ran one
all_boots = [json.loads(l) for l in open(os.path.join(k, "boots.jsonl"))]
hung = [b for b in all_boots if b["end"] == "boot hang" and b["test"] is None]
boots = [b for b in all_boots if b not in hung]
first = boots[0]["boot"] if boots else 1
check("at most one boot hung before fzrun started (%d)" % len(hung),
      len(hung) <= 1)
names = [e["name"] for e in events if e["event"] == "test_queued"]
check("journal queues the five tests in order",
      names == ["fzsync_seq01", "vm_panic01", "vm_pass01", "vm_hang01", "vm_pass02"])
check("every test ended", sorted(ends) == sorted(names))
check("journal complete (run_end)", any(e["event"] == "run_end" for e in events))
check("two resumes (two reboots after crashes)",
      sum(e["event"] == "resume" for e in events) == 2)

st = lambda n: ends.get(n, {}).get("status")
check("fzsync_seq01 passed", st("fzsync_seq01") == "pass")
p = ends.get("vm_panic01", {})
check("vm_panic01 failed with a kernel panic reason",
      st("vm_panic01") == "fail" and
      p.get("reason", "").startswith("kernel panic: Kernel panic - not syncing: sysrq triggered crash"))
check("vm_panic01 has the console excerpt in its kmsg",
      any("sysrq triggered crash" in l for l in p.get("kmsg", [])) and
      any("Call Trace" in l for l in p.get("kmsg", [])))
check("vm_panic01 names boot %d and its console log" % first,
      p.get("vm", {}).get("boot") == first and
      p.get("vm", {}).get("console_log") == "console/boot-%d.log" % first)
log = open(os.path.join(k, p.get("log", "x"))).read() if p.get("log") else ""
check("vm_panic01's log holds the panic and the console lines",
      "[fzvm] kernel panic" in log and "sysrq triggered crash" in log)
check("vm_pass01 ran after the panic and passed", st("vm_pass01") == "pass")
h = ends.get("vm_hang01", {})
check("vm_hang01 failed with a kernel hang reason",
      st("vm_hang01") == "fail" and h.get("reason", "").startswith("kernel hang:") and
      h.get("vm", {}).get("boot") == first + 1)
check("vm_pass02 ran after the hang and passed", st("vm_pass02") == "pass")

check("three boots: panic in vm_panic01, hang in vm_hang01, done",
      [(b["end"], b["test"]) for b in boots] ==
      [("kernel panic", "vm_panic01"), ("kernel hang", "vm_hang01"), ("done", None)])
if switched:
    sw = all_boots[0].get("accel_switch", {}) if all_boots else {}
    kvm_log = os.path.join(k, sw.get("console_log", "x"))
    stopped = os.path.exists(kvm_log) and \
        "KVM internal error" in open(kvm_log, errors="replace").read()
    silent = sw.get("reason", "").startswith("boot 1: the guest printed nothing in ")
    check("KVM stopped boot 1 or ran it silent: it ran again under TCG, and so did the rest",
          accel == "kvm" and all(b.get("accel") == "tcg" for b in all_boots) and
          sw.get("from") == "kvm" and sw.get("to") == "tcg" and sw.get("kept") is True and
          (stopped or silent) and os.path.exists(kvm_log) and
          not any("accel_switch" in b for b in all_boots[1:]))
    accel = "tcg"
else:
    check("every boot ran with the accelerator --probe-accel names, no switch",
          all(b.get("accel") == accel and "accel_switch" not in b for b in all_boots))
for b in boots:
    path = os.path.join(k, b["console_log"])
    check("console log of boot %d" % b["boot"],
          os.path.getsize(path) > 1000 and "fzvm-init: starting fzrun" in open(path, errors="replace").read())
check("boot %d's console has the panic" % first,
      "sysrq triggered crash" in open(os.path.join(k, "console/boot-%d.log" % first), errors="replace").read())

res = json.load(open(os.path.join(k, "results.json")))
rs = {r["test_fqn"]: r for r in res["results"]}
check("results.json has the five tests", sorted(rs) == sorted(names))
check("results.json: vm_panic01 fail, reason kept",
      rs["vm_panic01"]["status"] == "fail" and
      "sysrq triggered crash" in rs["vm_panic01"]["fzsync"]["reason"] and
      "sysrq triggered crash" in rs["vm_panic01"]["test"]["log"])
check("results.json: run complete", res["fzsync"]["complete"] is True)
cases = {c.get("name"): c for c in ET.parse(os.path.join(k, "junit.xml")).iter("testcase")}
check("junit.xml: failures exactly for vm_panic01 and vm_hang01",
      sorted(n for n, c in cases.items() if c.find("failure") is not None) ==
      ["vm_hang01", "vm_panic01"] and len(cases) == 5)
summ = open(os.path.join(k, "summary.txt")).read()
check("summary.txt lists the panic", "kernel panic" in summ and "vm_pass02" in summ)

m = json.load(open(os.path.join(top, "matrix.json")))
cells = {t["name"]: list(t["results"].values())[0]["outcome"] for t in m["tests"]}
check("matrix: PANIC and HANG cells",
      cells.get("vm_panic01") == "PANIC" and cells.get("vm_hang01") == "HANG" and
      cells.get("vm_pass02") == "pass")
kk = m["kernels"][0]
check("matrix: 3 boots, 2 crashes, boot and run times",
      kk["boots"] == 3 + len(hung) and kk["crashes"] == 2 and
      # the first boot's time to fzrun: none (0) when that boot hung
      (0 <= kk["boot_seconds"] if hung else 0 < kk["boot_seconds"]) and
      kk["boot_seconds"] < kk["run_seconds"])
check("matrix: the kernel's accelerator and its reason",
      kk["accel"] == accel and kk["accel_reason"])
check("work files removed", not os.path.exists(os.path.join(top, ".work")))
print("PYCHECK %d %d" % (passed, failed))
EOF
} 2>&1 | tee "$OUT.check" | grep -v '^PYCHECK'
read -r _ p f < <(grep '^PYCHECK' "$OUT.check" || echo "PYCHECK 0 1")
pass=$((pass + p))
fail=$((fail + f))

# A matrix: a file that is not a kernel and the kernel twice, on a KVM
# that passes the probe and dies at every boot. The non-kernel fails
# under TCG as well, so KVM stays; the kernel's first boot succeeds under
# TCG, and TCG stays for the rest of the run.
head -c 4096 /dev/urandom > "$OUT/not-a-kernel"
: > "$OUT/fake-kvm"
# One probe first; the non-kernel's two boots, KVM then TCG each; the
# kernel's first the same, after which TCG stays; its second copy
fake_kvm_run matrix "a kernel could not run" 3 \
	"probe kvm-boot tcg-boot kvm-boot tcg-boot kvm-boot tcg-boot tcg-boot " \
	--kernel "$OUT/not-a-kernel" --kernel "$kernel" --kernel "$kernel" \
	-f tests/vm/runtest-vm -s 'vm_pass'
grep -q "^fzvm: accel kvm: QEMU ran guest code under KVM" "$OUT/matrix.log" &&
	[ "$(grep -c '^fzvm: accel ' "$OUT/matrix.log")" = 2 ] &&
	grep -q '^fzvm: accel tcg from now on: boot 1: QEMU with KVM failed before the guest printed anything: .*failed to set MSR 0x10a' "$OUT/matrix.log" &&
	ok "matrix: the probe's choice and the switch to TCG said once each" ||
	bad "matrix: not one probe line and one switch line in the log"
python3 - "$OUT/matrix" <<'EOF' | tee "$OUT/matrix.check" | grep -v '^PYCHECK'
import json, os, sys
m = json.load(open(sys.argv[1] + "/matrix.json"))
passed = failed = 0
def check(what, cond):
    global passed, failed
    print(("ok   " if cond else "FAIL ") + what)
    passed += cond
    failed += not cond
labels = [k["label"] for k in m["kernels"]]
check("matrix: three columns, the repeated kernel labelled apart",
      len(labels) == 3 and len(set(labels)) == 3 and labels[2] == labels[1] + "-2")
check("matrix: rows vm_pass01, vm_pass02",
      [t["name"] for t in m["tests"]] == ["vm_pass01", "vm_pass02"])
check("matrix: both real kernels pass both tests",
      all(t["results"][l]["outcome"] == "pass" for t in m["tests"] for l in labels[1:]))
bad, k1, k2 = m["kernels"]
check("matrix: the non-kernel is incomplete with a reason, its cells '-'",
      not bad["complete"] and bad["problem"] and
      all(t["results"][labels[0]]["outcome"] == "-" and t["results"][labels[0]]["reason"]
          for t in m["tests"]))
txt = open(sys.argv[1] + "/matrix.txt").read()
check("matrix.txt: header names the kernels", all(l in txt.splitlines()[0] for l in labels))

def boots(k):
    return [json.loads(l) for l in open(os.path.join(k["results_dir"], "boots.jsonl"))]
def switch_ok(b, kept):
    sw = b.get("accel_switch", {})
    return (b["accel"] == "tcg" and sw.get("from") == "kvm" and sw.get("to") == "tcg" and
            "failed to set MSR 0x10a" in sw.get("reason", "") and
            sw.get("qemu_status") == -6 and sw.get("kept") is kept and
            sw.get("console_log") == "console/boot-%d-kvm.log" % b["boot"])
bb = boots(bad)
check("matrix: the non-kernel's boots retried under TCG, KVM kept for the next",
      len(bb) == 2 and all(switch_ok(b, False) for b in bb))
b1 = boots(k1)
check("matrix: the kernel's boot 1 ran again under TCG, the switch kept",
      len(b1) == 1 and b1[0]["end"] == "done" and switch_ok(b1[0], True))
kvm_log = os.path.join(k1["results_dir"], "console/boot-1-kvm.log")
check("matrix: the KVM attempt's console log kept",
      os.path.exists(kvm_log) and "failed to set MSR 0x10a" in open(kvm_log).read())
b2 = boots(k2)
check("matrix: the second copy under TCG from the start, no switch",
      [(b["accel"], "accel_switch" in b) for b in b2] == [("tcg", False)])
check("matrix: every kernel ran under TCG, with the reason",
      all(k["accel"] == "tcg" for k in m["kernels"]) and
      bad["accel_reason"].startswith("boot 2: QEMU with KVM failed before the guest printed anything") and
      all(k["accel_reason"].startswith("boot 1: QEMU with KVM failed before the guest printed anything")
          for k in (k1, k2)))
check("matrix: both kernels complete despite the KVM failure",
      k1["complete"] and k2["complete"])
check("matrix.txt: the accelerator under each kernel",
      txt.count("accelerator tcg: boot 1: QEMU with KVM failed") == 2 and
      txt.count("accelerator tcg: boot 2: QEMU with KVM failed") == 1)
print("PYCHECK %d %d" % (passed, failed))
EOF
read -r _ p f < <(grep '^PYCHECK' "$OUT/matrix.check" || echo "PYCHECK 0 1")
pass=$((pass + p))
fail=$((fail + f))

# A KVM that passes the probe and then stops the guest, as a nested KVM
# does at an instruction it cannot emulate: QEMU says so and waits with
# the guest paused. fzvm must kill it at once, not at the boot timeout,
# and run the boot again under TCG: the probe, the KVM boot, the same
# boot under TCG, whose test passes.
FAKE_KVM_FAILS=stops fake_kvm_run stops "the test passed under TCG" 0 \
	"probe kvm-boot tcg-boot " \
	--kernel "$kernel" -f tests/vm/runtest-vm -s '^vm_pass01$'
secs=$(sed -n 's/^fzvm: accel tcg from now on: boot 1: KVM stopped the guest after \([0-9]*\) s: KVM internal error. Suberror: 1$/\1/p' "$OUT/stops.log")
[ -n "$secs" ] && [ "$secs" -lt 30 ] &&
	ok "KVM stops the guest: QEMU's line named, killed within ${secs} s" ||
	bad "KVM stops the guest: no switch line naming QEMU's KVM error within 30 s"

# A KVM that passes the probe and then runs the guest without a console
# line (a nested KVM shadowing the guest's page tables): killed after the
# KVM silence limit, not at the boot timeout, and the boot again under TCG.
FAKE_KVM_FAILS=silent fake_kvm_run silent "the test passed under TCG" 0 \
	"probe kvm-boot tcg-boot " --kvm-silence 3 \
	--kernel "$kernel" -f tests/vm/runtest-vm -s '^vm_pass01$'
secs=$(sed -n 's/^fzvm: accel tcg from now on: boot 1: the guest printed nothing in \([0-9]*\) s under KVM$/\1/p' "$OUT/silent.log")
[ -n "$secs" ] && [ "$secs" -ge 3 ] && [ "$secs" -lt 30 ] &&
	ok "a silent guest under KVM: killed after ${secs} s (--kvm-silence 3)" ||
	bad "a silent guest under KVM: no switch line after 3 to 30 s"

# Nothing of ours may still run
left=""
for f in /proc/[0-9]*/cmdline; do
	case $({ tr '\0' ' ' < "$f"; } 2>/dev/null) in
	*qemu-system*"$OUT"*) left="$left ${f//[!0-9]/}" ;;
	esac
done
[ -z "$left" ] && ok "no QEMU process left" ||
	bad "QEMU processes of this test still running:$left"
finish
