"""Lines per second of the shell-variable parser over the ifcfg/network corpus.

Run from the repo root:  python benchmarks/parse_throughput.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bondlint.syntax.shellvars import parse

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    files = [p for d in ("ifcfg", "network") for p in sorted((CORPUS / d).iterdir()) if p.is_file()]
    for host in sorted((CORPUS / "hosts").iterdir()):
        sysconfig = host / "etc" / "sysconfig"
        if (sysconfig / "network").is_file():
            files.append(sysconfig / "network")
        files.extend(sorted(p for p in (sysconfig / "network-scripts").glob("ifcfg-*") if p.is_file()))
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = [(str(p), p.read_text(encoding="utf-8", errors="surrogateescape")) for p in corpus_files()]
    parse("A=1\n", None)  # build the parser outside the timing
    lines = sum(t.count("\n") + (not t.endswith("\n") and bool(t)) for _, t in texts) * args.repeat
    start = time.perf_counter()
    for _ in range(args.repeat):
        for path, text in texts:
            parse(text, path)
    elapsed = time.perf_counter() - start
    print(f"{len(texts)} files, {lines} lines in {elapsed:.3f}s: {lines / elapsed:,.0f} lines/s")


if __name__ == "__main__":
    main()
