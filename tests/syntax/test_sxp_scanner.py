"""sxp is scanned with the regex Lark's basic lexer joins from sxp.lark (generated at build time):
its token stream (type and offsets of every token) equals Lark's lexer's on the shared corpus,
our fixtures, a generated fleet and random text, and the line/column of every token's span equal
the ones Lark's line counter gives (the parser used to take them from Lark's tokens)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bondlint.syntax import generate, sxp, tables
from bondlint.syntax.span import LineIndex
from tests.conftest import CORPUS, FIXTURES, REPO, texts_under

GENERATOR = REPO / "benchmarks" / "generate_hosts.py"


def _assert_same_tokens(name: str, text: str) -> None:
    got = list(sxp.tokenize(text))
    assert got == sxp.lark_tokens(text), name
    index = LineIndex(text)
    lark = [(t.line, t.column, t.end_line, t.end_column) for t in sxp._lark().lex(text, dont_ignore=True)]
    spans = [index.span(start, end) for _, start, end in got]
    assert [(s.line, s.column, s.end_line, s.end_column) for s in spans] == lark, name


def test_the_generated_scanner_is_the_one_lark_joins(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = tables.generated_entry("sxp.lark", "scanner")
    assert entry is not None, "run python -m bondlint.syntax.generate"
    assert entry == generate.basic_scanner_entry("sxp.lark")
    generated = sxp._scanner()
    sxp._scanner.cache_clear()
    monkeypatch.setattr(tables, "generated_entry", lambda grammar, what: None)  # as if stale: from Lark
    try:
        assert sxp._scanner() == generated
    finally:
        sxp._scanner.cache_clear()
        monkeypatch.undo()
    assert isinstance(sxp._scanner(), re.Pattern)


def test_corpus_tokens_match_larks_lexer() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the repo in CI)")
    texts = texts_under(CORPUS)
    assert len(texts) > 500
    for name, text in texts:  # every kind: the scanner must also agree on files it is not meant for
        _assert_same_tokens(name, text)


def test_fixture_tokens_match_larks_lexer() -> None:
    texts = texts_under(FIXTURES)
    assert any(name.endswith(".sxp") for name, _ in texts)
    for name, text in texts:
        _assert_same_tokens(name, text)


def test_fleet_tokens_match_larks_lexer(tmp_path: Path) -> None:
    fleet = tmp_path / "fleet"
    subprocess.run(
        [sys.executable, str(GENERATOR), str(fleet), "--hosts", "40", "--seed", "7", "--fault-rate", "0.5"],
        check=True, capture_output=True,
    )
    texts = texts_under(fleet)
    assert any(name.endswith(".sxp") for name, _ in texts)
    for name, text in texts:
        _assert_same_tokens(name, text)


_PIECES = list("()'\"\\# \n\t\r\x0b\x0cax;[]{}<>!\x04\x01\x7fé") + ["\\x4", "\\400", "(network-script ", "'a b'"]
_SXPISH = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_SXPISH, st.text(st.characters(exclude_categories=()), max_size=80)))
def test_random_text_tokens_match_larks_lexer(text: str) -> None:
    _assert_same_tokens("random", text)
