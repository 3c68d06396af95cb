"""Keyfile (GKeyFile) parser: exact round trip, glib's line rules, values, BL704."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint.syntax import detect_kind, parse_file, parse_text
from bondlint.syntax.keyfile import KeyfileDocument, KeyfileEntry, dump, parse, split_key
from tests.conftest import FIXTURES

FIXTURE_DIR = FIXTURES / "syntax" / "keyfile"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "keyfile"


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "keyfiles").iterdir() if p.is_file() and p.name != "SOURCES.tsv")


def test_corpus_parses_round_trips_and_loads(corpus: Path) -> None:
    """Every corpus keyfile is a file NetworkManager or its renderers' tests load:
    none may give a BL704 (NM's own test data included, e.g. Test_minimal_port_1
    without a final newline and Test_TC_Config's keys with ':' and '.')."""
    files = corpus_files(corpus)
    assert len(files) >= 36
    for path in files:
        doc = parse_file(path, kind="keyfile")
        assert isinstance(doc, KeyfileDocument), path
        assert doc.render() == read(path), path
        assert doc.problems == (), (path, doc.problems)
        assert doc.loads


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURE_DIR.iterdir()))
def test_dump_snapshots(snapshot, fixture: str) -> None:
    text = read(FIXTURE_DIR / fixture)
    doc = parse(text, fixture)
    assert doc.render() == text
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(dump(doc), f"{fixture}.txt")


def _one(text: str) -> KeyfileEntry:
    entries = parse(text, "t").entries()
    assert len(entries) == 1
    return entries[0]


def test_value_keeps_trailing_blanks_and_inline_hash() -> None:
    e = _one("[connection]\n  controller =  bond0 # eth0 port \n")
    assert (e.key, e.raw) == ("controller", "bond0 # eth0 port ")
    assert (e.key_span.line, e.key_span.column, e.value_span.column) == (2, 3, 17)


def test_crlf_drops_one_cr_only_before_newline() -> None:
    doc = parse("[bond]\r\nmode=802.3ad\r\nmiimon=100\r", "t")
    assert doc.problems == ()
    assert doc.get("bond", "mode").raw == "802.3ad"
    # No newline after the last "\r": glib keeps it in the value.
    assert doc.get("bond", "miimon").raw == "100\r"


def test_escapes_and_lists_as_glib_decodes_them() -> None:
    e = _one("[ipv4]\ndns-search=\\sa\\\\b\\;c;d\\te;\n")
    assert e.string == " a\\b\\;c;d\te;"
    assert e.escape_error == "invalid escape sequence \\;"  # as a plain string, \; is no escape
    assert [i.text for i in e.items()] == [" a\\b;c", "d\te"]
    assert [(i.span.column, i.span.end_column) for i in e.items()] == [(12, 21), (22, 26)]
    assert _one("[a]\nk=x\\").escape_error == "escape character at end of line"
    assert [i.text for i in _one("[a]\nk=a;;b").items()] == ["a", "", "b"]
    assert _one("[a]\nk=").items() == ()


def test_nm_conf_lists_use_commas() -> None:
    e = _one("[main]\nplugins=ifcfg-rh,keyfile\n")
    assert [i.text for i in e.items(",")] == ["ifcfg-rh", "keyfile"]


def test_repeated_groups_merge_and_last_key_wins() -> None:
    doc = parse("[bond]\nmode=1\n[ipv4]\nmethod=auto\n[bond]\nmode=802.3ad\n", "t")
    assert doc.group_names() == ("bond", "ipv4")
    assert doc.keys("bond") == ("mode",)
    assert doc.get("bond", "mode").raw == "802.3ad"
    assert [e.raw for e in doc.duplicates("bond", "mode")] == ["1"]
    assert doc.header("bond").line.span.line == 1


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("mode", ("mode", None)),
        ("name[de_DE.UTF-8@euro]", ("name", "de_DE.UTF-8@euro")),
        ("qdisc.ffff:fff1", ("qdisc.ffff:fff1", None)),
        ("a b", ("a b", None)),
        ("name[]", ("name", None)),
        ("", None),
        (" a", None),
        ("a ]", None),
        ("a]b", None),
        ("a[b c]", None),
        ("a[b]c", None),
    ],
)
def test_key_names_as_glib_accepts_them(key: str, expected: tuple[str, str | None] | None) -> None:
    assert split_key(key) == expected


@pytest.mark.parametrize(
    "line",
    ["interface-name bond0", "=value", "[bond", "[bond] x", "[]", "[a\x01b]", "k]ey=1", "name[x y]=z"],
)
def test_rejected_lines_are_bl704_and_the_rest_is_read(line: str) -> None:
    doc = parse(f"[connection]\nid=a\n{line}\ntype=bond\n", "t")
    assert [p.kind for p in doc.problems] == ["keyfile-line"]
    assert doc.problems[0].span.line == 3
    assert "rejects the whole file" in doc.problems[0].details["message"]
    assert not doc.loads
    assert doc.get("connection", "id").raw == "a"


def test_key_before_any_group_and_encoding() -> None:
    doc = parse("type=bond\n[connection]\nEncoding=latin1\n[x]\nEncoding=latin1\n", "t")
    assert [(p.span.line, p.details["message"].split(":")[0]) for p in doc.problems] == [
        (1, 'key=value before any [group] ("Key file does not start with a group")'),
        (3, "unsupported Encoding 'latin1' in the first group"),
    ]
    assert doc.get("x", "Encoding").raw == "latin1"


def test_blank_and_comment_lines_with_glib_blanks() -> None:
    doc = parse(" \t\n\x0b# c\n\r\n[a]\n", "t")
    assert [n.line.kind for n in doc.nodes] == ["blank", "comment", "blank", "group"]
    assert doc.problems == ()


def test_detect_kind() -> None:
    assert detect_kind("etc/NetworkManager/system-connections/bond0") == "keyfile"
    assert detect_kind("usr/lib/NetworkManager/system-connections/x.nmconnection") == "keyfile"
    assert detect_kind("etc/NetworkManager/NetworkManager.conf") == "keyfile"
    assert detect_kind("etc/NetworkManager/conf.d/10-plugins.conf") == "keyfile"
    assert detect_kind("etc/modprobe.d/bonding.conf") == "modprobe"
    assert parse_text("[a]\nb=c", "keyfile").render() == "[a]\nb=c"


def test_problems_stay_bounded() -> None:
    doc = parse("[a]\n" + "not a key line\n" * 5000, "t")
    assert len(doc.problems) == 21
    assert doc.problems[-1].span.line == 22 and doc.problems[-1].kind == "keyfile-more-lines" and doc.problems[-1].details["limit"] == 20
    assert doc.render().count("\n") == 5001
