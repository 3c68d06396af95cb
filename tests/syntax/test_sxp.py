"""xend-config.sxp parser: xend's own reading, exact round-trip, BL601, depth."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bondlint.syntax import parse_file, parse_text
from bondlint.syntax.sxp import SxpAtom, SxpDocument, SxpList, SxpTrivia, dump, parse
from tests.conftest import FIXTURES, code_of, message_of, shallow_stack

FIXTURE_DIR = FIXTURES / "syntax" / "sxp"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "sxp"


def read(path: Path) -> str:
    """The file's exact text: no newline translation (CRLF must survive)."""
    return path.read_bytes().decode("utf-8")


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in [*corpus.glob("xend/*"), *corpus.glob("hosts/*/etc/xen/*.sxp")] if p.is_file())


def test_corpus_parses_round_trips_and_is_valid_for_xend(corpus: Path) -> None:
    # SOURCES.tsv marks four Augeas fragments as invalid, but for the Augeas
    # lens only ("(key value value2)", "( key ())", "key# com", a comment
    # inside a list): xend's own parser accepts all of them.
    files = corpus_files(corpus)
    assert len(files) > 40
    for path in files:
        doc = parse_file(path, kind="xend")
        assert isinstance(doc, SxpDocument), path
        assert doc.render() == read(path), path
        assert doc.problems == (), (path, doc.problems)


def test_upstream_example_network_script(corpus: Path) -> None:
    doc = parse_file(corpus / "xend" / "xen-3.0.3-branched__xend-config.sxp", kind="xend")
    script = doc.get("network-script")
    assert script is not None and [a.value for a in script.items] == ["network-script", "network-bridge"]
    # The commented-out examples are comments, not values.
    assert len(doc.all("network-script")) == 1


def test_augeas_comment_glued_to_atom(corpus: Path) -> None:
    doc = parse_file(corpus / "xend" / "augeas__xendconfsxp-test-L209.sxp", kind="xend")
    (lst,) = doc.items
    assert isinstance(lst, SxpList)
    assert [a.value for a in lst.items] == ["key", "bar"]


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURE_DIR.iterdir()))
def test_dump_snapshots(snapshot, fixture: str) -> None:
    path = FIXTURE_DIR / fixture
    doc = parse_file(path, kind="xend")
    assert doc.render() == read(path)
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(dump(parse(doc.text, fixture)), f"{fixture}.txt")


def test_seed_network_script_is_one_quoted_atom() -> None:
    doc = parse(read(FIXTURE_DIR / "seed-xend-config.sxp"), "xend-config.sxp")
    script = doc.get("network-script")
    assert script is not None and script.closed
    (arg,) = script.args
    assert isinstance(arg, SxpAtom)
    assert (arg.value, arg.quote, arg.raw) == ("network-bridge netdev=bond0", "'", "'network-bridge netdev=bond0'")
    assert (arg.span.line, arg.span.column) == (4, 17)
    assert script.render() == "(network-script 'network-bridge netdev=bond0')"
    assert doc.problems == ()


def test_unquoted_network_script_has_several_atoms() -> None:
    doc = parse(read(FIXTURE_DIR / "unquoted-network-script.sxp"), None)
    script = doc.get("network-script")
    assert script is not None
    assert [(a.value, a.quote) for a in script.args] == [("network-bridge", None), ("netdev=bond0", None)]


def test_duplicate_keys_first_wins() -> None:
    doc = parse(read(FIXTURE_DIR / "duplicate-keys.sxp"), None)
    dups = doc.all("network-script")
    assert [d.span.line for d in dups] == [1, 4, 5]
    assert doc.get("network-script") is dups[0]
    assert doc.get("missing") is None


def test_unterminated_string_points_at_quote_and_swallows_the_rest() -> None:
    text = read(FIXTURE_DIR / "unterminated-string.sxp")
    doc = parse(text, "x.sxp")
    messages = [(p.span.line, p.span.column, message_of(p)) for p in doc.problems]
    assert messages == [
        (2, 1, "unterminated list (unexpected EOF): xend will not start"),
        (2, 17, "unterminated string (unexpected EOF): xend will not start"),
    ]
    assert all(code_of(p) == "BL601" for p in doc.problems)
    assert doc.render() == text


