"""The vocabulary a rule is written in: the one bondlint module besides the model a rule imports.

A rule module (built-in or a rule pack's) imports from bondlint only this,
``bondlint.model.*`` and ``bondlint.syntax.span``; tests/rules/test_import_wall.py
holds the built-in rules to it. Everything here is public API.
"""

from __future__ import annotations

from bondlint.engine import Rule, SuppressionResult, registry, rule
from bondlint.findings import Related, Severity, Violation
from bondlint.fixing.edits import Availability, Edit, Fix, Safety, rewrite_value

__all__ = [
    "Availability", "Edit", "Fix", "Related", "Rule", "Safety", "Severity", "SuppressionResult", "Violation",
    "quoted", "registry", "rewrite_value", "rule", "visible",
]


# -- message vocabulary shared by rule families --

def quoted(value: str) -> str:
    """A value as a message quotes it: ``'yes'``, or its repr when it holds a control character (a CR)."""
    return f"'{value}'" if value.isprintable() else repr(value)


def visible(text: str) -> str:
    """Text for a message: one line, control characters (a stray CR) made visible."""
    return text if text.isprintable() else repr(text)[1:-1]
