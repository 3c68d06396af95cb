"""modprobe.conf / modprobe.d → one node per logical line, with positions.

The line model follows the two real readers (semantics.md §1.3): kmod on
RHEL 7+, module-init-tools on RHEL 5/6. Where they differ (comment detection)
the parser records the facts (``indented``) and leaves the verdict to the
version-aware rules. Lines kmod ignores get a neutral problem (kind and
facts: "unknown-command", "missing-arguments", "deprecated-command",
"extra-arguments"); the modprobe rules word them.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING, Iterator, Sequence, overload

import attrs

from bondlint.syntax import tables
from bondlint.syntax.document import Document
from bondlint.syntax.node import Node
from bondlint.syntax.span import LineIndex, Problem, Span, span_text

if TYPE_CHECKING:
    from lark import Lark

#: Every command either implementation knows; anything else is a bad line.
COMMANDS = frozenset(
    {"alias", "options", "install", "remove", "blacklist", "include", "softdep", "weakdep", "config"}
)
#: Fewest arguments each command needs.
_NEEDS: dict[str, int] = {
    "alias": 2, "options": 2, "install": 2, "remove": 2, "softdep": 2, "weakdep": 2,
    "blacklist": 1, "include": 1, "config": 1,
}
#: Commands whose words past these many are silently dropped by modprobe.
_MAX_ARGS = {"alias": 2, "blacklist": 1}
_DEPRECATED = frozenset({"include", "config"})


class Word(Node):
    """One blank-separated word; ``text`` has its continuations removed."""

    __slots__ = ("text", "span")

    def __init__(self, text: str, span: Span) -> None:
        self.text = text
        self.span = span


class LineWords(Sequence[Word]):
    """The words of a long line, made when read: the line keeps only where each starts.

    A 256 KiB ``options bonding x x x ...`` line has 131,000 words; as Word objects
    with their spans that is ~30 MB a file, held as long as the host model. So a
    line of more than ``EAGER_WORDS`` words keeps one int per word, and indexing,
    slicing and iterating build Word objects on the way (equal to the eager ones).
    """

    __slots__ = ("_index", "_starts")

    def __init__(self, index: LineIndex, starts: array) -> None:
        self._index = index
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    def _word(self, start: int) -> Word:
        end = _word_pattern().match(self._index.text, start).end()  # type: ignore[union-attr]
        return Word(self._index.text[start:end].replace("\\\n", ""), self._index.span(start, end))

    @overload
    def __getitem__(self, i: int) -> Word: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Word]: ...
    def __getitem__(self, i: int | slice) -> Word | Sequence[Word]:
        if isinstance(i, slice):
            return LineWords(self._index, self._starts[i])
        return self._word(self._starts[i])

    def __iter__(self) -> Iterator[Word]:
        word = self._word
        for start in self._starts:
            yield word(start)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LineWords):
            return self._starts == other._starts and self._index.text == other._index.text
        if isinstance(other, tuple):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._index.path, self._starts.tobytes()))

    def __repr__(self) -> str:
        return f"LineWords({len(self)} words)"


#: Lines of up to this many arguments keep them as a tuple of Words; longer ones as LineWords.
EAGER_WORDS = 64


class ModprobeLine(Node):
    """One logical line (physical lines joined by backslash-newline).

    ``kind`` is "command", "comment", "blank" or "bad". For "bad" lines
    ``command`` is the word modprobe complained about. ``words`` are the
    arguments after the command word. ``span`` covers ``raw`` without its
    final newline.
    """

    __slots__ = ("raw", "span", "kind", "command", "words", "command_span", "indented", "inline_comment", "continued")

    def __init__(
        self,
        raw: str,
        span: Span,
        kind: str,
        command: str | None = None,
        words: Sequence[Word] = (),
        command_span: Span | None = None,
        indented: bool = False,
        inline_comment: Word | None = None,
        continued: bool = False,
    ) -> None:
        self.raw = raw
        self.span = span
        self.kind = kind
        self.command = command
        self.words = words
        self.command_span = command_span
        self.indented = indented
        self.inline_comment = inline_comment
        self.continued = continued


@attrs.frozen(slots=True)
class ModprobeDocument(Document):
    lines: tuple[ModprobeLine, ...]

    def render(self) -> str:
        return "".join(line.raw for line in self.lines)

    def commands(self, name: str | None = None) -> tuple[ModprobeLine, ...]:
        return tuple(
            line
            for line in self.lines
            if line.kind == "command" and (name is None or line.command == name)
        )

    def aliases(self) -> tuple[ModprobeLine, ...]:
        return self.commands("alias")

    def options_for(self, module: str) -> tuple[ModprobeLine, ...]:
        """``options`` lines for ``module``; modprobe treats "-" and "_" alike."""
        want = normalize_module(module)
        return tuple(
            line
            for line in self.commands("options")
            if line.words and normalize_module(line.words[0].text) == want
        )


def normalize_module(name: str) -> str:
    return name.replace("-", "_")


@functools.cache
def _parser() -> Lark:
    """modprobe.lark as Lark builds it (from the generated tables when they fit): the scan
    takes its terminals, and tests compare the scan with its parse."""
    return tables.lark("modprobe.lark", parser="lalr", lexer="basic")


@functools.cache
def _terminals() -> dict[str, str]:
    """modprobe.lark's terminals as regular expressions, as Lark compiled them (tables.lark).

    Read from the generated tables (``generate.TERMINALS``) while they are this grammar's,
    so that start-up imports no Lark; else from Lark itself.
    The scan uses them directly: Lark's lexer and LALR loop cost ~25 µs a token,
    and a 256 KiB line of one-letter words is 262,000 tokens. The four terminals
    start with disjoint characters (WORD none of blank, tab, newline or a
    backslash before a newline), so at each place exactly one matches, as in
    Lark's lexer; tests check the two give the same lines and words.
    """
    entry = tables.generated_entry("modprobe.lark", "terminals")
    if entry is not None:
        return {name: regex for name, regex, _ in entry["terminals"]}
    return {t.name: t.pattern.to_regexp() for t in _parser().terminals}


@functools.cache
def _line_pattern() -> re.Pattern[str]:
    """One logical line: ``_piece* NL | _piece+`` of the grammar's ``line`` rule."""
    t = _terminals()
    # possessive: the pieces start with disjoint characters, so nothing is retried, and the
    # regex engine keeps no state per piece (~400 bytes each otherwise: 100 MB for one line)
    return re.compile(f"(?:{t['WORD']}|{t['WS']}|{t['CONT']})*+(?:{t['NL']})?")


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    return re.compile(_terminals()["WORD"])


