#!/usr/bin/env python3
"""The read floor: a Python process that reads every file of the roots and does nothing else.

What any Python linter pays before parsing: interpreter start-up, the walk, the reads. Prints
one JSON line: files, bytes.

    python benchmarks/read_floor.py ROOT... | @ROOTS_FILE
"""

from __future__ import annotations

import json
import os
import sys


def roots(argv: list[str]) -> list[str]:
    found: list[str] = []
    for arg in argv:
        if arg.startswith("@"):
            with open(arg[1:], encoding="utf-8") as f:
                found += [line.rstrip("\n") for line in f if line.strip()]
        else:
            found.append(arg)
    return found


def main(argv: list[str]) -> int:
    files = size = 0
    for root in roots(argv):
        for dirpath, _, filenames in os.walk(root):
            for name in filenames:
                with open(os.path.join(dirpath, name), "rb") as f:
                    size += len(f.read())
                files += 1
    print(json.dumps({"files": files, "bytes": size}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
