#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Side-by-side benchmark of fuzzy sync against LTP (make bench-ltp).

Runs the same programs built against LTP and against the project
alternately (LTP, project, LTP, project ...) for several rounds, each run
under a deadline, and prints the medians per side, their ratio and the
target per case. Programs: LTP's fuzzy-sync self-tests (wall time and
results) and bench/fzshape (hits and iterations per second per race
shape and mode, and the empty race loop); with --loop, reproducers
(the catalogue's, LTP's inotify09 and cve-2016-7117), iterations per
second of their race loops at equal runtime, counted by
bench/loop_count.h.

usage: bench_ltp.py --ltp-bin DIR --project-bin DIR --out DIR [options]
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

SELFTESTS = ["tst_fuzzy_sync01", "tst_fuzzy_sync02", "tst_fuzzy_sync03"]

# Targets of the library work; the benchmark reports whether they are met
WALL_TARGET = {"tst_fuzzy_sync01": 0.5, "tst_fuzzy_sync02": 0.5,
               "tst_fuzzy_sync03": 1.0}
BLIND_TARGET = 3.0
BLIND_GEOMEAN_TARGET = 5.0
FEEDBACK_TARGET = 30.0
EMPTY_TARGET = 1.3
LOOP_TARGET = 2.0

# A fzshape run may take this much longer than its runtime (start,
# calibration, joining thread B) before it counts as hung
BENCH_SLACK_S = 20

LOOP_RE = re.compile(r"^bench-loop: iterations=(\d+) seconds=([0-9.]+)"
                     r"(?: work_a_ns=([0-9.]+))?(?: segs_a_ns=([0-9.,]+))?\s*$", re.M)
LOOP_B_RE = re.compile(r"^bench-loop-b: iterations=(\d+) work_b_ns=([0-9.]+)"
                       r"(?: segs_b_ns=([0-9.,]+))?\s*$", re.M)

SUMMARY_RE = re.compile(r"^(passed|failed|broken|skipped|warnings)\s+(\d+)\s*$",
                        re.M)
# The project's end-of-loop line: the loop's length and its sampling's
LOOP_TIMES_RE = re.compile(r"Loop ended .*; ([0-9.]+)s, ([0-9.]+)s of it sampling")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def read_first(path, default="?"):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": model,
        "cpus_online": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "kernel": platform.release(),
        "clocksource": read_first(
            "/sys/devices/system/clocksource/clocksource0/current_clocksource"),
    }


def loadavg():
    return " ".join(read_first("/proc/loadavg").split()[:3])


def git_head(tree):
    try:
        out = subprocess.run(["git", "-C", tree, "describe", "--always",
                              "--dirty"], capture_output=True, text=True,
                             timeout=10)
        return out.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def process_tree(root):
    """root and all its descendants, from the parent links in /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces: fields follow its last ')'
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def kill_tree(root):
    """SIGKILL a run's processes: the harnesses fork the test into a
    process group of its own, so killing root's group is not enough.
    Stopped first, so that none forks or is re-parented meanwhile."""
    for sig in (signal.SIGSTOP, signal.SIGKILL):
        for pid in process_tree(root):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass


def run_one(argv, env_extra, deadline):
    """Run argv in its own process group; kill the group at the deadline.

    Return (exit status or None on timeout, seconds, combined output)."""
    env = dict(os.environ)
    env.update(env_extra)
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=deadline)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)
        out, _ = proc.communicate()
        status = None
    return status, time.monotonic() - start, out


def parse_fzshape(out):
    for line in out.splitlines():
        if line.startswith("fzshape: lib="):
            kv = dict(f.split("=", 1) for f in line.split()[1:])
            for k, v in kv.items():
                try:
                    kv[k] = float(v) if "." in v else int(v)
                except ValueError:
                    pass
            return kv
    return None


def list_cases(binary, env):
    status, _, out = run_one([binary, "-c", "list"], env, 60)
    cases = {}
    for line in out.splitlines():
        if line.startswith("fzshape: case="):
            kv = dict(f.split("=", 1) for f in line.split()[1:])
            cases[kv["case"]] = {"modes": kv["modes"].split(","),
                                 "ideal": float(kv.get("ideal", 0)),
                                 "hit_period_min_ns": int(kv.get("hit_period_min_ns", 0)),
                                 "hit_chance_max": float(kv.get("hit_chance_max", 1)),
                                 "hits_s_max": float(kv.get("hits_s_max", 0)),
                                 "timing": kv.get("timing"),
                                 "window_ns": [int(x) for x in kv["window_ns"].split(":")]
                                 if "window_ns" in kv else None}
    if status != 0 or not cases:
        sys.exit("bench-ltp: %s -c list failed:\n%s" % (binary, out))
    return cases


def critical_path(found_a, found_b):
    """The iteration's own code, stretch by stretch, ns (None if unknown).

    Every call of the race loop is a barrier, so A's k-th stretch of own
    code between two calls runs beside B's k-th and no other: no library
    makes an iteration shorter than the sum over k of the longer of the
    two. B's loops pair with A's in order when there are as many; with
    none (B in a process of its own) A's stretches count alone; with
    some, which loop a B line belongs to is not known. Weighted by A's
    iterations over the loops.
    """
    if found_b and len(found_b) != len(found_a):
        return None
    paths = []
    for i, (n, _, _, segs_a) in enumerate(found_a):
        segs_b = found_b[i][2] if found_b else "0"
        if not segs_a or not segs_b:
            return None
        a = [float(x) for x in segs_a.split(",")]
        b = [float(x) for x in segs_b.split(",")]
        k = max(len(a), len(b))
        a, b = a + [0.0] * (k - len(a)), b + [0.0] * (k - len(b))
        paths.append((int(n), sum(max(x, y) for x, y in zip(a, b))))
    return weighted_mean(paths)


def weighted_mean(pairs):
    """The mean of per-loop means, weighted by the loops' iterations."""
    n = sum(k for k, _ in pairs)
    return sum(k * v for k, v in pairs) / n if n else None


