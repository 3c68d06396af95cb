"""modprobe files → the model's located command records (model/modules.py), once per file.

What a rule asks of a modprobe line is worked out here from the parsed line and the file's
text: the words modprobe passes (continuations joined), the module name as modprobe compares
it, an inline comment and what moving it cuts, the line with its newline.
"""

from __future__ import annotations

import re
from typing import Sequence

from bondlint.model.modules import MAX_COMMAND_WORDS, InlineComment, ModprobeCommand, ModprobeFile
from bondlint.model.values import Located, normalize_module
from bondlint.model.lexical import DIRECTIVE
from bondlint.syntax.document import Document
from bondlint.syntax.modprobe import ModprobeDocument, ModprobeLine, Word
from bondlint.syntax.span import LineIndex, Span, whole_file_span

_BLANKS = re.compile(r"[ \t]+")
#: Commands whose words after the module are a shell command modprobe runs.
_RUNS_PROGRAM = frozenset({"install", "remove"})
#: Programs that do nothing: an install command that only runs one loads nothing.
NO_OP_COMMANDS = frozenset({"/bin/true", "/usr/bin/true", "true", ":", "/bin/false", "/usr/bin/false", "false"})


def modprobe_file(rel: str, doc: Document, read: bool) -> tuple[ModprobeFile, list[tuple[ModprobeLine, ModprobeCommand]]]:
    """The file as the model holds it, and each of its command lines with its record, in file order."""
    path = doc.path or rel
    index = LineIndex(doc.text, path)
    mf = ModprobeFile(rel=rel, path=path, doc=doc, read=read,
                      first_line=index.line_span(1) if doc.text else whole_file_span(path))
    if not isinstance(doc, ModprobeDocument):
        return mf, []
    return mf, [(line, _command(line, mf, doc.text, index)) for line in doc.lines if line.kind == "command"]


def _joined(text: str, start: int, end: int) -> str:
    """The words of ``text[start:end]`` (from a word's start to a word's end) joined by single
    spaces, as modprobe passes them: equal to joining each word's text, without making the words
    of a 131,000-word line."""
    return " ".join(_BLANKS.split(text[start:end].replace("\\\n", "")))


def _command(line: ModprobeLine, mf: ModprobeFile, text: str, index: LineIndex) -> ModprobeCommand:
    all_words = line.words
    words = tuple(Located(w.text, w.span) for w in all_words[:MAX_COMMAND_WORDS])
    start, end = line.span.start, line.span.end
    has_newline = text[end : end + 1] == "\n"
    newline = ("\r\n" if text[end - 1 : end] == "\r" else "\n") if has_newline else ""
    last = all_words[-1] if all_words else None
    program = None
    if line.command in _RUNS_PROGRAM and len(all_words) >= 2 and last is not None:
        first = all_words[1]
        program = Located(_joined(text, first.span.start, last.span.end), index.span(first.span.start, last.span.end),
                          text[first.span.start : last.span.end])
    comment = None
    if line.inline_comment is not None and last is not None:
        hash_word = line.inline_comment
        body = text[hash_word.span.start : last.span.end].rstrip("\r")
        before = _word_before(all_words, hash_word.span.start)
        comment = InlineComment(
            text=_joined(text, hash_word.span.start, last.span.end),
            span=index.span(hash_word.span.start, last.span.end),
            body=body,
            directive=DIRECTIVE.match(body) is not None,
            cut=index.span(before, hash_word.span.start + len(body)) if before is not None else None,
        )
    return ModprobeCommand(
        kind=line.command or "",
        words=words,
        word_count=len(all_words),
        module_name=normalize_module(words[0].text) if words else None,
        span=line.span,
        whole_line=Located(text[start : end + 1 if has_newline else end], index.span(start, end + 1 if has_newline else end)),
        newline=newline,
        continued=line.continued,
        file=mf,
        program=program,
        no_op=program is not None and all_words[1].text in NO_OP_COMMANDS,
        comment=comment,
    )


def _word_before(words: Sequence[Word], at: int) -> int | None:
    """The end of the argument before the one starting at ``at`` (a binary search: a long line's
    words are made when read); None when that one is the first."""
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if words[mid].span.start < at:
            lo = mid + 1
        else:
            hi = mid
    return words[lo - 1].span.end if lo > 0 else None
