"""A fix whose result would pass the read cap is refused, saying so (issue 24 item 5)."""

from __future__ import annotations

from pathlib import Path

from bondlint.source import MAX_FILE_SIZE
from tests.conftest import run_cli

SCRIPTS = "etc/sysconfig/network-scripts"
HEAD = "DEVICE=bond0\nBONDING_OPTS=mode=4 miimon=100\nONBOOT=yes\n"  # BL002: the quote fix adds 2 bytes


def _host(tmp_path: Path, size: int) -> Path:
    root = tmp_path / "h"
    (root / SCRIPTS).mkdir(parents=True)
    pad = size - len(HEAD)
    (root / SCRIPTS / "ifcfg-bond0").write_text(HEAD + "#" * (pad - 1) + "\n")
    return root


def test_a_fix_past_the_size_cap_is_refused(tmp_path: Path) -> None:
    root = _host(tmp_path, MAX_FILE_SIZE)
    f = root / SCRIPTS / "ifcfg-bond0"
    before = f.read_bytes()
    result = run_cli("--no-cache", "--fix", "--select", "BL002", str(root))
    assert f.read_bytes() == before
    assert f"over the size cap of {MAX_FILE_SIZE} bytes: not fixed" in result.stderr, result.stderr
    assert "BL000" not in result.stdout and "BL002" in result.stdout  # what remains is still reported
    assert result.returncode == 1


def test_a_fix_within_the_cap_is_written(tmp_path: Path) -> None:
    root = _host(tmp_path, MAX_FILE_SIZE - 2)
    result = run_cli("--no-cache", "--fix", "--select", "BL002", str(root))
    assert 'BONDING_OPTS="mode=4 miimon=100"' in (root / SCRIPTS / "ifcfg-bond0").read_text(), result.stderr
    assert (root / SCRIPTS / "ifcfg-bond0").stat().st_size == MAX_FILE_SIZE
