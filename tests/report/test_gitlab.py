"""--format gitlab: the merge request's code-quality widget reads a JSON array of Code Climate issues."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from bondlint.findings import Finding, Severity
from bondlint.report.gitlab import GitlabSink
from tests.report.conftest import SCRIPTS, bondlint

#: GitLab's documented code quality format (the fields its widget reads, all required).
GITLAB_SHAPE = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def _gitlab(capsys, *args: str) -> list[dict]:
    code, out, err = bondlint(capsys, "--format", "gitlab", *args)
    assert code in (0, 1), err
    issues = json.loads(out)
    jsonschema.validate(issues, GITLAB_SHAPE)
    return issues


def test_shape_severities_and_paths(fleet: Path, capsys) -> None:
    issues = _gitlab(capsys, "web1", "db1")
    _, out, _ = bondlint(capsys, "--format", "json", "web1", "db1")
    findings = json.loads(out)["findings"]
    assert len(issues) == len(findings) > 0
    for issue, f in zip(issues, findings):
        assert issue["check_name"] == f["code"]
        assert issue["severity"] == {"error": "critical", "warning": "major", "info": "minor"}[f["severity"]]
        assert issue["location"] == {"path": f["path"], "lines": {"begin": f["line"]}}
        assert f["message"] in issue["description"]
    assert {i["severity"] for i in issues} == {"critical", "major", "minor"}


def test_paths_relative_to_the_working_directory(fleet: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(fleet / "web1")
    issues = _gitlab(capsys, str(fleet / "web1"), "--select", "BL402")
    assert [i["location"]["path"] for i in issues] == ["etc/modprobe.conf"]


def test_fingerprints_unique_and_stable_across_runs_and_moved_lines(fleet: Path, capsys) -> None:
    """web2 is a copy of web1: every one of its findings repeats one of web1's."""
    first = _gitlab(capsys, "web1", "db1", "web2")
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints), "every issue has its own fingerprint"
    assert [i["fingerprint"] for i in _gitlab(capsys, "web1", "db1", "web2")] == prints
    for host in ("web1", "web2"):
        for rel in ("etc/modprobe.conf", f"{SCRIPTS}/ifcfg-bond0"):
            path = fleet / host / rel
            path.write_text("# moved\n" + path.read_text())
    moved = _gitlab(capsys, "web1", "db1", "web2")
    assert [i["fingerprint"] for i in moved] == prints
    assert [i["location"]["lines"]["begin"] for i in moved] != [i["location"]["lines"]["begin"] for i in first]


def test_the_fingerprint_is_the_findings_own(fleet: Path, capsys) -> None:
    _, out, _ = bondlint(capsys, "--format", "json", "web1")
    issues = _gitlab(capsys, "web1")
    assert [i["fingerprint"] for i in issues] == [f["fingerprint"] for f in json.loads(out)["findings"]]


def test_identical_findings_get_distinct_stable_fingerprints() -> None:
    import io

    same = Finding("BL007", "yes-no-case", Severity.WARNING, "ONBOOT=Yes", None, root="h", context=("ONBOOT=Yes",))

    def run() -> list[str]:
        out = io.StringIO()
        sink = GitlabSink(out)
        sink.start(["h"])
        sink.add([same, same, same])
        sink.finish({}, ["h"])
        return [i["fingerprint"] for i in json.loads(out.getvalue())]

    prints = run()
    assert prints[0] == same.fingerprint()
    assert len(set(prints)) == 3
    assert run() == prints


def test_a_clean_run_is_an_empty_array(fleet: Path, capsys) -> None:
    code, out, _ = bondlint(capsys, "--format", "gitlab", "db1", "--select", "BL0,BL4")
    assert code == 0 and json.loads(out) == []
