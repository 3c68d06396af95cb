"""Bidi overrides in root and file names never reach the HTML page or JUnit raw (issue 24 item 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

SCRIPTS = "etc/sysconfig/network-scripts"


@pytest.mark.parametrize("fmt", ["html", "junit", "text", "json"])
def test_bidi_overrides_become_placeholders(tmp_path: Path, fmt: str) -> None:
    root = tmp_path / "web\u202e1"
    (root / SCRIPTS).mkdir(parents=True)
    (root / SCRIPTS / "ifcfg-bond\u202e0").write_text("DEVICE=bond0\nBONDING_OPTS=mode=4 miimon=100\n")
    result = run_cli("--no-cache", "--format", fmt, str(root))
    assert result.returncode == 1, result.stderr
    assert "\u202e" not in result.stdout
