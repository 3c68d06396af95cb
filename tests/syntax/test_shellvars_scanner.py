"""The parse layer's generated parts equal what Lark builds from the grammars.

shellvars tokenises with the grammar's own terminals and never runs the LALR
parser; here its token stream (type, text, offset of every token) is compared
with the LALR parse's on every file of the shared corpus, of our fixtures, of
a generated fleet, and on random text weighted towards shell syntax. The other
grammars' tables come from ``_generated.py``; they must parse as the tables Lark
builds from the grammar do, and the file must be current.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bondlint.syntax import generate, shellvars, tables
from tests.conftest import CORPUS, FIXTURES, REPO, texts_under

GENERATOR = REPO / "benchmarks" / "generate_hosts.py"


def _assert_same_tokens(name: str, text: str) -> None:
    assert shellvars.tokenize(text) == shellvars.lalr_tokens(text), name


def test_generated_tables_are_current() -> None:
    assert generate.stale() == [], "run python -m bondlint.syntax.generate"
    assert tables.generated_entry("shellvars.lark", "scanner") is not None


def test_corpus_tokens_match_the_lalr_parse() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the repo in CI)")
    texts = texts_under(CORPUS)
    assert len(texts) > 500
    for name, text in texts:  # every kind: the scanner must also agree on files it is not meant for
        _assert_same_tokens(name, text)


def test_fixture_tokens_match_the_lalr_parse() -> None:
    texts = texts_under(FIXTURES)
    assert texts
    for name, text in texts:
        _assert_same_tokens(name, text)


def test_fleet_tokens_match_the_lalr_parse(tmp_path: Path) -> None:
    fleet = tmp_path / "fleet"
    subprocess.run(
        [sys.executable, str(GENERATOR), str(fleet), "--hosts", "60", "--seed", "7", "--fault-rate", "0.5"],
        check=True, capture_output=True,
    )
    texts = texts_under(fleet)
    assert len(texts) > 500
    for name, text in texts:
        _assert_same_tokens(name, text)


_PIECES = list("ab=_ \t\n#'\"\\$`;|&<>(){}[]+-*@?!0\ré\x00") + ["\\\n", "$(", "${", "$'", '$"', "=(", "A=("]
_SHELLISH = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_SHELLISH, st.text(max_size=120)))
def test_random_text_tokens_match_the_lalr_parse(text: str) -> None:
    _assert_same_tokens("random", text)


def _shape(node: object) -> object:
    """A parse result as plain values (a rule name is a str in one and a Token in the other)."""
    from lark import Token, Tree

    if isinstance(node, Tree):
        return (str(node.data), [_shape(c) for c in node.children])
    if isinstance(node, Token):
        return (node.type, str(node), node.start_pos, node.line, node.column, node.end_pos)
    if isinstance(node, (list, tuple)):
        return [_shape(c) for c in node]
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items()}
    return node


@pytest.mark.parametrize(
    ("module", "factory", "kind"),
    [("modprobe", "_parser", "modprobe"), ("bonding", "_parser", "bonding")],
)
def test_generated_lalr_tables_parse_as_the_grammar_does(module: str, factory: str, kind: str) -> None:
    import importlib

    from lark import Lark

    mod = importlib.import_module(f"bondlint.syntax.{module}")
    loaded = getattr(mod, factory)()
    assert loaded.source_path == "<deserialized>", "the generated tables were not used"
    grammar = f"{module}.lark"
    runtime = {"transformer": loaded.options.transformer} if module == "bonding" else {}
    built = Lark.open(str(Path(tables.HERE) / grammar), **generate.LALR[grammar], **runtime)
    texts = [text for _, text in texts_under(FIXTURES) if kind in ("modprobe", "bonding")]
    if CORPUS.is_dir():
        texts += [text for _, text in texts_under(CORPUS)]
    checked = 0
    for text in texts:
        try:
            want = _shape(built.parse(text))
        except Exception as exc:  # the grammar may reject foreign kinds: so must the tables
            want = type(exc).__name__
        try:
            got = _shape(loaded.parse(text))
        except Exception as exc:
            got = type(exc).__name__
        assert got == want
        checked += 1
    assert checked > 10
