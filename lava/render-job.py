#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Render fzsync's LAVA job for a kernel image and a runtest list.

usage: lava/render-job.py --kernel IMAGE [--list races] [options] [-o JOB.yaml]

IMAGE, --ramdisk and --testdef are URLs (http://, https://, file://) or
local paths, which become file:// URLs: a local dispatcher (lava-run)
reads them as they are, a lab's dispatchers need URLs they can fetch.
The template is lava/jobs/qemu-x86_64.yaml unless --template names
another with the same fields.
"""
import argparse
import json
import math
import os
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
# fzrun's per-test timeout when none is given (doc/runner.md)
FZRUN_DEFAULT_TIMEOUT = 600
# Minutes of the test action beyond its tests: start, the report's output
TEST_MARGIN_MINUTES = 5
# Minutes of the job beyond deploy, boot and test
JOB_MARGIN_MINUTES = 10
DEPLOY_MINUTES = 5
# The kernel's console for LAVA; panic=-1 reboots on a panic, which ends
# QEMU (-no-reboot) and the job; tsc=reliable keeps CLOCK_MONOTONIC
# steady under TCG (doc/stable-tree.md, "How it works")
KERNEL_ARGS = "console=ttyS0,115200 panic=-1 tsc=reliable"
QEMU_OPTIONS = ["-smp 2", "-no-reboot"]


def die(msg):
    sys.exit("render-job: " + msg)


def url(path_or_url, what):
    if "://" in path_or_url:
        return path_or_url
    if not os.path.isfile(path_or_url):
        die("%s %s: no such file" % (what, path_or_url))
    return "file://" + os.path.abspath(path_or_url)


def count_tests(lists):
    """Tests in the source tree's runtest lists, or None if one is not there"""
    n = 0
    for name in lists.split(","):
        path = name if "/" in name else os.path.join(TOP, "runtest", name)
        if not os.path.isfile(path):
            return None
        with open(path) as f:
            n += sum(1 for line in f if line.strip() and
                     not line.lstrip().startswith("#"))
    return n


def positive(text):
    v = float(text)
    if not v > 0:
        raise argparse.ArgumentTypeError("must be above 0: %s" % text)
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernel", required=True, help="kernel image (bzImage)")
    ap.add_argument("--ramdisk", default="build/lava/ramdisk.cpio.gz")
    ap.add_argument("--testdef", default="build/lava/fzsync-testdef.tar.gz")
    ap.add_argument("--root", default="/opt/fzsync",
                    help="the tree's PREFIX on the device (FZSYNC_ROOT)")
    ap.add_argument("--list", default="races",
                    help="runtest lists of the tree, comma separated")
    ap.add_argument("--test-timeout", type=positive,
                    help="per-test timeout in seconds (fzrun -t)")
    ap.add_argument("--known-issues", default="",
                    help="known-issues file on the device; none: no "
                         "known issues; default: the tree's")
    ap.add_argument("--select", default="",
                    help="only tests whose name matches (fzrun -s)")
    ap.add_argument("--fzrun-args", default="", help="more fzrun options")
    ap.add_argument("--runtime-mul", type=positive, help="LTP_RUNTIME_MUL")
    ap.add_argument("--timeout-mul", type=positive, help="LTP_TIMEOUT_MUL")
    ap.add_argument("--kernel-args", default="",
                    help="more kernel parameters")
    ap.add_argument("--qemu-opt", action="append", default=[],
                    help="more QEMU options (repeatable)")
    ap.add_argument("--boot-minutes", type=positive, default=5)
    ap.add_argument("--test-minutes", type=positive,
                    help="test action timeout; default: every test "
                         "running into its timeout")
    ap.add_argument("--name", help="job name")
    ap.add_argument("--template",
                    default=os.path.join(HERE, "jobs", "qemu-x86_64.yaml"))
    ap.add_argument("-o", "--output", help="job file (default: stdout)")
    a = ap.parse_args()

    # this tree's runtest/NAME (as make vm-run takes it) is NAME on the device
    runtest = os.path.join(TOP, "runtest")
    lists = ",".join(
        os.path.basename(x) if "/" in x and
        os.path.dirname(os.path.abspath(x)) == runtest else x
        for x in a.list.split(","))
    if not lists or any(not x for x in lists.split(",")):
        die("--list: runtest list names, comma separated: %r" % lists)
    kernel_args = KERNEL_ARGS + (" " + a.kernel_args if a.kernel_args else "")
    if '"' in kernel_args:
        die("--kernel-args: no double quotes (they end QEMU's -append)")
    for opt in ("root", "list", "known_issues", "select", "fzrun_args"):
        # LAVA writes each parameter as NAME='value' into a shell script
        if "'" in getattr(a, opt):
            die("--%s: no single quotes (LAVA quotes parameters with them)"
                % opt.replace("_", "-"))
    if a.test_minutes:
        test_minutes = a.test_minutes
    else:
        n = count_tests(lists)
        if n is None:
            die("--list %s: not a list of this tree's runtest/: give "
                "--test-minutes" % lists)
        per_test = (a.test_timeout or FZRUN_DEFAULT_TIMEOUT) * \
            max(a.timeout_mul or 1, 1)
        test_minutes = n * per_test / 60 + TEST_MARGIN_MINUTES
    test_minutes = math.ceil(test_minutes)
    boot_minutes = math.ceil(a.boot_minutes)
    list_name = "-".join(os.path.basename(x) for x in lists.split(","))
    q = json.dumps  # a JSON string is a YAML scalar

    fields = {
        "job_name": q(a.name or "fzsync %s on %s" %
                      (lists, os.path.basename(a.kernel))),
        "job_minutes": test_minutes + boot_minutes + DEPLOY_MINUTES +
        JOB_MARGIN_MINUTES,
        "boot_minutes": boot_minutes,
        "test_minutes": test_minutes,
        "qemu_options": q(QEMU_OPTIONS + a.qemu_opt),
        "kernel_image_arg": q('-kernel {kernel} -append "%s"' % kernel_args),
        "kernel_url": q(url(a.kernel, "--kernel")),
        "ramdisk_url": q(url(a.ramdisk, "--ramdisk (make lava-ramdisk)")),
        "testdef_url": q(url(a.testdef, "--testdef (make lava-testdef)")),
        "testdef_name": q("fzsync-" + list_name),
        "root": q(a.root),
        "list": q(lists),
        "test_timeout": q("%g" % a.test_timeout if a.test_timeout else ""),
        "known_issues": q(a.known_issues),
        "select": q(a.select),
        "fzrun_args": q(a.fzrun_args),
        "runtime_mul": q("%g" % a.runtime_mul if a.runtime_mul else ""),
        "timeout_mul": q("%g" % a.timeout_mul if a.timeout_mul else ""),
    }
    with open(a.template) as f:
        try:
            job = string.Template(f.read()).substitute(fields)
        except (KeyError, ValueError) as e:
            die("%s: bad or unknown field %s" % (a.template, e))
    if a.output:
        with open(a.output, "w") as f:
            f.write(job)
    else:
        sys.stdout.write(job)


if __name__ == "__main__":
    main()