def median(xs):
    return statistics.median(xs) if xs else None


def fmt(x, digits=3):
    if x is None:
        return "-"
    if x == 0:
        return "0"
    if abs(x) >= 10 ** digits:
        return "%.0f" % x
    return "%.*g" % (digits, x)


class Bench:
    def __init__(self, args):
        self.args = args
        self.project_env = dict(kv.split("=", 1) for kv in args.project_env.split())
        self.sides = [("ltp", args.ltp_bin, {})] if args.ltp_bin else []
        self.sides.append(("project", args.project_bin, self.project_env))
        self.runs = []
        self.ideal = {}
        self.period_min = {}
        self.hit_chance = {}
        self.hits_s_max = {}
        self.windows = {}

    def bench_plan(self):
        """[(case, mode, [sides])] in run order."""
        cases = {side: list_cases(os.path.join(d, "fzshape"), env)
                 for side, d, env in self.sides}
        self.ideal = {c: v["ideal"] for c, v in cases["project"].items()}
        self.period_min = {c: v["hit_period_min_ns"]
                           for c, v in cases["project"].items()}
        self.hit_chance = {c: v["hit_chance_max"]
                           for c, v in cases["project"].items()}
        self.hits_s_max = {c: v["hits_s_max"]
                           for c, v in cases["project"].items()}
        self.windows = {c: (v["timing"], v["window_ns"])
                        for c, v in cases["project"].items() if v["window_ns"]}
        plan = []
        for case, info in cases["project"].items():
            if self.args.cases and case not in self.args.cases:
                continue
            for mode in info["modes"]:
                if self.args.modes and mode not in self.args.modes:
                    continue
                sides = [s for s, _, _ in self.sides
                         if mode in cases[s].get(case, {}).get("modes", [])]
                plan.append((case, mode, sides))
        return plan

    def save_log(self, rnd, name, out):
        d = os.path.join(self.args.out, "logs", "round%d" % rnd)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, name + ".log")
        with open(path, "w") as f:
            f.write(out)
        return path

    def run_bench(self, rnd, case, mode, side):
        d, env = {s: (d, e) for s, d, e in self.sides}[side]
        argv = [os.path.join(d, "fzshape"), "-c", case, "-m", mode,
                "-I", str(self.args.runtime)]
        status, wall, out = run_one(argv, env,
                                    2 * self.args.runtime + BENCH_SLACK_S)
        res = parse_fzshape(out)
        run = {"kind": "bench", "round": rnd, "case": case, "mode": mode,
               "side": side, "status": status, "wall": wall,
               "hit_period_min_ns": self.period_min.get(case, 0),
               "hit_chance_max": self.hit_chance.get(case, 1),
               "hits_s_max": self.hits_s_max.get(case, 0),
               "timing": self.windows.get(case, (None, None))[0],
               "window_ns": self.windows.get(case, (None, None))[1],
               "log": self.save_log(rnd, "%s-%s-%s" % (case, mode, side), out)}
        if status != 0 or res is None:
            run["error"] = ("timed out" if status is None else
                            "exit status %s" % status)
            log("%s %s %s %s: FAILED (%s)" % (self.progress(), case, mode,
                                               side, run["error"]))
        else:
            run.update(res)
            run["iter_s"] = res["iterations"] / res["seconds"]
            run["hits_s"] = res.get("hits", 0) / res["seconds"]
            log("%s %-11s %-8s %-7s %9s hits/s %9s it/s" % (
                self.progress(), case, mode, side,
                fmt(run["hits_s"]) if case != "empty" else "-",
                fmt(run["iter_s"])))
        self.runs.append(run)

    def run_selftest(self, rnd, test, side):
        d, env = {s: (d, e) for s, d, e in self.sides}[side]
        status, wall, out = run_one([os.path.join(d, test)], env,
                                    self.args.selftest_deadline)
        counts = {k: int(v) for k, v in SUMMARY_RE.findall(out)}
        passed = (status == 0 and counts.get("passed", 0) > 0 and
                  not any(counts.get(k, 0) for k in
                          ("failed", "broken", "skipped")))
        # Time the project's loops spent after sampling: the rest of the
        # run is sampling, which the test's min_samples fixes, and setup
        delayed = [float(t) - float(s) for t, s in LOOP_TIMES_RE.findall(out)]
        run = {"kind": "selftest", "round": rnd, "case": test, "side": side,
               "status": status, "wall": wall, "counts": counts,
               "passed": passed,
               "delayed_s": sum(delayed) if delayed else None,
               "log": self.save_log(rnd, "%s-%s" % (test, side), out)}
        log("%s %-16s %-7s %7.1f s  %s" % (
            self.progress(), test, side, wall,
            "killed at the deadline" if status is None else
            "TPASS %d TFAIL %d TCONF %d TBROK %d%s" % (
                counts.get("passed", 0), counts.get("failed", 0),
                counts.get("skipped", 0), counts.get("broken", 0),
                "" if passed else "  NOT PASSED")))
        self.runs.append(run)

    def run_loop(self, rnd, test, side):
        d, env = {s: (d, e) for s, d, e in self.sides}[side]
        # A test may run several loops (tcnt) and sets its own floor
        # (.min_runtime): a generous deadline
        status, wall, out = run_one(
            [os.path.join(d, "loops", test), "-I", str(self.args.runtime)],
            env, 20 * max(self.args.runtime, 15) + BENCH_SLACK_S)
        found = LOOP_RE.findall(out)
        found_b = LOOP_B_RE.findall(out)
        loops = [(int(n), float(t)) for n, t, _, _ in found]
        counts = {k: int(v) for k, v in SUMMARY_RE.findall(out)}
        run = {"kind": "loop", "round": rnd, "case": test, "side": side,
               "status": status, "wall": wall, "counts": counts,
               "loops": len(loops),
               "log": self.save_log(rnd, "loop-%s-%s" % (test, side), out)}
        if loops and sum(t for _, t in loops) > 0:
            run["iterations"] = sum(n for n, _ in loops)
            run["seconds"] = sum(t for _, t in loops)
            run["iter_s"] = run["iterations"] / run["seconds"]
            # Each thread's own code per iteration, over all its loops
            work = [weighted_mean([(int(n), float(w)) for n, _, w, _ in found if w]),
                    weighted_mean([(int(n), float(w)) for n, w, _ in found_b])]
            work = [w for w in work if w]
            if work:
                run["work_ns"] = max(work)
            path = critical_path(found, found_b)
            if path:
                run["path_ns"] = path
        log("%s %-23s %-7s %9s it/s in %d loop(s), status %s" % (
            self.progress(), test, side, fmt(run.get("iter_s")), len(loops),
            "killed at the deadline" if status is None else status))
        self.runs.append(run)

    def progress(self):
        self.done += 1
        return "[round %d, run %d/%d]" % (self.round, self.done, self.total)

    def run(self):
        plan = self.bench_plan()
        selftests = [] if self.args.no_selftests else [
            t for t in SELFTESTS
            if all(os.path.exists(os.path.join(d, t)) for _, d, _ in self.sides)]
        shutil.rmtree(os.path.join(self.args.out, "logs"), ignore_errors=True)
        self.done = 0
        loops = [t for t in (self.args.loops or [])
                 if all(os.path.exists(os.path.join(d, "loops", t))
                        for _, d, _ in self.sides)]
        self.total = self.args.rounds * (sum(len(s) for _, _, s in plan) +
                                         (len(selftests) + len(loops)) *
                                         len(self.sides))
        for rnd in range(1, self.args.rounds + 1):
            self.round = rnd
            for case, mode, sides in plan:
                for side in sides:
                    self.run_bench(rnd, case, mode, side)
            for test in loops:
                for side, _, _ in self.sides:
                    self.run_loop(rnd, test, side)
            for test in selftests:
                for side, _, _ in self.sides:
                    self.run_selftest(rnd, test, side)
        self.loops = loops
        return plan, selftests

    def values(self, case, mode, side, key):
        return [r[key] for r in self.runs
                if r["kind"] == "bench" and r["case"] == case and
                r["mode"] == mode and r["side"] == side and key in r]


