"""Exit codes at the process boundary: a closed pipe under --diff, both streams full (issue 24 items 10, 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPTS = "etc/sysconfig/network-scripts"


def _crlf_host(tmp_path: Path, files: int) -> Path:
    root = tmp_path / "h"
    (root / SCRIPTS).mkdir(parents=True)
    for i in range(files):
        (root / SCRIPTS / f"ifcfg-eth{i}").write_bytes(f"DEVICE=eth{i}\r\nONBOOT=yes\r\n".encode())
    return root


def test_diff_into_a_closed_pipe_is_141(tmp_path: Path) -> None:
    root = _crlf_host(tmp_path, 1500)  # ~250 KB of diff: more than a pipe holds
    head = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m bondlint --no-cache --diff "{root}" 2>/dev/null | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}'],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )
    assert head.stdout.strip() == "141", head.stdout + head.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["--no-cache", "HOST"], ["--no-cache", "--diff", "HOST"]])
def test_stdout_and_stderr_both_full_is_exit_2(tmp_path: Path, args: list[str]) -> None:
    root = _crlf_host(tmp_path, 3)
    argv = [str(root) if a == "HOST" else a for a in args]
    with open("/dev/full", "w") as full:
        code = subprocess.run([sys.executable, "-m", "bondlint", *argv], stdout=full, stderr=full, cwd=REPO, timeout=300).returncode
    assert code == 2
