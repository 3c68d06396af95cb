"""What a fix is: edits (a span of one file → replacement text), a safety, a message.

Rules build these from the spans the model already carries; the fix engine
(``bondlint.fixing.engine``) applies them. Offsets are character offsets into
the file's decoded text, exactly as ``Span.start``/``Span.end``.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Iterable

import attrs

from bondlint.syntax.span import Span

if TYPE_CHECKING:
    from bondlint.model.values import Located


class Safety(enum.Enum):
    """ruff's applicability: --fix applies safe fixes; unsafe ones need --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


class Availability(enum.Enum):
    """What a rule declares about its fixes (ruff's "Fix is always/sometimes available")."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(slots=True)
class Edit:
    """Replace the text of ``span`` (zero-width: insert at it) with ``text``.

    ``span.path`` names the file as findings show it; a span on a file that
    does not exist yet (``Edit.create``) makes the engine create it.
    """

    span: Span
    text: str
    #: the edit writes a new file (``Edit.create``); every other edit needs the file to exist
    creates: bool = attrs.field(default=False, kw_only=True)

    @property
    def path(self) -> str | None:
        return self.span.path

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @classmethod
    def replace(cls, span: Span, text: str) -> Edit:
        return cls(span, text)

    @classmethod
    def delete(cls, span: Span) -> Edit:
        return cls(span, "")

    @classmethod
    def insert(cls, at: Span, text: str) -> Edit:
        """Insert ``text`` before the start of ``at``."""
        s = at
        return cls(Span(s.path, s.line, s.column, s.line, s.column, s.start, s.start), text)

    @classmethod
    def insert_after(cls, at: Span, text: str) -> Edit:
        """Insert ``text`` after the end of ``at``."""
        s = at
        return cls(Span(s.path, s.end_line, s.end_column, s.end_line, s.end_column, s.end, s.end), text)

    @classmethod
    def create(cls, path: str, text: str) -> Edit:
        """Write a whole new file (the engine refuses if one appeared meanwhile)."""
        return cls(Span(path, 1, 1, 1, 1, 0, 0), text, creates=True)

    def overlaps(self, other: Edit) -> bool:
        """Two edits of one file that cannot both apply: their ranges meet, or both insert at one point."""
        if self.path != other.path:
            return False
        if self.start == other.start:
            return True
        return self.start < other.end and other.start < self.end


@attrs.frozen(slots=True)
class Fix:
    """One repair: its edits apply together or not at all.

    Edits of several files are written in the order given: put first the file
    whose change, alone, leaves a state the next ``--fix`` completes.
    """

    edits: tuple[Edit, ...] = attrs.field(converter=tuple)
    safety: Safety
    message: str

    @classmethod
    def safe(cls, message: str, *edits: Edit) -> Fix:
        return cls(edits, Safety.SAFE, message)

    @classmethod
    def unsafe(cls, message: str, *edits: Edit) -> Fix:
        return cls(edits, Safety.UNSAFE, message)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.path for e in self.edits if e.path is not None))

    def malformed(self) -> str | None:
        """Why the edits cannot apply together (they overlap, or run backwards), or None."""
        edits = list(self.edits)
        for i, e in enumerate(edits):
            if e.start > e.end:
                return f"an edit ends before it starts ({e.start}-{e.end})"
            if any(e.overlaps(o) for o in edits[i + 1 :]):
                return "two of its edits overlap"
        return None

    def conflicts(self, others: Iterable[Edit]) -> bool:
        others = list(others)
        return any(e.overlaps(o) for e in self.edits for o in others)


def rewrite_value(value: Located, text: str) -> Edit | None:
    """Replace a located value by ``text``, keeping its quotes: ``"YES"`` → ``"yes"``.

    None where the value is not written plainly (``YE"S"``, a trailing CR that
    BL004's fix removes first): the rule then offers no fix this pass.
    """
    raw = value.raw if value.raw is not None else value.text
    if value.span.end - value.span.start != len(raw):
        return None  # the span is not the text as written (a value the model could not map)
    if raw == value.text:
        return Edit.replace(value.span, text)
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'" and raw[1:-1] == value.text:
        s = value.span
        inner = Span(s.path, s.line, s.column + 1, s.end_line, s.end_column - 1, s.start + 1, s.end - 1)
        return Edit.replace(inner, text)
    return None


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping edits applied; every character outside them is kept."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end > len(text):
            raise ValueError(f"edit {e.start}-{e.end} overlaps another or lies outside the text")
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
