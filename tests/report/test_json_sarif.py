"""--format json against its schema (with the related places and fingerprints), and SARIF still valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import HOSTS, REPO, run_cli
from tests.report.conftest import bondlint

JSON_SCHEMA = REPO / "bondlint" / "report" / "report.schema.json"
SARIF_SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def _validator(path: Path):
    schema = json.loads(path.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_every_fixture_host_validates_against_the_schema(capsys) -> None:
    roots = sorted(str(p) for p in HOSTS.iterdir() if p.is_dir())
    code, out, err = bondlint(capsys, "--format", "json", *roots, "no-such-root")
    assert code == 1, err
    doc = json.loads(out)
    _validator(JSON_SCHEMA).validate(doc)
    assert len(doc["findings"]) > 100
    assert any(f["related"] for f in doc["findings"]) and any(f["root"] == "no-such-root" for f in doc["findings"])
    # one entry per root: its identity, release, files read and own counts, which add up to the summary
    assert [h["root"] for h in doc["hosts"]] == doc["roots"]
    assert {k: sum(h["summary"][k] for h in doc["hosts"]) for k in doc["summary"]} == doc["summary"]
    seed = next(h for h in doc["hosts"] if h["root"].endswith("seed-centos52-xen-8023ad"))
    assert seed["release"] == "el5" and any(p.endswith("etc/modprobe.conf") for p in seed["files"])
    from bondlint.findings import FINGERPRINT_VERSION

    assert doc["fingerprint_version"] == FINGERPRINT_VERSION and "BL201" in doc["selection"]


def test_the_schema_refuses_what_the_report_never_writes() -> None:
    validator = _validator(JSON_SCHEMA)
    good = {"version": "1", "roots": [], "findings": [], "summary": {"error": 0, "warning": 0, "info": 0}}
    validator.validate(good)
    host = {"root": "web1", "host": "web1", "release": None, "files": [], "summary": good["summary"]}
    validator.validate({**good, "selection": ["BL201"], "config_digest": "ab", "fingerprint_version": "2", "hosts": [host]})
    bad_hosts = ([{**host, "summary": {"error": 0}}], [{k: v for k, v in host.items() if k != "files"}], [{**host, "x": 1}])
    for bad in ({**good, "summary": {"error": 0}}, {**good, "findings": [{"code": "BL201"}]}, {**good, "extra": 1},
                *({**good, "hosts": h} for h in bad_hosts)):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)


def test_related_places_and_fingerprints(fleet: Path, capsys) -> None:
    _, out, _ = bondlint(capsys, "--format", "json", "web1", "--select", "BL402,BL512")
    findings = {f["code"]: f for f in json.loads(out)["findings"]}
    assert findings["BL402"]["related"] == [
        {"path": "web1/etc/modprobe.conf", "line": 1, "column": 1, "end_line": 1, "end_column": 17, "message": "eth0 is a slave of bond0"}
    ]
    assert [r["path"] for r in findings["BL512"]["related"]] == [  # every device that can take the route (issue 12)
        "web1/etc/sysconfig/network-scripts/ifcfg-eth2",
        "web1/etc/sysconfig/network-scripts/ifcfg-eth3",
        "web1/etc/sysconfig/network-scripts/ifcfg-bond0",
    ]
    _, sarif, _ = bondlint(capsys, "--format", "sarif", "web1", "--select", "BL402,BL512")
    results = json.loads(sarif)["runs"][0]["results"]
    assert [f["fingerprint"] for f in findings.values()] == [r["partialFingerprints"]["bondlint/v3"] for r in results]


def test_sarif_of_a_fleet_is_still_valid(fleet: Path, capsys) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (shared/ sits beside the repo)")
    report = fleet / "out.sarif"
    code, out, err = bondlint(capsys, "web1", "db1", "web2", "no-such-root", "--report", f"sarif={report}")
    assert code == 1, err
    doc = json.loads(report.read_text())
    _validator(SARIF_SCHEMA).validate(doc)
    results = doc["runs"][0]["results"]
    assert any(r.get("relatedLocations") for r in results)


def test_a_run_answered_from_the_cache_reports_the_same_hosts(tmp_path: Path) -> None:
    """Files read and release are part of a cache entry: a hit's JSON (and JUnit's passing files) equals a miss's."""
    env = {"BONDLINT_CACHE_DIR": str(tmp_path / "cache")}
    root = str(HOSTS / "seed-centos52-xen-8023ad")
    first = run_cli("--format", "json", root, env=env)
    assert list((tmp_path / "cache").rglob("*.json")), "the first run stored an entry"
    second = run_cli("--format", "json", root, env=env)
    assert second.stdout == first.stdout
    host = json.loads(second.stdout)["hosts"][0]
    assert host["release"] == "el5" and len(host["files"]) > 3


def test_hosts_waiting_in_a_temporary_file_are_written_as_in_memory(
    fleet: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``_Spool.IN_MEMORY`` roots the JSON report's host entries wait in an unnamed file, so
    that memory stays flat at 10,000 roots: the report is the same bytes either way."""
    from bondlint.report import json as json_report

    roots = sorted(p.name for p in fleet.iterdir() if p.is_dir())
    assert len(roots) >= 3
    _, in_memory, _ = bondlint(capsys, "--no-cache", "--format", "json", *roots)
    monkeypatch.setattr(json_report._Spool, "IN_MEMORY", 1)
    opened: list[int | None] = []
    real = json_report.unnamed_scratch
    monkeypatch.setattr(json_report, "unnamed_scratch", lambda: opened.append(real()) or opened[-1])
    _, spooled, _ = bondlint(capsys, "--no-cache", "--format", "json", *roots)
    assert opened and opened[0] is not None, "no unnamed temporary file here: the spool was not exercised"
    assert spooled == in_memory
    assert [h["root"] for h in json.loads(spooled)["hosts"]] == roots
