"""``bondlint merge A.json B.json …``: shard reports into one report in any format.

A fleet split over machines or CI jobs gives one HTML page or JUnit file: the
shards' results are replayed through the same reporters, in the order given,
so the merged report is what one run over all their roots would have written.
Shards of different bondlint versions, rule selections or fingerprint versions
would mix findings that do not compare, and are refused.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from bondlint.commands.shards import Shard, read_shard
from bondlint.config import ConfigError
from bondlint.exitcodes import ExitCode
from bondlint.findings import Severity, tally
from bondlint.report import FORMATS, RunInfo



def build_parser() -> argparse.ArgumentParser:
    from bondlint.argparsing import Parser, report_spec as _report_spec

    p = Parser(
        prog="bondlint merge",
        description="Merge JSON reports of parts of a fleet (--format json) into one report, "
        "as one run over all their roots would have written it.",
    )
    p.add_argument("reports", nargs="+", metavar="REPORT.json", help="JSON reports, merged in this order")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--output-file", "-o", metavar="FILE", help="write the --format report to FILE (atomically) instead of stdout")
    p.add_argument("--report", type=_report_spec, action="append", default=[], metavar="FORMAT=FILE", help="also write a FORMAT report to FILE (atomically); repeatable")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default="warning", help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--quiet", "-q", action="store_true", help="print the findings only")
    return p


def compatible(shards: Sequence[Shard]) -> None:
    """Refuse shards whose findings do not compare, naming the first that differs."""
    first = shards[0]
    for what, key in (("bondlint version", "version"), ("rule selection", "selection"), ("fingerprint version", "fingerprint_version")):
        for other in shards[1:]:
            if getattr(other, key) != getattr(first, key):
                raise ConfigError(
                    f"{other.path}: made with another {what} than {first.path} "
                    f"({_short(getattr(other, key))} vs {_short(getattr(first, key))}); "
                    "run every shard with the same bondlint and options, then merge"
                )


def _short(value: object) -> str:
    if isinstance(value, tuple):
        return f"{len(value)} rules" if len(value) > 6 else ",".join(value) or "none"
    return repr(value)


def main(argv: Sequence[str]) -> int:
    from bondlint.cli import UsageError, _reports

    from bondlint.report.output import OutputError

    args = build_parser().parse_args(argv)
    args.statistics = False  # _reports serves the main command too: merge has no --statistics
    try:
        shards = [read_shard(p) for p in args.reports]
        compatible(shards)
        roots = [r for s in shards for r in s.roots]
        twice = sorted({r for r in roots if roots.count(r) > 1})
        if twice:
            raise ConfigError(f"root in more than one report: {', '.join(twice[:5])}; each root belongs to one shard")
        digests = {s.config_digest for s in shards}
        if len(digests) > 1:
            print("bondlint: note: the reports were made with different configurations", file=sys.stderr)
        from bondlint.engine import registry

        info = RunInfo(shards[0].selection, digests.pop() if len(digests) == 1 else "")
        out, files = _reports(args, registry(), info, version=shards[0].version)
    except (ConfigError, UsageError, OutputError) as exc:
        print(f"bondlint: error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    counts = {"error": 0, "warning": 0, "info": 0}
    try:
        out.start(roots)
        results = [r for s in shards for r in s.results]
        # The configuration's own findings come last, as in a run; once (every shard had the same config).
        unrooted = next((s.unrooted for s in shards if s.unrooted), ())
        if unrooted:
            from bondlint.runner import RootResult

            results.append(RootResult(unrooted[0].path or "", unrooted, ()))
        for result in results:
            tally(result.findings, counts)
            out.add_result(result)
        out.finish(counts, roots)
    except BaseException:
        for file in files:
            file.discard()
        raise
    for file in files:
        file.commit()
    fail_on = Severity.parse(args.fail_on)
    worst = max((Severity.parse(k) for k, n in counts.items() if n), default=None)
    return ExitCode.FINDINGS if worst is not None and worst >= fail_on else ExitCode.OK
