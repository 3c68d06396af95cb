"""bondlint merge and bondlint diff: over real JSON reports of the fixture hosts, through the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bondlint.report import FORMATS
from tests.conftest import run_cli
from tests.html_header import without_made

REPO = Path(__file__).resolve().parents[2]
HOSTS = REPO / "fixtures" / "hosts"
# Hosts with findings of every severity, a clean one, one with a fix, and a missing root.
SOME = sorted(p.name for p in HOSTS.iterdir() if p.is_dir())[:14]


@pytest.fixture
def fleet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in SOME:
        shutil.copytree(HOSTS / name, tmp_path / name, symlinks=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _report(fleet: Path, name: str, *roots: str, options: tuple[str, ...] = ()) -> str:
    proc = run_cli("--format", "json", "-o", name, *options, *roots, cwd=fleet)
    assert proc.returncode in (0, 1), proc.stderr
    return name


def test_a_merged_report_equals_one_run_over_all_roots_in_every_format(fleet: Path) -> None:
    roots = [*SOME, "no-such-root"]
    shards = [_report(fleet, "a.json", *roots[:5]), _report(fleet, "b.json", *roots[5:9]), _report(fleet, "c.json", *roots[9:])]
    for fmt in FORMATS:
        one = run_cli("--format", fmt, *roots, cwd=fleet)
        merged = run_cli("merge", "--format", fmt, *shards, cwd=fleet)
        assert (merged.returncode, merged.stderr) == (one.returncode, ""), (fmt, merged.stderr)
        if fmt == "html":
            assert without_made(merged.stdout, whole_run=True) == without_made(one.stdout, whole_run=True)
        else:
            assert merged.stdout == one.stdout, fmt
    assert one.returncode == 1
    doc = json.loads(run_cli("merge", "--format", "json", *shards, cwd=fleet).stdout)
    assert [h["root"] for h in doc["hosts"]] == roots and len(doc["findings"]) > 20


def test_merge_writes_reports_to_files_as_a_run_does(fleet: Path) -> None:
    shards = [_report(fleet, "a.json", *SOME[:3]), _report(fleet, "b.json", *SOME[3:6])]
    run_cli("--report", "junit=one.xml", "--report", "html=one.html", *SOME[:6], cwd=fleet)
    proc = run_cli("merge", "-q", *shards, "--report", "junit=m.xml", "--report", "html=m.html", cwd=fleet)
    assert proc.returncode == 1, proc.stderr
    assert (fleet / "m.xml").read_text() == (fleet / "one.xml").read_text()
    # a merge knows neither the command line nor the config of its shards' runs: the page's run block aside
    assert without_made((fleet / "m.html").read_text(), whole_run=True) == without_made((fleet / "one.html").read_text(), whole_run=True)
    # a shard merged alone round-trips to itself
    assert run_cli("merge", "--format", "json", "a.json", cwd=fleet).stdout == (fleet / "a.json").read_text()


def _edited(fleet: Path, name: str, source: str, **changes: object) -> str:
    doc = json.loads((fleet / source).read_text())
    doc.update(changes)
    (fleet / name).write_text(json.dumps(doc, indent=2) + "\n")
    return name


def test_merge_refuses_shards_that_do_not_compare(fleet: Path) -> None:
    a = _report(fleet, "a.json", SOME[0])
    b = _report(fleet, "b.json", SOME[1])
    narrow = _report(fleet, "narrow.json", SOME[2], options=("--select", "BL2"))
    cases = {
        narrow: "another rule selection",
        _edited(fleet, "old.json", "b.json", version="0.0.1"): "another bondlint version than a.json ('0.0.1' vs",
        _edited(fleet, "fp.json", "b.json", fingerprint_version="1"): "another fingerprint version than a.json ('1' vs",
        a: "root in more than one report: " + SOME[0],
    }
    for other, reason in cases.items():
        proc = run_cli("merge", a, other, cwd=fleet)
        assert proc.returncode == 2 and proc.stdout == "", other
        assert reason in proc.stderr and proc.stderr.startswith("bondlint: error: "), proc.stderr
    doc = json.loads((fleet / b).read_text())
    for key in ("hosts", "selection", "fingerprint_version"):
        del doc[key]
    (fleet / "before.json").write_text(json.dumps(doc))
    (fleet / "junk.json").write_text("{not json")
    for bad, reason in (("before.json", "before reports recorded"), ("junk.json", "not valid JSON"), ("none.json", "none.json")):
        proc = run_cli("merge", a, bad, cwd=fleet)
        assert proc.returncode == 2 and reason in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def _bond0(host: Path) -> Path:
    return host / "etc/sysconfig/network-scripts/ifcfg-bond0"


def test_diff_reports_new_fixed_and_unchanged_per_host(fleet: Path) -> None:
    web1 = fleet / "web1"
    shutil.copytree(HOSTS / "BL002-bonding-opts-unquoted", web1)
    _report(fleet, "old.json", "web1", SOME[0])
    text = _bond0(web1).read_text()
    # BL002 (and its BL303) fixed by quoting, a line added above the rest (moves BL401 down:
    # unchanged), an unterminated quote appended (BL003, BL005, BL007 new).
    text = text.replace("BONDING_OPTS=mode=4 miimon=100", 'BONDING_OPTS="mode=4 miimon=100"')
    _bond0(web1).write_text("# moved\n" + text + "ONBOOT='yes\n")
    _report(fleet, "new.json", "web1", SOME[0])
    proc = run_cli("diff", "old.json", "new.json", cwd=fleet)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("web1: 3 new, 2 fixed, 1 unchanged\n"), proc.stdout
    assert "+ new   web1/etc/sysconfig/network-scripts/ifcfg-bond0:9:8: BL003 error" in proc.stdout
    assert "- fixed web1/etc/sysconfig/network-scripts/ifcfg-bond0:7:21: BL002 error" in proc.stdout  # where it was
    assert SOME[0] not in proc.stdout  # a host without drift is only counted
    doc = json.loads(run_cli("diff", "--format", "json", "old.json", "new.json", cwd=fleet).stdout)
    web = next(h for h in doc["hosts"] if h["host"] == "web1")
    assert sorted(f["code"] for f in web["new"]) == ["BL003", "BL005", "BL007"] and sorted(f["code"] for f in web["fixed"]) == ["BL002", "BL303"]
    assert [f["code"] for f in web["unchanged"]] == ["BL401"] and web["unchanged"][0]["line"] == 2
    assert doc["summary"] == {"new": 3, "fixed": 2, "unchanged": 1 + len(doc["hosts"][1]["unchanged"])}
    back = run_cli("diff", "new.json", "old.json", cwd=fleet)  # the other way round, new and fixed swap
    assert back.returncode == 1 and back.stdout.startswith("web1: 2 new, 3 fixed, 1 unchanged\n")
    same = run_cli("diff", "old.json", "old.json", cwd=fleet)  # nothing new: exit 0
    assert same.returncode == 0 and same.stdout.startswith("0 new, 0 fixed, ")


def test_diff_matches_identical_findings_as_a_multiset(fleet: Path) -> None:
    shutil.copytree(HOSTS / "BL002-bonding-opts-unquoted", fleet / "web1")
    _report(fleet, "old.json", "web1")
    doc = json.loads((fleet / "old.json").read_text())
    twice = doc["findings"][0]
    doc["findings"].insert(1, twice)  # the same fault twice: one of them is new
    (fleet / "new.json").write_text(json.dumps(doc))
    got = json.loads(run_cli("diff", "--format", "json", "old.json", "new.json", cwd=fleet).stdout)
    assert got["summary"] == {"new": 1, "fixed": 0, "unchanged": len(doc["findings"]) - 1}
    assert got["hosts"][0]["new"][0]["fingerprint"] == twice["fingerprint"]
    assert run_cli("diff", "new.json", "old.json", cwd=fleet).stdout.startswith("web1: 0 new, 1 fixed")


def test_diff_refuses_another_fingerprint_version_with_the_way_out(fleet: Path) -> None:
    _report(fleet, "new.json", SOME[0])
    _edited(fleet, "old.json", "new.json", fingerprint_version="1")
    proc = run_cli("diff", "old.json", "new.json", cwd=fleet)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "old.json holds fingerprints of version 1" in proc.stderr and "bondlint --format json -o old.json" in proc.stderr


def test_a_root_named_like_a_subcommand_is_written_dot_slash(fleet: Path) -> None:
    shutil.copytree(HOSTS / "BL002-bonding-opts-unquoted", fleet / "merge")
    proc = run_cli("./merge", cwd=fleet)
    assert proc.returncode == 1 and "merge/etc/sysconfig/network-scripts/ifcfg-bond0" in proc.stdout
    usage = run_cli("merge", cwd=fleet)
    assert usage.returncode == 2 and "REPORT.json (see bondlint merge --help)" in usage.stderr
