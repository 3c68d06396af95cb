"""GitHub Actions workflow commands: annotations on the pull request's files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, TextIO

from bondlint.findings import Finding, Severity
from bondlint.report.base import Sink, alone_note, fix_note

if TYPE_CHECKING:
    from bondlint.result import RootResult
from bondlint.report.bounds import visible

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    """Escaped as the runner reads it; other controls (ESC) and bidi characters made visible."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    props = []
    if f.path:
        props.append(f"file={_escape_property(f.path)}")
    if f.line:
        props += [f"line={f.line}", f"col={f.column}", f"endLine={f.end_line}", f"endColumn={f.end_column}"]
    props.append(f"title={_escape_property(f'{f.code} {f.name}')}")
    note = fix_note(f)
    message = f"{f.message} ({note})" if note else f.message
    return f"::{LEVEL[f.severity]} {','.join(props)}::{_escape_data(message)}"


class GithubSink(Sink):
    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.alone = 0  # files given alone (not host roots)

    def add_result(self, result: RootResult) -> None:
        self.alone += result.alone
        self.add(result.findings)

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        note = alone_note(self.alone)
        if note:  # a notice without a file: the run's summary annotation
            self.out.write(f"::notice title=bondlint::{_escape_data(note)}\n")

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self.out.write(command(f) + "\n")
