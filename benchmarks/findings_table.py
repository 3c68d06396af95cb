#!/usr/bin/env python3
"""Record bondlint's findings over host roots, and compare two recordings per code.

Detection-quality work ("noise down, misses found") is shown by running bondlint over the
same real hosts before and after a change. `record` runs the real CLI once per root and keeps
its JSON report; `table` prints findings per code (a Markdown table, one column per recording)
and, with `--diff`, each finding that appeared or disappeared.

    python benchmarks/findings_table.py record OUT_DIR ../shared/corpus/hosts/* fixtures/hosts/*
    python benchmarks/findings_table.py table BEFORE_DIR AFTER_DIR --only 'corpus-*' --diff

A recording is a folder of `<prefix>-<root name>.json` files; the prefix is `corpus` for roots
under a `corpus` folder and `fixture` otherwise, so one recording can hold both and `--only`
picks one kind.
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import json
import subprocess
import sys
from pathlib import Path


def _file_name(root: Path) -> str:
    kind = "corpus" if "corpus" in root.resolve().parts else "fixture"
    return f"{kind}-{root.name}.json"


def record(out: Path, roots: list[Path], one_process: bool = False) -> int:
    out.mkdir(parents=True, exist_ok=True)
    if one_process:
        return _record_one_process(out, roots)
    failed = 0
    for root in roots:
        proc = subprocess.run(
            [sys.executable, "-m", "bondlint", "--format", "json", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode not in (0, 1):
            print(f"{root}: exit {proc.returncode}: {proc.stderr.strip()}", file=sys.stderr)
            failed += 1
            continue
        (out / _file_name(root)).write_text(proc.stdout, encoding="utf-8")
    return 1 if failed else 0


def _record_one_process(out: Path, roots: list[Path]) -> int:
    """One CLI run over every root (the interpreter starts once), its report split per root.

    Each root's file holds the findings whose ``root`` is that root, in the shape
    ``_load`` reads; the same findings a run per root gives (roots are audited apart).
    """
    proc = subprocess.run(
        [sys.executable, "-m", "bondlint", "--format", "json", *map(str, roots)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        print(f"exit {proc.returncode}: {proc.stderr.strip()}", file=sys.stderr)
        return 1
    findings = json.loads(proc.stdout)["findings"]
    for root in roots:
        mine = [f for f in findings if f.get("root") == str(root)]
        (out / _file_name(root)).write_text(json.dumps({"findings": mine}, indent=1), encoding="utf-8")
    return 0


def _load(folder: Path, pattern: str) -> dict[str, list[dict]]:
    """Findings of each recorded root, keyed by the recording's file name."""
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))["findings"]
        for p in sorted(folder.glob("*.json"))
        if fnmatch.fnmatch(p.name, pattern)
    }


def _key(name: str, f: dict) -> tuple:
    """What identifies one finding across runs: where and what, not its wording."""
    root = f.get("root") or ""
    path = f.get("path") or ""
    if path.startswith(root):
        path = path[len(root) :].lstrip("/")
    return (name, f["code"], path, f.get("line"), f.get("column"))


def table(folders: list[Path], pattern: str, diff: bool) -> None:
    runs = [_load(folder, pattern) for folder in folders]
    counts = [collections.Counter(f["code"] for fs in run.values() for f in fs) for run in runs]
    codes = sorted(set().union(*counts))
    print(f"roots: {len(set().union(*runs))}")
    print("| code | " + " | ".join(f.name for f in folders) + " |")
    print("|---|" + "---:|" * len(folders))
    for code in codes:
        print(f"| {code} | " + " | ".join(str(c[code]) for c in counts) + " |")
    print("| total | " + " | ".join(str(sum(c.values())) for c in counts) + " |")
    if diff and len(runs) == 2:
        before, after = (
            {_key(n, f): f for n, fs in run.items() for f in fs} for run in runs
        )
        for sign, keys, side in (("-", before.keys() - after.keys(), before), ("+", after.keys() - before.keys(), after)):
            for k in sorted(keys, key=str):
                f = side[k]
                print(f"{sign} {k[0]} {f['code']} {k[2]}:{k[3]} {f['message']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="run bondlint --format json over each root")
    rec.add_argument("out", type=Path)
    rec.add_argument("roots", type=Path, nargs="+")
    rec.add_argument("--one-process", action="store_true", help="one bondlint run over all roots, split per root")
    tab = sub.add_parser("table", help="findings per code, one column per recording")
    tab.add_argument("folders", type=Path, nargs="+")
    tab.add_argument("--only", default="*", help="glob over recording file names (default: all)")
    tab.add_argument("--diff", action="store_true", help="list findings that appeared or disappeared (two recordings)")
    args = parser.parse_args(argv)
    if args.command == "record":
        return record(args.out, [r for r in args.roots if r.is_dir()], args.one_process)
    table(args.folders, args.only, args.diff)
    return 0


if __name__ == "__main__":
    sys.exit(main())
