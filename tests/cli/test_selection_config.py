"""Choosing rules, severities and exit codes: on the command line and in config files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import break_host, codes, copy_seed
from tests.conftest import run_cli

# -- selection and exit codes ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "BL402"], ["BL402"]),
        (["--select", "bond-alias-not-first"], ["BL402"]),
        (["--select", "BL4"], ["BL402"]),
        (["--select", "BL0,BL4"], ["BL402", "BL002"]),
        (["--select", "BL0", "--select", "BL4"], ["BL402", "BL002"]),
        (["--select", "BL0", "--extend-select", "bond-alias-not-first"], ["BL402", "BL002"]),
        (["--select", "ALL", "--ignore", "BL4", "--ignore", "BL1,BL3"], ["BL002"]),
        (["--select", "BL0,BL4", "--ignore", "unquoted-whitespace-value"], ["BL402"]),
    ],
)
def test_selection_by_code_prefix_and_name(bad_host: Path, args: list[str], expected: list[str]) -> None:
    proc = run_cli("--format", "json", *args, str(bad_host))
    got = [c for c in codes(json.loads(proc.stdout)) if c[:3] in ("BL0", "BL4", "BL9") or "ALL" not in args]
    assert got == expected


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["--select", "BL402"], 1),  # a warning fails at the default --fail-on warning
        (["--select", "BL402", "--fail-on", "error"], 0),
        (["--select", "BL402", "--fail-on", "info"], 1),
        (["--select", "BL002", "--fail-on", "error"], 1),
        (["--select", "BL901"], 0),  # nothing found
    ],
)
def test_fail_on_and_exit_codes(bad_host: Path, args: list[str], exit_code: int) -> None:
    proc = run_cli(*args, str(bad_host))
    assert proc.returncode == exit_code, proc.stdout + proc.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_code_on_the_command_line_is_a_usage_error(seed_host: Path, option: str) -> None:
    proc = run_cli(option, "BL4O2,BL402", str(seed_host))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == "bondlint: error: unknown rule code or name: BL4O2 (see bondlint --list-rules)\n"


@pytest.mark.parametrize("args", [["--format", "xml"], ["--fail-on", "fatal"], ["--release", "el11"], ["--jobs", "0"], ["--no-such-option"]])
def test_bad_options_exit_2(seed_host: Path, args: list[str]) -> None:
    proc = run_cli(*args, str(seed_host))
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_path_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    proc = run_cli("--format", "json", str(tmp_path / "nowhere"))
    assert proc.returncode == 1
    assert codes(json.loads(proc.stdout)) == ["BL000"]


# -- configuration ---------------------------------------------------------


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def _codes_from(cwd: Path, *args: str) -> list[str]:
    proc = run_cli("--format", "json", "--select", "BL0,BL4", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return codes(json.loads(proc.stdout))


def test_pyproject_found_from_a_subdirectory_upward(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {"pyproject.toml": '[project]\nname = "x"\n\n[tool.bondlint]\nignore = ["BL402"]\n'})
    deep = project / "a" / "b"
    deep.mkdir(parents=True)
    assert _codes_from(deep, str(bad_host)) == ["BL002"]
    assert _codes_from(tmp_path, str(bad_host)) == ["BL402", "BL002"]  # no config above tmp_path


def test_pyproject_without_our_table_is_passed_over(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {".bondlint.toml": 'ignore = ["BL002"]\n', "sub/pyproject.toml": '[project]\nname = "x"\n'})
    assert _codes_from(project / "sub", str(bad_host)) == ["BL402"]


def test_bondlint_toml_beats_pyproject_in_the_same_folder(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {"pyproject.toml": '[tool.bondlint]\nignore = ["BL402"]\n', ".bondlint.toml": 'ignore = ["BL002"]\n'})
    assert _codes_from(project, str(bad_host)) == ["BL402"]


def test_nearest_config_wins(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {".bondlint.toml": 'ignore = ["BL002"]\n', "sub/pyproject.toml": '[tool.bondlint]\nignore = ["BL402"]\n'})
    assert _codes_from(project / "sub", str(bad_host)) == ["BL002"]


def test_explicit_config_wins_over_discovery(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {".bondlint.toml": 'ignore = ["BL002"]\n', "ci/strict.toml": '[tool.bondlint]\nignore = ["BL402"]\n'})
    assert _codes_from(project, "--config", "ci/strict.toml", str(bad_host)) == ["BL002"]


def test_command_line_wins_over_config(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {".bondlint.toml": 'select = ["BL402"]\nfail-on = "error"\n'})
    proc = run_cli("--format", "json", str(bad_host), cwd=project)
    assert codes(json.loads(proc.stdout)) == ["BL402"] and proc.returncode == 0
    proc = run_cli("--format", "json", "--select", "BL002", "--fail-on", "warning", str(bad_host), cwd=project)
    assert codes(json.loads(proc.stdout)) == ["BL002"] and proc.returncode == 1


def test_severity_override_in_config(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {".bondlint.toml": '[severity]\nBL402 = "info"\nBL002 = "warning"\n'})
    proc = run_cli("--format", "json", "--select", "BL0,BL4", str(bad_host), cwd=project)
    data = json.loads(proc.stdout)
    assert {f["code"]: f["severity"] for f in data["findings"]} == {"BL402": "info", "BL002": "warning"}
    assert data["summary"] == {"error": 0, "warning": 1, "info": 1}
    assert run_cli("--select", "BL402", str(bad_host), cwd=project).returncode == 0  # info < warning
    assert run_cli("--select", "BL402", "--fail-on", "info", str(bad_host), cwd=project).returncode == 1


def test_severity_override_by_name_and_prefix(bad_host: Path, tmp_path: Path) -> None:
    # the most specific key wins: the code or name over a prefix
    project = _project(tmp_path / "proj", {".bondlint.toml": '[severity]\nBL = "info"\nbond-alias-not-first = "error"\n'})
    proc = run_cli("--format", "json", "--select", "BL0,BL4", str(bad_host), cwd=project)
    assert {f["code"]: f["severity"] for f in json.loads(proc.stdout)["findings"]} == {"BL402": "error", "BL002": "info"}


def test_release_in_config(bad_host: Path, tmp_path: Path) -> None:
    # BL402 is an el5 rule: auditing the host as el7 silences it.
    project = _project(tmp_path / "proj", {".bondlint.toml": 'release = "el7"\n'})
    assert "BL402" not in _codes_from(project, str(bad_host))
    assert "BL402" in _codes_from(project, "--release", "el5", str(bad_host))


def test_per_path_ignores(bad_host: Path, tmp_path: Path) -> None:
    project = _project(
        tmp_path / "proj",
        {".bondlint.toml": '[per-path-ignores]\n"etc/modprobe.conf" = ["bond-alias-not-first"]\n"ifcfg-eth*" = ["BL002"]\n'},
    )
    assert _codes_from(project, str(bad_host)) == ["BL002"]  # BL002 is in ifcfg-bond0, not ifcfg-eth*


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select = [BL402\n", "invalid TOML"),
        ('selcet = ["BL402"]\n', "unknown key(s) selcet"),
        ('fail-on = "sometimes"\n', "fail-on must be error, warning, info or never, not 'sometimes'"),
        ('release = "el11"\n', "release must be one of el5, el6, el7, el8, el9, el10, not 'el11'"),
        ("select = 4\n", "select must be a list of codes"),
        ('severity = "error"\n', "severity must be a table"),
        ('[severity]\nBL402 = "fatal"\n', "severity.BL402 must be error, warning or info"),
        ('per-path-ignores = ["BL402"]\n', "per-path-ignores must be a table"),
    ],
)
def test_bad_config_is_one_line_and_exit_2(seed_host: Path, tmp_path: Path, text: str, expected: str) -> None:
    project = _project(tmp_path / "proj", {".bondlint.toml": text})
    proc = run_cli(str(seed_host), cwd=project)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"bondlint: error: {project / '.bondlint.toml'}: ")
    assert expected in proc.stderr


def test_missing_explicit_config_is_exit_2(seed_host: Path, tmp_path: Path) -> None:
    proc = run_cli("--config", str(tmp_path / "nope.toml"), str(seed_host))
    assert proc.returncode == 2
    assert proc.stderr == f"bondlint: error: {tmp_path / 'nope.toml'}: config file not found\n"


def test_unknown_code_in_config_is_bl902_at_its_line(bad_host: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "proj", {".bondlint.toml": 'fail-on = "error"\nignore = ["BL4O2"]\n'})
    proc = run_cli("--format", "json", "--select", "BL9", str(bad_host), cwd=project)
    (finding,) = json.loads(proc.stdout)["findings"]
    assert (finding["code"], finding["path"], finding["line"], finding["column"]) == ("BL902", str(project / ".bondlint.toml"), 2, 12)
    assert "BL4O2" in finding["message"]


def test_jobs_run_roots_in_processes_with_the_same_report(tmp_path: Path) -> None:
    roots = [str(break_host(copy_seed(tmp_path / f"h{i}"))) for i in range(4)]
    serial = run_cli("--format", "json", "-j", "1", *roots)
    parallel = run_cli("--format", "json", "--jobs", "3", *roots)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert json.loads(parallel.stdout)["roots"] == roots
