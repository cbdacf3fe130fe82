#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Tests of the verification tools without a kernel build or QEMU:
#
#   fzkernel  on a stub kernel source (tests/verify/stub-kernel, whose
#             make copies "sources" to "objects" and logs each compile):
#             the cache key, a cached second request that runs no make,
#             a patched build that recompiles only the patched file from
#             the pristine objects, metadata, and the errors (a fragment
#             that does not hold, a patch that does not apply, bad usage)
#   fzcatch   on canned fzvm results (tests/verify/results): catch counts,
#             times, messages and kernel report lines, false failures,
#             a torn journal line, JSON and Markdown, the exit status
#
# usage: tests/verify/run.sh path/to/fzcatch
# Prints one line per check and "N passed, N failed"; exits 1 on failure.
set -u

[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 path/to/fzcatch" >&2; exit 2; }
FZCATCH=$(realpath "$1")
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/tests/verify
FZKERNEL=${FZKERNEL:-$ROOT/tools/fzkernel/fzkernel}
W=$(mktemp -d /tmp/fzverify-test.XXXXXX)
trap 'rm -rf "$W"' EXIT
pass=0
fail=0

ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
expect() {	# what actual wanted
	if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi
}
expect_match() {	# what text extended-regex
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then ok "$1"
	else bad "$1: '$(printf %s "$2" | head -c 300)' does not match /$3/"; fi
}
jget() {	# file python-expression-on-d
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

# --- fzkernel ---

export STUB_LOG=$W/compiles.log
: >"$STUB_LOG"
SRC=$HERE/stub-kernel
CACHE=$W/cache
fzk() { "$FZKERNEL" -s "$SRC" -C "$CACHE" -c "$HERE/stub.config" --nice 0 "$@"; }
fzkey() { "$FZKERNEL" key -s "$SRC" -C "$CACHE" -c "$HERE/stub.config" "$@"; }
compiles() { grep -c '^CC ' "$STUB_LOG"; }

img=$(fzk 2>"$W/err1"); rc=$?
key=$(fzkey)
expect "pristine build succeeds" "$rc" 0
expect "prints the image path in the cache under the key" "$img" "$CACHE/$key/bzImage"
expect "the stub's three objects are compiled" "$(compiles)" 3
expect_match "progress names the phases" "$(cat "$W/err1")" 'fzkernel \[0:[0-9]{2}\] configuring: defconfig kvm_guest.config'
expect_match "the build time is printed" "$(cat "$W/err1")" 'built kasan in [0-9]+ min [0-9]+ s'
expect_match "the image carries the release with the label" "$(cat "$img" 2>&1)" '^release 6\.1\.999-fz-kasan$'
expect "fragment: an option turned off stays off" "$(grep -c '^CONFIG_DRM=' "$CACHE/$key/config")" 0
expect "fragment: an option turned on is on" "$(grep -c '^CONFIG_KASAN=y$' "$CACHE/$key/config")" 1
expect "metadata: label" "$(jget "$CACHE/$key/meta.json" 'd["label"]')" kasan
expect "metadata: release" "$(jget "$CACHE/$key/meta.json" 'd["release"]')" 6.1.999-fz-kasan
expect "metadata: no patches, no base" "$(jget "$CACHE/$key/meta.json" '(d["patches"], d["base"])')" "([], None)"
expect "metadata: build seconds" "$(jget "$CACHE/$key/meta.json" 'type(d["build_seconds"]).__name__')" int
expect "metadata: config hash is the final .config's" \
	"$(jget "$CACHE/$key/meta.json" 'd["config_sha256"]')" \
	"$(sha256sum "$CACHE/$key/config" | cut -d' ' -f1)"
expect "by-label link" "$(readlink "$CACHE/by-label/kasan")" "../$key"

img2=$(fzk 2>"$W/err2"); rc=$?
expect "second request succeeds" "$rc" 0
expect "second request: same image" "$img2" "$img"
expect "second request runs no make" "$(compiles)" 3
expect_match "second request says it is cached" "$(cat "$W/err2")" "cached: kasan \($key\)"

pimg=$(fzk -p "$HERE/b-bug.patch" 2>"$W/err3"); rc=$?
pkey=$(fzkey -p "$HERE/b-bug.patch")
expect "patched build succeeds" "$rc" 0
expect "patched build has its own key" "$([ "$pkey" != "$key" ] && echo differs)" differs
expect "patched image path" "$pimg" "$CACHE/$pkey/bzImage"
expect "patched build recompiles only the patched file" "$(tail -n +4 "$STUB_LOG")" "CC b.o"
expect_match "patched image has the patch" "$(cat "$pimg" 2>&1)" 'int b = 2; /\* the bug \*/'
expect_match "patched release is labelled from the patch name" "$(cat "$pimg" 2>&1)" '^release 6\.1\.999-fz-b-bug$'
expect "pristine image untouched" "$(grep -c 'int b = 1;' "$img")" 1
expect "metadata: base is the pristine key" "$(jget "$CACHE/$pkey/meta.json" 'd["base"]')" "$key"
expect "metadata: the patch and its hash" \
	"$(jget "$CACHE/$pkey/meta.json" '[(p["path"], p["sha256"]) for p in d["patches"]]')" \
	"[('$HERE/b-bug.patch', '$(sha256sum "$HERE/b-bug.patch" | cut -d' ' -f1)')]"
expect "the patch is off the pristine tree again" "$(cat "$CACHE/$key/tree/b.c")" "int b = 1;"
expect "no patch left recorded as applied" "$(ls -A "$CACHE/$key/tree" | grep -c fzkernel-applied)" 0

cimg=$(fzk -p "$HERE/c-bug.patch" 2>/dev/null); rc=$?
expect "a second patched build succeeds" "$rc" 0
expect "it recompiles its own file and the one the last patch left" \
	"$(tail -n +5 "$STUB_LOG" | sort | tr '\n' ' ')" "CC b.o CC c.o "
expect_match "its image has its patch" "$(cat "$cimg" 2>&1)" 'int c = 3;'
expect "and not the other one" "$(grep -c 'int b = 1;' "$cimg")" 1

# A build killed with a patch on the tree: the next one takes it off
(cd "$CACHE/$key/tree" && patch -s -p1 <"$HERE/b-bug.patch" &&
	mkdir .fzkernel-applied && cp "$HERE/b-bug.patch" .fzkernel-applied/001.patch)
fzk -p "$HERE/c-bug.patch" -l again >/dev/null 2>&1; rc=$?
expect "after a killed build: the next build succeeds" "$rc" 0
expect "and took the left patch off first" "$(grep -c 'int b = 1;' "$CACHE/$(fzkey -p "$HERE/c-bug.patch" -l again)/bzImage")" 1

n=$(compiles)
fzk -p "$HERE/b-bug.patch" >/dev/null 2>&1
expect "second patched request runs no make" "$(compiles)" "$n"
expect "a label of one's own is another key" \
	"$([ "$(fzkey -p "$HERE/b-bug.patch" -l other)" != "$pkey" ] && echo differs)" differs

printf '# CONFIG_A is not set\n' >"$W/other.config"
cat "$HERE/stub.config" >>"$W/other.config"
okey=$("$FZKERNEL" key -s "$SRC" -C "$CACHE" -c "$W/other.config")
expect "another fragment is another key" "$([ "$okey" != "$key" ] && echo differs)" differs
n=$(compiles)
"$FZKERNEL" -s "$SRC" -C "$CACHE" -c "$W/other.config" --nice 0 >/dev/null 2>&1
expect "another fragment builds from scratch" "$(compiles)" $((n + 3))

out=$("$FZKERNEL" -s "$SRC" -C "$CACHE" -c "$HERE/unknown.config" --nice 0 2>&1); rc=$?
expect "a fragment that does not hold fails the build" "$rc" 1
expect_match "and names the option" "$out" 'config: wanted CONFIG_NO_SUCH_OPTION=y, got: CONFIG_NO_SUCH_OPTION absent'

out=$(fzk -p "$HERE/bad.patch" 2>&1); rc=$?
expect "a patch that does not apply fails" "$rc" 1
expect_match "and says so" "$out" 'bad.patch does not apply to the source'
expect "and leaves no cache entry" "$(ls "$CACHE/$(fzkey -p "$HERE/bad.patch")/meta.json" 2>/dev/null)" ""

out=$(fzk --frobnicate 2>&1); rc=$?
expect "unknown option: usage error" "$rc" 2
expect_match "one-line error" "$out" "^fzkernel: unknown argument '--frobnicate'; try fzkernel --help$"
out=$(fzk -p "$W/none.patch" 2>&1); rc=$?
expect "missing patch: usage error" "$rc" 2
out=$(fzk -l 'bad label' 2>&1); rc=$?
expect "bad label: usage error" "$rc" 2
expect "list shows the five builds" "$("$FZKERNEL" list -C "$CACHE" | wc -l)" 5

# --- fzcatch ---

R=$HERE/results
out=$("$FZCATCH" -x "$R/expect" -o "$W/catch" "$R/fzvm" 2>"$W/cerr"); rc=$?
J=$W/catch/catch.json
row() {	# test kernel python-expression-on-r
	jget "$J" "[r for r in d['rows'] if r['test'] == '$1' and r['kernel'] == '$2'][0]$3"
}
BUGK=6.1.192-fz-recvmmsg_close01
FIXK=6.1.192-fz-kasan
expect "fzcatch: a false failure makes the exit status 1" "$rc" 1
expect "fzcatch: catch.md written" "$([ -s "$W/catch/catch.md" ] && echo yes)" yes
expect "caught runs of a bug kernel" "$(row recvmmsg_close01 $BUGK '["caught"]')" 2
expect "runs, counting the crashed one" "$(row recvmmsg_close01 $BUGK '["runs"]')" 3
expect "crashed runs" "$(row recvmmsg_close01 $BUGK '["crashed"]')" 1
expect "median of the failing runs' durations" "$(row recvmmsg_close01 $BUGK '["fail_seconds_median"]')" 8.5
expect "worst failing run" "$(row recvmmsg_close01 $BUGK '["fail_seconds_worst"]')" 12.0
expect "test time until the first catch" "$(row recvmmsg_close01 $BUGK '["first_catch_after_seconds"]')" 12.0
expect "message of the first failing run" "$(row recvmmsg_close01 $BUGK '["message"]')" "kernel panic: Fatal exception"
expect "the KASAN line rather than the fault before it, with the RIP's function" \
	"$(row recvmmsg_close01 $BUGK '["kernel_line"]')" "KASAN: null-ptr-deref in range [0x00000000000001f0-0x00000000000001f7] (RIP: do_recvmmsg+0x3eb/0x610)"
expect "a report's first line cut off the crash excerpt: taken from the boot's console" \
	"$(row inotify_rename_race01 $BUGK '["kernel_line"]')" "BUG: KASAN: slab-out-of-bounds in strcpy+0x9b/0xb0"
expect "a kernel no expectation names" "$(row inotify_rename_race01 $BUGK '["expect"]')" unknown
expect "kernel line from the test's log when kmsg has none" \
	"$(row perf_mmap_close_race01 $BUGK '["kernel_line"]')" "refcount_t: underflow; use-after-free."
expect "expectation matched on fzkernel's label from meta.json" "$(row perf_mmap_close_race01 $BUGK '["expect"]')" bug
expect "build label and patches from meta.json" \
	"$(jget "$J" "[(k['build_label'], k['patches']) for k in d['kernels'] if k['label'] == '$BUGK'][0]")" \
	"('recvmmsg_close01', 'recvmmsg_close01.bug.patch')"
expect "fixed kernel: no false failures" "$(row recvmmsg_close01 $FIXK '["false_failures"]')" 0
expect "fixed kernel: caught is not counted" "$(row recvmmsg_close01 $FIXK '["caught"]')" None
expect "fixed kernel: a false failure" "$(row unix_gc_peek02 $FIXK '["false_failures"]')" 1
expect "a skipped run is counted as skipped" "$(row perf_mmap_close_race01 $FIXK '["skipped"]')" 1
expect "all runs' test time" "$(row recvmmsg_close01 $BUGK '["test_seconds"]')" 47.0
expect "a kernel's boots and VM time from the matrix" \
	"$(jget "$J" "[(k['boots'], k['vm_seconds']) for k in d['kernels'] if k['label'] == '$BUGK'][0]")" \
	"(2, 97.1)"
expect_match "markdown: a bug row" "$out" "^\| recvmmsg_close01 \| $BUGK \| bug \| 2 of 3 \(1 crashed\) \| 3 \| 47\.0 \| 8\.5 \| 12\.0 \| 12\.0 \| - \| kernel panic: Fatal exception \| KASAN: null-ptr-deref in range"
expect_match "markdown: the kernels' table" "$out" "^\| $BUGK \| recvmmsg_close01 \| recvmmsg_close01\.bug\.patch \| 2 \| 97\.1 \|$"
expect_match "markdown: a false failure row" "$out" "^\| unix_gc_peek02 \| $FIXK \| fixed \| 1 false of 1 \|"
expect_match "markdown: a skipped row" "$out" "^\| perf_mmap_close_race01 \| $FIXK \| fixed \| 0 false of 0 \| 1 \| 0\.2 \| - \| - \| - \| 1 conf \|"

grep -v unix_gc_peek02 "$R/fzvm/$FIXK/journal.jsonl" >"$W/j"
mkdir -p "$W/one/$FIXK"
cp "$W/j" "$W/one/$FIXK/journal.jsonl"
"$FZCATCH" -x "$R/expect" "$R/fzvm/$BUGK" "$W/one/$FIXK" >/dev/null 2>&1; rc=$?
expect "fzcatch: every bug caught, no false failure: exit status 0" "$rc" 0
printf 'recvmmsg_close01\t-fz-recvmmsg_close01$\tmaybe\n' >"$W/badexpect"
out=$("$FZCATCH" -x "$W/badexpect" "$R/fzvm" 2>&1); rc=$?
expect "fzcatch: bad expectations line: usage error" "$rc" 2
expect_match "and names the line" "$out" 'badexpect:1: want'
out=$("$FZCATCH" "$W" 2>&1); rc=$?
expect "fzcatch: a directory without results: error" "$rc" 2

echo
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
