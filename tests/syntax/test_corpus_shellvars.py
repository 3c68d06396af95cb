"""Every ifcfg/network file of the shared corpus, read in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint.syntax.shellvars import ShellDocument, parse
from tests.conftest import code_of

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

if not CORPUS.is_dir():
    pytest.skip(f"shared corpus not found at {CORPUS}", allow_module_level=True)


def _files() -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for kind, folder in (("ifcfg", "ifcfg"), ("network", "network")):
        found += [(kind, p) for p in sorted((CORPUS / folder).iterdir()) if p.is_file()]
    for host in sorted((CORPUS / "hosts").iterdir()):
        sysconfig = host / "etc" / "sysconfig"
        if (sysconfig / "network").is_file():
            found.append(("network", sysconfig / "network"))
        found += [("ifcfg", p) for p in sorted((sysconfig / "network-scripts").glob("ifcfg-*")) if p.is_file()]
    return found


FILES = _files()


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


def _parse(name: str) -> ShellDocument:
    path = CORPUS / "ifcfg" / name
    return parse(_read(path), str(path))


def test_corpus_is_there() -> None:
    assert len(FILES) > 300


@pytest.mark.parametrize(("kind", "path"), FILES, ids=[str(p.relative_to(CORPUS)) for _, p in FILES])
def test_parses_and_round_trips(kind: str, path: Path) -> None:
    text = _read(path)
    doc = parse(text, str(path), kind=kind)
    assert doc.render() == text
    assert sum(line.raw.count("\n") for line in doc.lines) == text.count("\n")


def _problems(doc: ShellDocument) -> list[tuple[str, int]]:
    return [(code_of(p), p.span.line) for p in doc.problems]


def test_nm_corner_cases_unterminated_double_quote() -> None:
    # line 5 is `NAME="`: no closing quote anywhere after it (NM test "variables-corner-cases-1")
    doc = _parse("nm__ifcfg-test-variables-corner-cases-1")
    assert _problems(doc) == [("BL003", 5)]
    assert doc.value("HWADDR") == "00:16:41:11:22:33"
    assert doc.get("NAME") is None and doc.get("ZONE") is None


def test_nm_write_unknown_keys() -> None:
    # line 3 `wrong line`; line 8 a lone `'`; FOO and F3 are quoted across lines
    doc = _parse("nm__ifcfg-test-write-unknown-1")
    assert _problems(doc) == [("BL006", 3), ("BL003", 8)]
    assert doc.value("FOO") == "val\n  bar=3"
    assert doc.value("F3") == "b\nXXA=adf"
    assert doc.value("XXA2") == "val2"


def test_nm_unrecognized_apostrophe_opens_a_quote() -> None:
    # line 2 `NAME=U Can't Touch This`: the apostrophe opens a quote bash never closes
    doc = _parse("nm__ifcfg-test-unrecognized")
    assert _problems(doc) == [("BL003", 2)]
    assert doc.value("TYPE") == "PPP-over-InfiniBand"
    assert doc.get("DEVICE") is None


def test_augeas_expected_failure_has_commands() -> None:
    # Augeas marks this file as a parse failure: `&&` on line 1, commands on lines 2-3
    doc = _parse("augeas__shellvars.shellvar-L772")
    assert _problems(doc) == [("BL006", 2), ("BL006", 3)]
    foo = doc.lines[0].assignment
    assert foo is not None and foo.value.operator is not None and foo.value.operator.text == "&&"


def test_augeas_backtick_value() -> None:
    doc = _parse("augeas__sysconfig.sysconfig-L97")
    var = doc.get("var")
    assert var is not None and var.value.command_substitution
    assert var.value.value == "`grep nameserver /etc/resolv.conf | head -1`"


def test_insights_spaces_around_equals() -> None:
    doc = _parse("insights__ifcfg-enp0s25.IFCFG_TEST")
    assert _problems(doc) == [("BL006", 1), ("BL006", 3), ("BL006", 5)]
    assert doc.value("BOOTPROTO") == "dhcp"
    assert [line.kind for line in doc.lines] == ["other", "assignment", "other", "comment", "other"]


def test_augeas_export_and_unset() -> None:
    doc = _parse("augeas__shellvars.ifcfg-eth0")
    assert _problems(doc) == [("BL006", 6), ("BL006", 10)]
    ip = doc.get("IPADDR")
    assert ip is not None and ip.exported and ip.value.value == "172.31.0.31"


def test_augeas_multiline_array() -> None:
    # `var=(v1 v2` continues on line 2 up to `v3)`: one bash array assignment
    doc = _parse("augeas__shellvars.shellvar-L139")
    assert _problems(doc) == [("BL006", 1)]
    assert len(doc.lines) == 1 and doc.lines[0].kind == "other"
