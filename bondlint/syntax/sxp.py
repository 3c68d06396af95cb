"""xend-config.sxp → AST, read the way xend's ``sxp.Parser`` reads it.

xend refuses to start on any parse error; each is a neutral "sxp-error"
problem carrying xend's description of it (the Xen rules word the finding);
the parser still recovers and keeps reading so the rules see as much
of the file as possible. Whitespace and comments are kept as trivia so that
``render()`` gives back the exact text.

Files can nest lists arbitrarily deep (a hostile or broken file may hold
200,000 "("), so nothing here recurses: lists are built from the grammar's
tokens with an explicit stack, and render(), dump() and the node reprs walk
with explicit stacks too.

The grammar (``sxp.lark``) is its token stream, so the tokens are the whole
parse: ``tokenize`` scans with the regex Lark's basic lexer joins from the
grammar's terminals (generated at build time into ``_generated.py``, so no
process imports Lark to read an sxp file); tests/syntax/test_sxp_scanner.py
proves the token streams identical to Lark's lexer.
"""

from __future__ import annotations

import functools
import gc
import re
import string
from collections.abc import Iterator
from typing import TYPE_CHECKING, Union

import attrs

from bondlint.syntax import tables

if TYPE_CHECKING:
    from lark import Lark
from bondlint.syntax.document import Document
from bondlint.syntax.node import Node
from bondlint.syntax.span import LineIndex, Problem, Span, span_text


#: xend's escape table (sxp.py ``escapes``).
_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
}


class SxpAtom(Node):
    """A bare atom or a quoted string; ``value`` is what xend sees."""

    __slots__ = ("value", "raw", "quote", "span", "closed")

    def __init__(self, value: str, raw: str, quote: str | None, span: Span, closed: bool = True) -> None:
        self.value = value
        self.raw = raw
        self.quote = quote
        self.span = span
        self.closed = closed  # False only for a string left open at end of input


class SxpTrivia(Node):
    """Text that is no value: kind "space", "comment", "stray" (a top-level
    ")"), "bad" (characters xend rejects), "eot" (control-D) or "ignored"
    (everything after a top-level control-D)."""

    __slots__ = ("kind", "raw", "span")

    def __init__(self, kind: str, raw: str, span: Span) -> None:
        self.kind = kind
        self.raw = raw
        self.span = span


class SxpList(Node):
    """``(`` ... ``)``. Compared by identity and shown shallowly: lists can
    nest deeper than Python's recursion limit."""

    __slots__ = ("items", "parts", "span", "closed")
    __eq__ = object.__eq__  # type: ignore[assignment]
    __ne__ = object.__ne__  # type: ignore[assignment]
    __hash__ = object.__hash__  # type: ignore[assignment]

    def __init__(self, items: tuple[SxpNode, ...], parts: tuple[SxpPart, ...], span: Span, closed: bool) -> None:
        self.items = items
        self.parts = parts
        self.span = span
        self.closed = closed

    @property
    def name(self) -> str | None:
        if self.items and isinstance(self.items[0], SxpAtom):
            return self.items[0].value
        return None

    @property
    def args(self) -> tuple[SxpNode, ...]:
        return self.items[1:]

    def render(self) -> str:
        return _render((self,))

    def __repr__(self) -> str:
        return (
            f"SxpList(name={self.name!r}, items={len(self.items)}, "
            f"closed={self.closed}, span={self.span!r})"
        )


SxpNode = Union[SxpAtom, SxpList]
SxpPart = Union[SxpAtom, SxpList, SxpTrivia]


@attrs.frozen(slots=True)
class SxpDocument(Document):
    """A parsed xend-config.sxp: top-level values plus every trivia part."""

    items: tuple[SxpNode, ...]
    parts: tuple[SxpPart, ...]

    def render(self) -> str:
        return _render(self.parts)

    def get(self, name: str) -> SxpList | None:
        """The first top-level list called ``name``: xend's ``child_value``
        takes the first one, so later duplicates are dead."""
        for item in self.items:
            if isinstance(item, SxpList) and item.name == name:
                return item
        return None

    def all(self, name: str) -> tuple[SxpList, ...]:
        return tuple(i for i in self.items if isinstance(i, SxpList) and i.name == name)


def _render(parts: tuple[SxpPart, ...]) -> str:
    out: list[str] = []
    stack: list[SxpPart | str] = list(reversed(parts))
    while stack:
        part = stack.pop()
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, SxpList):
            out.append("(")
            if part.closed:
                stack.append(")")
            stack.extend(reversed(part.parts))
        else:
            out.append(part.raw)
    return "".join(out)


