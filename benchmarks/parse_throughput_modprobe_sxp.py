"""Lines per second of the modprobe and xend-config.sxp parsers over the corpus.

Run from the repo root:  python benchmarks/parse_throughput_modprobe_sxp.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from bondlint.syntax import modprobe, sxp
from bondlint.syntax.document import Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

KINDS: dict[str, tuple[tuple[str, ...], Callable[[str, str | None], Document]]] = {
    "modprobe": (("modprobe/*", "hosts/*/etc/modprobe.d/*", "hosts/*/etc/modprobe.conf"), modprobe.parse),
    "xend": (("xend/*", "hosts/*/etc/xen/*.sxp"), sxp.parse),
}


def read(path: Path) -> str:
    # newline="" semantics: CRLF files must reach the parser unchanged.
    return path.read_bytes().decode("utf-8", "surrogateescape")


def measure(patterns: tuple[str, ...], parse: Callable[[str, str | None], Document], repeat: int) -> str:
    files = sorted(p for pattern in patterns for p in CORPUS.glob(pattern) if p.is_file())
    texts = [(str(p), read(p)) for p in files]
    parse("", None)  # build the parser outside the timing
    lines = sum(t.count("\n") + (not t.endswith("\n") and bool(t)) for _, t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for path, text in texts:
            parse(text, path)
    elapsed = time.perf_counter() - start
    return f"{len(texts)} files, {lines} lines in {elapsed:.3f}s: {lines / elapsed:,.0f} lines/s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    for kind, (patterns, parse) in KINDS.items():
        print(f"{kind}: {measure(patterns, parse, args.repeat)}")


if __name__ == "__main__":
    main()
