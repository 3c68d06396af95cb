"""What `--diff` costs over many roots, in one process and in worker processes.

Run from the repo root:  python benchmarks/fix_roots.py [--roots N] [--jobs 1,2]
Copies N fixture hosts that have fixes (both formats, safe and unsafe) into a
temporary folder and times ``bondlint --diff --unsafe-fixes -j J ROOT...`` for each J
(each run a process of its own; ``--diff`` writes nothing, so every run sees the same
files). Prints wall seconds, CPU seconds (user+sys of bondlint and its workers), and the
"would fix" line, which must be the same for every J.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOSTS = Path(__file__).resolve().parent.parent / "fixtures" / "hosts"
SOURCES = (
    "example-broken-host",
    "BL002-bonding-opts-unquoted",
    "BL004-crlf-slave",
    "BL013-bonding-opt-and-nm-controler-el7",
    "BL303-no-link-monitoring",
    "BL402-slave-driver-alias-first",
    "BL512-dhcp-port-without-gatewaydev",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--roots", type=int, default=280)
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()
    bondlint = shutil.which("bondlint") or sys.exit("bondlint is not on PATH (activate the venv)")
    with tempfile.TemporaryDirectory(prefix="bondlint-fix-bench-") as tmp:
        roots = []
        for i in range(args.roots):
            dst = Path(tmp) / f"h{i:05d}"
            shutil.copytree(HOSTS / SOURCES[i % len(SOURCES)], dst, symlinks=True)
            roots.append(str(dst))
        print(f"{args.roots} roots, load average {os.getloadavg()[0]:.1f}")
        for jobs in args.jobs.split(","):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([bondlint, "--diff", "--unsafe-fixes", "-j", jobs, *roots], capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            note = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
            print(f"-j {jobs}: {wall:6.2f} s wall, {cpu:6.2f} s CPU; {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
