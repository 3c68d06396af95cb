"""--statistics: how many findings of each code, instead of the findings (ruff's layout).

Text is one line per code, most frequent first: the count right-aligned, the
code, its severity, ``[*]`` where a fix is available for some of them (ruff's
marker), the rule's name, tab-separated; then a total line. JSON is the same as
a list of objects. A clean run prints nothing in text and ``[]`` in JSON.
"""

from __future__ import annotations

import json
from typing import Sequence, TextIO

from bondlint.findings import Finding, Severity
from bondlint.report.base import Sink


class StatisticsSink(Sink):
    def __init__(self, out: TextIO, as_json: bool = False) -> None:
        super().__init__(out)
        self.as_json = as_json
        self.counts: dict[str, int] = {}
        self.names: dict[str, str] = {}
        #: the highest severity of a code's findings (an override or the release can raise some)
        self.severities: dict[str, Severity] = {}
        self.fixable: dict[str, int] = {}

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self.counts[f.code] = self.counts.get(f.code, 0) + 1 + f.unrecorded  # a capped finding counts what it stands for
            self.names[f.code] = f.name
            self.severities[f.code] = max(f.severity, self.severities.get(f.code, f.severity))
            if f.fix is not None:
                self.fixable[f.code] = self.fixable.get(f.code, 0) + 1

    def rows(self) -> list[tuple[int, str, str]]:
        return sorted(((n, code, self.names[code]) for code, n in self.counts.items()), key=lambda r: (-r[0], r[1]))

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        rows = self.rows()
        if self.as_json:
            entries = [
                {"code": c, "name": name, "count": n, "severity": str(self.severities[c]), "fixable": self.fixable.get(c, 0)}
                for n, c, name in rows
            ]
            self.out.write(json.dumps(entries, indent=2) + "\n")
            return
        if not rows:
            return
        total = sum(n for n, _, _ in rows)
        count_width = max(len(str(n)) for n in (total, *(n for n, _, _ in rows)))
        code_width = max(len(c) for _, c, _ in rows)
        severity_width = max(len(str(self.severities[c])) for _, c, _ in rows)
        for n, code, name in rows:
            marker = "[*]" if self.fixable.get(code) else "   "
            self.out.write(f"{n:>{count_width}}\t{code:<{code_width}}\t{self.severities[code]!s:<{severity_width}}\t{marker} {name}\n")
        fixable = sum(self.fixable.values())
        self.out.write(f"{total:>{count_width}}\ttotal ({fixable} fixable, [*])\n")
