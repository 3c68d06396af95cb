"""What rules report: findings, severities, and their stable fingerprints."""

from __future__ import annotations

import enum
import hashlib
import re
from typing import Iterable

import attrs

from bondlint.fixing.edits import Fix
from bondlint.syntax.span import Span

#: Changes whenever what a fingerprint hashes changes: baselines, the JSON report and
#: ``bondlint diff`` record it and refuse another version's fingerprints. 3: the span's own
#: text and the names it belongs to, no longer the whole line (an edit beside it kept out).
FINGERPRINT_VERSION = "3"
#: The last ``key=`` before a span inside a line: the option a value belongs to.
_OPTION_BEFORE = re.compile(r"([\w.\-]+)=[^\s=]*$")


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_on`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: expected error, warning or info") from None


@attrs.frozen(slots=True)
class Related:
    """Another place that explains a finding (the other file of a duplicate MAC)."""

    span: Span
    message: str


@attrs.frozen(slots=True)
class Violation:
    """What a rule yields: where and what. The engine adds code, name and severity.

    ``severity`` overrides the rule's default where RULES.md gives a rule two
    severities by what it found (BL005 is an error for MASTER, a warning otherwise);
    a severity that depends on the release only is declared on the rule
    (``severity_by_release``), not chosen here.
    """

    span: Span | None
    message: str
    severity: Severity | None = None
    related: tuple[Related, ...] = ()
    #: the repair, when the rule can compute one (its rule declares ``fix=``)
    fix: Fix | None = None


@attrs.frozen(slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    span: Span | None
    root: str | None = None
    related: tuple[Related, ...] = ()
    #: the source lines the span covers (at most a few), for snippets and fingerprints
    context: tuple[str, ...] = ()
    #: the path relative to the host tree holding it, when the engine knows it (a file linted
    #: on its own inside a host tree); otherwise ``relpath`` derives it from ``root``
    host_relpath: str | None = attrs.field(default=None, eq=False, repr=False)
    #: which host this is, stable across checkouts and dates (see ``bondlint.identity``);
    #: None: derived from ``root`` (relative to the working directory)
    host: str | None = None
    #: findings of this rule in this file past the engine's bound that this one stands for
    #: (``bondlint.engine.MAX_FINDINGS_PER_RULE_PER_FILE``): summaries count them too
    unrecorded: int = 0
    #: the rule's repair for this finding, if any (``fix.safety``: safe or unsafe)
    fix: Fix | None = None

    @property
    def fix_safety(self) -> str | None:
        """'safe', 'unsafe', or None when no fix is available."""
        return str(self.fix.safety) if self.fix is not None else None

    @property
    def path(self) -> str | None:
        return self.span.path if self.span else None

    @property
    def line(self) -> int | None:
        return self.span.line if self.span else None

    @property
    def column(self) -> int | None:
        return self.span.column if self.span else None

    @property
    def end_line(self) -> int | None:
        return self.span.end_line if self.span else None

    @property
    def end_column(self) -> int | None:
        return self.span.end_column if self.span else None

    @property
    def relpath(self) -> str | None:
        """The path relative to the audited root (stable across checkouts).

        A file linted on its own inside a host tree is relative to that tree's
        root, as when the whole host is linted (the model knows the tree; this
        value touches no disk): per-path-ignores and baselines then match it
        either way.
        """
        if self.host_relpath is not None:
            return self.host_relpath
        path = self.path
        if path and self.root and path.startswith(self.root.rstrip("/") + "/"):
            return path[len(self.root.rstrip("/")) + 1 :]
        if path and self.root and path.startswith(self.root + ":"):  # inside an archive: web1.tar.gz:etc/x
            return path[len(self.root) + 1 :]
        return path

    def fingerprint(self) -> str:
        """The one identity of a finding every output uses (baseline, JSON, SARIF, GitLab).

        Code, the host's identity, the file under its root, the names the offending
        text belongs to (assignment or directive, option) and that text itself: no line
        numbers, so a finding survives lines moving above it; nothing else of the line,
        so removing a comment beside it does not make it new; and the same fault on
        another host is another finding.
        """
        host = self.host
        if host is None:  # not through a run (bondlint.runner sets it): the same rule
            from bondlint.identity import host_identity, project_of

            root = self.host_root
            host = host_identity(root, project_of(root, None)) if root else ""
        names, text = _owned_text(self.context, self.span)
        fields = (FINGERPRINT_VERSION, self.code, host, self.relpath or "", names, text)
        return hashlib.sha256("\0".join(fields).encode("utf-8", "surrogateescape")).hexdigest()[:32]

    @property
    def host_root(self) -> str | None:
        """The root ``relpath`` is relative to: the audited root, or the host tree holding a single file."""
        path = self.path
        if self.host_relpath is not None and path and path.endswith("/" + self.host_relpath):
            return path[: -len(self.host_relpath) - 1]
        return self.root

    def sort_key(self) -> tuple:
        return (
            self.root or "",
            self.path or "",
            self.line or 0,
            self.column or 0,
            self.code,
            self.message,
        )


def tally(findings: Iterable[Finding], counts: dict[str, int]) -> dict[str, int]:
    """Add findings to per-severity counts: a finding the output cap stands for others counts
    them too (``unrecorded``). The one count every summary uses (run, fix, library)."""
    for f in findings:
        counts[str(f.severity)] += 1 + f.unrecorded
    return counts


def _owned_text(context: tuple[str, ...], span: Span | None) -> tuple[str, str]:
    """The names the span belongs to, and its own text.

    ``options bonding max_bonds=1 mod=4 # note`` with the span on ``mod=4`` gives
    (``options bonding``, ``mod=4``); on ``4`` alone, (``options bonding mod``, ``4``).
    A span over a whole statement of several words (``options bonding ...``) is
    named by its directive or assignment alone: the rest of it is what an edit
    beside the finding changes.
    """
    if not context or span is None:
        return "", "\n".join(line.strip() for line in context)
    first = context[0]
    start = max(span.column - 1, 0)
    if len(context) == 1 and span.end_line == span.line:
        text = first[start : max(span.end_column - 1, start)]
    else:
        last = context[-1][: max(span.end_column - 1, 0)] if span.end_line == span.line + len(context) - 1 else context[-1]
        text = "\n".join((first[start:], *context[1:-1], last))
    prefix = first[:start]
    if not prefix.strip() and len(text.split()) > 1:
        return " ".join(_leading_names(text)), ""
    names = _leading_names(prefix)
    option = _OPTION_BEFORE.search(prefix)
    if option and option.group(1) not in names:
        names.append(option.group(1))
    return " ".join(names), "\n".join(line.strip() for line in text.split("\n"))


def _leading_names(text: str) -> list[str]:
    """A statement's directive words (``options bonding``) or its assignment's name (``BONDING_OPTS``)."""
    names = []
    for i, word in enumerate(text.split()):
        name, equals, _ = word.partition("=")
        if equals and i:
            break  # a sibling option (``max_bonds=1``), not what the statement is
        if name:
            names.append(name.lstrip("(\"'[").rstrip("\"'"))
        if equals:
            break
    return names
