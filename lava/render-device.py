#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Render a LAVA device dictionary with a job's context, as lava-server
does before it hands a job to a dispatcher: the device configuration
lava-run --device takes.

usage: lava/render-device.py --templates DIR --job JOB.yaml
                             [--dict lava/devices/qemu-tcg.jinja2] [-o DEVICE.yaml]

DIR holds LAVA's device-type templates (qemu.jinja2, base.jinja2):
/usr/share/lava-server/device-types of lava-server, or the same
directory unpacked from its package (dpkg-deb -x). Needs python3-jinja2
and python3-yaml, which lava-dispatcher depends on.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--templates", required=True)
    ap.add_argument("--job", required=True)
    ap.add_argument("--dict",
                    default=os.path.join(HERE, "devices", "qemu-tcg.jinja2"))
    ap.add_argument("-o", "--output")
    a = ap.parse_args()
    try:
        import jinja2
        import yaml
    except ImportError as e:
        sys.exit("render-device: %s (apt-get install python3-jinja2 "
                 "python3-yaml)" % e)
    if not os.path.isfile(os.path.join(a.templates, "qemu.jinja2")):
        sys.exit("render-device: no qemu.jinja2 in %s: not LAVA's "
                 "device-type templates" % a.templates)
    with open(a.job) as f:
        context = (yaml.safe_load(f) or {}).get("context", {})
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([os.path.dirname(
            os.path.abspath(a.dict)), a.templates]),
        trim_blocks=True, autoescape=False)
    text = env.get_template(os.path.basename(a.dict)).render(**context)
    yaml.safe_load(text)  # what lava-run reads must be YAML
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
