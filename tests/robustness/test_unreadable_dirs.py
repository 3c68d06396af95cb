"""An unreadable directory bondlint reads is a BL000 naming it, never a false clean (issue 24 item 7).

Run as an unprivileged user (nobody through setpriv when the tests run as root):
root reads past every permission.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.robustness._support import chown_tree, run_unprivileged, unprivileged_tree

SCRIPTS = "etc/sysconfig/network-scripts"
XEND = "(network-script network-bridge)\n"  # BL602 with a bond and no netdev= given


@pytest.fixture
def top() -> Path:
    path = unprivileged_tree()
    yield path
    for dirpath, dirs, _files in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(dirpath, d), 0o755)
    shutil.rmtree(path)


def _host(top: Path) -> Path:
    root = top / "h"
    (root / SCRIPTS).mkdir(parents=True)
    (root / SCRIPTS / "ifcfg-bond0").write_text("DEVICE=bond0\nBONDING_OPTS=mode=4 miimon=100\nONBOOT=yes\n")
    (root / "etc/xen").mkdir()
    (root / "etc/xen/xend-config.sxp").write_text(XEND)
    (root / "etc/ssl").mkdir()
    return root


def _bl000(top: Path, root: Path) -> list[str]:
    result = run_unprivileged("--format", "json", str(root), cwd=top)
    assert result.returncode in (0, 1), result.stderr
    return [f["path"] for f in json.loads(result.stdout)["findings"] if f["code"] == "BL000"]


@pytest.mark.parametrize(("folder", "mode"), [("etc/xen", 0o000), (SCRIPTS, 0o300)])
def test_an_unlistable_directory_is_bl000(top: Path, folder: str, mode: int) -> None:
    root = _host(top)
    chown_tree(top)
    os.chmod(root / folder, mode)
    assert _bl000(top, root) == [str(root / folder)]


def test_a_directory_bondlint_never_reads_is_not_reported(top: Path) -> None:
    root = _host(top)
    chown_tree(top)
    os.chmod(root / "etc/ssl", 0o000)
    assert _bl000(top, root) == []
