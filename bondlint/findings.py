"""What rules report: findings, severities, and their stable fingerprints."""

from __future__ import annotations

import enum
import hashlib
import os

import attrs

from bondlint.fixing.edits import Fix
from bondlint.syntax.span import Span

#: Changes whenever what a fingerprint hashes changes (baselines record it).
FINGERPRINT_VERSION = "2"


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
    severities (BL005 is an error for MASTER, a warning otherwise).
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

        Code, the host's identity, the file under its root and the offending text:
        no line numbers, so a finding survives lines moving above it, and the same
        fault on another host is another finding.
        """
        host = self.host
        if host is None:  # not through a run (bondlint.runner sets it): named from here
            from bondlint.identity import path_identity

            root = self.host_root
            host = path_identity(root, os.getcwd()) if root else ""
        text = "\n".join(line.strip() for line in self.context)
        fields = (FINGERPRINT_VERSION, self.code, host, self.relpath or "", text)
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
