"""--output-file, --report FORMAT=FILE (several reports in one run, written atomically), --statistics, --quiet."""

from __future__ import annotations

import errno
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bondlint import atomic, cli
from bondlint.report import html as html_report
from tests.report.conftest import bondlint


def test_output_file_holds_what_stdout_would(fleet: Path, capsys) -> None:
    code, stdout_json, _ = bondlint(capsys, "--format", "json", "web1", "db1")
    code2, out, err = bondlint(capsys, "--format", "json", "--output-file", "report.json", "web1", "db1")
    assert (code2, out, err) == (code, "", "")
    assert (fleet / "report.json").read_text() == stdout_json
    assert sorted(p.name for p in fleet.iterdir()) == ["db1", "report.json", "web1", "web2"], "no temporary file left"


def test_several_reports_in_one_run_while_the_log_gets_text(fleet: Path, capsys) -> None:
    out = fleet / "out"
    out.mkdir()
    code, log, err = bondlint(
        capsys, "web1", "db1",
        "--report", "junit=out/bondlint.xml", "--report", "gitlab=out/gl.json", "--report", "html=out/fleet.html",
        "--report", "json=out/all.json", "--output-file", "out/log.txt",
    )
    assert code == 1 and log == "" and err == ""
    assert (out / "log.txt").read_text().rstrip().endswith("in 2 roots.")
    assert [s.get("name") for s in ET.parse(out / "bondlint.xml").getroot()] == ["web1", "db1"]
    data = json.loads((out / "all.json").read_text())
    assert len(json.loads((out / "gl.json").read_text())) == len(data["findings"]) > 0
    assert (out / "fleet.html").read_text().endswith("</html>\n")
    _, text, _ = bondlint(capsys, "web1", "db1")
    assert (out / "log.txt").read_text() == text


def test_a_report_in_a_missing_folder_fails_before_the_run(fleet: Path, capsys) -> None:
    code, out, err = bondlint(capsys, "web1", "--report", "junit=nowhere/x.xml")
    assert code == 2 and out == ""
    assert err.startswith("bondlint: error: cannot write report nowhere/x.xml: No such file or directory")


def test_an_interrupted_run_leaves_every_report_as_it_was(fleet: Path, capsys, monkeypatch) -> None:
    (fleet / "old.html").write_text("yesterday's report\n")

    def interrupted(self, result) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(html_report.HtmlSink, "add_result", interrupted)
    code = cli.main(["--jobs", "1", "web1", "--report", "html=old.html", "--report", "json=new.json"])
    assert code == 130
    assert (fleet / "old.html").read_text() == "yesterday's report\n"
    assert sorted(p.name for p in fleet.iterdir()) == ["db1", "old.html", "web1", "web2"], "no temporary file left"


def test_a_full_disk_is_a_clear_error_and_the_old_report_stays(fleet: Path, capsys, monkeypatch) -> None:
    (fleet / "report.json").write_text("yesterday's report\n")
    real_fdopen = atomic.os.fdopen

    class Full:
        """A file on a disk with room for 100 bytes."""

        def __init__(self, *args, **kwargs) -> None:
            self.file = real_fdopen(*args, **kwargs)
            self.room = 100

        def write(self, text: str) -> int:
            if len(text) > self.room:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            self.room -= len(text)
            return self.file.write(text)

        def __getattr__(self, name: str):
            return getattr(self.file, name)

    monkeypatch.setattr(atomic.os, "fdopen", Full)
    code, out, err = bondlint(capsys, "web1", "--format", "json", "--output-file", "report.json")
    assert (code, out) == (2, "")
    assert err == "bondlint: error: cannot write report report.json: No space left on device\n"
    assert (fleet / "report.json").read_text() == "yesterday's report\n"
    assert sorted(p.name for p in fleet.iterdir()) == ["db1", "report.json", "web1", "web2"], "no temporary file left"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--report", "junit"], "expected FORMAT=FILE"),
        (["--report", "pdf=x.pdf"], "expected FORMAT=FILE"),
        (["--report", "json=a.json", "--report", "html=a.json"], "report file named twice: a.json"),
        (["--statistics", "--format", "sarif"], "--statistics prints text or json"),
        (["--write-baseline", "b.json", "--report", "json=a.json"], "--write-baseline writes no report"),
    ],
)
def test_usage_errors(fleet: Path, capsys, args: list[str], message: str) -> None:
    try:
        code, _, err = bondlint(capsys, "web1", *args)
    except SystemExit as exc:  # argparse refuses the argument itself
        code, err = exc.code, capsys.readouterr().err
    assert code == 2 and message in err
    assert not (fleet / "a.json").exists()


def test_statistics_in_ruffs_layout(fleet: Path, capsys) -> None:
    code, out, _ = bondlint(capsys, "web1", "web2", "--statistics")
    _, json_out, _ = bondlint(capsys, "web1", "web2", "--format", "json")
    findings = json.loads(json_out)["findings"]
    assert code == 1
    lines = out.splitlines()
    counts = {}
    for f in findings:
        counts[f["code"]] = counts.get(f["code"], 0) + 1
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    names = {f["code"]: f["name"] for f in findings}
    severities = {f["code"]: f["severity"] for f in findings}
    fixable = {f["code"] for f in findings if f.get("fix")}
    width = len(str(len(findings)))
    code_width = max(len(c) for c in counts)
    severity_width = max(len(s) for s in severities.values())
    assert [tuple(line.split("\t")) for line in lines[:-1]] == [
        (f"{n:>{width}}", f"{c:<{code_width}}", f"{severities[c]:<{severity_width}}", ("[*] " if c in fixable else "    ") + names[c])
        for c, n in expected
    ]
    assert lines[-1] == f"{len(findings):>{width}}\ttotal ({sum(1 for f in findings if f.get('fix'))} fixable, [*])"
    assert fixable, "the fleet has fixable findings: the marker is shown"


def test_statistics_as_json_and_when_clean(fleet: Path, capsys) -> None:
    _, out, _ = bondlint(capsys, "web1", "--statistics", "--format", "json", "--select", "BL402")
    assert json.loads(out) == [{"code": "BL402", "name": "bond-alias-not-first", "count": 1, "severity": "warning", "fixable": 1}]
    code, out, _ = bondlint(capsys, "db1", "--statistics", "--select", "BL0,BL4")
    assert (code, out) == (0, "")


def test_quiet_prints_the_findings_only(fleet: Path, capsys) -> None:
    _, loud, _ = bondlint(capsys, "web1")
    code, quiet, err = bondlint(capsys, "web1", "--quiet")
    assert code == 1 and err == ""
    summary = loud[len(quiet) :].strip().splitlines()  # the fixable-count line, then the summary
    assert loud.startswith(quiet) and summary[-1].startswith("Found ")
    assert "Found" not in quiet and quiet.strip()
    code, quiet, _ = bondlint(capsys, "db1", "-q", "--select", "BL0,BL4")
    assert (code, quiet) == (0, "")