# --------------------------------------------------------------------------
# Parsing


#: A token: (type, start offset, end offset); its text is ``text[start:end]``.
SxpToken = tuple[str, int, int]


class _Builder:
    """One parse: the text, the line index, the problems found."""

    __slots__ = ("text", "index", "problems")

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.index = LineIndex(text, path)
        self.problems: list[Problem] = []

    def problem(self, message: str, start: int, end: int) -> None:
        self.problems.append(Problem("sxp-error", self.index.span(start, end), {"error": message}))

    def part(self, kind: str, start: int, end: int) -> SxpPart:
        raw = self.text[start:end]
        span = self.index.span(start, end)
        if kind == "ATOM":
            return SxpAtom(raw, raw, None, span)
        if kind in ("STRING", "OPEN_STRING"):
            closed = kind == "STRING"
            if not closed:
                self.problem("unterminated string (unexpected EOF)", start, start + 1)
            body = raw[1:-1] if closed else raw[1:]
            return SxpAtom(_unescape(body, start + 1, self), raw, raw[0], span, closed)
        if kind == "BADCHAR":
            self.problem(f"invalid character: code {_xend_code(raw[0])}", start, start + 1)
            return SxpTrivia("bad", raw, span)
        return SxpTrivia(_TRIVIA[kind], raw, span)

    def close(self, lpar: int, parts: list[SxpPart], rpar_end: int | None) -> SxpList:
        """The list opened at offset ``lpar``, closed by the ")" ending at ``rpar_end`` (None: never)."""
        if rpar_end is not None:
            end = rpar_end
        else:
            values = [p for p in parts if not (isinstance(p, SxpTrivia) and p.kind == "space")]
            end = values[-1].span.end if values else lpar + 1
        items = tuple(p for p in parts if not isinstance(p, SxpTrivia))
        return SxpList(items, tuple(parts), self.index.span(lpar, end), rpar_end is not None)


_TRIVIA = {"WS": "space", "COMMENT": "comment"}


def _xend_code(char: str) -> int:
    """The byte xend (Python 2, reading bytes) reports for ``char``."""
    try:
        return char.encode("utf-8", "surrogateescape")[0]
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return char.encode("utf-8", "surrogatepass")[0]


def _unescape(body: str, offset: int, build: _Builder) -> str:
    """A string's value as xend's escape states compute it, quirks included:
    an unknown escape keeps the backslash and drops the next character;
    ``\\x`` needs exactly two hex digits (otherwise xend dies on a NameError)
    and reads a-f/A-F as 0-5; octal takes up to three
    digits and must stay <= 0o377."""
    if "\\" not in body:
        return body
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        at = offset + i
        if i + 1 >= n:  # lone backslash at end of input: the string is open anyway
            break
        e = body[i + 1]
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            i += 2
        elif e == "x":
            digits = body[i + 2 : i + 4]
            if len(digits) == 2 and all(d in string.hexdigits for d in digits):
                out.append(chr(_xend_hex(digits[0]) * 16 + _xend_hex(digits[1])))
                i += 4
            else:
                build.problem("invalid hex escape: \\x needs two hex digits", at, at + 2 + len(digits))
                i += 2
        elif e in "01234567":
            j = i + 1
            value = 0
            while j < n and j < i + 4 and body[j] in "01234567":
                value = value * 8 + int(body[j])
                j += 1
            if value > 0xFF:
                build.problem(f"invalid octal escape: out of range {body[i + 1 : j]}", at, offset + j)
            else:
                out.append(chr(value))
            i = j
        else:
            out.append("\\")
            i += 2
    return "".join(out)


def _xend_hex(d: str) -> int:
    """xend's ``hexdigit(c, base)``: letters count from their own base, so
    a-f and A-F both read as 0-5."""
    if d.isdigit():
        return ord(d) - ord("0")
    return ord(d) - (ord("A") if d.isupper() else ord("a"))


GRAMMAR = "sxp.lark"


@functools.cache
def _scanner() -> re.Pattern[str]:
    """sxp.lark's terminals joined as Lark's basic lexer joins them, from the generated entry."""
    entry = tables.generated_entry(GRAMMAR, "scanner")
    if entry is None:  # the grammar was edited and not regenerated: derive the same from Lark now
        from bondlint.syntax.generate import basic_scanner_entry

        entry = basic_scanner_entry(GRAMMAR)
    return re.compile(entry["pattern"], entry["flags"])


