"""JSON output: the shape other tools consume (keep it stable)."""

from __future__ import annotations

import json

from bondlint.findings import Finding
from bondlint.runner import Report


def finding_dict(f: Finding) -> dict[str, object]:
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
    }


def render(report: Report, version: str) -> str:
    return json.dumps(
        {
            "version": version,
            "roots": list(report.roots),
            "findings": [finding_dict(f) for f in report.findings],
            "summary": report.summary(),
        },
        indent=2,
    )
