"""The library API as the README shows it: lint(), parse_text(), parse_file(), registry()."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import bondlint
from tests.cli.conftest import SCRIPTS, break_host, copy_seed
from tests.conftest import HOSTS, code_of

BROKEN = HOSTS / "example-broken-host"


def test_lint_returns_a_report_of_findings(tmp_path: Path) -> None:
    host = break_host(copy_seed(tmp_path / "web1"))
    report = bondlint.lint(str(host), select=["BL0", "BL4"])
    assert isinstance(report, bondlint.Report)
    assert report.roots == (str(host),)
    found = {(f.code, f.severity, Path(f.path).name, f.line, f.column) for f in report.findings}
    assert found == {
        ("BL402", bondlint.Severity.WARNING, "modprobe.conf", 5, 1),
        ("BL002", bondlint.Severity.ERROR, "ifcfg-bond0", 10, 21),
    }
    assert all(f.message for f in report.findings)
    assert report.summary() == {"error": 1, "warning": 1, "info": 0}
    assert report.worst() is bondlint.Severity.ERROR


def test_lint_accepts_several_roots_paths_and_options(tmp_path: Path) -> None:
    clean = copy_seed(tmp_path / "web1")
    bad = break_host(copy_seed(tmp_path / "web2"))
    report = bondlint.lint([clean, bad], select=["BL0", "BL4"], ignore=["BL002"], jobs=2)
    assert report.roots == (str(clean), str(bad))
    assert [(f.code, f.root) for f in report.findings] == [("BL402", str(bad))]
    baseline = [f.fingerprint() for f in report.findings]
    assert bondlint.lint([clean, bad], select=["BL0", "BL4"], ignore=["BL002"], baseline=baseline).findings == ()
    as_el7 = [f.code for f in bondlint.lint(bad, select=["BL4"], release="el7").findings]
    assert "BL402" not in as_el7  # an el5-only rule


def test_parse_file_and_parse_text() -> None:
    path = HOSTS / "seed-centos52-xen-8023ad" / SCRIPTS / "ifcfg-bond0"
    doc = bondlint.parse_file(str(path))
    assert isinstance(doc, bondlint.Document)
    assert doc.kind == "ifcfg" and doc.problems == ()
    assert doc.render() == path.read_text()  # lossless

    doc = bondlint.parse_text("BONDING_OPTS=mode=4 miimon=100\n", "ifcfg")
    assert [code_of(p) for p in doc.problems] == ["BL002"]
    problem = doc.problems[0]
    assert (problem.span.line, problem.span.column) == (1, 21)

    modprobe = bondlint.parse_file(str(BROKEN / "etc/modprobe.conf"))
    assert modprobe.kind == "modprobe"
    assert modprobe.render() == (BROKEN / "etc/modprobe.conf").read_text()


def test_registry_lists_rules_with_their_identity() -> None:
    rules = bondlint.registry()
    assert list(rules) == sorted(rules)
    bl402 = rules["BL402"]
    assert isinstance(bl402, bondlint.Rule)
    assert (bl402.code, bl402.name, bl402.severity) == ("BL402", "bond-alias-not-first", bondlint.Severity.WARNING)
    assert bl402.summary and bl402.origin == "builtin"
    assert {"BL000", "BL001", "BL012", "BL401", "BL409", "BL901", "BL902"} <= set(rules)


def test_public_names_all_exist() -> None:
    for name in bondlint.__all__:
        assert hasattr(bondlint, name), name


def test_py_typed_is_installed() -> None:
    assert importlib.resources.files("bondlint").joinpath("py.typed").is_file()
