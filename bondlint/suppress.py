"""Inline suppressions: ``# bondlint: disable=BL402`` comments in the audited files.

A full-line directive applies to the next line that is not blank or a
comment; one at the end of a line applies to that line; ``disable-file=``
applies to the whole file. modprobe files get no end-of-line form: kmod hands
an inline ``#`` to the module (that is BL405), so it cannot be a comment.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

import attrs

from bondlint.findings import Finding
from bondlint.syntax.document import Document
from bondlint.syntax.span import LineIndex, Span

DIRECTIVE = re.compile(r"#\s*bondlint:\s*(?P<kind>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z0-9_,\- ]+)")


@attrs.frozen(slots=True)
class Directive:
    path: str | None
    kind: str  # "line" or "file"
    target_line: int | None  # the line it silences (None for "file")
    codes: tuple[tuple[str, Span], ...]  # each code as written, with its own span


def directives(doc: Document) -> list[Directive]:
    """Every suppression directive in one document's text."""
    text = doc.text
    if "bondlint:" not in text:
        return []
    index = LineIndex(text, doc.path)
    lines = text.split("\n")
    found: list[Directive] = []
    pending: list[tuple[str, list[tuple[str, Span]]]] = []  # full-line directives awaiting a line
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        match = DIRECTIVE.search(line)
        full_line = stripped.startswith("#")
        if match and (full_line or _end_of_line_allowed(doc, line, match.start())):
            start = index.line_start(number)
            codes = _codes(match, start, index)
            if match["kind"] == "disable-file":
                found.append(Directive(doc.path, "file", None, tuple(codes)))
            elif full_line:
                pending.append(("line", codes))
            else:
                found.append(Directive(doc.path, "line", number, tuple(codes)))
            continue
        if not stripped or full_line:
            continue
        for _, codes in pending:
            found.append(Directive(doc.path, "line", number, tuple(codes)))
        pending.clear()
    return found


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
            if d.kind == "line" and d.target_line != f.line:
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
