#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run a LAVA job on this machine, without a LAVA server: the device
# dictionary rendered with the job's context (lava/render-device.py),
# then lava-run, then what LAVA recorded (lava/results.py summary) and
# the run's results.json taken out of the log.
#
# usage: lava/run-local.sh [-d DEVICE_DICT] JOB.yaml OUT_DIR
#
# OUT_DIR gets device.yaml, lava-run.log (lava-run's output: LAVA's job
# log, one YAML mapping a line), summary.txt and, when the run printed
# one, results.json. LAVA's device-type templates come from lava-server
# when it is installed, else from its package, fetched with apt-get
# download and unpacked into build/lava/cache (lava-server itself, a
# Django application, is not needed). Needs lava-dispatcher (lava-run)
# and root, as lava-run does. Exit status: lava-run's, or 2 when
# something it needs is missing.
set -u
cd "$(dirname "$0")/.." || exit 2
TOP=$PWD
DICT=$TOP/lava/devices/qemu-tcg.jinja2
if [ "${1:-}" = -d ]; then
	DICT=$2
	shift 2
fi
[ $# = 2 ] || { echo "usage: lava/run-local.sh [-d DEVICE_DICT] JOB.yaml OUT_DIR" >&2; exit 2; }
job=$1
out=$2

die() {
	echo "run-local: $*" >&2
	exit 2
}

command -v lava-run >/dev/null 2>&1 ||
	die "no lava-run: apt-get install --no-install-recommends lava-dispatcher"
[ -f "$job" ] || die "$job: no such job file"

templates=/usr/share/lava-server/device-types
if [ ! -f "$templates/qemu.jinja2" ]; then
	cache=$TOP/build/lava/cache
	templates=$cache/lava-server/usr/share/lava-server/device-types
	if [ ! -f "$templates/qemu.jinja2" ]; then
		mkdir -p "$cache" || die "cannot create $cache"
		(cd "$cache" && rm -f lava-server_*.deb &&
			apt-get download -q lava-server >/dev/null 2>&1) ||
			die "apt-get download lava-server failed (its device-type templates are needed)"
		dpkg-deb -x "$cache"/lava-server_*.deb "$cache/lava-server" ||
			die "dpkg-deb -x lava-server failed"
		rm -f "$cache"/lava-server_*.deb
	fi
fi

mkdir -p "$out" || die "cannot create $out"
rm -f "$out/results.json" "$out/summary.txt"
python3 "$TOP/lava/render-device.py" --templates "$templates" --dict "$DICT" \
	--job "$job" -o "$out/device.yaml" || die "cannot render $DICT"

# lava-run keeps its work in /var/lib/lava/dispatcher/tmp/JOB_ID: the
# id of this shell keeps two local runs apart
start=$(date +%s)
nice -n 19 lava-run --job-id "$$" --output-dir "$out/lava" \
	--device "$out/device.yaml" "$job" > "$out/lava-run.log" 2>&1
status=$?
end=$(date +%s)

# lava-run ends its QEMU; one that outlived it is ended here, by its id
left=""
for f in /proc/[0-9]*/cmdline; do
	case $({ tr '\0' ' ' < "$f"; } 2>/dev/null) in
	*"/var/lib/lava/dispatcher/tmp/$$/"*)
		pid=${f#/proc/}
		left="$left ${pid%/cmdline}" ;;
	esac
done

python3 "$TOP/lava/results.py" summary "$out/lava-run.log" > "$out/summary.txt"
echo "lava-run: exit status $status, $((end - start)) s" >> "$out/summary.txt"
if [ -n "$left" ]; then
	# shellcheck disable=SC2086 # a list of pids
	kill -KILL $left 2>/dev/null
	echo "run-local: processes of the job left running, killed:$left" >> "$out/summary.txt"
fi
python3 "$TOP/lava/results.py" json "$out/lava-run.log" -o "$out/results.json" 2>> "$out/summary.txt"
cat "$out/summary.txt"
exit "$status"
