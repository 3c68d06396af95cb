#!/usr/bin/env python3
"""Where a full lint's time goes: read, parse, model, rules, the rest (one process, in-process).

Wall-clock and CPU-time timers around the stage functions (cProfile distorts system calls
several-fold on this machine, so it is not used for the split; on a shared, loaded machine the
CPU seconds are the steadier figure). Works with the bondlint of the Python that runs
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
cpu = dict(spent)


def timed(owner, name: str, bucket: str) -> None:
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            spent[bucket] += time.perf_counter() - start
            cpu[bucket] += time.process_time() - start_cpu

    setattr(owner, name, wrapper)


timed(source.Root, "read", "read")
timed(source.Root, "listdir", "read")
timed(build, "parse_text", "parse")
timed(build, "build_host", "build")
timed(runner, "run_rules", "rules")


def main() -> None:
    out, sys.stdout = sys.stdout, open("/dev/null", "w")
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        cli.main(sys.argv[1:])
    except SystemExit:
        pass
    total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    sys.stdout = out

    def split(s: dict[str, float], whole: float) -> list[tuple[str, float]]:
        return [
            ("read (Root.read, Root.listdir)", s["read"]),
            ("parse (parse_text, incl. parser imports and tables)", s["parse"]),
            ("model (build_host less read and parse)", s["build"] - s["read"] - s["parse"]),
            ("rules (run_rules, incl. importing them)", s["rules"]),
            ("rest (CLI, config, registry, output)", whole - s["build"] - s["rules"]),
        ]

    print(f"imports before main: {IMPORTED:.3f} s; main: {total:.3f} s wall, {total_cpu:.3f} s CPU")
    for (name, seconds), (_, cpu_seconds) in zip(split(spent, total), split(cpu, total_cpu)):
        print(
            f"  {name:52s} {seconds:7.3f} s {100 * seconds / total:5.1f} % | CPU {cpu_seconds:7.3f} s"
            f" {100 * cpu_seconds / total_cpu:5.1f} %"
        )


if __name__ == "__main__":
    main()
