"""servicelists.lark: a sosreport's service listings as rows of located words; any text parses."""

from __future__ import annotations

from bondlint.syntax.servicelists import parse


def test_rows_of_words_with_their_places() -> None:
    text = "UNIT FILE   STATE\nNetworkManager.service   enabled \n\n\tnetwork\t0:off\t2:on\r\n"
    rows = parse(text, "list")
    assert [r.texts for r in rows] == [
        ("UNIT", "FILE", "STATE"), ("NetworkManager.service", "enabled"), ("network", "0", ":", "off", "2", ":", "on"),
    ]
    word, span = rows[2].words[0]
    assert (word, span.path, span.line, span.column, rows[2].line) == ("network", "list", 4, 2, 4)


def test_any_text_is_rows_and_nothing_raises() -> None:
    assert parse("", None) == ()
    assert parse("\n\n  \t\n", None) == ()
    assert [r.texts for r in parse("\x00\x1b[31m:: x\udcff", None)] == [("\x00\x1b[31m", ":", ":", "x\udcff")]
