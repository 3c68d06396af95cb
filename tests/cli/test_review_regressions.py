"""Regressions found reviewing the core: each through the real CLI on real files in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import SCRIPTS, break_host, codes, copy_seed
from tests.conftest import run_cli, run_json, run_process


def _with_config(tmp_path: Path, body: str) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.bondlint]\n" + body)


def test_config_bl902_obeys_baseline_and_severity_overrides(bad_host: Path, tmp_path: Path) -> None:
    _with_config(tmp_path, 'ignore = ["BL999"]\n')
    baseline = tmp_path / "baseline.json"
    assert run_cli("--write-baseline", str(baseline), "web1", cwd=tmp_path).returncode == 0
    assert "BL902" in baseline.read_text()
    proc = run_cli("--baseline", str(baseline), "web1", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "No findings in 1 root.\n")

    _with_config(tmp_path, 'ignore = ["BL999"]\nseverity = { BL902 = "info" }\n')
    payload = run_json("--select", "BL9", "web1", cwd=tmp_path)
    assert [(f["code"], f["severity"], f["line"]) for f in payload["findings"]] == [("BL902", "info", 2)]


def test_empty_selector_in_config_is_an_error_not_ignore_everything(bad_host: Path, tmp_path: Path) -> None:
    _with_config(tmp_path, 'ignore = [""]\n')
    proc = run_cli("web1", cwd=tmp_path)
    assert proc.returncode == 2
    assert "ignore has an empty entry" in proc.stderr


def test_non_utf8_path_is_written_as_its_bytes_under_a_strict_locale(tmp_path: Path) -> None:
    name = os.fsdecode(b"h\xff")
    break_host(copy_seed(tmp_path / name))
    for fmt in ("text", "github"):
        proc = subprocess.run(
            [sys.executable, "-m", "bondlint", "--format", fmt, "--select", "BL402", name],
            cwd=tmp_path, capture_output=True, env={**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8:strict"},
        )
        assert proc.returncode == 1, proc.stderr
        assert b"h\xff/etc/modprobe.conf" in proc.stdout


def test_sarif_uris_are_percent_encoded_and_dot_dot_folders_are_inside(tmp_path: Path) -> None:
    break_host(copy_seed(tmp_path / "..hosts" / "web 1#"))
    proc = run_cli("--format", "sarif", "--select", "BL402", "..hosts/web 1#", cwd=tmp_path)
    (result,) = json.loads(proc.stdout)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "..hosts/web%201%23/etc/modprobe.conf", "uriBaseId": "%SRCROOT%"}


def test_directives_cover_a_line_continued_with_backslash(seed_host: Path) -> None:
    bond0 = seed_host / SCRIPTS / "ifcfg-bond0"
    text = bond0.read_text()
    bond0.write_text(text.replace('BONDING_OPTS="mode=4 miimon=100"', '# bondlint: disable=BL301\nBONDING_OPTS="mode=4 \\\nmiimon=100 bogus=1"'))
    assert codes(run_json("--select", "BL3,BL9", str(seed_host))) == []
    bond0.write_text(text.replace('BONDING_OPTS="mode=4 miimon=100"', 'BONDING_OPTS="mode=4 \\\nbogus=1 \\\nmiimon=100" # bondlint: disable=BL301'))
    assert codes(run_json("--select", "BL3,BL9", str(seed_host))) == []
    # A directive-looking line inside an open quote is data: neither a directive nor unused.
    bond0.write_text(text + 'FOO="a\n# bondlint: disable=BL301\nb"\n')
    assert codes(run_json("--select", "BL3,BL9", str(seed_host))) == []


def test_directive_on_crlf_lines(seed_host: Path) -> None:
    eth1 = seed_host / SCRIPTS / "ifcfg-eth1"
    eth1.write_bytes(eth1.read_bytes().replace(b"MASTER=bond0", b"# bondlint: disable=BL201\nMASTER=bond9").replace(b"\n", b"\r\n"))
    assert codes(run_json("--select", "BL201,BL9", str(seed_host))) == []


def test_single_file_inside_a_host_tree_obeys_per_path_ignores(seed_host: Path, tmp_path: Path) -> None:
    eth1 = seed_host / SCRIPTS / "ifcfg-eth1"
    eth1.write_text(eth1.read_text().replace("ONBOOT=yes", "ONBOOT=Yes"))
    _with_config(tmp_path, f'per-path-ignores = {{ "{SCRIPTS}/ifcfg-eth1" = ["BL007"] }}\n')
    assert codes(run_json("--select", "BL007", f"web1/{SCRIPTS}/ifcfg-eth1", cwd=tmp_path)) == []
    assert codes(run_json("--select", "BL007", "network-scripts/ifcfg-eth1", cwd=seed_host / "etc/sysconfig")) == []
    (tmp_path / "pyproject.toml").unlink()
    assert codes(run_json("--select", "BL007", f"web1/{SCRIPTS}/ifcfg-eth1", cwd=tmp_path)) == ["BL007"]


def test_whole_host_from_inside_etc(bad_host: Path) -> None:
    """etckeeper: the repository is /etc, so pre-commit passes paths relative to it."""
    payload = run_json("--whole-host", "--select", "BL402", "sysconfig/network", "modprobe.conf", cwd=bad_host / "etc")
    assert payload["roots"] == [str(bad_host)]
    assert codes(payload) == ["BL402"]


def test_empty_argument_file_lints_nothing_not_etc(tmp_path: Path) -> None:
    (tmp_path / "roots.txt").write_text("")
    proc = run_cli("--format", "json", "@roots.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["roots"] == []


def test_closed_stdout_is_not_an_internal_error(bad_host: Path, tmp_path: Path) -> None:
    (tmp_path / "roots.txt").write_text("web1\n" * 300)
    for fmt in ("text", "json"):
        cli = subprocess.Popen(
            [sys.executable, "-m", "bondlint", "--format", fmt, "-j", "1", "@roots.txt"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"},
        )
        assert cli.stdout is not None and cli.stderr is not None
        cli.stdout.read(10)
        cli.stdout.close()
        stderr = cli.stderr.read()
        assert cli.wait(timeout=120) == 141
        assert b"internal error" not in stderr and b"Traceback" not in stderr


def test_write_baseline_reports_a_crashed_rule(seed_host: Path, tmp_path: Path) -> None:
    """A baseline written while a rule crashed lacks that rule's findings: say so, exit 2."""
    site = tmp_path / "site"
    (site / "crashpack-1.0.dist-info").mkdir(parents=True)
    (site / "crashpack-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: crashpack\nVersion: 1.0\n")
    (site / "crashpack-1.0.dist-info" / "entry_points.txt").write_text("[bondlint.rules]\ncrashpack = crashpack\n")
    (site / "crashpack.py").write_text(
        "from bondlint import Severity, rule\n\n\n"
        '@rule("CP001", "always-crashes", Severity.ERROR)\n'
        "def always_crashes(host):\n"
        '    """Crashes."""\n'
        '    raise RuntimeError("crashpack bug")\n'
    )
    baseline = tmp_path / "baseline.json"
    proc = run_process("--write-baseline", str(baseline), str(seed_host), env={"PYTHONPATH": str(site)})  # a new interpreter sees the pack
    assert proc.returncode == 2
    assert "internal error in rule CP001" in proc.stderr
    assert baseline.is_file()
