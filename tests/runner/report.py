#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks fzrun's reports with real parsers, and answers questions about
them for run.sh.

  report.py validate DIR            results.json and junit.xml parse, have
                                    kirk's keys and agree with each other
  report.py get DIR NAME PATH       value at PATH (dot separated) of the
                                    first result of test NAME
  report.py names DIR               test names in results.json, one a line
  report.py count DIR PATH          value at PATH of the top-level object
  report.py junit DIR NAME          kind of the testcase NAME in junit.xml:
                                    pass, failure, error or skipped
"""
import json
import sys
import xml.etree.ElementTree as ET

STATUSES = {"pass", "fail", "brok", "conf", "warn"}
COUNTS = ("failed", "passed", "broken", "skipped", "warnings")


def load(d):
    with open(d + "/results.json", encoding="utf-8") as f:
        return json.load(f)


def walk(obj, path):
    for key in path.split("."):
        if isinstance(obj, list):
            obj = obj[int(key)]
        else:
            obj = obj[key]
    return obj


def fail(msg):
    print("report.py: " + msg, file=sys.stderr)
    sys.exit(1)


def validate(d):
    r = load(d)
    for key in ("results", "stats", "environment"):
        if key not in r:
            fail("results.json: no '%s'" % key)
    for key in ("runtime",) + COUNTS:
        if not isinstance(r["stats"].get(key), (int, float)):
            fail("results.json: stats.%s missing" % key)
    # kirk's environment keys (libkirk/export.py)
    for key in ("distribution", "distribution_version", "kernel", "cmdline",
                "arch", "cpu", "swap", "RAM"):
        if not isinstance(r["environment"].get(key), str):
            fail("results.json: environment.%s missing" % key)
    sums = dict.fromkeys(COUNTS, 0)
    for res in r["results"]:
        name = res.get("test_fqn")
        if not isinstance(name, str) or not name:
            fail("results.json: result without test_fqn")
        if res.get("status") not in STATUSES:
            fail("%s: bad status %r" % (name, res.get("status")))
        t = res.get("test")
        if not isinstance(t, dict):
            fail("%s: no 'test' object" % name)
        if not isinstance(t.get("command"), str) or \
           not isinstance(t.get("arguments"), list) or \
           not isinstance(t.get("log"), str):
            fail("%s: command/arguments/log missing" % name)
        rv = t.get("retval")
        if not (isinstance(rv, list) and rv and all(isinstance(x, str) for x in rv)):
            fail("%s: retval is not a list of strings" % name)
        if not isinstance(t.get("duration"), (int, float)):
            fail("%s: duration missing" % name)
        for c in COUNTS:
            if not isinstance(t.get(c), int):
                fail("%s: %s missing" % (name, c))
            sums[c] += t[c]
        if t.get("result") != res["status"]:
            fail("%s: result differs from status" % name)
        if not isinstance(res.get("fzsync"), dict):
            fail("%s: no fzsync extras" % name)
    for c in COUNTS:
        if sums[c] != r["stats"][c]:
            fail("stats.%s is %d, results add up to %d" % (c, r["stats"][c], sums[c]))

    root = ET.parse(d + "/junit.xml").getroot()
    if root.tag != "testsuites":
        fail("junit.xml: root is <%s>" % root.tag)
    cases = root.findall("./testsuite/testcase")
    if int(root.get("tests")) != len(cases):
        fail("junit.xml: tests=%s but %d testcases" % (root.get("tests"), len(cases)))
    for kind, attr in (("failure", "failures"), ("error", "errors"),
                       ("skipped", "skipped")):
        n = sum(1 for c in cases if c.find(kind) is not None)
        if int(root.get(attr)) != n:
            fail("junit.xml: %s=%s but %d <%s>" % (attr, root.get(attr), n, kind))
    ran = r["fzsync"]["tests"] - r["fzsync"]["outcomes"]["not run"]
    if ran != len(r["results"]):
        fail("results.json: %d results for %d tests run" % (len(r["results"]), ran))
    if len(cases) != r["fzsync"]["tests"]:
        fail("junit.xml: %d testcases for %d tests" % (len(cases), r["fzsync"]["tests"]))


def junit_kind(d, name):
    root = ET.parse(d + "/junit.xml").getroot()
    for c in root.iter("testcase"):
        if c.get("name") == name:
            for kind in ("failure", "error", "skipped"):
                if c.find(kind) is not None:
                    return kind
            return "pass"
    return "missing"


def main():
    cmd, d = sys.argv[1], sys.argv[2]
    if cmd == "validate":
        validate(d)
    elif cmd == "get":
        for res in load(d)["results"]:
            if res["test_fqn"] == sys.argv[3]:
                v = walk(res, sys.argv[4])
                print(json.dumps(v) if not isinstance(v, str) else v)
                return
        fail("no result for " + sys.argv[3])
    elif cmd == "names":
        for res in load(d)["results"]:
            print(res["test_fqn"])
    elif cmd == "count":
        print(walk(load(d), sys.argv[3]))
    elif cmd == "junit":
        print(junit_kind(d, sys.argv[3]))
    else:
        fail("unknown command " + cmd)


if __name__ == "__main__":
    main()
