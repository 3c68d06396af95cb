"""Service listings a sosreport keeps (``sos_commands/systemd/systemctl_list-unit-files``,
``sos_commands/services/chkconfig_--list``): rows of located words, read with
servicelists.lark, so every token comes from that grammar. What a row says (which unit,
enabled or not) is read by ``bondlint.host.services``."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import attrs

from bondlint.syntax.span import LineIndex, Span

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR = "servicelists.lark"
#: the options the parser is built with (bondlint.syntax.generate builds its tables with the same)
OPTIONS = {"parser": "lalr", "lexer": "basic"}


@attrs.frozen(slots=True)
class Row:
    """One line's words (a colon is a word of its own), each with where it is written."""

    words: tuple[tuple[str, Span], ...]

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(text for text, _ in self.words)

    @property
    def line(self) -> int:
        return self.words[0][1].line


@cache
def _parser() -> Lark:
    """The grammar's parser; Lark is imported here, when a sosreport holds a listing."""
    from bondlint.syntax.tables import lark

    return lark(GRAMMAR, **OPTIONS)


def parse(text: str, path: str | None) -> tuple[Row, ...]:
    """The non-empty rows of a listing; never raises (any text is rows of words)."""
    index = LineIndex(text, path)
    rows: list[Row] = []
    words: list[tuple[str, Span]] = []
    for token in _parser().parse(text).children:
        if token.type == "NL":
            if words:
                rows.append(Row(tuple(words)))
            words = []
        else:
            words.append((str(token), index.span(token.start_pos, token.end_pos)))
    if words:
        rows.append(Row(tuple(words)))
    return tuple(rows)