def tokenize(text: str) -> Iterator[SxpToken]:
    """The grammar's tokens of ``text``, as Lark's basic lexer yields them (nothing is ignored).

    The first alternative that matches at a position wins, as in Lark's scanner; the
    grammar is total, so every position matches.
    """
    match = _scanner().match
    pos, n = 0, len(text)
    while pos < n:
        m = match(text, pos)
        if m is None:  # impossible for a total grammar; never loop forever on a stale table
            raise ValueError(f"{GRAMMAR}: no terminal matches at offset {pos}")
        end = m.end()
        yield m.lastgroup, pos, end  # type: ignore[misc]
        pos = end


@functools.cache
def _lark() -> Lark:
    """The grammar through Lark itself: the reference ``tokenize`` is tested against."""
    from lark import Lark

    return Lark.open(GRAMMAR, rel_to=__file__, parser="lalr", lexer="basic")


def lark_tokens(text: str) -> list[SxpToken]:
    """``tokenize``'s result by way of Lark's lexer (slow; for tests)."""
    return [(t.type, t.start_pos, t.end_pos) for t in _lark().lex(text, dont_ignore=True)]  # type: ignore[misc]


def parse(text: str, path: str | None, kind: str = "xend") -> SxpDocument:
    """Parse xend-config.sxp text; never raises, whatever the text."""
    # The parse creates no reference cycles, but on a deep file the cyclic
    # collector would rescan the growing tree again and again (2x the time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, kind)
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse(text: str, path: str | None, kind: str) -> SxpDocument:
    build = _Builder(text, path)
    top: list[SxpPart] = []
    parts = top
    # Open lists, innermost last: the "(" offset and the parts of the parent.
    stack: list[tuple[int, list[SxpPart]]] = []
    for kind_, start, end in tokenize(text):
        if kind_ == "LPAR":
            stack.append((start, parts))
            parts = []
        elif kind_ == "RPAR":
            if stack:
                lpar, parent = stack.pop()
                parent.append(build.close(lpar, parts, end))
                parts = parent
            else:
                build.problem("syntax error: )", start, end)
                parts.append(SxpTrivia("stray", ")", build.index.span(start, end)))
        elif kind_ == "EOT":
            if stack:
                build.problem("control-D inside a list (unexpected EOF)", start, end)
                parts.append(SxpTrivia("bad", text[start:end], build.index.span(start, end)))
            else:
                parts.append(SxpTrivia("eot", text[start:end], build.index.span(start, end)))
                if end < len(text):
                    rest = build.index.span(end, len(text))
                    parts.append(SxpTrivia("ignored", text[end:], rest))
                break
        else:
            parts.append(build.part(kind_, start, end))
    if stack:
        # xend stops at the first EOF: one problem, at the outermost unclosed "(".
        outer = stack[0][0]
        more = f"; {len(stack) - 1} list(s) inside it are unclosed too" if len(stack) > 1 else ""
        build.problem(f"unterminated list (unexpected EOF){more}", outer, outer + 1)
    while stack:
        lpar, parent = stack.pop()
        parent.append(build.close(lpar, parts, None))
        parts = parent
    problems = sorted(build.problems, key=lambda p: p.span.start)
    items = tuple(p for p in top if not isinstance(p, SxpTrivia))
    return SxpDocument(kind, path, text, tuple(problems), items, tuple(top))


# --------------------------------------------------------------------------
# Snapshot view


def dump(doc: SxpDocument) -> str:
    """One node per line (blank-space trivia left out), indented by depth;
    past depth 8 the depth is written as a number, to stay linear."""
    lines = [f"SxpDocument kind={doc.kind} items={len(doc.items)} problems={len(doc.problems)}"]
    stack: list[tuple[SxpPart, int]] = [(p, 0) for p in reversed(doc.parts)]
    while stack:
        part, depth = stack.pop()
        pad = "  " * depth if depth <= 8 else f"{'  ' * 8}[{depth}] "
        if isinstance(part, SxpList):
            state = "closed" if part.closed else "UNCLOSED"
            lines.append(f"{pad}list {span_text(part.span)} {state} name={part.name!r}")
            stack.extend((p, depth + 1) for p in reversed(part.parts))
        elif isinstance(part, SxpAtom):
            quote = f" quote={part.quote!r}" if part.quote else ""
            state = "" if part.closed else " UNTERMINATED"
            lines.append(f"{pad}atom {span_text(part.span)}{quote}{state} value={part.value!r}")
        elif part.kind != "space":
            lines.append(f"{pad}{part.kind} {span_text(part.span)} {part.raw!r}")
    for p in doc.problems:
        lines.append(f"problem {p.kind} {span_text(p.span)} {p.details['error']}")
    return "\n".join(lines) + "\n"
