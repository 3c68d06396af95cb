"""--format junit: a fleet audit in the CI's test report (one suite per root, one case per file)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.report.conftest import HOSTILE, bondlint


def _junit(capsys, *args: str) -> ET.Element:
    code, out, err = bondlint(capsys, "--format", "junit", *args)
    assert code in (0, 1), err
    return ET.fromstring(out)


def test_one_suite_per_root_one_case_per_file_one_failure_per_finding(fleet: Path, capsys) -> None:
    doc = _junit(capsys, "web1", "db1")
    assert doc.tag == "testsuites"
    suites = doc.findall("testsuite")
    assert [s.get("name") for s in suites] == ["web1", "db1"]
    _, out, _ = bondlint(capsys, "--format", "json", "web1", "db1")
    findings = json.loads(out)["findings"]
    for suite in suites:
        root = suite.get("name")
        # every file of the host is audited but the release file (read only to learn the release)
        files = sorted(str(p) for p in Path(root).rglob("*") if p.is_file() and p.name != "redhat-release")
        cases = suite.findall("testcase")
        assert sorted(c.get("file") for c in cases) == files, "every file audited is a test case"
        assert int(suite.get("tests")) == len(cases)
        failed = [c for c in cases if c.find("failure") is not None]
        assert int(suite.get("failures")) == len(failed)
        mine = [f for f in findings if f["root"] == root]
        failures = [(c.get("file"), e) for c in cases for e in c.findall("failure")]
        assert len(failures) == len(mine)
        for f in mine:
            case = next(c for c in cases if c.get("file") == f["path"])
            assert case.get("classname") == root and case.get("name") == f["path"][len(root) + 1 :]
            texts = [e.text for e in case.findall("failure")]
            assert f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['severity']} [{f['name']}] {f['message']}" in [
                t.splitlines()[0] for t in texts
            ]
            assert any(e.get("type") == f["code"] and e.get("message") == f"{f['code']} {f['message']}" for e in case.findall("failure"))
    clean = [c for c in suites[0].findall("testcase") if c.find("failure") is None]
    assert clean, "the broken host's clean files show as passed"


def test_related_places_are_in_the_failure_text(fleet: Path, capsys) -> None:
    doc = _junit(capsys, "web1", "--select", "BL402")
    (failure,) = doc.iter("failure")
    assert failure.text.splitlines()[1] == "  = web1/etc/modprobe.conf:1:1: eth0 is a slave of bond0"


def test_a_missing_root_is_a_failed_case_named_after_it(fleet: Path, capsys) -> None:
    doc = _junit(capsys, "no-such-host")
    (suite,) = doc.findall("testsuite")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "no-such-host" and case.find("failure").get("type") == "BL000"


def test_hostile_names_and_control_characters_stay_well_formed(hostile_host: Path, capsys) -> None:
    weird = hostile_host.parent / "ctl\x01\x1b[31mhost"
    (weird / "etc/sysconfig/network-scripts").mkdir(parents=True)
    (weird / "etc/sysconfig/network-scripts/ifcfg-eth0").write_text("DEVICE=eth0\nONBOOT=Yes\n")
    doc = _junit(capsys, HOSTILE, weird.name)
    names = [s.get("name") for s in doc.findall("testsuite")]
    assert names == [HOSTILE, "ctl\ufffd\ufffd[31mhost"]
    assert any(HOSTILE in (c.get("file") or "") for c in doc.iter("testcase"))
