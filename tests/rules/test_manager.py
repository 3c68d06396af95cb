"""BL7xx: how NetworkManager would read a bond on RHEL 6+, on real trees in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

import bondlint
from bondlint.findings import Finding
from tests.rules._hosts import findings, write_host

SCRIPTS = "etc/sysconfig/network-scripts"
RELEASES = {
    "el5": "CentOS release 5.11 (Final)\n",
    "el6": "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n",
    "el7": "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n",
    "el8": "Red Hat Enterprise Linux release 8.10 (Ootpa)\n",
}
SLAVE = "DEVICE={dev}\nONBOOT=yes\nBOOTPROTO=none\nMASTER=bond0\nSLAVE=yes\n"


def host(tmp_path: Path, release: str, bond: str, eth0: str = "", eth1: str = "") -> Path:
    root = tmp_path / release
    (root / SCRIPTS).mkdir(parents=True)
    (root / "etc" / "redhat-release").write_text(RELEASES[release])
    (root / SCRIPTS / "ifcfg-bond0").write_text("DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\n" + bond)
    (root / SCRIPTS / "ifcfg-eth0").write_text(SLAVE.format(dev="eth0") + eth0)
    (root / SCRIPTS / "ifcfg-eth1").write_text(SLAVE.format(dev="eth1") + eth1)
    return root


def lint(root: Path, code: str) -> list[Finding]:
    report = bondlint.lint(root, select=[code])
    assert not report.failures, report.failures
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize(
    ("release", "bond", "fires"),
    [
        ("el7", "IPADDR=192.0.2.10\nPREFIX=24\n", True),
        ("el8", "TYPE=Ethernet\n", True),
        ("el7", "TYPE=bond\n", False),  # NM compares the type case-insensitively
        ("el7", "BONDING_MASTER=YES\n", False),
        ("el7", "BONDING_MASTER=on\n", True),  # svParseBoolean does not know "on"
        ("el7", 'BONDING_OPTS=""\n', True),
        ("el7", 'BONDING_OPTS="mode=1"\n', False),
        ("el7", "NM_CONTROLLED=no\n", False),  # NetworkManager does not read it
        ("el5", "", False),  # no NetworkManager bonds before RHEL 6
    ],
)
def test_nm_bond_type(tmp_path: Path, release: str, bond: str, fires: bool) -> None:
    found = lint(host(tmp_path, release, bond), "BL701")
    assert len(found) == (1 if fires else 0)
    if fires:
        assert found[0].path.endswith("ifcfg-bond0")


@pytest.mark.parametrize(
    ("bond", "eth0", "eth1", "flagged"),
    [
        ("TYPE=Bond\n", "", "", []),
        ("TYPE=Bond\nNM_CONTROLLED=yes\n", "", "NM_CONTROLLED=Y\n", []),  # absent means yes
        ("TYPE=Bond\n", "NM_CONTROLLED=No\n", "", ["eth0"]),
        ("TYPE=Bond\nNM_CONTROLLED=no\n", "", "NM_CONTROLLED=no\n", ["eth0"]),
        ("TYPE=Bond\nNM_CONTROLLED=false\n", "NM_CONTROLLED=0\n", "NM_CONTROLLED=n\n", []),
    ],
)
def test_nm_controlled_mixed(tmp_path: Path, bond: str, eth0: str, eth1: str, flagged: list[str]) -> None:
    found = lint(host(tmp_path, "el7", bond, eth0, eth1), "BL702")
    assert sorted(f.message.split(" ")[0] for f in found) == flagged


def test_mixed_points_at_the_value_written(tmp_path: Path) -> None:
    """When only the master writes NM_CONTROLLED, the finding sits on the master's value."""
    (f,) = lint(host(tmp_path, "el6", "TYPE=Bond\nNM_CONTROLLED=no\n", "", "NM_CONTROLLED=no\n"), "BL702")
    assert f.path.endswith("ifcfg-bond0") and f.line == 5 and f.column == 15


@pytest.mark.parametrize(
    ("release_line", "network", "fires"),
    [
        ("Red Hat Enterprise Linux Server release 7.1 (Maipo)", "", True),
        ("Red Hat Enterprise Linux Server release 7.3 (Maipo)", "", True),
        ("Red Hat Enterprise Linux Server release 7.4 (Maipo)", "", False),
        ("Red Hat Enterprise Linux Server release 6.10 (Santiago)", "NM_BOND_VLAN_ENABLED=yes\n", True),
        ("Red Hat Enterprise Linux Server release 6.10 (Santiago)", "", False),  # NM leaves bonds to the network service
    ],
    ids=["7.1", "7.3", "7.4", "6.10-nm-bonds", "6.10-network-service"],
)
def test_bl701_bonding_opts_alone_before_nm_1_8(tmp_path: Path, release_line: str, network: str, fires: bool) -> None:
    files = {"ifcfg-bond0": 'DEVICE=bond0\nBONDING_OPTS="mode=1 miimon=100"\n', "ifcfg-eth0": "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\n",
             "etc/sysconfig/network": "NETWORKING=yes\n" + network}
    root = write_host(tmp_path, files, None)
    (root / "etc/redhat-release").write_text(release_line + "\n")
    got = findings(root, "BL701")
    assert bool(got) == fires
    if got:
        assert "no device found for connection" in got[0].message and "TYPE=Bond" in got[0].message
