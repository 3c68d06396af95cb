"""Small helpers shared by rule families (not rules themselves)."""

from __future__ import annotations

from typing import Iterator

from bondlint.findings import Violation
from bondlint.host.model import HostModel


def from_problems(host: HostModel, code: str) -> Iterator[Violation]:
    """Turn the parse/read problems of one code into violations of its rule."""
    for problem in host.problems(code):
        yield Violation(problem.span, problem.message)
