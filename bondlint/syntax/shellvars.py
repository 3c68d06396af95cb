"""Shell-variable files (kinds "ifcfg" and "network") as bash and NetworkManager read them.

initscripts ``source`` these files with bash (as root) while NetworkManager's
``shvar.c`` reads them line by line without executing anything. The two
disagree on quoting, comments, CRLF and stray words, and that disagreement is
where most broken bonds come from, so every value carries both readings:
``value`` (what bash assigns, nothing expanded) and ``nm_value`` (what shvar
returns, or None when it rejects the value).

The Lark grammar in ``shellvars.lark`` tokenizes the whole file (it accepts any
text); this module groups tokens into logical lines and words and unescapes.
The grammar is flat, so the tokens are all the parse gives: ``tokenize`` scans
with the grammar's own terminals, as Lark's contextual lexer orders them in
each of its contexts (generated at build time into ``_generated.py``), without
running the LALR parser; tests/syntax/test_shellvars_scanner.py proves the
token streams identical to the LALR parse's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from operator import itemgetter
from typing import TYPE_CHECKING

import attrs

from bondlint.syntax import tables
from bondlint.syntax.document import Document
from bondlint.syntax.node import Node
from bondlint.syntax.span import LineIndex, Problem, Span, span_text

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR = "shellvars.lark"

_PIECES = frozenset(
    {"ARRAY", "SQ", "DQ", "ANSI", "LOCALE", "CMDSUB", "BACKTICK", "PARAM_BRACE", "PARAM", "DOLLAR", "ESC", "LIT"}
)
_NAME_EQ = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SPECIAL_ASSIGN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[^]]*\])?\+?=")
_QUOTING = {"SQ": "single", "DQ": "double", "LOCALE": "double", "ANSI": "ansi-c"}
#: Operators after which bash does not keep the line's assignments in the sourcing shell.
_SUBSHELL_OPS = frozenset({"|", "|&", "(", ")"})
_UNTERMINATED_NAME = {
    "'": "single quote",
    '"': "double quote",
    "$'": "$'...' quote",
    '$"': '$"..." quote',
    "`": "backtick",
    "$(": "$( command substitution",
    "${": "${ expansion",
    "(": "array parenthesis",
}
_CLOSER = {"'": "'", '"': '"', "$'": "'", '$"': '"', "`": "`", "$(": ")", "${": "}", "(": ")"}


class Comment(Node):
    __slots__ = ("text", "span")

    def __init__(self, text: str, span: Span) -> None:
        self.text = text
        self.span = span


class Word(Node):
    __slots__ = ("text", "span")

    def __init__(self, text: str, span: Span) -> None:
        self.text = text
        self.span = span


class ShellValue(Node):
    """One value word, with bash's reading and NetworkManager's."""

    __slots__ = (
        "raw", "span", "value", "quoting", "command_substitution", "expansion", "unterminated_quote",
        "extra_words", "operator", "trailing_semicolon", "continuation", "crlf", "nm_value", "nm_error",
    )  # fmt: skip

    def __init__(
        self,
        raw: str,
        span: Span,
        value: str,
        quoting: str,
        command_substitution: bool,
        expansion: bool,
        unterminated_quote: str | None,
        extra_words: tuple[Word, ...],
        operator: Word | None,
        trailing_semicolon: bool,
        continuation: bool,
        crlf: bool,
        nm_value: str | None,
        nm_error: str | None,
    ) -> None:
        self.raw = raw
        self.span = span
        self.value = value
        self.quoting = quoting
        self.command_substitution = command_substitution
        self.expansion = expansion
        self.unterminated_quote = unterminated_quote
        self.extra_words = extra_words
        self.operator = operator
        self.trailing_semicolon = trailing_semicolon
        self.continuation = continuation
        self.crlf = crlf
        self.nm_value = nm_value
        self.nm_error = nm_error


class Assignment(Node):
    __slots__ = ("name", "name_span", "value", "exported", "indent", "span")

    def __init__(self, name: str, name_span: Span, value: ShellValue, exported: bool, indent: str, span: Span) -> None:
        self.name = name
        self.name_span = name_span
        self.value = value
        self.exported = exported
        self.indent = indent
        self.span = span


class ShellLine(Node):
    """One logical line: physical lines joined by backslash-newline or an open quote.

    ``span`` covers ``raw`` without its final ``\\n``.
    """

    __slots__ = ("raw", "span", "kind", "assignment", "comment", "extra_assignments")

    def __init__(
        self,
        raw: str,
        span: Span,
        kind: str,
        assignment: Assignment | None,
        comment: Comment | None,
        extra_assignments: tuple[Assignment, ...],
    ) -> None:
        self.raw = raw
        self.span = span
        self.kind = kind
        self.assignment = assignment
        self.comment = comment
        self.extra_assignments = extra_assignments

    def bash_assignments(self) -> tuple[Assignment, ...]:
        """The assignments bash really keeps after sourcing this line.

        Empty when the line never runs (unterminated quote), when a command word
        follows (the assignments then only reach that command's environment),
        or when a pipe or subshell operator puts them in a child shell.
        """
        a = self.assignment
        if a is None:
            return ()
        v = a.value
        extras = self.extra_assignments
        if v.unterminated_quote or extras and any(x.value.unterminated_quote for x in extras):
            return ()
        if not a.exported and len(extras) != len(v.extra_words):
            return ()
        if v.operator is not None and v.operator.text in _SUBSHELL_OPS:
            return ()
        return (a, *extras) if extras else (a,)


@attrs.frozen(slots=True)
class ShellDocument(Document):
    lines: tuple[ShellLine, ...]
    #: name → the assignment bash keeps (the last), built once: rules ask a lot
    _kept: dict[str, Assignment] = attrs.field(init=False, eq=False, repr=False)
    #: every assignment word in file order, built once: rules ask for it per rule
    _all: tuple[Assignment, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        kept: dict[str, Assignment] = {}
        every: list[Assignment] = []
        for line in self.lines:
            a = line.assignment
            if a is None:
                continue
            every.append(a)
            every.extend(line.extra_assignments)
            for b in line.bash_assignments():
                kept[b.name] = b
        object.__setattr__(self, "_kept", kept)
        object.__setattr__(self, "_all", tuple(every))

    def render(self) -> str:
        return "".join(line.raw for line in self.lines)

    def assignments(self) -> tuple[Assignment, ...]:
        """Every assignment word in file order, whether or not bash keeps it."""
        return self._all

    def all(self, name: str) -> tuple[Assignment, ...]:
        return tuple(a for a in self._all if a.name == name)

    def get(self, name: str) -> Assignment | None:
        """The assignment bash ends up with for ``name`` (last one it keeps)."""
        return self._kept.get(name)

    def value(self, name: str, default: str | None = None) -> str | None:
        a = self.get(name)
        return default if a is None else a.value.value


class Token(tuple):
    """A token as the builder reads it (type, text, offset): what it used of Lark's Token."""

    __slots__ = ()
    type: str = property(itemgetter(0))  # type: ignore[assignment]
    value: str = property(itemgetter(1))  # type: ignore[assignment]
    start_pos: int = property(itemgetter(2))  # type: ignore[assignment]


@functools.cache
def _scanner() -> tuple[tuple[re.Pattern[str], ...], int, dict[str, int], frozenset[str]]:
    entry = tables.generated_entry(GRAMMAR, "scanner")
    if entry is None:  # the grammar was edited and not regenerated: derive the same from Lark now
        from bondlint.syntax.generate import scanner_entry

        entry = scanner_entry()
    contexts = tuple(re.compile(pattern, entry["flags"]) for pattern in entry["contexts"])
    return contexts, entry["start"], dict(entry["after"]), frozenset(entry["ignore"])


def tokenize(text: str) -> list[Token]:
    """The grammar's tokens of ``text``, as the LALR parse with Lark's contextual lexer yields them.

    Each context is one regex joining the terminals Lark's lexer accepts there,
    in Lark's order; the token's type picks the next context; ignored tokens
    (backslash-newline) leave it as it was. The grammar is total, so every
    position matches.
    """
    contexts, ctx, after, ignore = _scanner()
    new = tuple.__new__
    out: list[Token] = []
    append = out.append
    pos, n = 0, len(text)
    while pos < n:
        m = contexts[ctx].match(text, pos)
        if m is None:  # impossible for a total grammar; never loop forever on a stale table
            raise ValueError(f"{GRAMMAR}: no terminal matches at offset {pos}")
        kind = m.lastgroup
        end = m.end()
        if kind not in ignore:
            append(new(Token, (kind, text[pos:end], pos)))
            ctx = after[kind]
        pos = end
    return out


@functools.cache
def _parser() -> Lark:
    """The LALR parser over the same grammar: the reference ``tokenize`` is tested against."""
    from lark import Lark

    return Lark.open(GRAMMAR, rel_to=__file__, parser="lalr", lexer="contextual")


def lalr_tokens(text: str) -> list[Token]:
    """``tokenize``'s result by way of the full LALR parse (slow; for tests)."""
    return [tuple.__new__(Token, (t.type, str(t), t.start_pos)) for t in _parser().parse(text).children]


# ---------------------------------------------------------------------------
# bash unescaping (no expansion)


def _bash_dq(content: str) -> tuple[str, bool]:
    """Double-quoted text after quote removal; also whether it held a backslash-newline."""
    if "\\" not in content:
        return content, False
    out: list[str] = []
    cont = False
    i, n = 0, len(content)
    while i < n:
        c = content[i]
        if c == "\\" and i + 1 < n:
            nxt = content[i + 1]
            if nxt == "\n":
                cont = True
            elif nxt in '$`"\\':
                out.append(nxt)
            else:
                out.append("\\" + nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out), cont


_SIMPLE_ANSI = {
    "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r",
    "t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?",
}
_OCT = "01234567"
_HEX = "0123456789abcdefABCDEF"


def _byte(b: int) -> str:
    """One byte of a decoded value: itself if ASCII, else its surrogateescape stand-in."""
    return chr(b) if b < 0x80 else chr(0xDC00 + b)


def _ansi_c(content: str, bash: bool) -> str:
    """Decode $'...' escapes (bash's ansicstr, or shvar's variant when not ``bash``).

    A NUL ends the string in both. Bytes from \\x and octal escapes are bytes,
    not characters: ASCII stays itself, a byte of 0x80 or more is kept as the
    byte it is (surrogateescape, as paths are), which is what bash stores.
    """
    out: list[str] = []
    i, n = 0, len(content)
    while i < n:
        c = content[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        e = content[i + 1]
        i += 2
        if e in _SIMPLE_ANSI:
            out.append(_SIMPLE_ANSI[e])
        elif e in _OCT:
            j = i
            while j < n and j < i + 2 and content[j] in _OCT:
                j += 1
            out.append(_byte(int(e + content[i:j], 8) & 0xFF))
            i = j
        elif e in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[e]
            j = i
            while j < n and j < i + width and content[j] in _HEX:
                j += 1
            if j == i:
                out.append("\\" + e)
            else:
                code = int(content[i:j], 16)
                if e == "x":
                    out.append(_byte(code))
                elif code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                    out.append(chr(code))
                else:
                    out.append(content[i - 2 : j])
                i = j
        elif e == "c" and bash and i < n:
            out.append(chr(ord(content[i]) & 0x1F))
            i += 1
        else:
            out.append("\\" + e)
    result = "".join(out)
    nul = result.find("\0")
    return result if nul < 0 else result[:nul]


_OPENERS = {"SQ": "'", "DQ": '"', "ANSI": "$'", "LOCALE": '$"'}


def _unterminated(tok_type: str, text: str) -> str | None:
    """The opening delimiter of a piece whose closing one never came (it ran to EOF)."""
    if tok_type in _OPENERS:
        opener = _OPENERS[tok_type]
        closer = _CLOSER[opener]
        body = text[len(opener) : -1]
        closed = len(text) > len(opener) and text.endswith(closer)
        if closed and tok_type != "SQ":
            closed = (len(body) - len(body.rstrip("\\"))) % 2 == 0  # an odd run escapes the quote
        return None if closed else opener
    if tok_type == "CMDSUB":
        return None if len(text) > 2 and text.endswith(")") else "$("
    if tok_type == "BACKTICK":
        return None if len(text) > 1 and text.endswith("`") else "`"
    if tok_type == "PARAM_BRACE":
        return None if text.endswith("}") else "${"
    if tok_type == "ARRAY":
        return None if text.endswith(")") else "("
    return None


def _dq_flags(content: str) -> tuple[bool, bool]:
    """(command substitution, expansion) inside double-quoted text."""
    cmd = exp = False
    i, n = 0, len(content)
    while i < n:
        c = content[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            cmd = True
        elif c == "$" and i + 1 < n:
            nxt = content[i + 1]
            if nxt == "(":
                cmd = True
            elif nxt == "{" or nxt.isalnum() or nxt in "_@*#?$!-":
                exp = True
        i += 1
    return cmd, exp


#: A value's bash reading: (value, quoting, command_substitution, expansion, unterminated, continuation).
_Bash = tuple[str, str, bool, bool, "str | None", bool]


def _read_pieces(pieces: tuple[tuple[str, str], ...]) -> _Bash:
    """Bash's reading of a value word's pieces ((type, text) pairs, the first one the LIT after ``=``).

    A pure function of the pieces' text (cached for short values, ``_read_pieces_cached``).
    A backslash-newline between pieces is the caller's to add to ``continuation``.
    """
    out: list[str] = []
    kinds: set[str] = set()
    cmd = exp = cont = False
    unterminated: str | None = None
    last = len(pieces) - 1
    for k, (t, text) in enumerate(pieces):
        if not text:
            continue
        open_ = _unterminated(t, text)
        unterminated = unterminated or open_
        if not (k == last and text == "\r"):  # a CRLF's CR does not make "x"\r mixed quoting
            kinds.add(_QUOTING.get(t, "none"))
        if t == "LIT" or t == "DOLLAR":
            out.append(text)
        elif t == "ESC":
            out.append(text[1:] or "\\")
        elif t in ("SQ", "DQ", "ANSI", "LOCALE"):
            opener = _OPENERS[t]
            content = text[len(opener) : None if open_ else -1]
            if t == "SQ":
                out.append(content)
            elif t == "ANSI":
                out.append(_ansi_c(content, bash=True))
            else:
                value, c = _bash_dq(content)
                cont = cont or c
                out.append(value)
                pc, pe = _dq_flags(content)
                cmd, exp = cmd or pc, exp or pe
        else:  # CMDSUB, BACKTICK, PARAM, PARAM_BRACE: kept literally, never run
            out.append(text)
            if t in ("CMDSUB", "BACKTICK"):
                cmd = True
            else:
                exp = True
                if t == "PARAM_BRACE" and ("$(" in text or "`" in text):
                    cmd = True
    quoting = "none" if not kinds else (kinds.pop() if len(kinds) == 1 else "mixed")
    return "".join(out), quoting, cmd, exp, unterminated, cont


# ---------------------------------------------------------------------------
# NetworkManager shvar.c svUnescape


def _old_svescaped(value: str) -> bool:
    """shvar's test for values written by its old svEscape (for the \\' and \\~ compat hack)."""
    if not value.startswith('"'):
        return False
    special = "\"'\\$~`"
    k = 1
    n = len(value)
    while k < n:
        c = value[k]
        if c in special:
            if c == '"':
                return k + 1 == n
            if c == "\\":
                k += 1
                if k >= n or value[k] not in special:
                    return False
            else:
                return False
        k += 1
    return False


def nm_unescape(value: str) -> tuple[str | None, str | None]:
    """What shvar's svUnescape returns for the text after ``KEY=`` on one physical line.

    Returns ``(value, None)`` or ``(None, reason)``; NM then uses "" for the key.
    """
    if "\0" in value:
        value = value[: value.index("\0")]
    out: list[str] = []
    i, n = 0, len(value)
    old: bool | None = None
    while i < n:
        c = value[i]
        if c.isspace() and c.isascii() or c == ";":
            semi = c == ";"
            j = i + 1
            while j < n and (value[j] in " \t\n\r\v\f" or (not semi and value[j] == ";")):
                semi = semi or value[j] == ";"
                j += 1
            if j < n and value[j] != "#":
                what = "a second ';'" if value[j] == ";" else "more text"
                return None, f"badly quoted: unquoted {'semicolon' if c == ';' else 'whitespace'} followed by {what}"
            break
        if c == "\\":
            if i + 1 >= n:
                return None, "badly quoted: backslash at the end of the line (NM does not support line continuation)"
            out.append(value[i + 1])
            i += 2
            continue
        if c == "'":
            j = value.find("'", i + 1)
            if j < 0:
                return None, "badly quoted: unterminated single quote"
            out.append(value[i + 1 : j])
            i = j + 1
            continue
        if c == '"':
            i += 1
            while True:
                if i >= n:
                    return None, "badly quoted: unterminated double quote"
                d = value[i]
                if d == '"':
                    i += 1
                    break
                if d in "`$":
                    return None, f"badly quoted: '{d}' inside double quotes (NM does not support shell expansion)"
                if d == "\\":
                    i += 1
                    if i >= n:
                        return None, "badly quoted: backslash at the end of the line (NM does not support line continuation)"
                    e = value[i]
                    if e in "$`\"\\":
                        pass
                    elif e in "'~":
                        if old is None:
                            old = _old_svescaped(value)
                        if not old:
                            out.append("\\")
                    else:
                        out.append("\\")
                    d = e
                out.append(d)
                i += 1
            continue
        if c == "$" and value[i + 1 : i + 2] == "'":
            j = i + 2
            while True:
                if j >= n:
                    return None, "badly quoted: unterminated $'...' quote"
                if value[j] == "\\":
                    if j + 1 >= n:
                        return None, "badly quoted: unterminated $'...' quote"
                    j += 2
                    continue
                if value[j] == "'":
                    break
                j += 1
            out.append(_ansi_c(value[i + 2 : j], bash=False))
            i = j + 1
            continue
        if c in "|&()<>":
            return None, f"badly quoted: unquoted shell metacharacter '{c}'"
        out.append(c)
        i += 1
    result = "".join(out)
    nul = result.find("\0")
    return (result if nul < 0 else result[:nul]), None


#: A value ``nm_unescape`` returns as it is: no ASCII blank (str.isspace), quote, backslash, ``;``,
#: ``$``, shell metacharacter or NUL (tests/syntax/test_shellvars.py checks the shortcut).
_NM_PLAIN = re.compile(r"[^\t\n\x0b\x0c\r\x1c-\x1f \\;'\"$|&()<>\x00]*").fullmatch

#: Values up to this long are read through the caches (a fleet repeats them on every host);
#: longer ones, rare and possibly hostile, are read directly so the caches stay small.
_CACHED_VALUE_LENGTH = 256
_nm_unescape_cached = functools.lru_cache(maxsize=4096)(nm_unescape)
_read_pieces_cached = functools.lru_cache(maxsize=4096)(_read_pieces)


# ---------------------------------------------------------------------------
# lines and words


class _Item(tuple):
    """A word, blank, operator or comment of one logical line: (kind, tokens, start, end).

    A tuple, not an attrs class: the builder makes several per line and keeps none.
    """

    __slots__ = ()
    kind: str = property(itemgetter(0))  # type: ignore[assignment]  # "word", "blank", "op", "comment"
    tokens: tuple[Token, ...] = property(itemgetter(1))  # type: ignore[assignment]
    start: int = property(itemgetter(2))  # type: ignore[assignment]
    end: int = property(itemgetter(3))  # type: ignore[assignment]


_SEPARATOR_KIND = {"BLANK": "blank", "OP": "op", "COMMENT": "comment"}


def _item(kind: str, tokens: tuple[Token, ...]) -> _Item:
    last = tokens[-1]
    return tuple.__new__(_Item, (kind, tokens, tokens[0][2], last[2] + len(last[1])))


def _items(tokens: list[Token]) -> list[_Item]:
    items: list[_Item] = []
    word: list[Token] = []
    for tok in tokens:
        if tok[0] in _PIECES:
            word.append(tok)
            continue
        if word:
            items.append(_item("word", tuple(word)))
            word = []
        items.append(_item(_SEPARATOR_KIND[tok[0]], (tok,)))
    if word:
        items.append(_item("word", tuple(word)))
    return items


def _logical_lines(text: str, tokens: list[Token]) -> Iterator[tuple[int, int, list[Token]]]:
    start = 0
    current: list[Token] = []
    for tok in tokens:
        if tok.type == "NL":
            end = tok.start_pos + 1  # type: ignore[operator]
            yield start, end, current
            start, current = end, []
        else:
            current.append(tok)
    if start < len(text):
        yield start, len(text), current


class _Builder:
    """Turns one file's tokens into ShellLines and problems."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.index = LineIndex(text, path)
        self.problems: list[Problem] = []

    def span(self, start: int, end: int) -> Span:
        return self.index.span(start, end)

    def line(self, start: int, end: int, tokens: list[Token]) -> ShellLine:
        raw = self.text[start:end]
        body_end = end - 1 if raw.endswith("\n") else end
        span = self.index.span(start, body_end)
        if tokens and _single_assignment_word(tokens):  # the common NAME=value line, no blank, no comment
            crlf = raw.endswith("\r\n")
            word = _item("word", tuple(tokens))
            return ShellLine(raw, span, "assignment", self._assignment(word, "", False, crlf, (), None, False, True), None, ())
        items = _items(tokens)
        broken = self._check_unterminated(items)
        content = [it for it in items if it.kind != "blank"]
        if not content:
            return ShellLine(raw, span, "blank", None, None, ())
        comment_item = items[-1] if items[-1].kind == "comment" else None
        comment = None
        if comment_item is not None:
            comment = Comment(comment_item.tokens[0].value, self.span(comment_item.start, comment_item.end))
        if content[0].kind == "comment":
            return ShellLine(raw, span, "comment", None, comment, ())
        crlf = raw.endswith("\r\n")
        parsed = self._assignment_line(items, crlf, report=not broken)
        if parsed is None:
            if not broken:  # bash never runs a line it cannot finish reading
                self._non_assignment(content)
            return ShellLine(raw, span, "other", None, comment, ())
        assignment, extras = parsed
        return ShellLine(raw, span, "assignment", assignment, comment, extras)

    def _check_unterminated(self, items: list[_Item]) -> bool:
        """Report the quote bash never finds closed; True if this line has one."""
        for it in items:
            if it.kind != "word":
                continue
            for tok in it.tokens:
                opened = _unterminated(tok.type, tok.value)
                if opened is None:
                    continue
                start: int = tok.start_pos  # type: ignore[assignment]
                if tok.type == "ARRAY":
                    start += tok.value.index("(")
                eol = self.text.find("\n", start)
                end = len(self.text) if eol < 0 else eol
                line, _ = self.index.position(start)
                details = {"quote": _UNTERMINATED_NAME[opened], "closer": _CLOSER[opened], "line": line}
                self.problems.append(Problem("unterminated-quote", self.span(start, end), details))
                return True
        return False

    def _assignment_line(
        self, items: list[_Item], crlf: bool, report: bool
    ) -> tuple[Assignment, tuple[Assignment, ...]] | None:
        pos = 0
        indent = ""
        if items[0].kind == "blank":
            indent = items[0].tokens[0].value
            pos = 1
        exported = False
        first = items[pos]
        if (
            first.kind == "word"
            and len(first.tokens) == 1
            and first.tokens[0].value == "export"
            and pos + 2 < len(items)
            and items[pos + 1].kind == "blank"
            and _is_assignment_word(items[pos + 2])
        ):
            exported = True
            pos += 2
        if not _is_assignment_word(items[pos]):
            return None
        # The words after the value word, up to an operator or a comment.
        rest = items[pos + 1 :]
        extra_items: list[_Item] = []
        operator: _Item | None = None
        after_op: list[_Item] = []
        for k, it in enumerate(rest):
            if it.kind == "op":
                operator = it
                after_op = rest[k + 1 :]
                break
            if it.kind == "comment":
                break
            if it.kind == "word":
                extra_items.append(it)
        trailing_semicolon = (
            operator is not None
            and operator.tokens[0].value == ";"
            and all(it.kind in ("blank", "comment") for it in after_op)
        )
        op_word = None
        if operator is not None and not trailing_semicolon:
            op_word = Word(operator.tokens[0].value, self.span(operator.start, operator.end))
        extra_words = tuple(Word(self.text[it.start : it.end], self.span(it.start, it.end)) for it in extra_items)
        leading: list[_Item] = []
        for it in extra_items:
            if not _is_assignment_word(it):
                if not exported:
                    break
                continue
            leading.append(it)
        main = self._assignment(
            items[pos], indent, exported, crlf, extra_words, op_word, trailing_semicolon, nm_visible=not exported
        )
        extras = tuple(
            self._assignment(it, "", exported, crlf, (), None, False, nm_visible=self._at_line_start(it.start))
            for it in leading
        )
        if extra_words and report:
            self._whitespace_problem(main, extra_words, extras, exported)
        if exported and report:
            self.problems.append(
                Problem("export", self.span(items[pos - 2].start, main.span.end), {"name": main.name})
            )
        return main, extras

    def _at_line_start(self, offset: int) -> bool:
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text[line_start:offset].strip(" \t\r\v\f") == ""

    def _assignment(
        self,
        item: _Item,
        indent: str,
        exported: bool,
        crlf: bool,
        extra_words: tuple[Word, ...],
        operator: Word | None,
        trailing_semicolon: bool,
        nm_visible: bool,
    ) -> Assignment:
        tokens = item.tokens
        _, first_text, start = tokens[0]
        eq = first_text.index("=")
        value_start = start + eq + 1
        end = item.end
        text = self.text
        short = end - value_start <= _CACHED_VALUE_LENGTH
        read = _read_pieces_cached if short else _read_pieces
        if len(tokens) == 1:  # one literal: bash keeps it as written (_read_pieces' reading of a lone LIT)
            value, quoting, cmd, exp, unterminated, cont = first_text[eq + 1 :], "none", False, False, None, False
        else:
            pieces = [("LIT", first_text[eq + 1 :])]
            cont = False  # only an ignored backslash-newline separates adjacent pieces
            prev_end = start + len(first_text)
            for t in tokens[1:]:
                pieces.append((t[0], t[1]))
                cont = cont or t[2] != prev_end
                prev_end = t[2] + len(t[1])
            value, quoting, cmd, exp, unterminated, dq_cont = read(tuple(pieces))
            cont = cont or dq_cont
        if exported:
            nm_value, nm_error = None, "NetworkManager ignores lines starting with 'export'"
        elif not nm_visible:
            nm_value, nm_error = None, "NetworkManager does not see this assignment: it is not at the start of a line"
        else:
            eol = text.find("\n", value_start)
            nm_text = text[value_start : len(text) if eol < 0 else eol]
            if _NM_PLAIN(nm_text) is not None:  # nothing shvar unescapes or refuses: the text itself
                nm_value, nm_error = nm_text, None
            else:
                nm_value, nm_error = (_nm_unescape_cached if len(nm_text) <= _CACHED_VALUE_LENGTH else nm_unescape)(nm_text)
        span = self.index.span
        shell_value = ShellValue(
            text[value_start:end], span(value_start, end), value, quoting, cmd, exp, unterminated,
            extra_words, operator, trailing_semicolon, cont, crlf, nm_value, nm_error,
        )  # fmt: skip
        return Assignment(first_text[:eq], span(start, start + eq), shell_value, exported, indent, span(start, end))

    def _whitespace_problem(
        self,
        main: Assignment,
        words: tuple[Word, ...],
        extras: tuple[Assignment, ...],
        exported: bool,
    ) -> None:
        if len(extras) == len(words):
            effect = "assignments"  # bash reads each word as an assignment of its own
        elif exported:
            effect = "exports"
        else:
            effect = "command"  # bash runs the first non-assignment word with NAME=VALUE in its environment
        details = {
            "name": main.name, "value": main.value.value, "words": tuple(w.text for w in words),
            "effect": effect, "command": words[len(extras)].text if effect == "command" else None,
            "exported": exported,
        }
        self.problems.append(Problem("unquoted-words", self.span(words[0].span.start, words[-1].span.end), details))

    def _non_assignment(self, content: list[_Item]) -> None:
        first = content[0]
        last = content[-2] if content[-1].kind == "comment" else content[-1]
        end = last.end
        span = self.span(first.start, end)
        head = self.text[first.start : first.end].split("\n", 1)[0]
        second = content[1] if len(content) > 1 else None
        second_text = self.text[second.start : second.end].split("\n", 1)[0] if second is not None else ""
        if first.tokens[0].type == "ARRAY":
            problem = Problem("bash-array", span, {"name": head.split("=", 1)[0].rstrip("+")})
        elif first.kind == "word" and _NAME.match(head) and second is not None and second_text.startswith("="):
            problem = Problem("space-before-equals", span, {"name": head, "argument": second_text})
        elif first.kind == "word" and _SPECIAL_ASSIGN.match(head):
            problem = Problem("special-assignment", span, {"text": head})
        else:
            problem = Problem("command-line", span, {"command": head, "line": self.text[first.start : end]})
        self.problems.append(problem)


def _single_assignment_word(tokens: list[Token]) -> bool:
    """Whether a line's tokens are one closed assignment word: what the general path would
    read as a plain assignment with no extra words, operator, comment or problem."""
    first = tokens[0]
    if first[0] != "LIT" or _NAME_EQ.match(first[1]) is None:
        return False
    for tok in tokens[1:]:
        if tok[0] not in _PIECES or _unterminated(tok[0], tok[1]) is not None:
            return False
    return True


def _is_assignment_word(item: _Item) -> bool:
    return item.kind == "word" and item.tokens[0].type == "LIT" and _NAME_EQ.match(item.tokens[0].value) is not None


def parse(text: str, path: str | None, kind: str = "ifcfg") -> ShellDocument:
    """Parse a shell-variable file; never raises, ``render()`` gives ``text`` back."""
    tokens = tokenize(text)
    builder = _Builder(text, path)
    lines = tuple(builder.line(s, e, toks) for s, e, toks in _logical_lines(text, tokens))  # type: ignore[arg-type]
    return ShellDocument(kind, path, text, tuple(builder.problems), lines)


# ---------------------------------------------------------------------------
# stable text dump (snapshots, debugging)


def dump(doc: ShellDocument) -> str:
    """A stable, readable rendering of the AST: one node per line, with spans."""
    out = [f"ShellDocument kind={doc.kind} lines={len(doc.lines)}"]
    for line in doc.lines:
        out.append(f"line {span_text(line.span)} {line.kind} raw={line.raw!r}")
        assignments = ([line.assignment] if line.assignment else []) + list(line.extra_assignments)
        for k, a in enumerate(assignments):
            label = "assignment" if k == 0 else "extra-assignment"
            out.append(
                f"  {label} {span_text(a.span)} name={a.name!r}@{span_text(a.name_span)}"
                f" exported={a.exported} indent={a.indent!r}"
            )
            v = a.value
            out.append(f"    value {span_text(v.span)} raw={v.raw!r} bash={v.value!r} quoting={v.quoting}")
            flags = [
                name
                for name in ("command_substitution", "expansion", "trailing_semicolon", "continuation", "crlf")
                if getattr(v, name)
            ]
            if v.unterminated_quote:
                flags.append(f"unterminated_quote={v.unterminated_quote!r}")
            if flags:
                out.append(f"    flags {' '.join(flags)}")
            out.append(f"    nm value={v.nm_value!r} error={v.nm_error!r}")
            for w in v.extra_words:
                out.append(f"    extra-word {span_text(w.span)} {w.text!r}")
            if v.operator is not None:
                out.append(f"    operator {span_text(v.operator.span)} {v.operator.text!r}")
        if line.comment is not None:
            out.append(f"  comment {span_text(line.comment.span)} {line.comment.text!r}")
    for p in doc.problems:
        out.append(f"problem {p.kind} {span_text(p.span)} {p.details}")
    return "\n".join(out) + "\n"
