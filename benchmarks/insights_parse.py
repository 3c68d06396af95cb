"""Parse host trees with insights-core's own parsers (parse only), as bench.py's peer.

Runs inside benchmarks/.venv-peers (insights-core is no dependency of bondlint). For each
root it reads etc/sysconfig/network (NetworkSysconfig), every
etc/sysconfig/network-scripts/ifcfg-* (IfCFG), etc/modprobe.conf and etc/modprobe.d/*.conf
(ModProbe), wrapping the lines in the same `Context` that insights' own test helper
`context_wrap` builds. insights-core has no xend-config.sxp parser, so Xen files are not read.
Prints one JSON line: files parsed, parse failures, seconds spent after imports.

    .venv-peers/bin/python benchmarks/insights_parse.py ROOT...
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from insights.core.context import Context
from insights.parsers.ifcfg import IfCFG
from insights.parsers.modprobe import ModProbe
from insights.parsers.sysconfig import NetworkSysconfig


def files_of(root: Path) -> list[tuple[type, Path]]:
    etc = root / "etc"
    found: list[tuple[type, Path]] = []
    network = etc / "sysconfig" / "network"
    if network.is_file():
        found.append((NetworkSysconfig, network))
    found += [(IfCFG, p) for p in sorted((etc / "sysconfig" / "network-scripts").glob("ifcfg-*"))]
    conf = etc / "modprobe.conf"
    if conf.is_file():
        found.append((ModProbe, conf))
    found += [(ModProbe, p) for p in sorted((etc / "modprobe.d").glob("*.conf"))]
    return found


def main(roots: list[str]) -> int:
    start = time.perf_counter()
    parsed = failed = 0
    for root in roots:
        for parser, path in files_of(Path(root)):
            lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
            context = Context(content=lines, path=f"/{path.relative_to(root)}")
            try:
                parser(context)
            except Exception:  # a peer's parse failure is a figure to report, not a crash
                failed += 1
            else:
                parsed += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"files": parsed, "failed": failed, "seconds": round(seconds, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
