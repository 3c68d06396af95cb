"""bondlint: lint Linux bonding configuration before a reboot does.

The public API, and nothing else::

    import bondlint
    report = bondlint.lint("/etc")
    doc = bondlint.parse_file("/etc/sysconfig/network-scripts/ifcfg-bond0")
    print(bondlint.fix("/srv/hosts/web1").diffs)     # what --fix would change
"""

from bondlint.engine import Rule, registry, rule
from bondlint.findings import Finding, Related, Severity, Violation
from bondlint.fixing import Edit, Fix, Safety
from bondlint.fixing.api import FixReport, fix
from bondlint.runner import Report, lint
from bondlint.syntax import KINDS, detect_kind, parse_file, parse_text
from bondlint.syntax.document import Document
from bondlint.syntax.span import Problem, Span

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "FixReport",
    "Problem",
    "Related",
    "Report",
    "Rule",
    "Safety",
    "Severity",
    "Span",
    "Violation",
    "__version__",
    "detect_kind",
    "fix",
    "lint",
    "parse_file",
    "parse_text",
    "registry",
    "rule",
]
