#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A fake test for fzrun's full-disk cases: sets how much room the last
page of the run's journal has, then optionally fills the file system.

  journal_room.py DIR ROOM [fill]

DIR is the results directory. ROOM is a number of bytes, or "next-start"
for room for the next test_end line and half of the next test_start line,
measured on the lines of the tests before (the next journal write that
does not fit is then the next test's start, when its process is already
forked). The journal gets a padding event ({"event":"pad",...}, which
readers ignore) of the length that leaves that room; with "fill" the file
system is then filled up, so that only that room is left.
"""
import errno
import os
import sys

PAD_HEAD = b'{"event":"pad","pad":"'
PAD_TAIL = b'"}\n'


def line_len(lines, event):
    tag = b'"event":"%s"' % event
    return max(len(l) + 1 for l in lines if tag in l)


def main():
    d, room = sys.argv[1], sys.argv[2]
    fill = sys.argv[3:] == ["fill"]
    path = os.path.join(d, "journal.jsonl")
    page = os.sysconf("SC_PAGESIZE")

    if room == "next-start":
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")[:-1]
        room = line_len(lines, b"test_end") + line_len(lines, b"test_start") // 2
    room = int(room)

    size = os.path.getsize(path)
    pad = (page - room - size) % page
    while pad < len(PAD_HEAD) + len(PAD_TAIL):
        pad += page
    with open(path, "ab") as f:
        f.write(PAD_HEAD + b"x" * (pad - len(PAD_HEAD) - len(PAD_TAIL)) + PAD_TAIL)

    if fill:
        fd = os.open(os.path.join(d, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
        block = b"\0" * page
        try:
            while True:
                os.write(fd, block)
        except OSError as e:
            if e.errno != errno.ENOSPC:
                raise
        os.close(fd)


if __name__ == "__main__":
    main()
