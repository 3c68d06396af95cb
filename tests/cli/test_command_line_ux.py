"""Command-line conveniences ruff and shellcheck users expect (issue 25)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.conftest import break_host, copy_seed
from tests.conftest import run_cli

CONCISE_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>BL\d{3}) (?P<sev>error|warning|info) (?P<msg>.+)$")


def test_concise_is_one_line_per_finding_matching_the_json(bad_host: Path, tmp_path: Path) -> None:
    proc = run_cli("--format", "concise", "--report", f"concise={tmp_path / 'c.txt'}", str(bad_host))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    report = json.loads(run_cli("--format", "json", str(bad_host)).stdout)["findings"]
    assert len(lines) == len(report) > 0
    for line, f in zip(lines, report):
        m = CONCISE_LINE.match(line)
        assert m, line
        assert (m["path"], int(m["line"]), int(m["col"]), m["code"], m["sev"], m["msg"]) == (
            f["path"], f["line"], f["column"], f["code"], f["severity"], f["message"]
        )
    assert (tmp_path / "c.txt").read_text() == proc.stdout


def test_concise_shows_control_characters_as_placeholders(tmp_path: Path) -> None:
    """A root whose name holds a newline still gives one line per finding."""
    host = break_host(copy_seed(tmp_path / "web\n1"))
    proc = run_cli("--format", "concise", str(host))
    lines = proc.stdout.splitlines()
    assert lines and all(CONCISE_LINE.match(line) for line in lines)
    assert all("web\u240a1" in line for line in lines)


NEVER_CONFIG = 'fail-on = "never"\n'


@pytest.mark.parametrize("args", [["--exit-zero"], ["--fail-on", "never"], ["--config", "never.toml"]])
def test_exit_zero_with_findings_but_2_on_usage_errors(bad_host: Path, tmp_path: Path, args: list[str]) -> None:
    """--exit-zero, --fail-on never and ``fail-on = "never"`` in the config file are one setting."""
    (tmp_path / "never.toml").write_text(NEVER_CONFIG)
    assert run_cli("--diff", str(bad_host), cwd=tmp_path).returncode == 1  # without it: changes to show, exit 1
    proc = run_cli(*args, str(bad_host), cwd=tmp_path)
    assert proc.returncode == 0 and "error" in proc.stdout
    assert run_cli(*args, "--diff", str(bad_host), cwd=tmp_path).returncode == 0  # changes to show, exit 0 all the same
    assert run_cli(*args, "--select", "BL4O2", str(bad_host), cwd=tmp_path).returncode == 2


def test_fail_on_never_in_the_config_gives_way_to_the_command_line(bad_host: Path, tmp_path: Path) -> None:
    (tmp_path / ".bondlint.toml").write_text(NEVER_CONFIG)
    assert run_cli(str(bad_host), cwd=tmp_path).returncode == 0
    assert run_cli("--fail-on", "error", str(bad_host), cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cache-dir="], "argument --cache-dir: expected a file name, got nothing (see bondlint --help)"),
        (["--unsafe-fixes"], "--unsafe-fixes without --fix or --diff does nothing: add one of them"),
        (["--show-fixes", "--unsafe-fixes"], "--unsafe-fixes and --show-fixes without --fix or --diff does nothing: add one of them"),
    ],
)
def test_options_that_would_do_nothing_are_usage_errors(seed_host: Path, args: list[str], message: str) -> None:
    proc = run_cli(*args, str(seed_host))
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"bondlint: error: {message}\n")


def test_show_host_refuses_a_second_root(seed_host: Path, tmp_path: Path) -> None:
    proc = run_cli("--show-host", str(seed_host), str(tmp_path))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"bondlint: error: --show-host prints one root; also given: {tmp_path} (run it once per root)\n"


def test_bondlint_toml_is_discovered_and_an_ignore_matching_nothing_is_warned_about(bad_host: Path, tmp_path: Path) -> None:
    (tmp_path / "bondlint.toml").write_text(
        'select = ["BL0", "BL4"]\n'
        'per-path-ignores = { "etc/modprobe.conf" = ["BL402"], "web1/etc/sysconfig/network-scripts/ifcfg-bond0" = ["BL002"] }\n'
    )
    proc = run_cli("--format", "json", "web1", cwd=tmp_path)
    assert [f["code"] for f in json.loads(proc.stdout)["findings"]] == ["BL002"]  # BL402 ignored; the other key is wrong
    assert proc.stderr == (
        f"bondlint: warning: {tmp_path / 'bondlint.toml'}: per-path-ignores key "
        "'web1/etc/sysconfig/network-scripts/ifcfg-bond0' matches no file of any root (keys are paths under each "
        "host root, e.g. 'etc/modprobe.d/*.conf', or a file name)\n"
    )


@pytest.mark.parametrize("mode", ["--diff", "--fix"])
def test_an_ignore_matching_nothing_is_warned_about_with_fix_and_diff_too(bad_host: Path, tmp_path: Path, mode: str) -> None:
    (tmp_path / "bondlint.toml").write_text(
        'per-path-ignores = { "etc/modprobe.conf" = ["BL402"], "web1/etc/modprobe.conf" = ["BL402"] }\n'
    )
    proc = run_cli(mode, "web1", cwd=tmp_path)
    warnings = [line for line in proc.stderr.splitlines() if "per-path-ignores" in line]
    assert warnings == [
        f"bondlint: warning: {tmp_path / 'bondlint.toml'}: per-path-ignores key 'web1/etc/modprobe.conf' matches no "
        "file of any root (keys are paths under each host root, e.g. 'etc/modprobe.d/*.conf', or a file name)"
    ]


def test_dot_bondlint_toml_wins_over_bondlint_toml_in_one_folder(bad_host: Path, tmp_path: Path) -> None:
    (tmp_path / "bondlint.toml").write_text('select = ["BL4"]\n')
    (tmp_path / ".bondlint.toml").write_text('select = ["BL0"]\n')
    proc = run_cli("--format", "json", "web1", cwd=tmp_path)
    assert [f["code"] for f in json.loads(proc.stdout)["findings"]] == ["BL002"]