def ratio(p, l, lo_floor=None):
    """project/LTP and whether it is only a lower bound (LTP at 0)."""
    if p is None or l is None:
        return None, False
    if l > 0:
        return p / l, False
    if lo_floor and p > 0:
        return p / lo_floor, True
    return None, False


def met(r, bound, target, upper=False):
    if r is None:
        return "-"
    if upper:  # smaller is better: r <= target
        if bound == "upper":
            return "met" if r <= target else "unknown"
        return "met" if r <= target else "not met"
    if bound == "lower":
        return "met" if r >= target else "unknown"
    return "met" if r >= target else "not met"


def summarise(b, plan, selftests):
    args = b.args
    have_ltp = any(s == "ltp" for s, _, _ in b.sides)
    # One hit in a whole run: the floor for a ratio over an LTP median of 0
    one_hit = 1.0 / args.runtime
    rows, blind_ratios = [], []
    for case, mode, sides in plan:
        if case == "empty":
            continue
        p_hits = median(b.values(case, mode, "project", "hits_s"))
        p_iter = median(b.values(case, mode, "project", "iter_s"))
        if mode == "feedback":
            # Against LTP's best effort for the shape: blind or its bias idiom
            cands = [(m, median(b.values(case, m, "ltp", "hits_s")))
                     for m in ("blind", "bias")]
            cands = [c for c in cands if c[1] is not None]
            ref_mode, l_hits = max(cands, key=lambda c: c[1]) if cands else (None, None)
            l_iter = median(b.values(case, ref_mode, "ltp", "iter_s")) if ref_mode else None
            target = FEEDBACK_TARGET
            ref = "LTP %s" % ref_mode if ref_mode else "-"
        else:
            l_hits = median(b.values(case, mode, "ltp", "hits_s"))
            l_iter = median(b.values(case, mode, "ltp", "iter_s"))
            target = BLIND_TARGET if mode == "blind" else None
            ref = "LTP %s" % mode
        r, lower = ratio(p_hits, l_hits, one_hit)
        if mode == "blind" and r is not None:
            blind_ratios.append((r, lower))
        # The shape's best offset, its chance over its iterations'
        # length (shapes.h); from a listing without it, one hit per
        # longer section at the best chance, a looser bound
        cap = b.hits_s_max.get(case)
        if not cap and b.period_min.get(case):
            cap = b.hit_chance.get(case, 1) * 1e9 / b.period_min[case]
        ceiling = cap / l_hits if cap and l_hits else None
        verdict = ((met(r, "lower" if lower else None, target)
                    if r is not None else "unknown") if target else "-")
        rows.append({"case": case, "mode": mode, "against": ref,
                     "ltp_hits_s": l_hits, "project_hits_s": p_hits,
                     "ratio": r, "ratio_lower_bound": lower,
                     "ceiling": ceiling,
                     "ltp_iter_s": l_iter, "project_iter_s": p_iter,
                     "target": target,
                     "met": out_of_reach(verdict, ceiling, target)})
    geo = None
    if blind_ratios and all(r > 0 for r, _ in blind_ratios):
        geo = math.exp(sum(math.log(r) for r, _ in blind_ratios) / len(blind_ratios))
    geo_lower = any(lo for _, lo in blind_ratios)
    blind_shapes = sum(1 for c, m, _ in plan if m == "blind" and c != "empty")

    joint = blind_joint(b, rows)
    tiling = blind_tiling(b, rows)

    empty = None
    if any(c == "empty" for c, _, _ in plan):
        l = median(b.values("empty", "blind", "ltp", "iter_s"))
        p = median(b.values("empty", "blind", "project", "iter_s"))
        r, _ = ratio(p, l)
        empty = {"ltp_iter_s": l, "project_iter_s": p, "ratio": r,
                 "target": EMPTY_TARGET, "met": met(r, None, EMPTY_TARGET)}

    st = []
    for test in selftests:
        row = {"test": test, "target": WALL_TARGET[test]}
        for side, _, _ in b.sides:
            runs = [r for r in b.runs if r["kind"] == "selftest" and
                    r["case"] == test and r["side"] == side]
            row[side] = {
                "wall": [r["wall"] for r in runs],
                "median": median([r["wall"] for r in runs]),
                "timeouts": sum(r["status"] is None for r in runs),
                "passed_rounds": sum(r["passed"] for r in runs),
                "rounds": len(runs),
                "marks": [mark(r) for r in runs],
                "counts": [r["counts"] for r in runs],
            }
        if have_ltp:
            l, p = row["ltp"], row["project"]
            r = p["median"] / l["median"] if l["median"] else None
            # Timed-out runs count as the deadline: a lower bound of the
            # real time, so with LTP timing out the ratio is an upper bound
            bound = None
            if l["timeouts"] * 2 >= l["rounds"] and not p["timeouts"]:
                bound = "upper"
            elif p["timeouts"] * 2 >= p["rounds"] and not l["timeouts"]:
                bound = "lower"
            elif l["timeouts"] or p["timeouts"]:
                bound = "mixed"
            row["ratio"] = r
            row["ratio_bound"] = bound
            # The project's wall time with every delayed phase taking no
            # time: what is left is sampling and setup
            rest = [r_["wall"] - r_["delayed_s"] for r_ in b.runs
                    if r_["kind"] == "selftest" and r_["case"] == test and
                    r_["side"] == "project" and r_["status"] is not None and
                    r_.get("delayed_s") is not None]
            row["floor"] = (median(rest) / l["median"]
                            if rest and l["median"] else None)
            row["met"] = ("unknown" if bound in ("lower", "mixed") and r is not None
                          else met(r, bound, row["target"], upper=True))
        st.append(row)
    lp = []
    for test in getattr(b, "loops", []):
        row = {"test": test, "target": LOOP_TARGET}
        for side, _, _ in b.sides:
            runs = [r for r in b.runs if r["kind"] == "loop" and
                    r["case"] == test and r["side"] == side]
            row[side] = {
                "iter_s": median([r["iter_s"] for r in runs if "iter_s" in r]),
                "iterations": median([r["iterations"] for r in runs
                                      if "iterations" in r]),
                "loops": median([r["loops"] for r in runs]),
                "marks": [loop_mark(r) for r in runs],
            }
        if have_ltp:
            r, _ = ratio(row["project"]["iter_s"], row["ltp"]["iter_s"])
            row["ratio"] = r
            # The test's own code, the same source on both sides: the
            # smaller of the two medians, so the ceiling errs high
            work = [median([r["work_ns"] for r in b.runs if r["kind"] == "loop" and
                            r["case"] == test and r["side"] == side and
                            "work_ns" in r]) for side in ("ltp", "project")]
            work = [w for w in work if w]
            path = [median([r["path_ns"] for r in b.runs if r["kind"] == "loop" and
                            r["case"] == test and r["side"] == side and
                            "path_ns" in r]) for side in ("ltp", "project")]
            path = [p for p in path if p]
            l_iter = row["ltp"]["iter_s"]
            row["work_ns"] = min(work) if work else None
            row["path_ns"] = min(path) if path else None
            least = row["path_ns"] or row["work_ns"]
            row["ceiling"] = 1e9 / least / l_iter if least and l_iter else None
            row["met"] = out_of_reach(met(r, None, LOOP_TARGET),
                                      row["ceiling"], LOOP_TARGET)
        lp.append(row)
    return {"bench": rows, "blind_geomean": geo, "loops": lp, "blind_geomean_lower_bound": geo_lower,
            "blind_geomean_shapes": [len(blind_ratios), blind_shapes],
            "blind_geomean_target": BLIND_GEOMEAN_TARGET,
            "blind_geomean_met": met(geo, "lower" if geo_lower else None,
                                     BLIND_GEOMEAN_TARGET),
            "blind_joint": joint, "blind_tiling": tiling,
            "empty": empty, "selftests": st}


