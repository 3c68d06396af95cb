"""The four output formats, read as their consumers read them (people, scripts, dashboards, Actions)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.conftest import SCRIPTS, findings_of
from tests.conftest import REPO, run_cli

BROKEN_REL = "fixtures/hosts/example-broken-host"
SNAPSHOTS = Path(__file__).parent / "snapshots"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def snap(snapshot):
    snapshot.snapshot_dir = SNAPSHOTS
    return snapshot


# -- text ------------------------------------------------------------------


def test_text_snapshot_of_example_broken_host(snap) -> None:
    proc = run_cli(BROKEN_REL)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    snap.assert_match(proc.stdout, "example-broken-host.txt")


def test_text_shows_location_code_name_source_and_carets(bad_host: Path) -> None:
    proc = run_cli(str(bad_host), "--select", "BL002")
    lines = proc.stdout.splitlines()
    bond0 = bad_host / SCRIPTS / "ifcfg-bond0"
    # file:line:col: CODE severity [name] message
    assert lines[0].startswith(f"{bond0}:10:21: BL002 error [unquoted-whitespace-value] unquoted space ends the value")
    assert lines[2] == "10 | BONDING_OPTS=mode=4 miimon=100"
    # the carets sit under "miimon=100" exactly
    caret_line = lines[3]
    assert caret_line.index("^") == lines[2].index("miimon=100")
    assert caret_line.count("^") == len("miimon=100")
    assert lines[-1] == "Found 1 finding (1 error, 0 warnings, 0 info) in 1 root."


def test_text_shows_related_spans(bad_host: Path) -> None:
    proc = run_cli(str(bad_host), "--select", "BL402")
    modprobe = bad_host / "etc/modprobe.conf"
    assert f"{modprobe}:5:1: BL402 warning [bond-alias-not-first]" in proc.stdout
    assert f"   = {modprobe}:1:1: eth0 is a slave of bond0" in proc.stdout.splitlines()


def test_clean_summary(seed_host: Path) -> None:
    proc = run_cli(str(seed_host), "--select", "BL0,BL4")
    assert proc.returncode == 0
    assert proc.stdout == "No findings in 1 root.\n"


def test_piped_text_is_plain_even_without_no_color() -> None:
    proc = run_cli(BROKEN_REL, env={"NO_COLOR": "", "FORCE_COLOR": "", "TTY_COMPATIBLE": ""})
    assert proc.stdout and not ANSI.search(proc.stdout)


def test_no_color_wins_over_force_color() -> None:
    proc = run_cli(BROKEN_REL, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*3\dm", proc.stdout)  # no foreground colour


def test_force_color_colours_the_output() -> None:
    proc = run_cli(BROKEN_REL, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[1;31mBL201\x1b[0m" in proc.stdout  # errors in bold red
    assert ANSI.sub("", proc.stdout) == run_cli(BROKEN_REL).stdout


# -- json ------------------------------------------------------------------


def test_json_shape_exactly(snap) -> None:
    proc = run_cli("--format", "json", BROKEN_REL)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    # keys only ever added: the four first, then the run's selection, config, fingerprint version, hosts, notes
    assert list(data) == ["version", "roots", "findings", "summary", "selection", "config_digest", "fingerprint_version", "hosts", "notes"]
    assert list(data["hosts"][0]) == ["root", "host", "release", "files", "summary", "scope"]
    assert data["roots"] == [BROKEN_REL]
    keys = ["code", "name", "severity", "message", "root", "path", "line", "column", "end_line", "end_column", "related", "fingerprint"]
    assert data["findings"], "the broken host has findings"
    for f in data["findings"]:
        optional = [k for k in ("fix", "context", "unrecorded") if k in f]  # only where there is one
        assert list(f) == [*keys, *optional]
        if "fix" in f:
            assert list(f["fix"]) == ["applicability", "message", "edits"]
            assert f["fix"]["applicability"] in ("safe", "unsafe") and f["fix"]["edits"]
        assert f["root"] == BROKEN_REL and f["path"].startswith(BROKEN_REL + "/etc/")
        assert f["severity"] in ("error", "warning", "info")
        assert all(isinstance(f[k], int) and f[k] >= 1 for k in ("line", "column", "end_line", "end_column"))
    assert list(data["summary"]) == ["error", "warning", "info"]
    for level, n in data["summary"].items():
        assert n == sum(f["severity"] == level for f in data["findings"])
    snap.assert_match(proc.stdout, "example-broken-host.json")


# -- sarif -----------------------------------------------------------------


def _sarif(*args: str, cwd: Path = REPO) -> dict:
    proc = run_cli("--format", "sarif", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_sarif_validates_against_the_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    doc = _sarif(BROKEN_REL)
    jsonschema.validators.validator_for(schema)(schema).validate(doc)

    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert run["results"]
    for result in run["results"]:
        rule = by_id[result["ruleId"]]
        assert rules[result["ruleIndex"]] is rule
        assert rule["help"]["text"].strip() and rule["shortDescription"]["text"]
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        assert artifact["uri"].startswith(BROKEN_REL + "/etc/") and artifact["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    bl402 = next(r for r in run["results"] if r["ruleId"] == "BL402")
    assert bl402["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 1, "endLine": 5, "endColumn": 20}


def test_sarif_uris_relative_to_cwd_for_absolute_paths(bad_host: Path) -> None:
    doc = _sarif(str(bad_host), "--select", "BL402", cwd=bad_host.parent)
    artifact = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "web1/etc/modprobe.conf", "uriBaseId": "%SRCROOT%"}


def _fingerprints(doc: dict) -> dict[str, str]:
    return {r["ruleId"]: r["partialFingerprints"]["bondlint/v3"] for r in doc["runs"][0]["results"]}


def test_sarif_fingerprints_are_stable_across_runs_and_moved_lines(bad_host: Path) -> None:
    first = _fingerprints(_sarif(str(bad_host), "--select", "BL002,BL402"))
    assert set(first) == {"BL002", "BL402"}
    assert _fingerprints(_sarif(str(bad_host), "--select", "BL002,BL402")) == first
    for rel in ("etc/modprobe.conf", f"{SCRIPTS}/ifcfg-bond0"):
        path = bad_host / rel
        path.write_text("\n" + path.read_text())
    moved = _sarif(str(bad_host), "--select", "BL002,BL402")
    assert _fingerprints(moved) == first
    lines = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved["runs"][0]["results"]}
    assert lines == {"BL002": 11, "BL402": 6}


# -- github ----------------------------------------------------------------


def test_github_annotations(bad_host: Path) -> None:
    args = ("--select", "BL002,BL402", "web1")
    proc = run_cli("--format", "github", *args, cwd=bad_host.parent)
    assert proc.returncode == 1
    messages = {f["code"]: f["message"] for f in findings_of(run_cli("--format", "json", *args, cwd=bad_host.parent).stdout)}
    assert proc.stdout.splitlines() == [
        "::warning file=web1/etc/modprobe.conf,line=5,col=1,endLine=5,endColumn=20,"
        f"title=BL402 bond-alias-not-first::{messages['BL402']} (fix available, safe: bondlint --fix)",
        "::error file=web1/etc/sysconfig/network-scripts/ifcfg-bond0,line=10,col=21,endLine=10,endColumn=31,"
        f"title=BL002 unquoted-whitespace-value::{messages['BL002']} (fix available, safe: bondlint --fix)",
    ]


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    host = tmp_path / "a,b:c"
    (host / SCRIPTS).mkdir(parents=True)
    (host / SCRIPTS / "ifcfg-eth0").write_text("DEVICE=eth0\nONBOOT=Yes\n")
    proc = run_cli("--format", "github", "--select", "BL007", "a,b:c", cwd=tmp_path)
    assert proc.stdout.startswith("::warning file=a%2Cb%3Ac/etc/sysconfig/network-scripts/ifcfg-eth0,line=2,")
    assert proc.stdout.count("::") == 2  # the two of the command; none from the data


def test_github_is_silent_when_clean(seed_host: Path) -> None:
    proc = run_cli("--format", "github", "--select", "BL0,BL4", str(seed_host))
    assert proc.returncode == 0 and proc.stdout == ""
