"""Output stays bounded however hostile the input: caps every reporter applies alike.

One 256 KiB ``options bonding x x x ...`` line is 128,000 findings: shown in
full that is gigabytes of text. So, like compilers' and shellcheck's caps, at
most ``MAX_PER_RULE_PER_FILE`` findings of one rule in one file are shown, then
one finding of the same code saying how many more there are (the summary
counts them all); messages, lists of related places and snippet lines are cut
with a visible "…" or "and N more".
Control and bidi characters from hostile files are shown as pictures, never
passed to the terminal or a CI log.
"""

from __future__ import annotations

from typing import Iterable

import attrs

from bondlint.findings import Finding, Related
from bondlint.syntax.span import whole_file_span

MAX_PER_RULE_PER_FILE = 50
MAX_RELATED = 10  # other places shown per finding
MAX_MESSAGE = 500  # characters
MAX_COLUMNS = 200  # characters of a source line shown around the span
ELLIPSIS = "…"

#: C0 controls (tab kept), DEL and C1 controls as one-column pictures, so they cannot
#: drive a terminal (ESC sequences) and carets stay aligned; bidi controls (U+202E
#: turns a line around: "Trojan Source") as U+FFFD.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_VISIBLE = (
    {c: 0x2400 + c for c in range(0x20) if c != 0x09}
    | {0x7F: 0x2421}
    | {c: 0xFFFD for c in range(0x80, 0xA0)}
    | {c: 0xFFFD for c in _BIDI}
)


def visible(text: str) -> str:
    """``text`` with every control and bidi character replaced by a visible one of one column."""
    return text.translate(_VISIBLE)


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def window(line: str, column: int, end_column: int) -> tuple[str, int]:
    """A long line cut to about MAX_COLUMNS around the span: (text shown, columns cut on the left).

    The cut ends get an "…" each, so the reader sees the line goes on.
    """
    if len(line) <= MAX_COLUMNS:
        return line, 0
    first = max(0, column - 1 - MAX_COLUMNS // 4)
    last = min(len(line), first + MAX_COLUMNS)
    first = max(0, min(first, last - MAX_COLUMNS))
    shown = line[first:last]
    if first:
        shown = ELLIPSIS + shown[1:]
    if last < len(line):
        shown = shown[:-1] + ELLIPSIS
    return shown, first


def _bounded(f: Finding) -> Finding:
    """One finding with its message and its list of other places cut to size."""
    if len(f.message) <= MAX_MESSAGE and len(f.related) <= MAX_RELATED:
        return f
    related = f.related
    if len(related) > MAX_RELATED:
        more = len(related) - MAX_RELATED + 1
        related = (*related[: MAX_RELATED - 1], Related(related[MAX_RELATED - 1].span, f"and {more} more places not shown"))
    return attrs.evolve(f, message=shorten(f.message), related=related)


def cap(findings: Iterable[Finding], limit: int = MAX_PER_RULE_PER_FILE) -> list[Finding]:
    """What is reported of one root's findings: at most ``limit`` per rule per file, messages cut.

    The first ``limit`` of a rule in a file are kept; the rest become one finding
    of the same code, in the place the first of them had, saying how many.
    """
    shown: list[Finding] = []
    seen: dict[tuple[str, str | None], int] = {}
    marker_at: dict[tuple[str, str | None], int] = {}
    unrecorded: dict[tuple[str, str | None], int] = {}  # the engine's count past its own bound
    for f in findings:
        key = (f.code, f.path)
        n = seen[key] = seen.get(key, 0) + 1
        if n > limit and f.unrecorded:  # a left-out engine marker: its count joins the cap's
            unrecorded[key] = unrecorded.get(key, 0) + f.unrecorded
        if n <= limit:
            shown.append(_bounded(f))
        elif n == limit + 1:
            marker_at[key] = len(shown)
            shown.append(f)  # replaced below once the count is known
    for key, at in marker_at.items():
        first = shown[at]
        more = seen[key] - limit + unrecorded.get(key, 0)
        shown[at] = attrs.evolve(
            first,
            message=f"{more} more {first.code} finding{'s' if more != 1 else ''} in this file not shown "
            f"(at most {limit} per rule per file; the summary counts them all)",
            span=whole_file_span(first.path) if first.path else None,
            related=(),
            context=(),
            unrecorded=more - 1,  # it stands for all of them: counts made from shown findings stay whole
        )
    return shown
