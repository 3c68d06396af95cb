"""Positions shared by every parser: spans, problems, and the offset→line index.

Every value bondlint reports keeps the exact place it came from, so a finding
can always point at file:line:col. Lines and columns are 1-based; columns count
characters (not bytes); ``end_column`` is exclusive, like ruff's and SARIF's.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any
from operator import itemgetter

import attrs


_FIELDS = ("path", "line", "column", "end_line", "end_column", "start", "end")
_new = tuple.__new__


class Span(tuple):
    """A region of one file: 1-based lines/columns, 0-based character offsets.

    Immutable and compared by value over its seven fields, like the attrs
    class it replaced (same constructor, same attributes). Parsers make
    hundreds of thousands of spans and rules read the line and column of
    few, so ``LineIndex.span`` stores just the offset pair and its index and
    turns them into line/column when read; a tuple underneath, because an
    attrs frozen instance costs ~2 µs to build and this ~0.15 µs.
    """

    __slots__ = ()
    __match_args__ = _FIELDS

    # (path, start, end, LineIndex or None, (line, column, end_line, end_column) or None)
    def __new__(
        cls, path: str | None, line: int, column: int, end_line: int, end_column: int, start: int, end: int
    ) -> Span:
        return _new(cls, (path, start, end, None, (line, column, end_line, end_column)))

    path: str | None = property(itemgetter(0))  # type: ignore[assignment]
    start: int = property(itemgetter(1))  # type: ignore[assignment]
    end: int = property(itemgetter(2))  # type: ignore[assignment]

    def _position(self) -> tuple[int, int, int, int]:
        pos = tuple.__getitem__(self, 4)
        if pos is None:
            index = tuple.__getitem__(self, 3)
            pos = index.position(tuple.__getitem__(self, 1)) + index.position(tuple.__getitem__(self, 2))
        return pos

    @property
    def line(self) -> int:
        return self._position()[0]

    @property
    def column(self) -> int:
        return self._position()[1]

    @property
    def end_line(self) -> int:
        return self._position()[2]

    @property
    def end_column(self) -> int:
        return self._position()[3]

    def _values(self) -> tuple:
        line, column, end_line, end_column = self._position()
        path, start, end = tuple.__getitem__(self, slice(0, 3))
        return (path, line, column, end_line, end_column, start, end)

    def __eq__(self, other: object) -> bool:  # type: ignore[override]
        if other.__class__ is not Span:
            return False if isinstance(other, tuple) else NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __ne__(self, other: object) -> bool:  # type: ignore[override]
        if other.__class__ is not Span:
            return True if isinstance(other, tuple) else NotImplemented
        return self._values() != other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(("Span", *self._values()))

    def __lt__(self, other: object) -> bool:  # unordered, as before
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self._values()))
        return f"Span({fields})"

    def __reduce__(self) -> tuple:
        """Pickled by value (findings cross process boundaries), never with its index."""
        return (Span, self._values())

    def __copy__(self) -> Span:
        return self

    def __deepcopy__(self, memo: dict) -> Span:
        return self


@attrs.frozen(slots=True)
class Problem:
    """A defect found while reading or parsing one file, said neutrally: what, where, the facts.

    ``kind`` names what the reader or parser saw ("unquoted-words",
    "unterminated-quote", "unknown-command", ...), ``details`` its facts (the
    variable, the words, the command). Reading and parsing know no rule: the rule
    that declares the kind (``@rule(..., problems={kind: wording})``) turns it
    into a finding with its code and its words, so severities and suppressions
    apply uniformly; ``bondlint.describe_problem(p)`` gives that code and message.
    """

    kind: str
    span: Span
    details: dict[str, Any] = attrs.field(factory=dict, hash=False)


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
        """The span of ``text[start:end]``; its line and column are computed when read."""
        return _new(Span, (self.path, start, end, self, None))

    def line_span(self, line: int) -> Span:
        """The span of a whole line, newline excluded."""
        start = self._starts[line - 1]
        nl = self.text.find("\n", start)
        end = len(self.text) if nl == -1 else nl
        return self.span(start, end)


def span_text(span: Span) -> str:
    """``line:col-end_line:end_col``: how the AST dumps (and their snapshots) show a span."""
    return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


def whole_file_span(path: str | None) -> Span:
    """The span used for problems about a file as a whole (unreadable, refused)."""
    return Span(path, 1, 1, 1, 1, 0, 0)
