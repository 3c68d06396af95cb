"""A file given alone is read as its host would read it, and says only file-level rules ran
(issue 24 items 3, 8)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from tests.conftest import REPO, run_cli

SCHEMA = REPO / "bondlint" / "report" / "report.schema.json"

SCRIPTS = "etc/sysconfig/network-scripts"
SECRET = "root:$6$SECRET-HASH:19000:0:99999:7:::"


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "shadow"
    secret.write_text(SECRET + "\n")
    return secret


def test_a_symlink_in_a_host_tree_resolves_inside_the_host(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    scripts = tmp_path / "host" / SCRIPTS
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-x").symlink_to(secret)  # absolute: inside the host it is host/<that path>
    result = run_cli("--no-cache", str(scripts / "ifcfg-x"))
    assert "SECRET-HASH" not in result.stdout + result.stderr
    assert "BL000" in result.stdout and "file does not exist" in result.stdout


def test_a_file_outside_any_host_may_not_leave_its_directory(tmp_path: Path) -> None:
    _secret(tmp_path)
    given = tmp_path / "given"
    given.mkdir()
    (given / "ifcfg-y").symlink_to("../shadow")
    result = run_cli("--no-cache", str(given / "ifcfg-y"))
    assert "SECRET-HASH" not in result.stdout + result.stderr
    assert "leaves the audited root" in result.stdout


def test_a_plain_file_and_a_link_within_its_directory_are_read(tmp_path: Path) -> None:
    (tmp_path / "ifcfg-bond0.real").write_text('DEVICE=bond0\nBONDING_OPTS="mode=9"\n')
    (tmp_path / "ifcfg-bond0").symlink_to("ifcfg-bond0.real")
    for name in ("ifcfg-bond0", "ifcfg-bond0.real"):
        result = run_cli("--no-cache", str(tmp_path / name))
        assert "BL302" in result.stdout and f"{tmp_path / name}:2:" in result.stdout, result.stdout


# -- item 8: a file given alone says that only file-level rules ran, and counts as a file -------

SNAPSHOTS = Path(__file__).parent / "snapshots"
#: a port of a bond the file does not define: only the whole host can tell (BL2xx, host rules)
PORT = "DEVICE=eth0\nMASTER=bond1\nSLAVE=yes\nONBOOT=yes\n"
NOTE = (
    "1 file was linted alone: only file-level rules ran (none across files: masters, bonds, modules); "
    "bondlint --whole-host FILE lints the whole host holding it"
)


@pytest.fixture
def snap(snapshot):
    snapshot.snapshot_dir = SNAPSHOTS
    return snapshot


def _port(tmp_path: Path) -> Path:
    (tmp_path / "ifcfg-eth0").write_text(PORT)
    return tmp_path


def _lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The file named relative to ``cwd``, so that the outputs are the same on every run."""
    result = run_cli("--no-cache", *args, cwd=cwd)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result


def test_text_says_once_that_only_file_level_rules_ran_and_counts_a_file(tmp_path: Path, snap) -> None:
    out = _lint(_port(tmp_path), "ifcfg-eth0").stdout
    assert out.count("--whole-host") == 1 and "root" not in out
    snap.assert_match(out, "single-file.txt")


#: a host root with one info finding (exit 0)
HOST = str(REPO / "fixtures" / "hosts" / "seed-centos52-xen-8023ad")


def test_a_root_and_a_file_are_counted_apart(tmp_path: Path) -> None:
    out = _lint(_port(tmp_path), "ifcfg-eth0", HOST).stdout
    assert out.splitlines()[-1] == "Found 1 finding (0 errors, 0 warnings, 1 info) in 1 root and 1 file."
    assert out.count(NOTE) == 1


def test_a_host_root_gets_no_note(tmp_path: Path) -> None:
    for fmt in ("text", "json", "sarif", "junit", "html", "github"):
        out = _lint(tmp_path, "--format", fmt, HOST).stdout
        assert "--whole-host" not in out, fmt
    assert json.loads(_lint(tmp_path, "--format", "json", HOST).stdout)["notes"] == []


def test_whole_host_lints_the_host_and_finds_the_missing_master(tmp_path: Path) -> None:
    scripts = tmp_path / "host" / SCRIPTS
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-eth0").write_text(PORT)
    result = run_cli("--no-cache", "--whole-host", str(scripts / "ifcfg-eth0"))
    assert "bond1" in result.stdout and "--whole-host" not in result.stdout
    assert result.stdout.splitlines()[-1].endswith("in 1 root.")


def test_json_records_the_scope_per_root_and_the_note_once(tmp_path: Path, snap) -> None:
    out = _lint(_port(tmp_path), "--format", "json", "ifcfg-eth0").stdout
    doc = json.loads(out)
    assert doc["notes"] == [NOTE] and [h["scope"] for h in doc["hosts"]] == ["file"]
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    snap.assert_match(json.dumps({k: doc[k] for k in ("hosts", "notes", "summary")}, indent=2) + "\n", "single-file.json")


def test_sarif_says_it_as_a_notification_of_the_invocation(tmp_path: Path) -> None:
    doc = json.loads(_lint(_port(tmp_path), "--format", "sarif", "ifcfg-eth0").stdout)
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["toolExecutionNotifications"] == [{"level": "note", "message": {"text": NOTE}}]
    assert invocation["executionSuccessful"] is True


def test_junit_html_and_github_say_it_where_they_summarise(tmp_path: Path, snap) -> None:
    cwd = _port(tmp_path)
    junit = _lint(cwd, "--format", "junit", "ifcfg-eth0").stdout
    suite = ElementTree.fromstring(junit).find("testsuite")
    assert suite is not None
    assert [(p.get("name"), p.get("value")) for p in suite.iter("property")] == [("bondlint.note", NOTE)]
    snap.assert_match(junit, "single-file.junit.xml")
    page = _lint(cwd, "--format", "html", "ifcfg-eth0").stdout
    assert page.count(f'<p class="note" id="alone-note">Note: {NOTE}.</p>') == 1
    assert "files linted alone" in page and "roots audited" not in page
    github = _lint(cwd, "--format", "github", "ifcfg-eth0").stdout
    assert github == f"::notice title=bondlint::{NOTE}\n"
