"""Command line: arguments → lint → reporter → exit code."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from bondlint import __version__
from bondlint.findings import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bondlint",
        description="Lint Linux network-bonding configuration (ifcfg, modprobe, Xen).",
    )
    p.add_argument("paths", nargs="*", help="host roots (/etc, a chroot, a sosreport) or files; default /etc")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--release", choices=["el5", "el6", "el7", "el8"])
    p.add_argument("--select", action="append", default=None, metavar="CODE")
    p.add_argument("--ignore", action="append", default=[], metavar="CODE")
    p.add_argument("--extend-select", action="append", default=[], metavar="CODE")
    p.add_argument("--version", action="version", version=f"bondlint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bondlint.runner import lint

    report = lint(
        args.paths or ["/etc"],
        release=args.release,
        select=args.select,
        ignore=args.ignore,
        extend_select=args.extend_select,
    )
    if args.format == "json":
        from bondlint.report.json import render

        print(render(report, __version__))
    else:
        for f in report.findings:
            print(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")
    for failure in report.failures:
        print(f"bondlint: internal error in rule {failure.code}: {failure.error}", file=sys.stderr)
    if report.failures:
        return EXIT_ERROR
    worst = report.worst()
    return EXIT_FINDINGS if worst is not None and worst >= Severity.WARNING else EXIT_OK
