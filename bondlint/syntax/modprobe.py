"""modprobe.conf / modprobe.d → one node per logical line, with positions.

The line model follows the two real readers (semantics.md §1.3): kmod on
RHEL 7+, module-init-tools on RHEL 5/6. Where they differ (comment detection)
the parser records the facts (``indented``) and leaves the verdict to the
version-aware rules. Lines kmod ignores get a BL408 problem in kmod's words.
"""

from __future__ import annotations

import functools

import attrs
from lark import Lark, Token

from bondlint.syntax import tables
from bondlint.syntax.document import Document
from bondlint.syntax.span import LineIndex, Problem, Span

CODE = "BL408"

#: Every command either implementation knows; anything else is a bad line.
COMMANDS = frozenset(
    {"alias", "options", "install", "remove", "blacklist", "include", "softdep", "weakdep", "config"}
)
#: Fewest arguments each command needs, and what they are (for the message).
_NEEDS: dict[str, tuple[int, str]] = {
    "alias": (2, "a name and a module"),
    "options": (2, "a module and at least one option"),
    "install": (2, "a module and a command"),
    "remove": (2, "a module and a command"),
    "softdep": (2, "a module and its dependencies"),
    "weakdep": (2, "a module and its dependencies"),
    "blacklist": (1, "a module"),
    "include": (1, "a file or directory"),
    "config": (1, "an argument"),
}
#: Commands whose words past these many are silently dropped by modprobe.
_MAX_ARGS = {"alias": 2, "blacklist": 1}
_DEPRECATED = frozenset({"include", "config"})


@attrs.frozen(slots=True)
class Word:
    """One blank-separated word; ``text`` has its continuations removed."""

    text: str
    span: Span


@attrs.frozen(slots=True)
class ModprobeLine:
    """One logical line (physical lines joined by backslash-newline).

    ``kind`` is "command", "comment", "blank" or "bad". For "bad" lines
    ``command`` is the word modprobe complained about. ``words`` are the
    arguments after the command word. ``span`` covers ``raw`` without its
    final newline.
    """

    raw: str
    span: Span
    kind: str
    command: str | None = None
    words: tuple[Word, ...] = ()
    command_span: Span | None = None
    indented: bool = False
    inline_comment: Word | None = None
    continued: bool = False


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
    return tables.lark("modprobe.lark", parser="lalr", lexer="basic")


def parse(text: str, path: str | None, kind: str = "modprobe") -> ModprobeDocument:
    """Parse modprobe configuration text; never raises, whatever the text."""
    index = LineIndex(text, path)
    problems: list[Problem] = []
    lines = tuple(
        _line(tree.children, index, problems) for tree in _parser().parse(text).children
    )
    return ModprobeDocument(kind, path, text, tuple(problems), lines)


def _span(tok: Token, path: str | None) -> Span:
    # Lark's token positions use Span's conventions (1-based, end exclusive).
    return Span(path, tok.line, tok.column, tok.end_line, tok.end_column, tok.start_pos, tok.end_pos)


def _line(tokens: list[Token], index: LineIndex, problems: list[Problem]) -> ModprobeLine:
    raw = "".join(tokens)
    start = tokens[0].start_pos
    body = tokens[:-1] if tokens[-1].type == "NL" else tokens
    end = body[-1].end_pos if body else start
    span = index.span(start, end)
    continued = "\\\n" in raw[: end - start]
    words = [Word(t.replace("\\\n", ""), _span(t, index.path)) for t in body if t.type == "WORD"]
    if not words:
        return ModprobeLine(raw, span, "blank", continued=continued)
    first, args = words[0], tuple(words[1:])
    if first.text.startswith("#"):
        logical = "".join(body).replace("\\\n", "")
        return ModprobeLine(raw, span, "comment", indented=not logical.startswith("#"), continued=continued)
    command = first.text
    comment = next((w for w in args if w.text.startswith("#")), None)
    kind = "command"
    if command not in COMMANDS:
        kind = "bad"
        hint = " (the file has DOS CRLF line endings)" if command.endswith("\r") else ""
        problems.append(Problem(CODE, f"ignoring bad line starting with '{_shown(command)}'{hint}", first.span))
    else:
        need, what = _NEEDS[command]
        if len(args) < need:
            kind = "bad"
            problems.append(
                Problem(CODE, f"ignoring bad line starting with '{command}': {command} needs {what}", span)
            )
        elif command in _DEPRECATED:
            problems.append(Problem(CODE, f"command '{command}' is deprecated and not parsed by kmod", first.span))
        limit = _MAX_ARGS.get(command)
        if limit is not None and len(args) > limit and not args[limit].text.startswith("#"):
            extra = args[limit:]
            shown = " ".join(w.text for w in extra)
            problems.append(
                Problem(
                    CODE,
                    f"{command} takes {limit} argument{'s' if limit > 1 else ''}; "
                    f"modprobe ignores the rest ('{_shown(shown)}')",
                    index.span(extra[0].span.start, extra[-1].span.end),
                )
            )
    return ModprobeLine(raw, span, kind, command, args, first.span, False, comment, continued)


def _shown(text: str) -> str:
    """Text for a message: control characters (a stray CR) made visible."""
    return text if text.isprintable() else repr(text)[1:-1]


# --------------------------------------------------------------------------
# Snapshot view


def _fmt_span(span: Span) -> str:
    return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


def dump(doc: ModprobeDocument) -> str:
    """One line per logical line and per word, then the problems."""
    out = [f"ModprobeDocument kind={doc.kind} lines={len(doc.lines)} problems={len(doc.problems)}"]
    for line in doc.lines:
        flags = [f for f, on in (("indented", line.indented), ("continued", line.continued)) if on]
        head = f"{_fmt_span(line.span)} {line.kind}"
        if line.command is not None and line.command_span is not None:
            head += f" {line.command!r}@{_fmt_span(line.command_span)}"
        if flags:
            head += " " + " ".join(flags)
        if line.inline_comment is not None:
            head += f" inline_comment@{_fmt_span(line.inline_comment.span)}"
        out.append(f"{head} raw={line.raw!r}")
        for word in line.words:
            out.append(f"  word {_fmt_span(word.span)} {word.text!r}")
    for p in doc.problems:
        out.append(f"problem {p.code} {_fmt_span(p.span)} {p.message}")
    return "\n".join(out) + "\n"
