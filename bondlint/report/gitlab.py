"""GitLab code quality: a JSON array of Code Climate issues for the merge request widget.

Each issue's ``fingerprint`` is the finding's own fingerprint (the one baselines
and SARIF use); where identical findings repeat (same fingerprint), the second
and later get it hashed with their occurrence number, so every issue is unique
and stays the same issue from one pipeline to the next.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Sequence, TextIO

from bondlint.findings import Finding, Severity
from bondlint.report.base import Sink, fix_note

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor"}


def _relative(path: str) -> str:
    """Relative to the working directory (the repository's checkout in a pipeline)."""
    return os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)


def unique_fingerprint(fingerprint: str, occurrence: int) -> str:
    """The first occurrence keeps the fingerprint; the n-th repeat hashes it with n."""
    if occurrence == 1:
        return fingerprint
    return hashlib.sha256(f"{fingerprint}:{occurrence}".encode()).hexdigest()[:32]


def issue(f: Finding, fingerprint: str) -> dict[str, object]:
    note = fix_note(f)
    return {
        "type": "issue",
        "description": f"{f.code} {f.message}" + (f" ({note})" if note else ""),
        "check_name": f.code,
        "fingerprint": fingerprint,
        "severity": SEVERITY[f.severity],
        "categories": ["Bug Risk"],
        "location": {
            # A finding about a whole root (one that cannot be read) points at the root.
            "path": _relative(f.path or f.root or "."),
            "lines": {"begin": f.line or 1},
        },
    }


class GitlabSink(Sink):
    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.count = 0
        self.seen: dict[str, int] = {}

    def start(self, roots: Sequence[str]) -> None:
        self.out.write("[")

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            fingerprint = f.fingerprint()
            occurrence = self.seen[fingerprint] = self.seen.get(fingerprint, 0) + 1
            text = json.dumps(issue(f, unique_fingerprint(fingerprint, occurrence)), indent=2).replace("\n", "\n  ")
            self.out.write(("," if self.count else "") + "\n  " + text)
            self.count += 1

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        self.out.write("\n]\n" if self.count else "]\n")
