"""The reporters' base: a sink writes findings as roots finish (see the package docstring).

Its own module, so that each reporter imports its base without importing the package that
picks reporters (no import cycle).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Sequence, TextIO

import attrs

if TYPE_CHECKING:
    from bondlint.findings import Finding
    from bondlint.result import RootResult


@attrs.frozen(slots=True)
class RunInfo:
    """What a report records of how it was made (the JSON's selection and config digest)."""

    selection: tuple[str, ...] = ()
    config_digest: str = ""


def fix_note(f: Finding) -> str | None:
    """``fix available, safe: bondlint --fix``: how every format says a fix is there, and its safety."""
    if f.fix is None:
        return None
    flag = "--fix" if str(f.fix.safety) == "safe" else "--fix --unsafe-fixes"
    return f"fix available, {f.fix.safety}: bondlint {flag}"


def alone_note(alone: int) -> str | None:
    """What every format says once when files were given alone (not a host root), None when none was."""
    if not alone:
        return None
    which = "1 file was" if alone == 1 else f"{alone} files were"
    it = "it" if alone == 1 else "each"
    return (
        f"{which} linted alone: only file-level rules ran (none across files: masters, bonds, modules); "
        f"bondlint --whole-host FILE lints the whole host holding {it}"
    )


def audited(roots: int, alone: int) -> str:
    """``1 root``, ``1 file``, ``2 roots and 1 file``: a file given alone counts as a file, not a root."""
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((roots - alone, "root"), (alone, "file")) if n]
    return " and ".join(parts) or "0 roots"


class Sink(ABC):
    """Base reporter: write findings as they come."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self, roots: Sequence[str]) -> None:
        """Called once, before any finding."""

    @abstractmethod
    def add(self, findings: Sequence[Finding]) -> None:
        """Write a batch of findings (one root's, in order)."""

    def add_result(self, result: RootResult) -> None:
        """One root's result: its findings (and, for sinks that want them, its root and files)."""
        self.add(result.findings)

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        """Called once, after the last finding."""


class RootSink(Sink):
    """A sink that writes one part per root and needs its name and files (JUnit, HTML)."""

    def add(self, findings: Sequence[Finding]) -> None:
        """Without a RootResult (a library caller's batch): the findings' root, its files unknown."""
        if findings:
            self.add_root(findings[0].root or "-", (), findings)

    def add_result(self, result: RootResult) -> None:
        self.add_root(result.root, result.files, result.findings, alone=result.alone)

    @abstractmethod
    def add_root(self, root: str, files: Sequence[str], findings: Sequence[Finding], alone: bool = False) -> None:
        """Write one root: every file it read, and its findings."""


class Tee(Sink):
    """Several reports from one run (--report FORMAT=FILE beside the log)."""

    def __init__(self, sinks: Sequence[Sink]) -> None:
        self.sinks = list(sinks)

    def start(self, roots: Sequence[str]) -> None:
        for s in self.sinks:
            s.start(roots)

    def add(self, findings: Sequence[Finding]) -> None:
        for s in self.sinks:
            s.add(findings)

    def add_result(self, result: RootResult) -> None:
        for s in self.sinks:
            s.add_result(result)

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        for s in self.sinks:
            s.finish(summary, roots)
