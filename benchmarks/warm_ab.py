"""Warm runs of two bondlint installs, interleaved in the same rounds with the peers: wall and CPU medians.

On a shared machine ``perf.py``'s ratios move with the load more than with bondlint; running
before and after in the same rounds, and reading the children's CPU time (user + sys) beside
the wall time, compares the two builds under one load.

    python benchmarks/warm_ab.py ROUNDS BEFORE_BONDLINT AFTER_BONDLINT ROOTS_FILE ONE_HOST \\
        CACHE_BEFORE CACHE_AFTER "INSIGHTS_CMD FLEET"

The caches are ``perf.py``'s (CACHE for the fleet, CACHE-one for the one host), already filled.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time

LENSES = ["-L", "-I", "/usr/share/augeas/lenses/dist", "-A"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> None:
    rounds, before, after, roots, host, cache_before, cache_after, insights = argv
    augtool = ["augtool", "-r", host, *LENSES,
               "--transform", "Shellvars incl /etc/sysconfig/network-scripts/ifcfg-*",
               "--transform", "Shellvars incl /etc/sysconfig/network", "--transform", "Modprobe incl /etc/modprobe.conf",
               "--transform", "Xendconfsxp incl /etc/xen/xend-config.sxp", "match /augeas//error"]
    fleet = ["--format", "json", "--jobs", "1", "--cache-dir"]
    commands = {
        "insights": insights.split(),
        "fleet warm before": [before, *fleet, cache_before, f"@{roots}"],
        "fleet warm after": [after, *fleet, cache_after, f"@{roots}"],
        "augtool": augtool,
        "host warm before": [before, "--format", "json", "--cache-dir", cache_before + "-one", host],
        "host warm after": [after, "--format", "json", "--cache-dir", cache_after + "-one", host],
    }
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(int(rounds)):
        for name, command in commands.items():
            started, used = time.perf_counter(), _cpu()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(_cpu() - used)
    for label, times in (("wall", wall), ("CPU (user+sys)", cpu)):
        median = {k: statistics.median(v) for k, v in times.items()}
        print(f"{label}, medians of {rounds}:")
        for name, value in median.items():
            print(f"  {name:18s} {value * 1000:8.1f} ms  (runs: {' '.join(f'{x * 1000:.0f}' for x in times[name])})")
        for what, peer in (("fleet", "insights"), ("host", "augtool")):
            b, a = median[f"{what} warm before"], median[f"{what} warm after"]
            print(f"  {what} warm / {peer}: before {b / median[peer]:.2f}, after {a / median[peer]:.2f}; after/before {a / b:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
