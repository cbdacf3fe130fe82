#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Read the results of an fzsync LAVA job back from its log.

usage: lava/results.py summary LOG     what LAVA recorded, in short
       lava/results.py cases LOG       the test cases: set, name, result, seconds
       lava/results.py json LOG [-o F] fzrun's results.json of the run

LOG is a LAVA job log: the output of lava-run, or the log lava-server
keeps (lavacli jobs logs --raw JOB), one YAML mapping a line with "lvl"
and "msg"; or a device's plain console output (for json). The test
definition prints results.json between FZSYNC-RESULTS-JSON lines,
gzipped and in base64 (lava/testdef/fzsync-lava.sh); its size and
SHA-256 come with it, so a console line the kernel printed into the
middle cannot go unnoticed.
"""
import argparse
import base64
import gzip
import hashlib
import json
import re
import sys

try:
    import yaml
    LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
except ImportError:  # plain console logs need no YAML
    yaml = None

BEGIN = re.compile(r"FZSYNC-RESULTS-JSON BEGIN encoding=gzip\+base64 "
                   r"bytes=(\d+) sha256=([0-9a-f]{64})")
END = "FZSYNC-RESULTS-JSON END"
BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")


class LogError(Exception):
    pass


def read_log(path):
    """The log's entries: dicts with lvl and msg; a line that is not
    LAVA's YAML counts as a line of the device ("target")"""
    entries = []
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            entry = None
            if yaml and line.startswith("{") and '"lvl"' in line:
                try:
                    entry = yaml.load(line, Loader=LOADER)
                except yaml.YAMLError:
                    entry = None
            if not isinstance(entry, dict) or "lvl" not in entry:
                entry = {"lvl": "target", "msg": line}
            entries.append(entry)
    return entries


def results(entries):
    return [e["msg"] for e in entries
            if e["lvl"] == "results" and isinstance(e.get("msg"), dict)]


def test_cases(entries):
    """Test cases of the test definitions, in the order LAVA got them"""
    return [r for r in results(entries) if r.get("definition") != "lava"]


def lava_results(entries):
    """LAVA's own results: the job, each test definition's run, actions"""
    return [r for r in results(entries) if r.get("definition") == "lava"]


def target_lines(entries):
    for e in entries:
        if e["lvl"] == "target" and isinstance(e.get("msg"), str):
            yield e["msg"]


def results_json(entries):
    """fzrun's results.json, the last one the log holds; None if none"""
    found = None
    lines = iter(target_lines(entries))
    for line in lines:
        m = BEGIN.search(line)
        if not m:
            continue
        size, digest = int(m.group(1)), m.group(2)
        chunks = []
        for line in lines:
            if END in line:
                break
            line = line.strip()
            if BASE64_LINE.match(line):
                chunks.append(line)
        else:
            raise LogError("results.json in the log is cut off (no %s)" % END)
        try:
            data = gzip.decompress(base64.b64decode("".join(chunks)))
        except (ValueError, OSError, EOFError) as e:
            raise LogError("results.json in the log does not decode: %s" % e)
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            raise LogError("results.json in the log is damaged: %d bytes, "
                           "expected %d with sha256 %s (a console line "
                           "inside it?)" % (len(data), size, digest))
        found = json.loads(data)
    return found


def job_result(entries):
    for r in lava_results(entries):
        if r.get("case") == "job":
            return r
    return None


def summary(entries):
    out = []
    job = job_result(entries)
    if job:
        out.append("job: %s%s" % (job.get("result"),
                   " (%s error: %s)" % (job.get("error_type", "unknown"),
                                        job.get("error_msg", "?"))
                   if job.get("result") != "pass" else ""))
    else:
        out.append("job: no result (the log ends before the job did)")
    for r in lava_results(entries):
        if r.get("case") != "job" and r.get("uuid") and "duration" in r:
            out.append("test definition %s: %s, %s s" %
                       (r["case"], r["result"], r["duration"]))
    cases = test_cases(entries)
    sets = {}
    for c in cases:
        key = (c.get("definition"), c.get("set", ""))
        sets.setdefault(key, {}).setdefault(c["result"], 0)
        sets[key][c["result"]] += 1
    for (definition, tset), counts in sets.items():
        out.append("%s%s: %s" % (definition, "/" + tset if tset else "",
                   ", ".join("%d %s" % (n, res)
                             for res, n in sorted(counts.items()))))
    out.append("%d test cases" % len(cases))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["summary", "cases", "json"])
    ap.add_argument("log")
    ap.add_argument("-o", "--output", help="json: write to this file")
    a = ap.parse_args()
    try:
        entries = read_log(a.log)
        if a.what == "summary":
            print(summary(entries))
        elif a.what == "cases":
            for c in test_cases(entries):
                print("%s\t%s\t%s\t%s" % (c.get("set", ""), c["case"],
                                          c["result"],
                                          c.get("measurement", "")))
        else:
            res = results_json(entries)
            if res is None:
                raise LogError("no results.json in %s (the run did not end, "
                               "or fzrun wrote none)" % a.log)
            text = json.dumps(res, indent=1) + "\n"
            if a.output:
                with open(a.output, "w") as f:
                    f.write(text)
            else:
                sys.stdout.write(text)
    except (OSError, LogError) as e:
        sys.exit("results.py: %s" % e)


if __name__ == "__main__":
    main()
