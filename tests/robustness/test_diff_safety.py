"""--diff is a patch that writes only what it names: quoted names, LF-only lines (issue 24 items 2, 15)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bondlint.fixing.engine import quote_name
from tests.conftest import run_cli

SCRIPTS = "etc/sysconfig/network-scripts"
EVIL = "ifcfg-eth0\n+++ evil.txt\n@@ -1 +1 @@\n-x\n+pwned"


def _host(tmp_path: Path, name: str, data: bytes) -> Path:
    root = tmp_path / "h"
    (root / SCRIPTS).mkdir(parents=True)
    (root / SCRIPTS / name).write_bytes(data)
    return root


def test_a_name_cannot_forge_a_diff_header(tmp_path: Path) -> None:
    root = _host(tmp_path, EVIL, b"DEVICE=eth0\r\nONBOOT=yes\r\n")
    (tmp_path / "evil.txt").write_text("x\n")
    result = run_cli("--no-cache", "--diff", "--select", "BL004", "h", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    headers = [line for line in result.stdout.split("\n") if line.startswith(("---", "+++"))]
    assert headers == [
        f'--- "h/{SCRIPTS}/ifcfg-eth0\\n+++ evil.txt\\n@@ -1 +1 @@\\n-x\\n+pwned"',
        f'+++ "h/{SCRIPTS}/ifcfg-eth0\\n+++ evil.txt\\n@@ -1 +1 @@\\n-x\\n+pwned"',
    ]
    if shutil.which("patch"):
        subprocess.run(["patch", "-p0", "-f", "-s"], input=result.stdout, text=True, cwd=tmp_path, capture_output=True, timeout=60)
    assert (tmp_path / "evil.txt").read_text() == "x\n"


def test_esc_and_bidi_in_names_never_reach_the_terminal(tmp_path: Path) -> None:
    name = "ifcfg-eth0\x1b[2J\u202e"
    root = _host(tmp_path, name, b"DEVICE=eth0\r\nONBOOT=yes\r\n")
    result = run_cli("--no-cache", "--diff", "--show-fixes", "--select", "BL004", str(root))
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\u202e" not in stream
    assert '/ifcfg-eth0\\033[2J\\342\\200\\256"' in result.stdout


def test_git_quoting() -> None:
    assert quote_name("ifcfg-eth0") == "ifcfg-eth0"
    assert quote_name("a\tb\"c\\d") == '"a\\tb\\"c\\\\d"'
    assert quote_name("\x01") == '"\\001"'


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch(1)")
def test_a_lone_cr_gives_a_diff_patch_applies(tmp_path: Path) -> None:
    data = b"DEVICE=eth0\rONBOOT=yes\r\n"
    root = _host(tmp_path, "ifcfg-eth0", data)
    result = run_cli("--no-cache", "--diff", "h", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "No newline at end of file" not in result.stdout
    copy = tmp_path / "copy"
    shutil.copytree(root, copy / "h")
    applied = subprocess.run(["patch", "-p0", "--batch"], input=result.stdout.encode("utf-8", "surrogateescape"), cwd=copy, capture_output=True, timeout=60)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    run_cli("--no-cache", "--fix", str(root))
    assert (copy / "h" / SCRIPTS / "ifcfg-eth0").read_bytes() == (root / SCRIPTS / "ifcfg-eth0").read_bytes() != data
