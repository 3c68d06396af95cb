"""Small helpers shared by rule families (not rules themselves)."""

from __future__ import annotations

from typing import Callable, Iterator, Mapping

from bondlint.findings import Violation
from bondlint.host.model import HostModel
from bondlint.syntax.span import Problem


def from_problems(host: HostModel, wording: Mapping[str, Callable[[Problem], str]]) -> Iterator[Violation]:
    """The parse/read problems of the kinds a rule owns, in its words (``wording``: kind → message)."""
    for problem in host.problems(wording):
        yield Violation(problem.span, wording[problem.kind](problem))