def blind_joint(b, rows):
    """Groups of shapes no blind schedule can all take to the target.

    Shapes of the same section timing look the same to a library that
    gets no outcomes: one schedule, one distribution of start offsets,
    for all of them. An iteration's offset lies in at most one of a set
    of disjoint windows, so meeting the target on each of them takes at
    least the target times the sum of LTP's hits per second over them,
    in iterations per second; no iteration is shorter than the longer
    section. Returns, per group where that is more than one iteration
    per longer section allows, the set of windows with the largest sum.
    """
    by_timing = {}
    for r in rows:
        info = b.windows.get(r["case"])
        if r["mode"] != "blind" or not info or not r["ltp_hits_s"]:
            continue
        by_timing.setdefault(info[0], []).append((r["case"], info[1], r["ltp_hits_s"]))
    out = []
    for timing, shapes in sorted(by_timing.items()):
        best, best_sum = [], 0.0
        for mask in range(1, 1 << len(shapes)):
            pick = [s for i, s in enumerate(shapes) if mask >> i & 1]
            if any(not (p[1][1] <= q[1][0] or q[1][1] <= p[1][0])
                   for i, p in enumerate(pick) for q in pick[i + 1:]):
                continue
            total = sum(p[2] for p in pick)
            if total > best_sum:
                best, best_sum = pick, total
        period = b.period_min.get(best[0][0]) if best else None
        if not period or len(best) < 2:
            continue
        need, cap = BLIND_TARGET * best_sum, 1e9 / period
        out.append({"timing": timing, "shapes": [p[0] for p in best],
                    "windows_ns": [p[1] for p in best],
                    "ltp_hits_s": best_sum, "needed_hits_s": need,
                    "ceiling_hits_s": cap, "reachable": need <= cap})
    return out


