"""The vocabulary a rule is written in: the one bondlint module besides the model a rule imports.

A rule module (built-in or a rule pack's) imports from bondlint only this,
``bondlint.model.*`` and ``bondlint.syntax.span``; tests/rules/test_import_wall.py
holds the built-in rules to it. Everything here is public API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from bondlint.engine import Rule, SuppressionResult, registry, rule
from bondlint.findings import Related, Severity, Violation
from bondlint.fixing.edits import Availability, Edit, Fix, Safety, rewrite_value
from bondlint.syntax.span import Problem

if TYPE_CHECKING:
    from bondlint.model.host import HostModel

__all__ = [
    "Availability", "Edit", "Fix", "Related", "Rule", "Safety", "Severity", "SuppressionResult", "Violation",
    "from_problems", "quoted", "registry", "rewrite_value", "rule", "suggestion", "visible",
]


# -- message vocabulary shared by rule families --

def from_problems(host: HostModel, wording: Mapping[str, Callable[[Problem], str]]) -> Iterator[Violation]:
    """The parse/read problems of the kinds a rule owns, in its words (``wording``: kind → message)."""
    for problem in host.problems(wording):
        yield Violation(problem.span, wording[problem.kind](problem))


def quoted(value: str) -> str:
    """A value as a message quotes it: ``'yes'``, or its repr when it holds a control character (a CR)."""
    return f"'{value}'" if value.isprintable() else repr(value)


def visible(text: str) -> str:
    """Text for a message: one line, control characters (a stray CR) made visible."""
    return text if text.isprintable() else repr(text)[1:-1]


def suggestion(names: tuple[str, ...]) -> str:
    """Candidates as a message offers them: `A`, `A or B`, `A, B or C` (at most three)."""
    shown = names[:3]
    return " or ".join(shown) if len(shown) < 3 else f"{', '.join(shown[:-1])} or {shown[-1]}"
