"""modprobe.conf / modprobe.d parser: exact round-trip, line model, BL408."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bondlint.syntax import parse_file, parse_text
from bondlint.syntax.modprobe import ModprobeDocument, dump, parse
from tests.conftest import FIXTURES, code_of, message_of

FIXTURE_DIR = FIXTURES / "syntax" / "modprobe"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "modprobe"


def read(path: Path) -> str:
    """The file's exact text: no newline translation (CRLF must survive)."""
    return path.read_bytes().decode("utf-8")


def corpus_files(corpus: Path) -> list[Path]:
    files = [*corpus.glob("modprobe/*"), *corpus.glob("hosts/*/etc/modprobe.d/*"), *corpus.glob("hosts/*/etc/modprobe.conf")]
    return sorted(p for p in files if p.is_file())


def test_corpus_parses_and_round_trips(corpus: Path) -> None:
    files = corpus_files(corpus)
    assert len(files) > 40
    for path in files:
        doc = parse_file(path, kind="modprobe")
        text = read(path)
        assert isinstance(doc, ModprobeDocument), path
        assert doc.render() == text, path
        assert "".join(line.raw for line in doc.lines) == text, path


@pytest.mark.parametrize("name", ["test_modprobe.MOD_COMPLETE", "combiner_test_modprobe.MOD_COMPLETE"])
def test_insights_bad_lines_are_flagged_on_their_lines(corpus: Path, name: str) -> None:
    # insights-core's test expects exactly three bad lines at the end of this file.
    path = corpus / "modprobe" / f"insights__modprobe.conf.{name}"
    text = read(path)
    lines = text.splitlines()
    expected = {lines.index("alias") + 1, lines.index("alias scsi_hostadapter2 ata_piix failed comment") + 1, lines.index("balclkist ieee80211") + 1}
    doc = parse(text, str(path))
    assert {p.span.line for p in doc.problems} == expected
    assert all(code_of(p) == "BL408" for p in doc.problems)
    bad = [line for line in doc.lines if line.kind == "bad"]
    assert [line.command for line in bad] == ["alias", "balclkist"]


def test_modutils_files_get_bad_lines_for_modutils_only_commands(corpus: Path) -> None:
    # /etc/modules.conf (modutils) syntax is not modprobe's: pre-install, probeall, keep ...
    doc = parse_file(corpus / "modprobe" / "augeas__modules.conf", kind="modprobe")
    bad = {line.command for line in doc.lines if line.kind == "bad"}
    assert {"pre-install", "post-install", "probeall", "keep"} <= bad
    assert len(doc.problems) == len([line for line in doc.lines if line.kind == "bad"])


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURE_DIR.iterdir()))
def test_dump_snapshots(snapshot, fixture: str) -> None:
    path = FIXTURE_DIR / fixture
    doc = parse_file(path, kind="modprobe")
    assert doc.render() == read(path)
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(dump(parse(doc.text, fixture)), f"{fixture}.txt")


def test_seed_alias_order_and_options() -> None:
    doc = parse(read(FIXTURE_DIR / "seed-modprobe.conf"), "modprobe.conf")
    assert [a.words[0].text for a in doc.aliases()] == ["bond0", "eth0", "eth1", "eth2", "eth3"]
    assert [a.span.line for a in doc.aliases()] == [2, 3, 4, 5, 6]
    (opts,) = doc.options_for("bond0")
    assert [w.text for w in opts.words] == ["bond0", "mode=1", "miimon=100"]
    assert opts.inline_comment is None
    assert doc.problems == ()


def test_options_inline_comment_is_recorded_not_reported() -> None:
    doc = parse(read(FIXTURE_DIR / "inline-comment.conf"), None)
    first, glued = doc.options_for("bonding")
    assert first.inline_comment is not None
    assert first.inline_comment.text == "#"
    assert first.inline_comment.span.column == 47
    # "#" glued to a value is part of that value: the word does not start with "#".
    assert glued.inline_comment is None
    assert glued.words[1].text == "max_bonds=2#no"
    assert doc.problems == ()


def test_options_for_treats_dash_and_underscore_alike() -> None:
    doc = parse(read(FIXTURE_DIR / "softdep-and-names.conf"), None)
    assert [line.span.line for line in doc.options_for("bond_ing")] == [4]
    assert doc.options_for("bonding") == ()
    assert [line.command for line in doc.commands()] == [
        "softdep", "weakdep", "alias", "options", "options", "install", "remove", "blacklist",
    ]
    assert doc.problems == ()


def test_continuation_joins_physical_lines() -> None:
    text = read(FIXTURE_DIR / "continuation.conf")
    doc = parse(text, None)
    opts = doc.commands("options")
    assert [w.text for w in opts[0].words] == ["bonding", "mode=4", "miimon=100", "lacp_rate=fast"]
    assert opts[0].continued and (opts[0].span.line, opts[0].span.end_line) == (1, 3)
    # No blank around the backslash: modprobe glues the two halves into one word.
    assert [w.text for w in opts[1].words] == ["e1000", "Speed=1000,1000"]
    comment = doc.lines[-1]
    assert comment.kind == "comment" and comment.continued and comment.span.end_line == 9


