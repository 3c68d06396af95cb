"""Timings that the tests assert without a clock: deep xend nesting, and a host of many files.

Run from the repo root:  python benchmarks/scaling.py
(tests/syntax/test_sxp.py asserts "no recursion" under a shallow stack, and
tests/host/test_build.py "linear growth" in function calls; this prints seconds.)
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.syntax.sxp import parse

SCRIPTS = "etc/sysconfig/network-scripts"


def sxp_depth(depth: int) -> str:
    text = "(" * depth + "x" + ")" * depth
    start = time.process_time()
    parse(text, None)
    return f"xend-config.sxp nested {depth:,} deep: {time.process_time() - start:.2f} CPU-s"


def host_of(n: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        scripts = Path(tmp) / SCRIPTS
        scripts.mkdir(parents=True)
        (scripts / "ifcfg-bond0").write_text('DEVICE=bond0\nBONDING_OPTS="mode=1 miimon=100"\n')
        for i in range(n):
            (scripts / f"ifcfg-eth{i}").write_text(f"DEVICE=eth{i}\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n")
        start = time.perf_counter()
        build_host(classify(tmp))
        return f"host model of {n + 1:,} ifcfg files: {time.perf_counter() - start:.2f} s"


def main() -> None:
    parse("(x)", None)  # the parser is built outside the timing
    for depth in (20_000, 200_000):
        print(sxp_depth(depth))
    for n in (1_000, 2_000, 4_000):
        print(host_of(n))


if __name__ == "__main__":
    main()
