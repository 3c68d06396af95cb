"""Host trees for CLI tests: copies of our fixtures in tmp_path, edited the way users break them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import HOSTS

SEED = HOSTS / "seed-centos52-xen-8023ad"
BROKEN = HOSTS / "example-broken-host"
SCRIPTS = "etc/sysconfig/network-scripts"


def copy_seed(dest: Path) -> Path:
    """A fresh copy of the seed host (clean for the lexical and modprobe rules)."""
    shutil.copytree(SEED, dest)
    return dest


def break_host(host: Path) -> Path:
    """Two mistakes from the seed's story: BL002 (unquoted BONDING_OPTS) and BL402 (bond alias last)."""
    bond0 = host / SCRIPTS / "ifcfg-bond0"
    bond0.write_text(bond0.read_text().replace('BONDING_OPTS="mode=4 miimon=100"', "BONDING_OPTS=mode=4 miimon=100"))
    modprobe = host / "etc/modprobe.conf"
    lines = modprobe.read_text().splitlines()
    modprobe.write_text("\n".join([*lines[1:], lines[0]]) + "\n")
    return host


@pytest.fixture
def seed_host(tmp_path: Path) -> Path:
    return copy_seed(tmp_path / "web1")


@pytest.fixture
def bad_host(tmp_path: Path) -> Path:
    return break_host(copy_seed(tmp_path / "web1"))


def codes(payload: dict) -> list[str]:
    """The codes of a JSON report's findings, in report order."""
    return [f["code"] for f in payload["findings"]]


def findings_of(stdout: str) -> list[dict]:
    return json.loads(stdout)["findings"]
