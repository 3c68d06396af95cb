"""``--diff`` and ``--fix`` on the command line (``bondlint.cli`` hands over here).

``--diff`` prints what ``--fix`` would change and writes nothing (exit 1 when
a fix would apply); ``--fix`` writes, then reports what remains as a normal
run does, in the chosen format. Notes go to stderr so stdout stays the report.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Sequence

import attrs

from bondlint.config import Config, UsageError
from bondlint.findings import Severity, tally
from bondlint.report.bounds import visible

if TYPE_CHECKING:
    from bondlint.fixing.api import FixReport

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("fixing")
    g.add_argument("--fix", action="store_true", help="apply safe fixes (atomically, inside the root), then report what remains")
    g.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing (exit 1 when a fix would apply)")
    g.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: also apply unsafe fixes (see each rule's '## Fix safety')")
    g.add_argument("--show-fixes", action="store_true", help="with --fix or --diff: list each fix applied, on stderr")


def run(args: argparse.Namespace, config: Config, paths: Sequence[str], fail_on: Severity | None, baseline, version: str) -> int:
    from bondlint.engine import registry
    from bondlint.report import sink
    from bondlint.baseline import Matcher
    from bondlint.fixing.api import fix  # the fixer: imported by a run that fixes, not by every run's parser
    from bondlint.runner import RootResult, _filtered, default_jobs

    if args.write_baseline or args.live:
        raise _usage("--fix and --diff cannot be combined with --write-baseline or --live")
    report = fix(
        paths,
        unsafe=args.unsafe_fixes,
        write=args.fix and not args.diff,
        config=config,
        release=args.release,
        select=_flat(args.select),
        ignore=_flat(args.ignore) or (),
        extend_select=_flat(args.extend_select) or (),
        jobs=args.jobs or default_jobs(),
    )
    _notes(report, args)
    if config.per_path_ignores and not args.quiet:  # as a run without --fix says it
        audited = {rel for r in report.roots for rel in RootResult(r.root, (), (), r.files).under_root()}
        for warning in config.unmatched_ignore_warnings(audited) if audited else ():
            print(warning, file=sys.stderr)
    if args.diff:
        # a file's diff at a time, flushed: one large write a pipe takes in part is not
        # reported failed when its reader goes (`| head` must end the run with 141)
        for change in report.changes:
            sys.stdout.write(change.diff())
            sys.stdout.flush()
        return EXIT_FINDINGS if report.changes and fail_on is not None else EXIT_OK

    available = registry()
    out = sink(args.format, sys.stdout, available, version)
    roots = [r.root for r in report.roots]
    results = (RootResult(r.root, r.remaining, r.failures, alone=r.alone) for r in report.roots)
    counts = {"error": 0, "warning": 0, "info": 0}
    out.start(roots)
    refused = {r.path for r in report.refused}
    for result in _filtered(results, config, Matcher(baseline or ()), available):
        # A fix refused on a file is not available any more: no "[*] fixable" for it.
        findings = tuple(attrs.evolve(f, fix=None) if f.fix is not None and f.path in refused else f for f in result.findings)
        tally(findings, counts)  # a capped finding counts what it stands for, as a run's summary does
        # host=None: the JSON's hosts list no root whose files --fix does not record (as before)
        out.add_result(attrs.evolve(result, findings=findings, host=None))
    out.finish(counts, roots)
    if args.format == "text" and not args.quiet:
        print(_fix_summary(report, sum(counts.values())))
    if report.failures:
        for failure in report.failures:
            print(f"bondlint: internal error in rule {failure.code} on {failure.root}: {failure.error}", file=sys.stderr)
        return EXIT_ERROR
    worst = max((Severity.parse(name) for name, n in counts.items() if n), default=None)
    return EXIT_FINDINGS if worst is not None and fail_on is not None and worst >= fail_on else EXIT_OK


def _notes(report: FixReport, args: argparse.Namespace) -> None:
    from bondlint.fixing.engine import MAX_PASSES, quote_name
    from bondlint.fixing.write import has_cap_sys_admin

    verb = "would fix" if args.diff else "fixed"
    if args.show_fixes:
        for a in report.applied:
            f = a.finding
            name = quote_name(f.path) if f.path else (f.root or "-")
            where = f"{name}:{f.line}:{f.column}" if f.line else name
            message = visible(f.fix.message) if f.fix else ""  # it may quote a hostile name or value
            print(f"bondlint: {verb} {f.code} [{f.name}] at {visible(where)} (pass {a.pass_number}): {message}", file=sys.stderr)
    written = [c for c in report.changes if c.written or args.diff]
    print(f"bondlint: {verb} {len(report.applied)} finding(s) in {len(written)} file(s)", file=sys.stderr)
    for r in report.refused:
        print(f"bondlint: not fixed: {r.path}: {r.reason}", file=sys.stderr)
    for root in report.unconverged:
        print(f"bondlint: fixes in {root} did not settle after {MAX_PASSES} passes; what is left is reported", file=sys.stderr)
    foreign = [c.path for c in report.changes if c.written and c.foreign]
    if foreign and not has_cap_sys_admin():
        print(
            "bondlint: note: rewrote file(s) owned by another user without CAP_SYS_ADMIN, which trusted.* extended "
            f"attributes need to be seen (xattr(7)): any such attribute is not kept: {', '.join(visible(quote_name(p)) for p in foreign)}",
            file=sys.stderr,
        )


def _fix_summary(report: FixReport, remaining: int) -> str:
    """The last line after --fix, on stdout where the findings are: what was done and what was not."""
    said = f"bondlint --fix: {len(report.applied)} fixed, {remaining} remaining"
    if report.refused:
        why = "; ".join(f"{r.path}: {r.reason}" for r in report.refused[:3])
        more = f"; {len(report.refused) - 3} more on stderr" if len(report.refused) > 3 else ""
        said += f", {len(report.refused)} refused ({why}{more})"
    return said + "."


def _flat(groups):
    return None if groups is None else [c for g in groups for c in g]


def _usage(message: str) -> Exception:
    return UsageError(message)