def blind_tiling(b, rows):
    """The blind target at every position of a group's window, not at a few.

    Shapes of one section timing whose windows have one width are
    positions of that window in the overlap range. Windows of that width
    laid side by side over the range hold each of LTP's iterations whose
    offset lies in the range in exactly one of them, so LTP's hits per
    second summed over all positions are its iterations per second in
    the range. Taking every position to the target then takes the target
    times that, against one hit per longer section: where that is more,
    a blind schedule meets the target at the group's positions only by
    favouring them over the rest of the range.
    """
    groups = {}
    for r in rows:
        info = b.windows.get(r["case"])
        if r["mode"] == "blind" and info and r["ltp_iter_s"]:
            width = info[1][1] - info[1][0]
            groups.setdefault((info[0], width), []).append(r)
    out = []
    for (timing, width), shapes in sorted(groups.items()):
        cases = [r["case"] for r in shapes]
        ltp = [r for r in b.runs if r["kind"] == "bench" and
               r["side"] == "ltp" and r["mode"] == "blind" and
               r["case"] in cases and "iterations" in r and r["seconds"] > 0]
        # A run that never left sampling ran undelayed, at the natural
        # alignment, in the range; it recorded no offsets of its own
        in_range = median([r["offset_in_range"] if r["sampling_iterations"] >= 0
                           else 1.0 for r in ltp])
        period = b.period_min.get(cases[0])
        if in_range is None or not period:
            continue
        it_s = median([r["ltp_iter_s"] for r in shapes])
        need, cap = BLIND_TARGET * it_s * in_range, 1e9 / period
        out.append({"timing": timing, "shapes": cases,
                    "window_width_ns": width,
                    "range_ns": [ltp[0]["range_lo"], ltp[0]["range_hi"]],
                    "ltp_iter_s": it_s, "ltp_in_range": in_range,
                    "needed_hits_s": need, "ceiling_hits_s": cap,
                    "reachable": need <= cap})
    return out


def out_of_reach(verdict, ceiling, target):
    """A target above the ceiling no library reaches in this run."""
    if verdict == "not met" and ceiling is not None and ceiling < target:
        return "out of reach"
    return verdict


def loop_mark(run):
    """How a reproducer run ended: its LTP result bits, or killed."""
    if run["status"] is None:
        return "T"
    c = run["counts"]
    return "".join(k for k, n in (("F", c.get("failed", 0)),
                                  ("B", c.get("broken", 0)),
                                  ("C", c.get("skipped", 0))) if n) or "ok"


def mark(run):
    if run["status"] is None:
        return "T"
    if run["passed"]:
        return "ok"
    c = run["counts"]
    return "".join(k for k, n in (("F", c.get("failed", 0)),
                                  ("B", c.get("broken", 0)),
                                  ("C", c.get("skipped", 0))) if n) or "X"


def diagnostics(b, plan):
    """Sampling and realised offsets per shape, side and mode (medians)."""
    out = []
    for case, mode, sides in plan:
        if case == "empty":
            continue
        for side in sides:
            runs = [r for r in b.runs if r["kind"] == "bench" and
                    r["case"] == case and r["mode"] == mode and
                    r["side"] == side and "iterations" in r]
            if not runs:
                continue
            sampled = [r for r in runs if r["sampling_iterations"] >= 0]
            delayed = [r["iterations"] - r["sampling_iterations"] for r in sampled]
            hd = [r["hits_delayed"] for r in sampled]
            out.append({
                "case": case, "mode": mode, "side": side,
                "runs": len(runs), "delayed_runs": len(sampled),
                "sampling_iterations": median([r["sampling_iterations"] for r in sampled]),
                "sampling_seconds": median([r["sampling_seconds"] for r in sampled]),
                "range": [runs[0]["range_lo"], runs[0]["range_hi"]],
                "offset_p1": median([r["offset_p1"] for r in sampled]),
                "offset_p50": median([r["offset_p50"] for r in sampled]),
                "offset_p99": median([r["offset_p99"] for r in sampled]),
                "offset_in_range": median([r["offset_in_range"] for r in sampled]),
                # Hits per delayed iteration over the uniform ideal
                "delayed_vs_ideal": median([h / d / b.ideal[case]
                                            for h, d in zip(hd, delayed) if d > 0])
                if b.ideal.get(case) else None,
            })
    return out


