#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fzvm's choice of accelerator (--accel auto), without a kernel: fake
# QEMUs (shell scripts passed with --qemu) and a fake KVM device
# (FZVM_KVM_DEV, a plain file that opens), asked with --probe-accel.
#
#   KVM usable         the fake writes SeaBIOS's first line to the debug
#                      console (its stdout): kvm
#   KVM, QEMU failing  the fake prints QEMU's MSR error and aborts: tcg,
#                      the reason is QEMU's error line
#   no KVM             no device: tcg without starting QEMU
#
# and around them: the probe's QEMU arguments, one start per invocation,
# a probe QEMU killed once it has answered, a QEMU that exits silently,
# --accel tcg and kvm taken as given.
#
# usage: tests/vm/accel.sh path/to/fzvm
# Prints one line per case and "N passed, N failed"; exits 1 on failure.
set -u

[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 path/to/fzvm" >&2; exit 2; }
FZVM=$(realpath "$1")
W=$(mktemp -d /tmp/fzvm-accel.XXXXXX)
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM
. "$(dirname "$0")/../cases.sh"

# fake NAME BODY: a QEMU that logs its arguments, one start a line, to
# $W/NAME.starts and its pid to $W/NAME.pid, then runs BODY
fake() {
	cat > "$W/$1" <<EOF
#!/bin/sh
echo "\$*" >> "$W/$1.starts"
echo \$\$ > "$W/$1.pid"
$2
EOF
	chmod +x "$W/$1"
}

fake usable 'echo "SeaBIOS (version fake-1.0)"
exec sleep 60'
fake msr 'echo "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69" >&2
echo "qemu-system-x86_64: ../../target/i386/kvm/kvm.c:3183: kvm_buf_set_msrs: Assertion \`ret == cpu->kvm_msr_buf->nmsrs'"'"' failed." >&2
ulimit -c 0
kill -ABRT $$'
fake silent 'exit 1'
: > "$W/kvm"

# probe NAME [fzvm options]: fzvm --probe-accel with fake QEMU NAME
probe() {
	n=$1
	shift
	t0=$(date +%s)
	out=$(FZVM_KVM_DEV=${KVM_DEV-$W/kvm} "$FZVM" --probe-accel \
		--qemu "$W/$n" "$@" 2>"$W/$n.err" </dev/null)
	rc=$?
	secs=$(($(date +%s) - t0))
	starts=$(cat "$W/$n.starts" 2>/dev/null | wc -l)
	args=$(tail -1 "$W/$n.starts" 2>/dev/null)
	rm -f "$W/$n.starts"
}

begin "KVM usable: kvm, named by the guest's first debug console line"
probe usable
expect "exit status" "$rc" 0
expect_match "decision" "$out" '^kvm: .*SeaBIOS \(version fake-1\.0\)'
expect "QEMU starts" "$starts" 1
expect "stderr" "$(cat "$W/usable.err")" ""
end

begin "KVM usable: the probe QEMU is killed once it has answered"
[ "$secs" -le 5 ] || fail_with "fzvm took $secs s (the fake sleeps 60 s)"
pid=$(cat "$W/usable.pid" 2>/dev/null)
[ -n "$pid" ] && ! alive "$pid" ||
	fail_with "the fake QEMU (pid $pid) still runs"
end

begin "KVM usable: the probe runs the boots' CPU model under KVM, tiny"
probe usable
for a in "-accel kvm" "-cpu host" "-m 16" "-debugcon stdio" \
	"-global isa-debugcon.iobase=0x402" "-nodefaults" "-no-reboot"; do
	case " $args " in
	*" $a "*) ;;
	*) fail_with "no '$a' in the probe's arguments: $args" ;;
	esac
done
case " $args " in
*" -kernel "*) fail_with "the probe boots a kernel: $args" ;;
esac
end

begin "KVM present, QEMU failing: tcg, with QEMU's own error line"
probe msr
expect "exit status" "$rc" 0
expect "decision" "$out" \
	"tcg: KVM unusable: qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69"
expect "QEMU starts" "$starts" 1
end

begin "KVM present, QEMU exits silently: tcg, the exit status named"
probe silent
expect "decision" "$out" \
	"tcg: KVM unusable: QEMU exited with status 1 before the guest ran"
end

begin "no KVM: tcg, the device named, QEMU not started"
KVM_DEV=$W/no-such-kvm probe usable
expect "exit status" "$rc" 0
expect "decision" "$out" "tcg: no KVM: $W/no-such-kvm: No such file or directory"
expect "QEMU starts" "$starts" 0
end

begin "--accel tcg and --accel kvm: taken as given, no probe"
probe usable --accel tcg
expect "tcg" "$out" "tcg: as --accel tcg asks"
expect "QEMU starts for tcg" "$starts" 0
probe msr --accel kvm
expect "kvm" "$out" "kvm: as --accel kvm asks"
expect "QEMU starts for kvm" "$starts" 0
end

begin "--accel: a bad value is a usage error"
out=$("$FZVM" --probe-accel --accel xen 2>&1)
expect "exit status" "$?" 2
expect_match "message" "$out" 'accel xen: auto, kvm or tcg'
end

finish
