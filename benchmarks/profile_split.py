#!/usr/bin/env python3
"""Where a full lint's time goes: read, parse, model, rules, the rest (one process, in-process).

Wall-clock timers around the stage functions (cProfile distorts system calls several-fold on
this machine, so it is not used for the split). Works with the bondlint of the Python that runs
it, before or after the cache existed; pass --no-cache only to a bondlint that has it.

    /path/to/venv/bin/python benchmarks/profile_split.py --format json -j 1 @ROOTS
"""

from __future__ import annotations

import sys
import time

t0 = time.perf_counter()
from bondlint import cli, source  # noqa: E402
import bondlint.host.build as build  # noqa: E402
import bondlint.runner as runner  # noqa: E402

IMPORTED = time.perf_counter() - t0
spent = {"read": 0.0, "parse": 0.0, "build": 0.0, "rules": 0.0}


def timed(owner, name: str, bucket: str) -> None:
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[bucket] += time.perf_counter() - start

    setattr(owner, name, wrapper)


timed(source.Root, "read", "read")
timed(source.Root, "listdir", "read")
timed(build, "parse_text", "parse")
timed(build, "build_host", "build")
timed(runner, "run_rules", "rules")


def main() -> None:
    out, sys.stdout = sys.stdout, open("/dev/null", "w")
    start = time.perf_counter()
    cli.main(sys.argv[1:])
    total = time.perf_counter() - start
    sys.stdout = out
    model = spent["build"] - spent["read"] - spent["parse"]
    rest = total - spent["build"] - spent["rules"]
    rows = [
        ("read (Root.read, Root.listdir)", spent["read"]),
        ("parse (parse_text, incl. lark import and tables)", spent["parse"]),
        ("model (build_host less read and parse)", model),
        ("rules (run_rules, incl. importing them)", spent["rules"]),
        ("rest (CLI, config, registry, output)", rest),
    ]
    print(f"imports before main: {IMPORTED:.3f} s; main: {total:.3f} s")
    for name, seconds in rows:
        print(f"  {name:50s} {seconds:7.3f} s {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
