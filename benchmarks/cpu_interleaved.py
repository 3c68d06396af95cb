#!/usr/bin/env python3
"""Commands timed by CPU as well as wall clock, interleaved: on a shared, loaded machine the
CPU seconds of a process (user+sys, from ``wait4``) move far less than its wall time.

    python benchmarks/cpu_interleaved.py ROUNDS "CMD 1" "CMD 2" ...

Each round runs every command once, in order; the output gives per command the min and median
wall and CPU milliseconds. Standard output and error are discarded.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    rounds, commands = int(argv[0]), argv[1:]
    times: dict[str, tuple[list[float], list[float]]] = {c: ([], []) for c in commands}
    for _ in range(rounds):
        for command in commands:
            start = time.perf_counter()
            proc = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(proc.pid, 0)
            times[command][0].append(time.perf_counter() - start)
            times[command][1].append(usage.ru_utime + usage.ru_stime)
    for command, (wall, cpu) in times.items():
        print(
            f"wall min {1000 * min(wall):7.0f} med {1000 * statistics.median(wall):7.0f} ms | "
            f"cpu min {1000 * min(cpu):7.0f} med {1000 * statistics.median(cpu):7.0f} ms | {command}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
