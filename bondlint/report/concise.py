"""``--format concise``: one line per finding, ``path:line:col: CODE severity message``.

For grep, awk and editors' error parsers (ruff's concise, shellcheck's gcc): no
snippet, no summary, control characters shown as the same placeholders as the
text report's, so one finding is always one line.
"""

from __future__ import annotations

from typing import Sequence

from bondlint.findings import Finding
from bondlint.report.base import Sink
from bondlint.report.bounds import visible
from bondlint.report.text import location


def line(f: Finding) -> str:
    return f"{location(f)}: {f.code} {f.severity} {visible(f.message)}"


class ConciseSink(Sink):
    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self.out.write(line(f) + "\n")
