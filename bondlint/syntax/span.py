"""Positions shared by every parser: spans, problems, and the offset→line index.

Every value bondlint reports keeps the exact place it came from, so a finding
can always point at file:line:col. Lines and columns are 1-based; columns count
characters (not bytes); ``end_column`` is exclusive, like ruff's and SARIF's.
"""

from __future__ import annotations

from bisect import bisect_right

import attrs


@attrs.frozen(slots=True)
class Span:
    """A region of one file: 1-based lines/columns, 0-based character offsets."""

    path: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int


@attrs.frozen(slots=True)
class Problem:
    """A defect found while reading or parsing one file.

    ``code`` is the RULES.md code the problem belongs to (BL000, BL003,
    BL601, ...). The engine turns problems into findings through the rule
    that owns the code, so severities and suppressions apply uniformly.
    """

    code: str
    message: str
    span: Span


class LineIndex:
    """Maps character offsets of one text to Spans in O(log lines)."""

    __slots__ = ("path", "text", "_starts")

    def __init__(self, text: str, path: str | None = None) -> None:
        self.path = path
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(self.path, line, column, end_line, end_column, start, end)

    def line_span(self, line: int) -> Span:
        """The span of a whole line, newline excluded."""
        start = self._starts[line - 1]
        nl = self.text.find("\n", start)
        end = len(self.text) if nl == -1 else nl
        return self.span(start, end)


def whole_file_span(path: str | None) -> Span:
    """The span used for problems about a file as a whole (unreadable, refused)."""
    return Span(path, 1, 1, 1, 1, 0, 0)