def test_indented_comments_are_comments_marked_indented() -> None:
    doc = parse(read(FIXTURE_DIR / "indented-comment.conf"), None)
    comments = [line for line in doc.lines if line.kind == "comment"]
    assert [c.indented for c in comments] == [False, True, True]
    assert doc.problems == ()


def test_bad_commands() -> None:
    doc = parse(read(FIXTURE_DIR / "bad-commands.conf"), "bad.conf")
    by_line = {p.span.line: message_of(p) for p in doc.problems}
    assert by_line[1] == "ignoring bad line starting with 'alais'"
    assert by_line[2].startswith("ignoring bad line starting with 'alias'")
    for line in (3, 4, 5, 6, 10):
        assert "ignoring bad line" in by_line[line]
    assert "deprecated and not parsed by kmod" in by_line[7]
    assert "deprecated and not parsed by kmod" in by_line[8]
    assert by_line[9] == "alias takes 2 arguments; modprobe ignores the rest ('extra words')"
    # A CRLF file: the CR is part of the last word, as strtok(" \t") sees it.
    assert by_line[12] == "ignoring bad line starting with '\\r' (the file has DOS CRLF line endings)"
    assert doc.commands("alias")[-1].words[1].text == "bonding\r"
    assert [line.kind for line in doc.lines[:6]] == ["bad"] * 6
    assert doc.commands("include")[0].words[0].text == "/etc/modprobe.d/extra"
    assert all(code_of(p) == "BL408" and p.span.path == "bad.conf" for p in doc.problems)


def test_dispatch_through_parse_text() -> None:
    doc = parse_text("alias bond0 bonding", "modprobe", "x.conf")
    assert isinstance(doc, ModprobeDocument)
    assert doc.lines[0].raw == "alias bond0 bonding"


#: Any string at all, lone surrogates included (undecodable bytes arrive as those).
ANY_TEXT = st.text(st.characters(exclude_categories=()))
MODPROBE_ALPHABET = st.sampled_from(list(" \t\n\\#=_-\rab") + ["alias ", "options ", "\\\n", "install ", "blacklist "])


@settings(max_examples=300, deadline=None)
@given(st.one_of(ANY_TEXT, st.lists(MODPROBE_ALPHABET, max_size=60).map("".join)))
def test_any_text_parses_and_round_trips(text: str) -> None:
    doc = parse(text, "fuzz.conf")
    assert doc.render() == text
    position = 0
    for line in doc.lines:
        assert line.span.start == position
        position += len(line.raw)
        for word in line.words:
            assert text[word.span.start : word.span.end].replace("\\\n", "") == word.text


# --------------------------------------------------------------------------
# The scan against Lark's own LALR parse of modprobe.lark


def _lark_lines(text: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Each logical line as Lark's lexer and parser give it: raw text, and (word, start, end)."""
    from bondlint.syntax.modprobe import _parser

    return [
        ("".join(tree.children), [(t.replace("\\\n", ""), t.start_pos, t.end_pos) for t in tree.children if t.type == "WORD"])
        for tree in _parser().parse(text).children
    ]


def _scanned_lines(text: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    lines = []
    for line in parse(text, "x.conf").lines:
        words = [] if line.kind in ("blank", "comment") else [(line.command or "", line.command_span.start, line.command_span.end)]  # type: ignore[union-attr]
        words += [(w.text, w.span.start, w.span.end) for w in line.words]
        lines.append((line.raw, words))
    return lines


def _same_as_lark(text: str) -> None:
    ours, lark = _scanned_lines(text), _lark_lines(text)
    assert [raw for raw, _ in ours] == [raw for raw, _ in lark]
    for (raw, words), (_, want) in zip(ours, lark):
        if words:  # comment and blank lines keep no words
            assert words == want, raw


@settings(max_examples=300, deadline=None)
@given(st.one_of(ANY_TEXT, st.lists(MODPROBE_ALPHABET, max_size=80).map("".join)))
def test_scan_gives_lark_lines_and_words(text: str) -> None:
    _same_as_lark(text)


def test_scan_gives_lark_lines_and_words_on_corpus_and_fixtures(corpus: Path) -> None:
    files = corpus_files(corpus) + sorted(FIXTURES.glob("hosts/*/etc/modprobe*/**/*")) + sorted(FIXTURE_DIR.glob("*"))
    for path in (p for p in files if p.is_file()):
        _same_as_lark(read(path))


def test_long_line_words_are_built_when_read() -> None:
    """A line of 131,000 words keeps one int per word; each Word is made when read, equal to an eager one."""
    from bondlint.syntax.modprobe import EAGER_WORDS, LineWords

    text = "options bonding" + " x" * 131_000 + " mode=4\n"
    line = parse(text, "b.conf").lines[0]
    assert isinstance(line.words, LineWords) and len(line.words) == 131_002
    assert line.words[0].text == "bonding" and line.words[-1].text == "mode=4"
    assert line.words[-1].span.start == len(text) - 7 and line.words[-1].span.column == len(text) - 6
    assert isinstance(line.words[1:], LineWords) and line.words[1:][0] == line.words[1]
    short = parse("options bonding" + " x" * (EAGER_WORDS - 1) + "\n", "b.conf").lines[0]
    assert isinstance(short.words, tuple) and len(short.words) == EAGER_WORDS
