"""Reporters: findings in, text out. They know findings, never rules' insides.

Every reporter is a sink that writes as roots finish: ``start`` once with the
roots, ``add`` for each batch of findings, ``finish`` with the counts. So a run
over ten thousand roots never holds all its findings in memory.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Sequence, TextIO

if TYPE_CHECKING:
    from bondlint.engine import Rule
    from bondlint.findings import Finding

FORMATS = ("text", "json", "sarif", "github")


class Sink(ABC):
    """Base reporter: write findings as they come."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self, roots: Sequence[str]) -> None:
        """Called once, before any finding."""

    @abstractmethod
    def add(self, findings: Sequence[Finding]) -> None:
        """Write a batch of findings (one root's, in order)."""

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        """Called once, after the last finding."""


def sink(fmt: str, out: TextIO, rules: dict[str, Rule], version: str) -> Sink:
    """The reporter for an output format (imported lazily: a run pays for its own)."""
    if fmt == "json":
        from bondlint.report.json import JsonSink

        return JsonSink(out, version)
    if fmt == "sarif":
        from bondlint.report.sarif import SarifSink

        return SarifSink(out, rules, version)
    if fmt == "github":
        from bondlint.report.github import GithubSink

        return GithubSink(out)
    if fmt == "text":
        from bondlint.report.text import TextSink

        return TextSink(out)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
