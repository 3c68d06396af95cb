"""Small CLI edges: a FIFO config found by discovery, paths past PATH_MAX, @- and nested config
(issue 24 items 12, 13, 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli, run_process
from tests.robustness._support import make_root


def test_a_discovered_fifo_config_is_the_error_config_gives(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    os.mkfifo(tmp_path / ".bondlint.toml")
    result = run_cli("--no-cache", str(root), cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot use as config file: a FIFO" in result.stderr


def test_an_absolute_root_past_path_max_says_why(tmp_path: Path) -> None:
    path = "/" + "a/" * 3000
    result = run_cli("--no-cache", "--format", "json", path)
    assert result.returncode == 1
    assert "File name too long" in result.stdout and "does not exist" not in result.stdout


def test_a_working_directory_past_path_max_is_one_line(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    name = "d" * 250
    script = f'cd "{tmp_path}" && for i in $(seq 20); do mkdir {name} && cd {name} || exit 9; done; exec "{sys.executable}" -m bondlint --no-cache "{root}"'
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("bondlint: error: cannot look for a config file") and "internal error" not in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_roots_from_standard_input(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    for name in ("@-", "@/dev/stdin"):
        result = run_process("--no-cache", name, input=f"{root}\n")
        assert result.returncode == 1 and "BL002" in result.stdout, (name, result.stderr)


def test_a_config_nested_too_deep_says_so(tmp_path: Path) -> None:
    (tmp_path / "deep.toml").write_text("x=" + "[" * 5000 + "]" * 5000 + "\n")
    result = run_cli("--no-cache", "--config", str(tmp_path / "deep.toml"), str(make_root(tmp_path)))
    assert result.returncode == 2
    assert "nested too deep" in result.stderr and "internal error" not in result.stderr
