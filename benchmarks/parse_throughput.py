"""Lines per second of each parser over the shared corpus, read in place, on one core.

Run from the repo root:  python benchmarks/parse_throughput.py [--repeat N] [--kind KIND ...]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bondlint.syntax import parse_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

#: kind → the corpus files of that kind (globs under the corpus).
KINDS: dict[str, tuple[str, ...]] = {
    "shellvars": (
        "ifcfg/*",
        "network/*",
        "hosts/*/etc/sysconfig/network",
        "hosts/*/etc/sysconfig/network-scripts/ifcfg-*",
    ),
    "modprobe": ("modprobe/*", "hosts/*/etc/modprobe.d/*", "hosts/*/etc/modprobe.conf"),
    "xend": ("xend/*", "hosts/*/etc/xen/*.sxp"),
    "bonding": ("proc-bonding/*",),
    "keyfile": ("keyfiles/*", "hosts/*/etc/NetworkManager/system-connections/*"),
}
#: The parse kind each corpus family is read as.
PARSE_KIND = {"shellvars": "ifcfg", "modprobe": "modprobe", "xend": "xend", "bonding": "bonding", "keyfile": "keyfile"}
#: Provenance tables that sit beside the files they describe, not files of the kind.
NOT_INPUT = frozenset({"SOURCES.tsv"})


def measure(kind: str, repeat: int) -> str:
    files = sorted({p for pattern in KINDS[kind] for p in CORPUS.glob(pattern) if p.is_file() and p.name not in NOT_INPUT})
    # Bytes, not read_text(): CRLF files must reach the parser unchanged.
    texts = [(str(p), p.read_bytes().decode("utf-8", "surrogateescape")) for p in files]
    parse_kind = PARSE_KIND[kind]
    parse_text("", parse_kind)  # build the parser outside the timing
    lines = sum(t.count("\n") + (not t.endswith("\n") and bool(t)) for _, t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for path, text in texts:
            parse_text(text, parse_kind, path)
    elapsed = time.perf_counter() - start
    return (
        f"{len(texts)} files, {lines} lines in {elapsed:.3f}s: "
        f"{lines / elapsed:,.0f} lines/s, {len(texts) * repeat / elapsed:,.0f} files/s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--kind", action="append", choices=sorted(KINDS), help="default: every kind")
    args = ap.parse_args()
    for kind in args.kind or KINDS:
        print(f"{kind}: {measure(kind, args.repeat)}")


if __name__ == "__main__":
    main()
