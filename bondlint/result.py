"""One root's audit result: what the runner produces and the content cache stores (its own
module, so that the cache does not import the runner)."""

from __future__ import annotations

from typing import Iterator

import attrs

from bondlint.engine import RuleFailure
from bondlint.findings import Finding


@attrs.frozen(slots=True)
class RootResult:
    root: str
    findings: tuple[Finding, ...]
    failures: tuple[RuleFailure, ...]
    #: every file read for this root, in discovery order (reports list the clean ones too)
    files: tuple[str, ...] = ()
    #: the release the root was audited as (el5..el10), None when unknown
    release: str | None = None
    #: the root's identity (``bondlint.identity``), set by the run
    host: str | None = None
    #: the hostname the root itself records (``identity.recorded_identity``: "host:web1",
    #: "sosreport:web1"), read by the audit, so that naming the root reads it no second time
    recorded: str | None = None
    #: a file given alone (not a host root): only file-level rules ran on it (``--whole-host`` runs them all)
    alone: bool = False

    def under_root(self) -> Iterator[str]:
        """The paths per-path-ignores keys match: each file read, under its root."""
        prefix = self.root.rstrip("/") + "/"
        for path in self.files:
            if path.startswith(prefix):
                yield path[len(prefix) :]
