#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compares kirk's JSON report with fzrun's results.json of the same list.

  compare.py KIRK.json FZRUN_RESULTS.json [DIFFER]

Every test must have the same status (pass, fail, brok, conf, warn) and
exit status in both, and fzrun's report must have every key kirk's has,
at every level (fzrun adds its own under "fzsync"). Prints one line per
test; exits 1 on any difference. The names of the tests whose verdicts
differ go to the file DIFFER, one a line.
"""
import json
import sys


def keys_missing(kirk, ours, where, out):
    if isinstance(kirk, dict):
        if not isinstance(ours, dict):
            out.append("%s: not an object" % where)
            return
        for k, v in kirk.items():
            if k not in ours:
                out.append("%s.%s: missing" % (where, k))
            else:
                keys_missing(v, ours[k], where + "." + k, out)
    elif isinstance(kirk, list) and kirk and isinstance(kirk[0], dict):
        if not isinstance(ours, list) or not ours:
            out.append("%s: not a list of objects" % where)
            return
        keys_missing(kirk[0], ours[0], where + "[0]", out)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        kirk = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        ours = json.load(f)
    k = {r["test_fqn"]: r for r in kirk["results"]}
    o = {r["test_fqn"]: r for r in ours["results"]}
    bad = []
    print("%-26s %-6s %-6s %s" % ("test", "kirk", "fzrun", "exit status kirk/fzrun"))
    for name in list(k) + [n for n in o if n not in k]:
        ks = k[name]["status"] if name in k else "-"
        os_ = o[name]["status"] if name in o else "-"
        kr = k[name]["test"]["retval"][0] if name in k else "-"
        orv = o[name]["test"]["retval"][0] if name in o else "-"
        mark = "" if (ks, kr) == (os_, orv) else "   DIFFERENT"
        print("%-26s %-6s %-6s %s/%s%s" % (name, ks, os_, kr, orv, mark))
        if mark:
            bad.append(name)
    for name in bad:
        for who, runs in (("kirk", k), ("fzrun", o)):
            if name in runs:
                log = runs[name]["test"]["log"].rstrip().splitlines()
                print("--- %s, %s's log (end):" % (name, who))
                print("\n".join(log[-15:]))
    missing = []
    keys_missing(kirk, ours, "results.json", missing)
    for m in missing:
        print("layout: " + m)
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w") as f:
            f.write("".join(n + "\n" for n in bad))
    if bad or missing:
        print("compare: %d verdicts differ, %d of kirk's keys missing"
              % (len(bad), len(missing)))
        sys.exit(1)
    print("compare: %d tests, kirk and fzrun agree on every verdict and "
          "exit status; fzrun's results.json has all of kirk's keys" % len(k))


if __name__ == "__main__":
    main()
