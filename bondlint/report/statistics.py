"""--statistics: how many findings of each code, instead of the findings (ruff's layout).

Text is one line per code, most frequent first: the count right-aligned, a tab,
the code, a tab, the rule's name. JSON is the same as a list of objects. A clean
run prints nothing in text and ``[]`` in JSON.
"""

from __future__ import annotations

import json
from typing import Sequence, TextIO

from bondlint.findings import Finding
from bondlint.report.base import Sink


class StatisticsSink(Sink):
    def __init__(self, out: TextIO, as_json: bool = False) -> None:
        super().__init__(out)
        self.as_json = as_json
        self.counts: dict[str, int] = {}
        self.names: dict[str, str] = {}

    def add(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self.counts[f.code] = self.counts.get(f.code, 0) + 1
            self.names[f.code] = f.name

    def rows(self) -> list[tuple[int, str, str]]:
        return sorted(((n, code, self.names[code]) for code, n in self.counts.items()), key=lambda r: (-r[0], r[1]))

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        rows = self.rows()
        if self.as_json:
            self.out.write(json.dumps([{"code": c, "name": name, "count": n} for n, c, name in rows], indent=2) + "\n")
            return
        count_width = max((len(str(n)) for n, _, _ in rows), default=0)
        code_width = max((len(c) for _, c, _ in rows), default=0)
        for n, code, name in rows:
            self.out.write(f"{n:>{count_width}}\t{code:<{code_width}}\t{name}\n")
