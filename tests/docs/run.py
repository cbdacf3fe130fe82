#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs the commands of README.md and doc/runner.md as they are written.

  tests/docs/run.py [KIRK]

Every ```sh block of the two files is run, in order, by a fresh /bin/sh
(an empty environment but PATH and HOME, as in a new login shell) in a
copy of the built source tree, so what the docs say is what works. The
only changes: /opt/fzsync is a directory of the copy, "sudo" runs the
command as it is (root only), and LTP_RUNTIME_MUL=0.05 keeps each
reproducer to a second or two. "kirk" is LTP's kirk at KIRK; without
one, its commands are reported as skipped. "make check" is not run here
(this is part of it): it must be what .ci/run runs.

A command that runs tests (fzrun, make run, kirk) may exit 0 or 1 (a
kernel bug found is fzrun doing its job); any other command must exit
0. Prints a line per command; exits 1 when a command failed.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

DOCS = ("README.md", "doc/runner.md")
PREFIX = "/opt/fzsync"
RUNTIME_MUL = "0.05"
# A block that takes longer has hung
BLOCK_TIMEOUT_S = 1200
RUNS_TESTS = re.compile(r"\bfzrun\b|\bmake run\b|\bkirk\b")
# What the copy leaves out: other builds and earlier results
NOT_COPIED = {"build", "results", ".git"}


def blocks(src, doc):
    """(line number, command) lists of the ```sh blocks of @doc"""
    out, cur = [], None
    with open(os.path.join(src, doc), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if cur is None:
                if line.strip() == "```sh":
                    cur = []
            elif line.strip() == "```":
                out.append(cur)
                cur = None
            else:
                cmd = strip_comment(line).strip()
                if cmd:
                    cur.append((n, cmd))
    return out


def strip_comment(line):
    """@line without a '#' comment outside quotes"""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def copy_tree(src, dst):
    for name in os.listdir(src):
        if name in NOT_COPIED:
            continue
        s, d = os.path.join(src, name), os.path.join(dst, name)
        if os.path.isdir(s) and not os.path.islink(s):
            shutil.copytree(s, d, symlinks=True)
        else:
            shutil.copy2(s, d, follow_symlinks=False)


def main():
    src = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
    kirk = sys.argv[1] if len(sys.argv) > 1 else ""
    if os.path.isdir(kirk):
        kirk = os.path.join(kirk, "kirk")
    if not os.path.isfile(kirk):
        kirk = ""
    root = os.geteuid() == 0
    failed = skipped = ran = 0

    with open(os.path.join(src, ".ci/run"), encoding="utf-8") as f:
        ci = [l.strip() for l in f]

    work = tempfile.mkdtemp(prefix="check-docs.")
    try:
        tree = os.path.join(work, "tree")
        os.mkdir(tree)
        copy_tree(src, tree)
        prefix = os.path.join(tree, PREFIX.lstrip("/"))
        shutil.copy(os.path.join(src, "doc/examples/pipe_close_race.c"),
                    os.path.join(tree, "t.c"))
        bindir = os.path.join(work, "bin")
        os.mkdir(bindir)
        if kirk:
            with open(os.path.join(bindir, "kirk"), "w") as f:
                f.write('#!/bin/sh\nexec python3 "%s" "$@"\n' % kirk)
            os.chmod(os.path.join(bindir, "kirk"), 0o755)
        env = {
            "PATH": bindir + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": os.environ.get("HOME", "/root"),
            "LTP_RUNTIME_MUL": RUNTIME_MUL,
        }

        status_path = os.path.join(work, "status")
        for doc in DOCS:
            for block in blocks(src, doc):
                script = ["cd '%s' || exit 99" % tree,
                          'sudo() { "$@"; }']
                todo = []
                for n, cmd in block:
                    where = "%s:%d" % (doc, n)
                    plain = re.sub(r"^sudo ", "", cmd)
                    if plain == "make check":
                        ok = "make check" in ci
                        todo.append((where, cmd, "%-6s %-18s %s  (.ci/run %s it)" % (
                            "ok" if ok else "FAILED", where, cmd,
                            "runs" if ok else "does not run")))
                        failed += not ok
                        continue
                    if cmd.startswith("sudo ") and not root:
                        todo.append((where, cmd, "SKIP   %-18s %s  (needs root)" % (where, cmd)))
                        skipped += 1
                        continue
                    if re.search(r"\bkirk\b", cmd) and not kirk:
                        todo.append((where, cmd, "SKIP   %-18s %s  (LTP's kirk not found: give its checkout as KIRK=)" % (where, cmd)))
                        skipped += 1
                        continue
                    i = len(todo)
                    todo.append((where, cmd, None))
                    script.append("__t=$(date +%s.%N)")
                    script.append(cmd.replace(PREFIX, prefix))
                    script.append('echo "%d $? $__t $(date +%%s.%%N)" >>\'%s\'' % (i, status_path))
                path = os.path.join(work, "block.sh")
                with open(path, "w") as f:
                    f.write("\n".join(script) + "\n")
                log = os.path.join(work, "block.log")
                open(status_path, "w").close()
                with open(log, "w") as out:
                    p = subprocess.Popen(["/bin/sh", path], env=env,
                                         stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL,
                                         start_new_session=True)
                    try:
                        p.wait(timeout=BLOCK_TIMEOUT_S)
                    except subprocess.TimeoutExpired:
                        os.killpg(p.pid, signal.SIGKILL)
                        p.wait()
                done = {}
                with open(status_path) as st:
                    for line in st:
                        i, code, t0, t1 = line.split()
                        done[int(i)] = (int(code), float(t1) - float(t0))
                bad = False
                for i, (where, cmd, said) in enumerate(todo):
                    if said:
                        print(said)
                        continue
                    ran += 1
                    if i not in done:
                        print("FAILED %-18s %s  (did not finish)" % (where, cmd))
                        failed += 1
                        bad = True
                        continue
                    code, took = done[i]
                    allowed = (0, 1) if RUNS_TESTS.search(cmd) else (0,)
                    ok = code in allowed
                    print("%-6s %-18s %s  (exit status %d, %.1f s)" % (
                        "ok" if ok else "FAILED", where, cmd, code, took))
                    failed += not ok
                    bad |= not ok
                if bad:
                    with open(log, errors="replace") as f:
                        tail = f.read()[-3000:]
                    print("--- output of the block:\n" + tail + "\n---")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("check-docs: %d commands run, %d failed, %d skipped" % (ran, failed, skipped))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
