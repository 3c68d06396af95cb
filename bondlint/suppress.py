"""Inline suppressions: ``# bondlint: disable=BL402`` comments in the audited files.

A full-line directive applies to the next line that is not blank or a
comment; one at the end of a line applies to that line; ``disable-file=``
applies to the whole file. modprobe files get no end-of-line form: kmod hands
an inline ``#`` to the module (that is BL405), so it cannot be a comment.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Iterator

import attrs

from bondlint.model.lexical import DIRECTIVE, Directive, InertDirective, Suppressions
from bondlint.syntax.document import Document
from bondlint.syntax.span import LineIndex, Span

if TYPE_CHECKING:
    from bondlint.findings import Finding

def _extents(doc: Document, count: int) -> dict[int, tuple[int, int]]:
    """Physical line → (first, last) line of the logical line holding it, where the
    parser joined lines (backslash-newline, a quote left open); others stand alone."""
    extents: dict[int, tuple[int, int]] = {}
    for logical in getattr(doc, "lines", ()):
        span = getattr(logical, "span", None)
        if span is not None and span.end_line > span.line:
            for n in range(span.line, min(span.end_line, count) + 1):
                extents[n] = (span.line, span.end_line)
    return extents


def directives(doc: Document) -> list[Directive]:
    """Every suppression directive in one document's text."""
    text = doc.text
    if "bondlint:" not in text:
        return []
    index = LineIndex(text, doc.path)
    lines = text.split("\n")
    extents = _extents(doc, len(lines))
    found: list[Directive] = []
    pending: list[tuple[list[tuple[str, Span]], Span]] = []  # full-line directives awaiting a line
    for number, line in enumerate(lines, start=1):
        first, last = extents.get(number, (number, number))
        stripped = line.strip()
        match = DIRECTIVE.search(line)
        full_line = stripped.startswith("#")
        if number != first and (number != last or full_line):
            continue  # inside a continued line its text is data; only a comment ending it counts
        if match and (full_line or _end_of_line_allowed(doc, line, match.start())):
            start = index.line_start(number)
            codes = _codes(match, start, index)
            comment = index.span(start + match.start(), start + match.end())
            removals = {"removal": _removal(text, index, comment, full_line),
                        "code_removals": tuple(_code_removal(text, index, span) for _code, span in codes)}
            if match["kind"] == "disable-file":
                found.append(Directive(doc.path, "file", None, tuple(codes), comment=comment, own_line=full_line, **removals))
            elif full_line:
                pending.append((codes, comment, removals))
            else:
                found.append(Directive(doc.path, "line", first, tuple(codes), last, comment=comment, **removals))
            continue
        if not stripped or full_line:
            continue
        for codes, comment, removals in pending:
            found.append(Directive(doc.path, "line", first, tuple(codes), last, comment=comment, own_line=True, **removals))
        pending.clear()
    return found


def _removal(text: str, index: LineIndex, comment: Span, own_line: bool) -> Span:
    """What deleting a whole directive removes: its line with the newline when it has one of its
    own, else the comment and the blanks before it (the line's CR stays)."""
    line_end = text.find("\n", comment.end)
    line_end = len(text) if line_end < 0 else line_end
    if own_line:
        return index.span(text.rfind("\n", 0, comment.start) + 1, min(line_end + 1, len(text)))
    start = comment.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return index.span(start, line_end - 1 if text[line_end - 1 : line_end] == "\r" else line_end)


def _code_removal(text: str, index: LineIndex, span: Span) -> Span | None:
    """What deleting one code of a directive removes: the code and the comma after it, else the
    comma before it; None when it has no comma beside it (codes never span lines: only the line is read)."""
    after = _COMMA_AFTER.match(text, span.end)
    if after:
        return index.span(span.start, after.end())
    before = _COMMA_BEFORE.search(text, text.rfind("\n", 0, span.start) + 1, span.start)
    return index.span(before.start(), span.end) if before is not None else None


_COMMA_AFTER = re.compile(r"\s*,\s*")
_COMMA_BEFORE = re.compile(r"\s*,\s*$")


def read(documents: Iterable[Document]) -> Suppressions:
    """Every directive of a host's files, and those written where they cannot work."""
    docs = tuple(documents)
    return Suppressions(
        tuple(d for doc in docs for d in directives(doc)),
        tuple(InertDirective(span, why) for doc in docs for span, why in inert(doc)),
    )


def inert(doc: Document) -> Iterator[tuple[Span, str]]:
    """Directives written where they cannot work, with why: each silences nothing (BL903)."""
    text = doc.text
    if "bondlint:" not in text:
        return
    index = LineIndex(text, doc.path)
    for number, line in enumerate(text.split("\n"), start=1):
        match = DIRECTIVE.search(line)
        if match is None or line.strip().startswith("#") or _end_of_line_allowed(doc, line, match.start()):
            continue
        start = index.line_start(number)
        span = index.span(start + match.start(), start + match.end())
        if doc.kind == "modprobe":
            yield span, "modprobe passes everything after the module name to the module, this text too"
        else:
            yield span, "a # glued to the word before it is part of the value, not a comment"


def _end_of_line_allowed(doc: Document, line: str, hash_at: int) -> bool:
    return doc.kind != "modprobe" and hash_at > 0 and line[hash_at - 1] in " \t"


def _codes(match: re.Match[str], line_start: int, index: LineIndex) -> list[tuple[str, Span]]:
    out = []
    base = line_start + match.start("codes")
    for item in re.finditer(r"[^,\s]+", match["codes"]):
        out.append((item.group(), index.span(base + item.start(), base + item.end())))
    return out


@attrs.frozen(slots=True)
class Outcome:
    kept: list[Finding]
    unused: list[tuple[str, Span]]  # codes in directives that silenced nothing


def apply(findings: Iterable[Finding], all_directives: Iterable[Directive]) -> Outcome:
    """Drop suppressed findings; report which directive codes were never used."""
    by_path: dict[str | None, list[Directive]] = {}
    for d in all_directives:
        by_path.setdefault(d.path, []).append(d)
    used: set[tuple[int, int]] = set()  # (id of directive, index of code)
    kept: list[Finding] = []
    for f in findings:
        silenced = False
        for d in by_path.get(f.path, ()):
            if not d.covers(f.line):
                continue
            for i, (code, _) in enumerate(d.codes):
                if _names(code, f):
                    used.add((id(d), i))
                    silenced = True
        if not silenced:
            kept.append(f)
    unused = [
        (code, span)
        for ds in by_path.values()
        for d in ds
        for i, (code, span) in enumerate(d.codes)
        if (id(d), i) not in used
    ]
    return Outcome(kept, unused)


def _names(code: str, f: Finding) -> bool:
    return code.upper() == f.code or code.lower() == f.name


def iter_codes(all_directives: Iterable[Directive]) -> Iterator[tuple[str, Span]]:
    for d in all_directives:
        yield from d.codes


__all__ = ["DIRECTIVE", "Directive", "Outcome", "apply", "directives", "inert", "iter_codes", "read"]
