"""The shell-variable parser: bash's reading, NetworkManager's reading, spans, problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bondlint.syntax import parse_text, shellvars
from bondlint.syntax.shellvars import ShellDocument, dump, nm_unescape, parse
from tests.conftest import code_of, message_of

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "syntax" / "shellvars"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "shellvars"


def one(line: str):
    doc = parse(line, "ifcfg-test")
    assert doc.render() == line
    assert doc.lines[0].assignment is not None, doc.lines[0]
    return doc, doc.lines[0].assignment.value


def codes(doc: ShellDocument) -> list[tuple[str, int]]:
    return [(code_of(p), p.span.line) for p in doc.problems]


# --- bash values (each verified with bash 5, see also test_bash_differential) ---


@pytest.mark.parametrize(
    ("line", "value", "quoting"),
    [
        ("B=a#b\n", "a#b", "none"),
        ("C=a #b\n", "a", "none"),
        ("D='x y'\n", "x y", "single"),
        ('E="a \\"b\\" \\$c \\q"\n', 'a "b" $c \\q', "double"),
        ("F=$'tab\\there\\x41\\101\\q'\n", "tab\there" + "AA\\q", "ansi-c"),
        ("G=a\\ b\\#c\n", "a b#c", "none"),
        ("H=\"a\"'b'c\n", "abc", "mixed"),
        ("I=\n", "", "none"),
        ("J=\"\"\n", "", "double"),
        ('K=$"x y"\n', "x y", "double"),
        ("L=foo\\", "foo\\", "none"),
        ("M=$'a\\0b'c\n", "ac", "mixed"),
        ("N=$HOME/x\n", "$HOME/x", "none"),
    ],
)
def test_bash_value(line: str, value: str, quoting: str) -> None:
    _, v = one(line)
    assert v.value == value
    assert v.quoting == quoting


def test_crlf_value_keeps_the_carriage_return_for_bash_but_not_for_nm() -> None:
    doc, v = one('SLAVE="yes"\r\n')
    assert v.value == "yes\r"
    assert v.crlf and v.quoting == "double"
    assert v.nm_value == "yes"
    _, v = one("SLAVE=yes #c\r\n")
    assert v.value == "yes" and v.crlf
    assert doc.lines[0].raw == 'SLAVE="yes"\r\n'


def test_continuation_joins_lines_as_bash_does() -> None:
    doc = parse('IPADDR=192.168.7.\\\n10\nX="a \\\nb"\nY=1 \\\nZ=2\n', None)
    assert doc.render().count("\n") == 6
    assert [line.raw.count("\n") for line in doc.lines] == [2, 2, 2]
    ip = doc.get("IPADDR")
    assert ip is not None and ip.value.value == "192.168.7.10" and ip.value.continuation
    assert ip.value.nm_value is None and "continuation" in (ip.value.nm_error or "")
    assert doc.value("X") == "a b"
    assert doc.get("X").value.continuation  # type: ignore[union-attr]
    # 'Y=1 \' + 'Z=2' is one bash line: Z is an extra assignment that NM reads on its own line.
    assert doc.value("Y") == "1" and doc.value("Z") == "2"
    z = doc.lines[2].extra_assignments[0]
    assert z.value.nm_value == "2"
    assert codes(doc) == [("BL002", 6)]  # the extra word sits on the joined line


def test_multiline_single_quote_is_one_value() -> None:
    doc = parse("FOO='val\n  bar=3'\nwrong line\n", None)
    assert doc.value("FOO") == "val\n  bar=3"
    assert doc.get("FOO").value.nm_value is None  # type: ignore[union-attr]
    assert [line.kind for line in doc.lines] == ["assignment", "other"]
    assert codes(doc) == [("BL006", 3)]


# --- flags ---


def test_flags_for_code_execution() -> None:
    _, v = one("A=$(reboot)\n")
    assert v.command_substitution and not v.expansion
    _, v = one("A=`id`\n")
    assert v.command_substitution
    assert v.nm_value == "`id`"  # NM takes an unquoted backtick literally
    _, v = one('A="x $(id) ${B} `c`"\n')
    assert v.command_substitution and v.expansion and v.nm_value is None
    _, v = one("A='$(id) $B'\n")
    assert not v.command_substitution and not v.expansion
    _, v = one('A="\\$(id)"\n')
    assert not v.command_substitution and not v.expansion
    _, v = one("A=$B\n")
    assert v.expansion and v.nm_value == "$B"


def test_operators_and_trailing_semicolon() -> None:
    _, v = one("A=1;\n")
    assert v.trailing_semicolon and v.operator is None and v.nm_value == "1"
    _, v = one("A=b ; #hallo\n")
    assert v.trailing_semicolon and v.nm_value == "b"
    doc, v = one("A=1 && reboot\n")
    assert v.operator is not None and v.operator.text == "&&"
    assert (v.operator.span.column, v.operator.span.end_column) == (5, 7)
    assert v.nm_value is None
    doc, v = one("A=1;B=2\n")
    assert v.operator is not None and v.operator.text == ";" and not v.trailing_semicolon
    doc, v = one("A=1 | cat\n")
    assert doc.get("A") is None  # a pipeline runs the assignment in a subshell


def test_unquoted_space_splits_words() -> None:
    doc, v = one("BONDING_OPTS=mode=4 miimon=100\n")
    assert v.value == "mode=4"
    assert [w.text for w in v.extra_words] == ["miimon=100"]
    assert doc.value("miimon") == "100"
    assert v.nm_value is None and (v.nm_error or "").startswith("badly quoted")
    (p,) = doc.problems
    assert code_of(p) == "BL002" and (p.span.column, p.span.end_column) == (21, 31)
    assert "bash assigns BONDING_OPTS='mode=4'" in message_of(p) and "'miimon=100'" in message_of(p)

    doc, v = one("BONDING_OPTS=mode=4 foo\n")
    assert doc.get("BONDING_OPTS") is None  # only foo's environment sees it
    assert doc.all("BONDING_OPTS") == (doc.lines[0].assignment,)
    assert "runs 'foo' as a command" in message_of(doc.problems[0])


def test_unterminated_quote_stops_bash() -> None:
    doc = parse('DEVICE=eth2\nNAME="eth2 slave\nSLAVE=yes\n', "f")
    assert [line.kind for line in doc.lines] == ["assignment", "assignment"]
    name = doc.lines[1].assignment
    assert name is not None and name.value.unterminated_quote == '"'
    assert doc.value("DEVICE") == "eth2"
    assert doc.get("NAME") is None and doc.get("SLAVE") is None
    (p,) = doc.problems
    assert (code_of(p), p.span.line, p.span.column, p.span.end_column) == ("BL003", 2, 6, 17)
    assert "unterminated double quote" in message_of(p)


def test_non_assignment_lines() -> None:
    doc = parse("export IPADDR=1.2.3.4 # ip\nX =1\nunset ONBOOT\n# c\n\n", None)
    assert [line.kind for line in doc.lines] == ["assignment", "other", "other", "comment", "blank"]
    ip = doc.lines[0].assignment
    assert ip is not None and ip.exported and ip.value.nm_value is None
    assert doc.value("IPADDR") == "1.2.3.4"
    assert doc.lines[0].comment is not None and doc.lines[0].comment.text == "# ip"
    assert codes(doc) == [("BL006", 1), ("BL006", 2), ("BL006", 3)]
    assert "NetworkManager ignores" in message_of(doc.problems[0])
    assert "remove the space before '='" in message_of(doc.problems[1])


def test_arrays_and_special_assignments_are_not_plain_values() -> None:
    doc = parse("var=(v1 v2\n  v3)\nA[1]=x\nB+=y\nC=(open\n", None)
    assert [line.kind for line in doc.lines] == ["other", "other", "other", "other"]
    assert doc.lines[0].raw == "var=(v1 v2\n  v3)\n"
    assert codes(doc) == [("BL006", 1), ("BL006", 3), ("BL006", 4), ("BL003", 5)]
    assert "bash array" in message_of(doc.problems[0])
    assert (doc.problems[3].span.column, doc.problems[3].span.end_column) == (3, 8)


def test_last_assignment_wins_and_dispatch() -> None:
    doc = parse_text("USERCTL=yes\nUSERCTL=no\n", "ifcfg")
    assert isinstance(doc, ShellDocument)
    assert doc.value("USERCTL") == "no"
    assert len(doc.all("USERCTL")) == 2
    assert doc.value("MISSING", "dflt") == "dflt"
    assert parse_text("NETWORKING=yes\n", "network").kind == "network"


def test_spans_point_at_the_text() -> None:
    text = "  DEVICE='bond0'  # x\n"
    doc = parse(text, "p")
    a = doc.lines[0].assignment
    assert a is not None and a.indent == "  "
    assert text[a.name_span.start : a.name_span.end] == "DEVICE"
    assert text[a.value.span.start : a.value.span.end] == "'bond0'"
    assert (a.span.line, a.span.column, a.span.end_column) == (1, 3, 17)
    assert a.span.path == "p"


# --- NetworkManager's shvar reading ---


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", "yes"),
        ("yes\r", "yes"),
        ('"a b"', "a b"),
        ("'a\"b'", 'a"b'),
        (" #only a comment", ""),
        ("b ; #hallo", "b"),
        ('"\\\'x\\~"', "'x~"),  # the old svEscape compat hack
        ('"a\\\'b" ', "a\\'b"),
        ("$'\\x41\\u00e9\\q'", "A\u00e9\\q"),
        ("a\\ b", "a b"),
        ("`id`", "`id`"),
        ("mode=4 miimon=100", None),
        ("a;;", None),
        ('"$HOME"', None),
        ("a|b", None),
        ("'open", None),
        ("x\\", None),
    ],
)
def test_nm_unescape(raw: str, expected: str | None) -> None:
    value, error = nm_unescape(raw)
    assert value == expected
    assert (error is None) == (expected is not None)


# --- never raise, always round-trip ---

_SHELLISH = st.text(alphabet="AB_=\"'\\$`#;|&()<> \t\r\nx{}-", max_size=80)


def _check(text: str) -> None:
    doc = parse(text, "fuzz")
    assert doc.render() == text
    for a in doc.assignments():
        assert text[a.name_span.start : a.name_span.end] == a.name
        assert text[a.value.span.start : a.value.span.end] == a.value.raw
    for line in doc.lines:
        assert text[line.span.start : line.span.end] == line.raw.removesuffix("\n")
    dump(doc)


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_fuzz_any_text(text: str) -> None:
    _check(text)


@given(_SHELLISH)
@settings(max_examples=1000, deadline=None)
def test_fuzz_shell_like_text(text: str) -> None:
    _check(text)


# --- the builder's shortcuts read as the general path does ---

_VALUE_CHARS = st.text(alphabet=st.characters(exclude_categories=()), max_size=40)


@given(st.one_of(_VALUE_CHARS, _SHELLISH))
@settings(max_examples=1000, deadline=None)
def test_plain_value_shortcuts_agree_with_the_readers(text: str) -> None:
    """A value shvar has nothing to unescape in is taken as it is, and a lone literal as bash
    keeps it, without calling the readers: both shortcuts must give what the readers give."""
    if shellvars._NM_PLAIN(text) is not None:
        assert nm_unescape(text) == (text, None)
    if "\n" not in text:
        tokens = shellvars.tokenize(f"K={text}")
        if len(tokens) == 1 and tokens[0].type == "LIT":
            assert shellvars._read_pieces((("LIT", text),)) == (text, "none", False, False, None, False)


# --- snapshots of our own fixtures ---

FIXTURE_FILES = sorted(p.name for p in FIXTURES.iterdir())


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_snapshot(name: str, snapshot) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / name
    text = path.read_bytes().decode("utf-8")
    kind = "network" if name == "network" else "ifcfg"
    doc = parse(text, f"fixtures/syntax/shellvars/{name}", kind=kind)
    assert doc.render() == text
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(dump(doc), f"{name}.txt")
