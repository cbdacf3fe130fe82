#!/bin/sh
# Check FZSYNC_STATS records and their picture.
#
# usage: ci/check-stats.sh STATS.jsonl FZSVG OUT.svg
#
# Every line must be a JSON record with the fields doc/design.md names,
# every race loop that reached delays must have a histogram whose bin
# counts add up to its iterations since the bins started, and fzsvg
# must draw one panel per such loop.
set -eu

stats=$1 fzsvg=$2 svg=$3

loops=$(python3 - "$stats" <<'PY'
import json, sys

need = ("test", "iterations", "sampling", "stop", "seed", "cpus",
        "placement", "spin_ns", "clock_ns", "range_ns", "bin_ns",
        "widened", "bins_from", "overlaps", "outcomes", "bins")
delayed = 0
for n, line in enumerate(open(sys.argv[1]), 1):
    rec = json.loads(line)
    missing = [k for k in need if k not in rec]
    if missing:
        sys.exit("%s:%d: missing %s" % (sys.argv[1], n, ", ".join(missing)))
    if not rec["bins"]:
        continue
    delayed += 1
    seen = sum(b[0] for b in rec["bins"])
    # Iterations since the bins started (the end of sampling, or the
    # range's last widening), give or take the one that started them
    after = rec["iterations"] - rec["bins_from"]
    if abs(seen - after) > 2:
        sys.exit("%s:%d: bins hold %d offsets for %d delayed iterations"
                 % (sys.argv[1], n, seen, after))
    if any(sum(b[1:]) > b[0] for b in rec["bins"]):
        sys.exit("%s:%d: more outcomes than offsets in a bin" % (sys.argv[1], n))
print(delayed)
PY
)

[ "$loops" -gt 0 ] || { echo "$stats: no race loop reached delays" >&2; exit 1; }
"$fzsvg" -o "$svg" "$stats"
panels=$(grep -c 'font-weight="bold"' "$svg")
[ "$panels" -eq "$loops" ] || {
	echo "$svg: $panels panels for $loops race loops" >&2
	exit 1
}
echo "check-stats: $loops race loops recorded and drawn in $svg"
