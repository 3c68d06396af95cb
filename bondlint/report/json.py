"""JSON output: the shape other tools consume (keep it stable).

``{"version", "roots", "findings": [...], "summary", "selection",
"config_digest", "fingerprint_version", "hosts": [...]}``, written as roots
finish; the text is exactly ``json.dumps(document, indent=2)``. The shape is
documented by ``report.schema.json`` beside this module (keys are only ever
added: ``related``, ``fingerprint`` and the keys after ``summary`` came later).
``bondlint merge`` and ``bondlint diff`` read it back (``bondlint.commands.shards``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Sequence, TextIO

from bondlint.findings import FINGERPRINT_VERSION, Finding, tally
from bondlint.report.base import RunInfo, Sink, alone_note

if TYPE_CHECKING:
    from bondlint.result import RootResult


def fix_dict(f: Finding) -> dict[str, object] | None:
    """ruff's shape: applicability, message, and the edits (positions in the file as it is now)."""
    if f.fix is None:
        return None
    return {
        "applicability": str(f.fix.safety),
        "message": f.fix.message,
        "edits": [
            {
                "path": e.span.path,
                "line": e.span.line,
                "column": e.span.column,
                "end_line": e.span.end_line,
                "end_column": e.span.end_column,
                "content": e.text,
            }
            for e in f.fix.edits
        ],
    }


def finding_dict(f: Finding) -> dict[str, object]:
    out = _finding_dict(f)
    if f.fix is not None:  # present only when a fix is available
        out["fix"] = fix_dict(f)
    if f.context:  # the lines a snippet shows: a merged report shows them as the run did
        out["context"] = list(f.context)
    if f.unrecorded:  # present only on a finding that stands for others left out
        out["unrecorded"] = f.unrecorded
    return out


def _finding_dict(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": str(f.severity),
        "message": f.message,
        "root": f.root,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "related": [
            {
                "path": rel.span.path,
                "line": rel.span.line,
                "column": rel.span.column,
                "end_line": rel.span.end_line,
                "end_column": rel.span.end_column,
                "message": rel.message,
            }
            for rel in f.related
        ],
        "fingerprint": f.fingerprint(),
    }


def _nested(value: object, depth: int) -> str:
    """``value`` as json.dumps(indent=2) prints it ``depth`` levels down."""
    return json.dumps(value, indent=2).replace("\n", "\n" + "  " * depth)


def root_summary(findings: Sequence[Finding]) -> dict[str, int]:
    return tally(findings, {"error": 0, "warning": 0, "info": 0})


class JsonSink(Sink):
    def __init__(self, out: TextIO, version: str, info: RunInfo | None = None) -> None:
        super().__init__(out)
        self.version = version
        self.info = info or RunInfo()
        self.count = 0
        self.hosts: list[dict[str, object]] = []
        self.alone = 0  # files given alone (not host roots)

    def add_result(self, result: RootResult) -> None:
        self.add(result.findings)
        self.alone += result.alone
        if result.host is not None:  # an audited root (not the config file's own findings)
            self.hosts.append({
                "root": result.root, "host": result.host, "release": result.release,
                "files": list(result.files), "summary": root_summary(result.findings),
                "scope": "file" if result.alone else "host",
            })

    def start(self, roots: Sequence[str]) -> None:
        self.out.write(f'{{\n  "version": {json.dumps(self.version)},\n  "roots": {_nested(list(roots), 1)},\n  "findings": [')

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self.out.write(("," if self.count else "") + "\n    " + _nested(finding_dict(f), 2))
            self.count += 1

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        added = {
            "selection": list(self.info.selection),
            "config_digest": self.info.config_digest,
            "fingerprint_version": FINGERPRINT_VERSION,
            "hosts": self.hosts,
            "notes": [n for n in (alone_note(self.alone),) if n],
        }
        tail = "".join(f",\n  {json.dumps(k)}: {_nested(v, 1)}" for k, v in added.items())
        self.out.write(("\n  ]" if self.count else "]") + f',\n  "summary": {_nested(summary, 1)}{tail}\n}}\n')
