"""The library entry point: ``bondlint.fix(paths, unsafe=False, write=False) -> FixReport``."""

from __future__ import annotations

import os
from typing import Iterable, Sequence

import attrs

from bondlint.config import Config
from bondlint.engine import RuleFailure
from bondlint.findings import Finding
from bondlint.fixing.engine import AppliedFix, FileChange, Refusal, RootFix, fix_all
from bondlint.runner import Pipeline, Run


@attrs.frozen(slots=True)
class FixReport:
    """What ``bondlint.fix()`` did (or, without ``write``, would do)."""

    roots: tuple[RootFix, ...]
    #: the pipeline the roots went through (its selection and config), for ``run``
    steps: Pipeline | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def changes(self) -> tuple[FileChange, ...]:
        return tuple(c for r in self.roots for c in r.changes)

    @property
    def diffs(self) -> str:
        """Every change as one unified diff (what ``--diff`` prints)."""
        return "".join(c.diff() for c in self.changes)

    @property
    def applied(self) -> tuple[AppliedFix, ...]:
        return tuple(a for r in self.roots for a in r.applied)

    @property
    def remaining(self) -> tuple[Finding, ...]:
        """The findings of the fixed text (every finding, when nothing was fixable)."""
        return tuple(f for r in self.roots for f in r.remaining)

    @property
    def refused(self) -> tuple[Refusal, ...]:
        return tuple(x for r in self.roots for x in r.refused)

    @property
    def unconverged(self) -> tuple[str, ...]:
        """Roots where fixes still applied after MAX_PASSES passes."""
        return tuple(r.root for r in self.roots if not r.converged)

    @property
    def failures(self) -> tuple[RuleFailure, ...]:
        return tuple(x for r in self.roots for x in r.failures)

    def run(self, paths: Sequence[str], baseline: Iterable[str] | None = None) -> Run:
        """What remains after the fixes, as the audit of ``paths`` (the paths fixed) reports it:
        through the same pipeline (config, baseline, hosts' identities, the config's BL902)."""
        assert self.steps is not None, "a FixReport made by fix()"
        return self.steps.report(paths, (r.result() for r in self.roots), baseline)


def fix(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ("/etc",),
    *,
    unsafe: bool = False,
    write: bool = False,
    config: Config | None = None,
    release: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    jobs: int = 1,
) -> FixReport:
    """Compute the fixes of host roots; with ``write=True``, write them (atomically).

    Safe fixes only, unless ``unsafe``. Without ``write`` nothing on disk
    changes: ``report.diffs`` shows what ``write=True`` would do. ``jobs`` > 1
    computes the roots' fixes in that many processes; files are still written one
    at a time, by the calling process.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    steps, roots = fix_all(
        [os.fspath(p) for p in paths], config=config, release=release, select=select,
        ignore=ignore, extend_select=extend_select, unsafe=unsafe, write=write, jobs=jobs,
    )
    return FixReport(tuple(roots), steps)
