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
    "registry", "rewrite_value", "rule",
]