def parse(text: str, path: str | None, kind: str = "modprobe") -> ModprobeDocument:
    """Parse modprobe configuration text; never raises, whatever the text."""
    index = LineIndex(text, path)
    problems: list[Problem] = []
    lines: list[ModprobeLine] = []
    line_match = _line_pattern().match
    pos, n = 0, len(text)
    while pos < n:
        end = line_match(text, pos).end()  # type: ignore[union-attr]  # total: WORD/WS/CONT/NL cover every character
        lines.append(_line(text, pos, end, index, problems))
        pos = end
    return ModprobeDocument(kind, path, text, tuple(problems), tuple(lines))


def _line(text: str, start: int, stop: int, index: LineIndex, problems: list[Problem]) -> ModprobeLine:
    raw = text[start:stop]
    # the line's NL, unless the last newline is a continuation (a last line "a\\<newline>")
    end = stop - 1 if raw.endswith("\n") and not raw.endswith("\\\n") else stop
    span = index.span(start, end)
    continued = "\\\n" in raw
    starts = array("i" if len(text) < 2**31 else "q", map(re.Match.start, _word_pattern().finditer(text, start, end)))
    if not starts:
        return ModprobeLine(raw, span, "blank", continued=continued)
    if len(starts) <= EAGER_WORDS + 1:  # the command word and its arguments
        all_words: Sequence[Word] = tuple(LineWords(index, starts))
    else:
        all_words = LineWords(index, starts)
    first, args = all_words[0], all_words[1:]
    if first.text.startswith("#"):
        logical = text[start:end].replace("\\\n", "")
        return ModprobeLine(raw, span, "comment", indented=not logical.startswith("#"), continued=continued)
    command = first.text
    comment = _first_hash_word(text, starts, all_words)
    kind = "command"
    if command not in COMMANDS:
        kind = "bad"
        problems.append(Problem("unknown-command", first.span, {"command": command}))
    else:
        if len(args) < _NEEDS[command]:
            kind = "bad"
            problems.append(Problem("missing-arguments", span, {"command": command}))
        elif command in _DEPRECATED:
            problems.append(Problem("deprecated-command", first.span, {"command": command}))
        limit = _MAX_ARGS.get(command)
        if limit is not None and len(args) > limit and not args[limit].text.startswith("#"):
            extra = args[limit:]
            problems.append(
                Problem(
                    "extra-arguments",
                    index.span(extra[0].span.start, extra[-1].span.end),
                    {"command": command, "limit": limit, "ignored": " ".join(w.text for w in extra)},
                )
            )
    return ModprobeLine(raw, span, kind, command, args, first.span, False, comment, continued)


def _first_hash_word(text: str, starts: array, words: Sequence[Word]) -> Word | None:
    """The first argument starting with "#" (an inline comment), found without making Words."""
    at = text.find("#", starts[0] + 1, (starts[-1] + 1) if len(starts) > 1 else starts[0])
    while at != -1:
        i = bisect_left(starts, at)
        if i < len(starts) and starts[i] == at:
            return words[i]
        at = text.find("#", at + 1, starts[-1] + 1)
    return None


# --------------------------------------------------------------------------
# Snapshot view


def dump(doc: ModprobeDocument) -> str:
    """One line per logical line and per word, then the problems."""
    out = [f"ModprobeDocument kind={doc.kind} lines={len(doc.lines)} problems={len(doc.problems)}"]
    for line in doc.lines:
        flags = [f for f, on in (("indented", line.indented), ("continued", line.continued)) if on]
        head = f"{span_text(line.span)} {line.kind}"
        if line.command is not None and line.command_span is not None:
            head += f" {line.command!r}@{span_text(line.command_span)}"
        if flags:
            head += " " + " ".join(flags)
        if line.inline_comment is not None:
            head += f" inline_comment@{span_text(line.inline_comment.span)}"
        out.append(f"{head} raw={line.raw!r}")
        for word in line.words:
            out.append(f"  word {span_text(word.span)} {word.text!r}")
    for p in doc.problems:
        out.append(f"problem {p.kind} {span_text(p.span)} {p.details}")
    return "\n".join(out) + "\n"
