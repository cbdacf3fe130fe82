#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare the test cases LAVA recorded with fzrun's results.json of the
same run, one for one: the same tests in the same order, each in the
test set of its runtest list, with the LAVA result doc/lava.md gives
for its fzrun outcome and its duration as the measurement.

usage: tests/lava/compare.py --log LAVA_LOG [--results results.json]
       tests/lava/compare.py --cases CASES.tsv --results results.json

--log reads the test cases from a LAVA job log (and results.json from
the same log unless given); --cases from lines "set<TAB>name<TAB>result
<TAB>seconds" (tests/lava/fzlava.sh's fake LAVA helpers write them).
Prints one line per difference; exit status 1 if there is one.
"""
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "lava"))
import results as lava_log  # noqa: E402  lava/results.py

# doc/lava.md, "How the results map": fzrun's outcome -> LAVA's result
LAVA_RESULT = {
    "pass": "pass",
    "conf": "skip",
    "known": "skip",
    "fail": "fail",
    "brok": "fail",
    "warn": "fail",
    "interrupted": "unknown",
}
# results.json keeps durations to the millisecond, as the measurement
SECONDS_TOLERANCE = 0.0015


def expected_cases(res):
    repeated = res["fzsync"]["settings"].get("iterations", 1) > 1
    out = []
    for r in res["results"]:
        fz = r["fzsync"]
        name = r["test_fqn"]
        if repeated:  # fzrun -i N: NAME.1 ... NAME.N
            name += ".%d" % fz["iteration"]
        out.append((fz["suite"], name, LAVA_RESULT.get(fz["outcome"], "?"),
                    float(r["test"]["duration"])))
    return out


def read_cases_tsv(path):
    out = []
    with open(path) as f:
        for line in f:
            s, name, result, secs = line.rstrip("\n").split("\t")
            out.append((s, name, result, float(secs) if secs else None))
    return out


def compare(got, want):
    diffs = []
    if len(got) != len(want):
        diffs.append("LAVA has %d test cases, results.json %d tests" %
                     (len(got), len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        what = "test case %d (%s)" % (i + 1, w[1])
        if g[1] != w[1]:
            diffs.append("%s: LAVA's name is %s" % (what, g[1]))
        if g[0] != w[0]:
            diffs.append("%s: in test set %r, its list is %r" %
                         (what, g[0], w[0]))
        if g[2] != w[2]:
            diffs.append("%s: LAVA result %s, expected %s" %
                         (what, g[2], w[2]))
        if g[3] is None or abs(g[3] - w[3]) > SECONDS_TOLERANCE:
            diffs.append("%s: measurement %s s, duration %s s" %
                         (what, g[3], w[3]))
    for g in got[len(want):]:
        diffs.append("LAVA test case %s is no test of results.json" % g[1])
    for w in want[len(got):]:
        diffs.append("test %s has no LAVA test case" % w[1])
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--log")
    src.add_argument("--cases")
    ap.add_argument("--results")
    a = ap.parse_args()
    try:
        if a.log:
            entries = lava_log.read_log(a.log)
            got = [(c.get("set", ""), c["case"], c["result"],
                    c.get("measurement")) for c in lava_log.test_cases(entries)]
            res = None if a.results else lava_log.results_json(entries)
        else:
            got = read_cases_tsv(a.cases)
            res = None
        if a.results:
            with open(a.results) as f:
                res = json.load(f)
        if res is None:
            sys.exit("compare: no results.json in %s" % a.log)
    except (OSError, ValueError, lava_log.LogError) as e:
        sys.exit("compare: %s" % e)
    want = expected_cases(res)
    diffs = compare(got, want)
    for d in diffs:
        print("compare: " + d)
    if diffs:
        return 1
    print("compare: %d LAVA test cases match results.json one for one "
          "(%s)" % (len(got), ", ".join(
              "%d %s" % (n, r) for r, n in
              sorted(collections.Counter(w[2] for w in want).items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
