"""``--diff`` and ``--fix`` on the command line (``bondlint.cli`` hands over here).

``--diff`` prints what ``--fix`` would change and writes nothing (exit 1 when
a fix would apply); ``--fix`` writes, then ``bondlint.cli`` reports what remains
through the audit's pipeline and output (``FixReport.run``), in the chosen format.
Notes go to stderr so stdout stays the report.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from bondlint.config import Config, UsageError
from bondlint.exitcodes import ExitCode
from bondlint.findings import Severity
from bondlint.fixing.api import FixReport, fix
from bondlint.report.bounds import visible


def run(args: argparse.Namespace, config: Config, paths: Sequence[str]) -> FixReport:
    """Compute the fixes (``--diff``) or make them (``--fix``), and say what was done on stderr.

    What remains is reported by the caller as any run is (``FixReport.run``)."""
    from bondlint.runner import default_jobs

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
    return report


def print_diff(report: FixReport, fail_on: Severity | None) -> ExitCode:
    """``--diff``: every change as a unified diff on stdout; FINDINGS when a fix would apply."""
    # a file's diff at a time, flushed: one large write a pipe takes in part is not
    # reported failed when its reader goes (`| head` must end the run with 141)
    for change in report.changes:
        sys.stdout.write(change.diff())
        sys.stdout.flush()
    return ExitCode.FINDINGS if report.changes and fail_on is not None else ExitCode.OK


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


def summary(report: FixReport, remaining: int) -> str:
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
