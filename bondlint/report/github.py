"""GitHub Actions workflow commands: annotations on the pull request's files."""

from __future__ import annotations

from bondlint.findings import Severity
from bondlint.runner import Report

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    out = []
    for f in report.findings:
        props = []
        if f.path:
            props.append(f"file={_escape_property(f.path)}")
        if f.line:
            props += [f"line={f.line}", f"col={f.column}", f"endLine={f.end_line}", f"endColumn={f.end_column}"]
        props.append(f"title={_escape_property(f'{f.code} {f.name}')}")
        out.append(f"::{LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message)}")
    return "\n".join(out)
