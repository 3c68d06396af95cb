"""xend-config.sxp → AST, read the way xend's ``sxp.Parser`` reads it.

xend refuses to start on any parse error; each is a neutral "sxp-error"
problem carrying xend's description of it (the Xen rules word the finding);
the parser still recovers and keeps reading so the rules see as much
of the file as possible. Whitespace and comments are kept as trivia so that
``render()`` gives back the exact text.

Files can nest lists arbitrarily deep (a hostile or broken file may hold
200,000 "("), so nothing here recurses: lists are built from Lark's
tokens with an explicit stack, and render(), dump() and the node reprs walk
with explicit stacks too.
"""

from __future__ import annotations

import functools
import gc
import string
from typing import TYPE_CHECKING, Union

import attrs

from bondlint.syntax import tables

if TYPE_CHECKING:
    from lark import Lark, Token
from bondlint.syntax.document import Document
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


@attrs.frozen(slots=True)
class SxpAtom:
    """A bare atom or a quoted string; ``value`` is what xend sees."""

    value: str
    raw: str
    quote: str | None
    span: Span
    closed: bool = True  # False only for a string left open at end of input


@attrs.frozen(slots=True)
class SxpTrivia:
    """Text that is no value: kind "space", "comment", "stray" (a top-level
    ")"), "bad" (characters xend rejects), "eot" (control-D) or "ignored"
    (everything after a top-level control-D)."""

    kind: str
    raw: str
    span: Span


@attrs.frozen(slots=True, eq=False, repr=False)
class SxpList:
    """``(`` ... ``)``. Compared by identity and shown shallowly: lists can
    nest deeper than Python's recursion limit."""

    items: tuple[SxpNode, ...]
    parts: tuple[SxpPart, ...]
    span: Span
    closed: bool

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


class _Builder:
    """One parse: the line index, the problems found, and span helpers."""

    __slots__ = ("path", "index", "problems")

    def __init__(self, text: str, path: str | None) -> None:
        self.path = path
        self.index = LineIndex(text, path)
        self.problems: list[Problem] = []

    def problem(self, message: str, start: int, end: int) -> None:
        self.problems.append(Problem("sxp-error", self.index.span(start, end), {"error": message}))

    def span(self, tok: Token) -> Span:
        # Lark's token positions use Span's conventions (1-based, end exclusive).
        return Span(self.path, tok.line, tok.column, tok.end_line, tok.end_column, tok.start_pos, tok.end_pos)

    def part(self, tok: Token) -> SxpPart:
        kind = tok.type
        start = tok.start_pos
        span = self.span(tok)
        if kind == "ATOM":
            return SxpAtom(str(tok), str(tok), None, span)
        if kind in ("STRING", "OPEN_STRING"):
            closed = kind == "STRING"
            if not closed:
                self.problem("unterminated string (unexpected EOF)", start, start + 1)
            body = tok[1:-1] if closed else tok[1:]
            return SxpAtom(_unescape(body, start + 1, self), str(tok), tok[0], span, closed)
        if kind == "BADCHAR":
            self.problem(f"invalid character: code {_xend_code(tok[0])}", start, start + 1)
            return SxpTrivia("bad", str(tok), span)
        return SxpTrivia(_TRIVIA[kind], str(tok), span)

    def close(self, lpar: Token, parts: list[SxpPart], rpar: Token | None) -> SxpList:
        if rpar is not None:
            end = rpar.end_pos
        else:
            values = [p for p in parts if not (isinstance(p, SxpTrivia) and p.kind == "space")]
            end = values[-1].span.end if values else lpar.end_pos
        items = tuple(p for p in parts if not isinstance(p, SxpTrivia))
        return SxpList(items, tuple(parts), self.index.span(lpar.start_pos, end), rpar is not None)


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


@functools.cache
def _lexer() -> Lark:
    """sxp.lark's lexer: Lark is imported when an sxp file is read, not at start-up."""
    return tables.lark("sxp.lark", parser="lalr", lexer="basic")


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
    # Open lists, innermost last: the "(" token and the parts of the parent.
    stack: list[tuple[Token, list[SxpPart]]] = []
    for tok in _lexer().lex(text, dont_ignore=True):
        kind_ = tok.type
        if kind_ == "LPAR":
            stack.append((tok, parts))
            parts = []
        elif kind_ == "RPAR":
            if stack:
                lpar, parent = stack.pop()
                parent.append(build.close(lpar, parts, tok))
                parts = parent
            else:
                build.problem("syntax error: )", tok.start_pos, tok.end_pos)
                parts.append(SxpTrivia("stray", ")", build.span(tok)))
        elif kind_ == "EOT":
            if stack:
                build.problem("control-D inside a list (unexpected EOF)", tok.start_pos, tok.end_pos)
                parts.append(SxpTrivia("bad", str(tok), build.span(tok)))
            else:
                parts.append(SxpTrivia("eot", str(tok), build.span(tok)))
                if tok.end_pos < len(text):
                    rest = build.index.span(tok.end_pos, len(text))
                    parts.append(SxpTrivia("ignored", text[tok.end_pos :], rest))
                break
        else:
            parts.append(build.part(tok))
    if stack:
        # xend stops at the first EOF: one problem, at the outermost unclosed "(".
        outer = stack[0][0]
        more = f"; {len(stack) - 1} list(s) inside it are unclosed too" if len(stack) > 1 else ""
        build.problem(f"unterminated list (unexpected EOF){more}", outer.start_pos, outer.end_pos)
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