def ratio_str(r, lower=False, bound=None):
    if r is None:
        return "-"
    s = "%.2f" % r if r < 10 else fmt(r)
    if lower or bound == "lower":
        return ">= " + s
    if bound == "upper":
        return "<= " + s
    if bound == "mixed":
        return "~" + s
    return s


def render(b, summary, diag, header):
    L = []
    L.append("# fzsync vs LTP: side-by-side benchmark")
    L.append("")
    for k, v in header:
        L.append("- %s: %s" % (k, v))
    L.append("")
    have_ltp = any(s == "ltp" for s, _, _ in b.sides)
    if summary["selftests"] and have_ltp:
        L.append("## LTP's fuzzy-sync self-tests: wall time")
        L.append("")
        L.append("Per round: ok passed; C TCONF, F TFAIL, B TBROK; T killed at "
                 "the deadline (its wall time is then the deadline, a lower bound). "
                 "Sampling floor: the project's wall time less the time its race "
                 "loops ran after sampling (from their end-of-loop lines), over "
                 "LTP's median: the ratio if every delayed phase took no time, "
                 "with the sampling the tests' min_samples ask for and the "
                 "process's setup left.")
        L.append("")
        L.append("| test | LTP median s | project median s | project/LTP | sampling floor | target | met | LTP rounds | project rounds |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |")
        for row in summary["selftests"]:
            l, p = row["ltp"], row["project"]
            L.append("| %s | %.1f | %.1f | %s | %s | <= %.1f | %s | %s | %s |" % (
                row["test"], l["median"], p["median"],
                ratio_str(row["ratio"], bound=row["ratio_bound"]),
                fmt(row.get("floor")),
                row["target"], row["met"], rounds_str(l), rounds_str(p)))
        L.append("")
        L.append("Results per round (TPASS/TFAIL/TCONF/TBROK):")
        L.append("")
        for row in summary["selftests"]:
            for side in ("ltp", "project"):
                s = row[side]
                L.append("- %s %s: %s" % (row["test"], side, ", ".join(
                    "%s %.1fs (%d/%d/%d/%d)" % (m, w, c.get("passed", 0),
                                                c.get("failed", 0),
                                                c.get("skipped", 0),
                                                c.get("broken", 0))
                    for m, w, c in zip(s["marks"], s["wall"], s["counts"]))))
        L.append("")
    L.append("## Race shapes: hits per second over the whole race loop")
    L.append("")
    L.append("Medians over the rounds; the loop runs the same runtime on both "
             "sides, sampling included. Feedback (project only) is compared with "
             "LTP's best for the shape: blind, or with its add_bias idiom where "
             "that applies. \">=\": LTP's median was 0 hits, the ratio is taken "
             "over one hit per run; \"-\": no hits on either side. Ceiling: "
             "the most any library could reach against LTP's median: at the "
             "best offset between the sections' starts, the chance an iteration "
             "hits over its mean length from the earlier start to the later end "
             "(with jitter the window moves with the jitters' difference, drawn "
             "after the starts); \"out of reach\": a target above it.")
    L.append("")
    L.append("| shape | mode | against | LTP hits/s | project hits/s | project/LTP | ceiling | target | met | LTP it/s | project it/s |")
    L.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
    for r in summary["bench"]:
        L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["case"], r["mode"], r["against"], fmt(r["ltp_hits_s"]),
            fmt(r["project_hits_s"]),
            ratio_str(r["ratio"], r["ratio_lower_bound"]),
            ratio_str(r.get("ceiling"), bound="upper"),
            ">= %g" % r["target"] if r["target"] else "-", r["met"],
            fmt(r["ltp_iter_s"]), fmt(r["project_iter_s"])))
    L.append("")
    if summary["blind_geomean"] is not None:
        n, total = summary["blind_geomean_shapes"]
        L.append("Blind, geometric mean of project/LTP over %s: %s "
                 "(target >= %g: %s)" % (
                     "the %d shapes" % n if n == total else
                     "the %d of %d shapes with hits" % (n, total),
                     ratio_str(summary["blind_geomean"],
                               summary["blind_geomean_lower_bound"]),
                     BLIND_GEOMEAN_TARGET, summary["blind_geomean_met"]))
        L.append("")
    for j in summary.get("blind_joint") or []:
        L.append("Blind, %gx on each of %s together (section lengths %s ns, "
                 "disjoint windows %s): LTP hit them %s times per second in all; "
                 "%gx that is %s hits/s, %s the %s that one hit per longer section "
                 "allows: %s." % (
                     BLIND_TARGET, ", ".join(j["shapes"]), j["timing"],
                     ", ".join("(%d, %d)" % tuple(w) for w in j["windows_ns"]),
                     fmt(j["ltp_hits_s"]), BLIND_TARGET, fmt(j["needed_hits_s"]),
                     "within" if j["reachable"] else "above",
                     fmt(j["ceiling_hits_s"]),
                     "reachable in principle" if j["reachable"] else
                     "out of reach for any blind schedule in this run"))
        L.append("")
    for t in summary.get("blind_tiling") or []:
        L.append("Blind, %gx at every position of a %d ns window in the range "
                 "[%d, %d] (%s: %d of them; section lengths %s ns): each of "
                 "LTP's iterations in the range, %s per second (%s%% of its "
                 "offsets), lies in the window of one position, so that takes "
                 "%s hits/s, %s the %s that one hit per longer section allows: "
                 "%s." % (
                     BLIND_TARGET, t["window_width_ns"], t["range_ns"][0],
                     t["range_ns"][1], ", ".join(t["shapes"]), len(t["shapes"]),
                     t["timing"], fmt(t["ltp_iter_s"]),
                     fmt(100 * t["ltp_in_range"]), fmt(t["needed_hits_s"]),
                     "within" if t["reachable"] else "above",
                     fmt(t["ceiling_hits_s"]),
                     "reachable in principle" if t["reachable"] else
                     "a blind schedule meets it at these positions only by "
                     "favouring them over the rest of the range"))
        L.append("")
    e = summary["empty"]
    if e:
        L.append("## Empty race loop")
        L.append("")
        L.append("| LTP it/s | project it/s | project/LTP | target | met |")
        L.append("| ---: | ---: | ---: | ---: | --- |")
        L.append("| %s | %s | %s | >= %g | %s |" % (
            fmt(e["ltp_iter_s"]), fmt(e["project_iter_s"]),
            ratio_str(e["ratio"]), e["target"], e["met"]))
        L.append("")
    if summary.get("loops") and have_ltp:
        L.append("## Reproducers: iterations per second at equal runtime")
        L.append("")
        L.append("Each race loop runs the runtime the harness gives it on both "
                 "sides (-I %d, raised to the test's .min_runtime), counted by "
                 "bench/loop_count.h; medians over the rounds. The catalogue's "
                 "reproducers use project-only calls: on LTP's side "
                 "bench/ltp_shim.h makes tst_fzsync_pair_outcome() a no-op, "
                 "tst_fzsync_pair_verdict() a TPASS and reads LTP's timestamps "
                 "for tst_fzsync_pair_section_outcome(). inotify09 and "
                 "cve-2016-7117 are LTP's, unchanged. Per round: ok, or the "
                 "test's F TFAIL, B TBROK, C TCONF, T killed. Own code: each "
                 "thread's time per iteration outside the library's calls, the "
                 "longer thread's, the smaller median of the two sides. Path: "
                 "the same stretch by stretch, the longer thread's between each "
                 "two calls of the race loop (each is a barrier), summed; no "
                 "library makes an iteration shorter, so ceiling, over the path "
                 "where known, is the most any could reach against LTP's median; "
                 "\"out of reach\": a target above it." % b.args.runtime)
        L.append("")
        L.append("| test | LTP it/s | project it/s | project/LTP | own code us | path us | ceiling | target | met | loops | LTP rounds | project rounds |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |")
        for row in summary["loops"]:
            l, p = row["ltp"], row["project"]
            L.append("| %s | %s | %s | %s | %s | %s | %s | >= %g | %s | %s | %s | %s |" % (
                row["test"], fmt(l["iter_s"]), fmt(p["iter_s"]),
                ratio_str(row["ratio"]),
                fmt(row["work_ns"] / 1e3) if row.get("work_ns") else "-",
                fmt(row["path_ns"] / 1e3) if row.get("path_ns") else "-",
                ratio_str(row.get("ceiling"), bound="upper"), row["target"],
                row["met"] if row["ratio"] is not None else "-",
                fmt(p["loops"]), " ".join(l["marks"]), " ".join(p["marks"])))
        L.append("")
    L.append("## Sampling and realised offsets")
    L.append("")
    L.append("Medians over the runs that left sampling (delayed/runs). Offsets: "
             "B's section start minus A's after sampling, in ns, next to the "
             "overlap range [-len_b, +len_a]; in range: share of offsets inside "
             "it; vs ideal: hits per delayed iteration over the uniform ideal.")
    L.append("")
    L.append("| shape | mode | side | delayed/runs | sampling it | sampling s | range ns | offset p1 | p50 | p99 | in range | vs ideal |")
    L.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for d in diag:
        L.append("| %s | %s | %s | %d/%d | %s | %s | [%d, %d] | %s | %s | %s | %s | %s |" % (
            d["case"], d["mode"], d["side"], d["delayed_runs"], d["runs"],
            fmt(d["sampling_iterations"]), fmt(d["sampling_seconds"]),
            d["range"][0], d["range"][1], fmt(d["offset_p1"], 4),
            fmt(d["offset_p50"], 4), fmt(d["offset_p99"], 4),
            "%.0f%%" % (100 * d["offset_in_range"]) if d["offset_in_range"] is not None else "-",
            fmt(d["delayed_vs_ideal"], 2)))
    L.append("")
    failed = [r for r in b.runs if r.get("error") or
              (r["kind"] == "selftest" and r["status"] is None)]
    if failed:
        L.append("Runs that failed or timed out: %d (their output: logs/)" % len(failed))
        L.append("")
    return "\n".join(L)


