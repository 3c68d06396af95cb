"""BL1xx triggers on real host trees: MAC spellings, letter case, and which pairs may share a MAC."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint import Severity
from tests.rules._hosts import findings, write_host

BOND0 = 'DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nBONDING_OPTS="mode=1 miimon=100"\n'


def slave(dev: str, hwaddr: str, master: str = "bond0") -> str:
    return f"DEVICE={dev}\nMASTER={master}\nSLAVE=yes\nHWADDR={hwaddr}\n"


@pytest.mark.parametrize(
    ("value", "fires"),
    [
        ("00:1E:68:37:FA:92", False),
        ("00:1e:68:37:fa:92", False),
        ('"00:1E:68:37:FA:92"', False),
        ("00-1E-68-37-FA-92", True),
        ("0:1E:68:37:FA:92", True),
        ("001E.6837.FA92", True),
        ('" 00:1E:68:37:FA:92"', True),
        ("00:1E:68:37:FA:92#eth0", True),
        ("00:1E:68:37:FA", True),
    ],
)
def test_bl101_spellings(tmp_path: Path, value: str, fires: bool) -> None:
    root = write_host(tmp_path, {"ifcfg-eth0": f"DEVICE=eth0\nHWADDR={value}\n"})
    assert bool(findings(root, "BL101")) == fires


def test_bl101_infiniband_address(tmp_path: Path) -> None:
    ib = ":".join(["80", "00", "02", "08"] + ["fe", "80"] + ["00"] * 6 + ["00", "02", "c9", "03", "00", "0a", "1b", "2c"])
    root = write_host(tmp_path, {"ifcfg-ib0": f"DEVICE=ib0\nTYPE=InfiniBand\nHWADDR={ib}\n"}, "el6")
    assert findings(root, "BL101") == []


@pytest.mark.parametrize(("release", "fires"), [("el7", False), ("el5", True)])
def test_bl101_networkmanager_macaddr_words(tmp_path: Path, release: str, fires: bool) -> None:
    root = write_host(tmp_path, {"ifcfg-eth0": "DEVICE=eth0\nMACADDR=random\n"}, release)
    assert bool(findings(root, "BL101")) == fires


def test_bl102_letter_case_and_related(tmp_path: Path) -> None:
    files = {
        "ifcfg-bond0": BOND0,
        "ifcfg-eth0": slave("eth0", "00:1E:68:37:FA:92"),
        "ifcfg-eth1": slave("eth1", "00:1e:68:37:fa:92"),
    }
    (f,) = findings(write_host(tmp_path, files), "BL102")
    assert f.path.endswith("ifcfg-eth1") and (f.line, f.column, f.end_column) == (4, 8, 25)
    assert "case-insensitively" in f.message
    assert f.related[0].span.path.endswith("ifcfg-eth0")


def test_bl102_alias_shares_the_nic(tmp_path: Path) -> None:
    files = {
        "ifcfg-eth0": "DEVICE=eth0\nHWADDR=00:1E:68:37:FA:92\n",
        "ifcfg-eth0:1": "DEVICE=eth0:1\nHWADDR=00:1E:68:37:FA:92\n",
    }
    assert findings(write_host(tmp_path, files), "BL102") == []


@pytest.mark.parametrize(
    ("macaddr", "other", "fires"),
    [
        ("00:1E:68:37:FA:92", slave("eth0", "00:1E:68:37:FA:92"), False),  # its own slave
        ("00:1E:68:37:FA:94", "DEVICE=eth2\nHWADDR=00:1e:68:37:fa:94\n", True),  # another NIC
        ("02:00:00:00:00:01", "DEVICE=bond1\nBONDING_OPTS=mode=1\nMACADDR=02:00:00:00:00:01\n", True),
    ],
)
def test_bl105_pairs(tmp_path: Path, macaddr: str, other: str, fires: bool) -> None:
    files = {"ifcfg-bond0": BOND0 + f"MACADDR={macaddr}\n", "ifcfg-other": other}
    found = findings(write_host(tmp_path, files), "BL105")
    assert len(found) == (1 if fires else 0)  # two equal MACADDRs: one finding, not two


def test_bl105_sibling_slaves_share_by_design(tmp_path: Path) -> None:
    files = {
        "ifcfg-bond0": BOND0,
        "ifcfg-eth0": slave("eth0", "00:1E:68:37:FA:92") + "MACADDR=00:1E:68:37:FA:93\n",
        "ifcfg-eth1": slave("eth1", "00:1E:68:37:FA:93"),
    }
    assert findings(write_host(tmp_path, files), "BL105") == []


@pytest.mark.parametrize(("release", "fires"), [("el5", True), ("el6", True), ("el7", False)])
def test_bl107_release_scope(tmp_path: Path, release: str, fires: bool) -> None:
    files = {"ifcfg-bond0": BOND0, "ifcfg-eth0": "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n"}
    assert bool(findings(write_host(tmp_path, files, release), "BL107")) == fires


@pytest.mark.parametrize(
    ("macaddr", "severity"),
    [
        ("01:00:5E:00:00:01", Severity.ERROR),
        ("FF:FF:FF:FF:FF:FF", Severity.ERROR),
        ("33:33:00:00:00:01", Severity.ERROR),
        ("00:16:3E:10:01:19", Severity.INFO),
        ("02:00:10:01:01:19", None),
        ("0a:00:10:01:01:19", None),
    ],
)
def test_bl108_bits(tmp_path: Path, macaddr: str, severity: Severity | None) -> None:
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0 + f"MACADDR={macaddr}\n"})
    assert [f.severity for f in findings(root, "BL108")] == ([severity] if severity else [])
