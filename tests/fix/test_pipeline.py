"""--fix runs through the audit's pipeline (bondlint.runner.Pipeline): what remains after a fix
is reported exactly as an audit of the fixed tree reports it (hosts, selection, summary,
the output cap, report files), and a fix's selection is checked as an audit's is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bondlint
from tests.cli.conftest import SCRIPTS, break_host, copy_seed
from tests.conftest import run_cli

#: BL006 lines past the cap of 50 per rule per file: one finding stands for the rest
EXTRA_LINES = 60


def _json(proc) -> dict:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_fix_json_report_is_the_audit_of_the_fixed_tree(tmp_path: Path) -> None:
    """Once, --fix --format json left "hosts" and "selection" empty: it reported through a path of its own."""
    host = _capped_host(tmp_path)
    fixed = _json(run_cli("--fix", "--format", "json", str(host)))
    audited = _json(run_cli("--no-cache", "--format", "json", str(host)))
    assert fixed["hosts"] and fixed["selection"], "the fix run's report records its hosts and its selection"
    for key in ("roots", "findings", "summary", "selection", "config_digest", "hosts"):
        assert fixed[key] == audited[key], key
    assert [h["root"] for h in fixed["hosts"]] == [str(host)]
    assert fixed["findings"] and not [f for f in fixed["findings"] if f["code"] in ("BL002", "BL402")], "only the fixed are gone"


def _capped_host(tmp_path: Path) -> Path:
    """Two fixable findings (BL002, BL402), and more BL006 lines in one file than the output shows."""
    host = break_host(copy_seed(tmp_path / "web1"))
    eth0 = host / SCRIPTS / "ifcfg-eth0"
    eth0.write_text(eth0.read_text() + "".join(f"NOT AN ASSIGNMENT {i}\n" for i in range(EXTRA_LINES)))
    return host


def test_fix_counts_a_capped_finding_as_the_audit_does(tmp_path: Path) -> None:
    host = _capped_host(tmp_path)
    proc = run_cli("--fix", str(host))
    fixed = _json(run_cli("--format", "json", "--no-cache", str(host)))
    assert fixed["summary"]["warning"] >= EXTRA_LINES
    shown = [f for f in fixed["findings"] if f["code"] == "BL006"]
    assert len(shown) < EXTRA_LINES and sum(1 + f.get("unrecorded", 0) for f in shown) == EXTRA_LINES
    total = sum(fixed["summary"].values())
    assert proc.stdout.splitlines()[-1].startswith(f"bondlint --fix: 2 fixed, {total} remaining"), proc.stdout
    # the --fix run's text report is the audit's, capped the same, and then says what it fixed
    report, said = proc.stdout.rsplit("\n", 2)[0] + "\n", proc.stdout.splitlines()[-1]
    assert report == run_cli("--no-cache", str(host)).stdout and said.startswith("bondlint --fix:")


def test_statistics_and_html_count_a_capped_finding_with_what_it_stands_for(tmp_path: Path) -> None:
    host = _capped_host(tmp_path)
    stats = _json(run_cli("--no-cache", "--statistics", "--format", "json", str(host)))
    summary = _json(run_cli("--no-cache", "--format", "json", "--report", f"html={tmp_path / 'page.html'}", str(host)))["summary"]
    assert {s["code"]: s["count"] for s in stats}["BL006"] == EXTRA_LINES
    assert sum(s["count"] for s in stats) == sum(summary.values())
    page = (tmp_path / "page.html").read_text()
    assert f'data-warning="{summary["warning"]}"' in page  # the host's row counts them all too


def test_fix_writes_its_report_where_an_audit_would(tmp_path: Path) -> None:
    """--output-file, --report and --quiet apply to the report --fix makes of what remains."""
    host = _capped_host(tmp_path)
    out, junit = tmp_path / "remaining.json", tmp_path / "remaining.xml"
    proc = run_cli("--fix", "--quiet", "--format", "json", "-o", str(out), "--report", f"junit={junit}", str(host))
    assert proc.returncode == 1 and proc.stdout == ""
    report = json.loads(out.read_text())
    assert report["hosts"] and report["findings"] and "<testsuite" in junit.read_text()


def test_fix_checks_its_selection_as_an_audit_does(tmp_path: Path) -> None:
    host = copy_seed(tmp_path / "web1")
    for call in (bondlint.lint, bondlint.fix):
        with pytest.raises(ValueError, match="unknown rule code or name: BL999"):
            call(str(host), select=["BL999"])
        with pytest.raises(ValueError, match="unknown release"):
            call(str(host), release="el99")


def test_library_fix_report_runs_through_the_pipeline(tmp_path: Path) -> None:
    host = break_host(copy_seed(tmp_path / "web1"))
    report = bondlint.fix(str(host), write=True)
    results = list(report.run([str(host)]).results)
    assert [r.root for r in results] == [str(host)] and results[0].host and results[0].files
    assert tuple(f for r in results for f in r.findings) == bondlint.lint(str(host)).findings