def test_stray_and_unclosed_parens() -> None:
    doc = parse(read(FIXTURE_DIR / "stray-and-unclosed.sxp"), None)
    assert [(p.span.line, p.span.column, message_of(p).split(":")[0]) for p in doc.problems] == [
        (1, 22, "syntax error"),
        (3, 1, "syntax error"),
        (4, 1, "unterminated list (unexpected EOF)"),
    ]
    # Recovery: the values around the errors are all there.
    assert [i.name for i in doc.items] == ["xend-http-server", "network-script", "vif-script"]
    assert not doc.get("vif-script").closed


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (r"'\a\b\t\n\v\f\r\\\'\"'", "\a\b\t\n\v\f\r\\'\""),
        (r"'\101\0\12x'", "A\0\nx"),
        (r"'\x41'", "A"),
        # xend's hexdigit() counts letters from their own base: a-f are 0-5.
        (r"'\x4A\x4f'", "@E"),
        # An unknown escape keeps the backslash and drops the next character.
        (r"'example\.com'", "example\\com"),
    ],
)
def test_string_escapes_as_xend_reads_them(raw: str, value: str) -> None:
    doc = parse(raw, None)
    (atom,) = doc.items
    assert isinstance(atom, SxpAtom)
    assert atom.value == value
    assert doc.problems == ()


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("'\\400'", "invalid octal escape: out of range 400", 2),
        ("'\\x4g'", "invalid hex escape: \\x needs two hex digits", 2),
        ("(a \x01b)", "invalid character: code 1", 4),
        ("é", "invalid character: code 195", 1),
        ("\udc80", "invalid character: code 128", 1),  # an undecodable byte, surrogate-escaped
        ("\ud800", "invalid character: code 237", 1),
        ("(a \x04)", "control-D inside a list (unexpected EOF)", 4),
        (")", "syntax error: )", 1),
    ],
)
def test_errors_xend_raises(text: str, message: str, column: int) -> None:
    doc = parse(text, None)
    (problem,) = doc.problems
    assert message_of(problem) == f"{message}: xend will not start"
    assert problem.span.column == column
    assert doc.render() == text


def test_atoms_end_at_separators_and_comments() -> None:
    doc = parse("(a[b]c;d e#f\n'g'h)", None)
    (lst,) = doc.items
    assert [a.value for a in lst.items] == ["a", "[b", "]c", ";d", "e", "g", "h"]
    assert [p.kind for p in lst.parts if isinstance(p, SxpTrivia)] == ["space", "comment", "space"]


def test_control_d_at_top_level_ends_the_input() -> None:
    doc = parse("(a)\x04(b (", None)
    assert [i.name for i in doc.items] == ["a"]
    assert doc.problems == ()
    assert [p.kind for p in doc.parts[1:]] == ["eot", "ignored"]


def test_dispatch_through_parse_text() -> None:
    assert isinstance(parse_text("(a b)", "xend"), SxpDocument)


DEPTH = 20_000
# No clock: under a stack a few hundred frames deep, any recursion per nesting
# level raises RecursionError. Timings: benchmarks/scaling.py.


def test_deep_nesting_closed() -> None:
    text = "(" * DEPTH + "x" + ")" * DEPTH
    with shallow_stack():
        doc = parse(text, None)
        assert doc.problems == ()
        assert doc.render() == text
        node = doc.items[0]
        depth = 1
        while isinstance(node, SxpList) and node.items:
            node = node.items[0]
            depth += 1
        assert node == SxpAtom("x", "x", None, node.span) and depth == DEPTH + 1
        # eq, repr and dump must not recurse either.
        assert doc == doc
        assert "SxpList" in repr(doc)
        assert dump(doc).count("list ") == DEPTH


def test_deep_nesting_unclosed() -> None:
    text = "(" * DEPTH
    with shallow_stack():
        doc = parse(text, None)
        assert len(doc.problems) == 1  # one "unexpected EOF", at the outermost "("
        assert doc.problems[0].span.column == 1
        assert doc.render() == text


#: Any string at all, lone surrogates included (undecodable bytes arrive as those).
ANY_TEXT = st.text(st.characters(exclude_categories=()))
SXP_ALPHABET = st.sampled_from(list("()'\"\\# \n\tax;[\x04\x01é") + ["\\x4", "\\400", "(network-script "])


@settings(max_examples=300, deadline=None)
@given(st.one_of(ANY_TEXT, st.lists(SXP_ALPHABET, max_size=60).map("".join)))
def test_any_text_parses_and_round_trips(text: str) -> None:
    doc = parse(text, "fuzz.sxp")
    assert doc.render() == text
    for part in doc.parts:
        covered = text[part.span.start : part.span.end]
        if isinstance(part, SxpList):
            # An unclosed list's span stops at its last non-blank part.
            rendered = part.render()
            if part.closed:
                assert covered == rendered
            else:
                assert rendered.startswith(covered)
                assert not rendered[len(covered) :].strip(" \t\n\x0b\x0c\r")
        else:
            assert covered == part.raw