def rounds_str(s):
    return "%d/%d passed%s" % (s["passed_rounds"], s["rounds"],
                               "" if s["passed_rounds"] == s["rounds"] else
                               " (" + " ".join(s["marks"]) + ")")


def replay(b, data):
    """Plan, self-tests and ideals of a finished run, from its runs."""
    b.runs = data["runs"]
    sides = {r["side"] for r in b.runs}
    b.sides = [(side, None, {}) for side in ("ltp", "project") if side in sides]
    plan, selftests, b.ideal = [], [], {}
    b.loops = []
    for r in b.runs:
        if r["kind"] == "loop":
            if r["case"] not in b.loops:
                b.loops.append(r["case"])
            continue
        if r["kind"] == "selftest":
            if r["case"] not in selftests:
                selftests.append(r["case"])
            continue
        if "ideal" in r:
            b.ideal[r["case"]] = r["ideal"]
        if r.get("hit_period_min_ns"):
            b.period_min[r["case"]] = r["hit_period_min_ns"]
        if "hit_chance_max" in r:
            b.hit_chance[r["case"]] = r["hit_chance_max"]
        if r.get("hits_s_max"):
            b.hits_s_max[r["case"]] = r["hits_s_max"]
        if r.get("window_ns"):
            b.windows[r["case"]] = (r["timing"], r["window_ns"])
        entry = next((e for e in plan if e[:2] == (r["case"], r["mode"])), None)
        if entry is None:
            plan.append((r["case"], r["mode"], [r["side"]]))
        elif r["side"] not in entry[2]:
            entry[2].append(r["side"])
    return plan, selftests


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ltp-bin", help="directory of the programs built against LTP")
    ap.add_argument("--project-bin",
                    help="directory of the programs built against the project")
    ap.add_argument("--out", required=True, help="results directory")
    ap.add_argument("--ltp-tree", default="", help="the LTP tree, for the record")
    ap.add_argument("--source-tree", default=".", help="the project tree, for the record")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--runtime", type=int, default=3,
                    help="seconds per race-shape run (fzshape -I)")
    ap.add_argument("--selftest-deadline", type=float, default=90,
                    help="seconds after which a self-test run is killed")
    ap.add_argument("--project-env", default="",
                    help="VAR=VALUE ... set for the project's side only")
    ap.add_argument("--case", dest="cases", action="append",
                    help="only this case (repeatable)")
    ap.add_argument("--mode", dest="modes", action="append",
                    help="only this mode (repeatable)")
    ap.add_argument("--no-selftests", action="store_true")
    ap.add_argument("--loop", dest="loops", action="append",
                    help="a reproducer in BIN/loops/ (repeatable)")
    ap.add_argument("--command", default="", help="the command line, for the record")
    ap.add_argument("--from-json", metavar="FILE",
                    help="no runs: tabulate the runs of an earlier results.json")
    args = ap.parse_args()
    if args.rounds < 1 or args.runtime < 1:
        sys.exit("bench-ltp: rounds and runtime must be >= 1")
    if not args.project_bin and not args.from_json:
        sys.exit("bench-ltp: --project-bin or --from-json is required")

    b = Bench(args)
    if args.from_json:
        with open(args.from_json) as f:
            data = json.load(f)
        args.runtime = data.get("settings", {}).get("runtime", args.runtime)
        m, settings = data["machine"], data.get("settings", {})
        header = list(data["header"].items())
        plan, selftests = replay(b, data)
        # Runs recorded before the windows and the chances were: the
        # project's fzshape lists them (its shapes are the runs' when
        # built from one tree)
        listing = os.path.join(args.project_bin or "", "fzshape")
        if os.path.exists(listing):
            cases = list_cases(listing, {})
            if not b.windows:
                b.windows = {c: (v["timing"], v["window_ns"])
                             for c, v in cases.items() if v["window_ns"]}
            for c, v in cases.items():
                b.period_min.setdefault(c, v["hit_period_min_ns"])
                b.hit_chance.setdefault(c, v["hit_chance_max"])
                if v["hits_s_max"]:
                    b.hits_s_max.setdefault(c, v["hits_s_max"])
    else:
        started = datetime.datetime.now(datetime.timezone.utc)
        load_start = loadavg()
        m = machine()
        settings = {"rounds": args.rounds, "runtime": args.runtime,
                    "selftest_deadline": args.selftest_deadline,
                    "project_env": args.project_env}
        header = [
            ("date", started.strftime("%Y-%m-%d %H:%M UTC")),
            ("machine", "%s, %d CPUs online (%d usable), kernel %s, clock source %s" % (
                m["cpu"], m["cpus_online"], m["cpus_usable"], m["kernel"],
                m["clocksource"])),
            ("project", git_head(args.source_tree)),
            ("LTP", args.ltp_tree or "none (project side only)"),
            ("rounds", "%d, alternating LTP and project; race shapes %d s per run, "
             "self-tests killed after %.0f s" % (args.rounds, args.runtime,
                                                 args.selftest_deadline)),
            ("project environment", args.project_env or "none"),
        ]
        if args.command:
            header.insert(0, ("command", "`%s`" % args.command))
        log("bench-ltp: %s" % "; ".join("%s: %s" % kv for kv in header))
        if args.project_env:
            log("bench-ltp: the project's side runs with %s" % args.project_env)

        plan, selftests = b.run()

        header.append(("load average (1, 5, 15 min)", "%s at the start, %s at the end" % (
            load_start, loadavg())))
        header.append(("duration", "%.0f s" % (
            datetime.datetime.now(datetime.timezone.utc) - started).total_seconds()))

    summary = summarise(b, plan, selftests)
    diag = diagnostics(b, plan)
    text = render(b, summary, diag, header)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"header": dict(header), "machine": m, "settings": settings,
                   "summary": summary, "diagnostics": diag, "runs": b.runs},
                  f, indent=1)
    print(text)
    print("\nbench-ltp: wrote %s and results.json" % os.path.join(args.out, "results.md"))

    bad = [r for r in b.runs if r.get("error")]
    if bad:
        sys.exit("bench-ltp: %d benchmark run(s) failed or timed out, see results.json"
                 % len(bad))


if __name__ == "__main__":
    main()
