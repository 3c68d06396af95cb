"""bondlint: lint Linux bonding configuration before a reboot does.

The public API, and nothing else::

    import bondlint
    report = bondlint.lint("/etc")
    doc = bondlint.parse_file("/etc/sysconfig/network-scripts/ifcfg-bond0")
    print(bondlint.fix("/srv/hosts/web1").diffs)     # what --fix would change

The names are imported when first used (PEP 562), so ``bondlint --version``
or a run answered from the cache does not pay for the engine and parsers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: public name → the module that defines it
_EXPORTS = {
    "Rule": "bondlint.engine",
    "describe_problem": "bondlint.engine",
    "registry": "bondlint.engine",
    "rule": "bondlint.engine",
    "Finding": "bondlint.findings",
    "Related": "bondlint.findings",
    "Severity": "bondlint.findings",
    "Violation": "bondlint.findings",
    "Report": "bondlint.runner",
    "lint": "bondlint.runner",
    "KINDS": "bondlint.syntax",
    "detect_kind": "bondlint.syntax",
    "parse_file": "bondlint.syntax",
    "parse_text": "bondlint.syntax",
    "Document": "bondlint.syntax.document",
    "Problem": "bondlint.syntax.span",
    "Span": "bondlint.syntax.span",
    "Edit": "bondlint.fixing",
    "Fix": "bondlint.fixing",
    "Safety": "bondlint.fixing",
    "FixReport": "bondlint.fixing.api",
    "fix": "bondlint.fixing.api",
}

#: static, so type checkers see the public names (``mypy --strict`` needs it to re-export them);
#: a test checks it equals ``_EXPORTS`` plus ``__version__``
__all__ = [
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "FixReport",
    "KINDS",
    "Problem",
    "Related",
    "Report",
    "Rule",
    "Safety",
    "Severity",
    "Span",
    "Violation",
    "__version__",
    "describe_problem",
    "detect_kind",
    "fix",
    "lint",
    "parse_file",
    "parse_text",
    "registry",
    "rule",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bondlint' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


if TYPE_CHECKING:
    from bondlint.engine import Rule, describe_problem, registry, rule
    from bondlint.findings import Finding, Related, Severity, Violation
    from bondlint.fixing import Edit, Fix, Safety
    from bondlint.fixing.api import FixReport, fix
    from bondlint.runner import Report, lint
    from bondlint.syntax import KINDS, detect_kind, parse_file, parse_text
    from bondlint.syntax.document import Document
    from bondlint.syntax.span import Problem, Span
