"""BL0xx triggers that the fixtures show only one side of: tables of values, each on a real host tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint import Severity
from tests.rules._hosts import findings, write_host

BOND0 = 'DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nBONDING_OPTS="mode=1 miimon=100"\n'


def slave(dev: str, extra: str = "") -> str:
    return f"DEVICE={dev}\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n{extra}"


@pytest.mark.parametrize(
    ("line", "fires"),
    [
        ("IPADDR=$(cat /etc/ip)", True),
        ("IPADDR=`cat /etc/ip`", True),
        ('NAME="uplink $HOSTNAME"', True),
        ("NAME=${HOSTNAME}", True),
        ("NAME='uplink $HOSTNAME'", False),
        ("NAME=$'uplink\\t1'", False),
        ("MTU=9000; ip link set eth0 up", True),
        ("MTU=9000 | tee /tmp/x", True),
        ("MTU=9000 && reboot", True),
        ("MTU=9000;", False),
        ('NAME="plain text"', False),
    ],
)
def test_bl001_values(tmp_path: Path, line: str, fires: bool) -> None:
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", line + "\n")})
    found = findings(root, "BL001")
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        assert found[0].path.endswith("ifcfg-eth0") and found[0].line == 5


@pytest.mark.parametrize(
    ("extra", "release", "fires"),
    [
        # initscripts' documented idiom: DEVICE is a literal set above, NM does not read the file
        ('NM_CONTROLLED=no\nETHTOOL_OPTS="-s ${DEVICE} speed 1000 duplex full"\n', "el7", False),
        ('ETHTOOL_OPTS="-K $DEVICE tso off; -G ${DEVICE} rx 512"\n', "el5", False),
        # NetworkManager may manage it and rejects the whole value
        ('ETHTOOL_OPTS="-s ${DEVICE} speed 1000 duplex full"\n', "el7", True),
        # not assigned above, or not a plain reference
        ('NM_CONTROLLED=no\nETHTOOL_OPTS="-s ${IFACE} autoneg off"\n', "el7", True),
        ('NM_CONTROLLED=no\nETHTOOL_OPTS="-s ${DEVICE:-eth9} autoneg off"\n', "el7", True),
        ('NM_CONTROLLED=no\nNAME=$(hostname)\nALIAS="$NAME"\n', "el7", True),
    ],
)
def test_bl001_reference_to_own_literal(tmp_path: Path, extra: str, release: str, fires: bool) -> None:
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", extra)}, release=release)
    found = findings(root, "BL001")
    assert bool(found) == fires, [f.message for f in found]


def test_bl001_reads_sysconfig_network(tmp_path: Path) -> None:
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0, "etc/sysconfig/network": "HOSTNAME=$(hostname -s)\n"})
    (f,) = findings(root, "BL001")
    assert f.path.endswith("etc/sysconfig/network") and (f.line, f.column, f.end_column) == (1, 10, 24)


def test_lexical_rules_skip_ignored_backups(tmp_path: Path) -> None:
    """initscripts never source ifcfg-eth0.bak, so its broken lines cannot run or mislead."""
    bad = "DEVICE=eth0\nIPADDR=$(id)\nBONDING_OPTS=mode=1 miimon=100\nexport X=1\nNAME=\"open\n"
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0, "ifcfg-eth0.bak": bad})
    for code in ("BL001", "BL002", "BL003", "BL006"):
        assert findings(root, code) == [], code


def test_bl004_reports_each_crlf_file_once_with_count(tmp_path: Path) -> None:
    crlf = slave("eth0").replace("\n", "\r\n").encode()
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0, "ifcfg-eth0": crlf, "ifcfg-eth1": slave("eth1")})
    (f,) = findings(root, "BL004")
    assert f.path.endswith("ifcfg-eth0")
    assert (f.line, f.column, f.end_column) == (1, 12, 13)  # the \r after DEVICE=eth0
    assert f.message.startswith("4 of 4 lines end in CR LF")


def test_bl004_single_trailing_cr(tmp_path: Path) -> None:
    text = slave("eth0") + "HWADDR=00:1E:68:37:FA:92\r\n"
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0, "ifcfg-eth0": text.encode()})
    (f,) = findings(root, "BL004")
    assert f.line == 5 and f.message.startswith("1 of 5 lines")


@pytest.mark.parametrize(
    ("key", "severity"),
    [("USERCTL", Severity.ERROR), ("MASTER", Severity.ERROR), ("ONBOOT", Severity.ERROR), ("MTU", Severity.WARNING)],
)
def test_bl005_severity_by_key(tmp_path: Path, key: str, severity: Severity) -> None:
    text = f"DEVICE=eth0\n{key}=one\nHWADDR=00:1E:68:37:FA:92\n{key}=two\n"
    root = write_host(tmp_path, {"ifcfg-eth0": text})
    (f,) = findings(root, "BL005")
    assert f.severity == severity and f.line == 4
    assert [r.span.line for r in f.related] == [2]


@pytest.mark.parametrize(
    ("value", "fires"),
    [("yes", False), ('"yes"', False), ("'no'", False), ("YES", True), ("true", True), ("1", True), ("on", True), ("", True)],
)
def test_bl007_spellings(tmp_path: Path, value: str, fires: bool) -> None:
    root = write_host(tmp_path / "a", {"ifcfg-eth0": f"DEVICE=eth0\nSLAVE={value}\n"})
    assert bool(findings(root, "BL007")) == fires
    # With a MASTER, BL203 states what initscripts make of it: one finding, not BL007 as well.
    slave = write_host(tmp_path / "b", {"ifcfg-bond0": BOND0, "ifcfg-eth0": f"DEVICE=eth0\nMASTER=bond0\nSLAVE={value}\n"})
    assert findings(slave, "BL007") == []
    assert bool(findings(slave, "BL203")) == (value.strip("'\"") != "yes")


@pytest.mark.parametrize(
    ("name", "release", "fires"),
    [
        ("ifcfg-eth0.save", "el5", True),
        ("ifcfg-eth0.bak2", "el5", True),
        ("ifcfg-eth0-orig", "el5", True),
        ("ifcfg-eth0.20120304", "el5", True),
        ("ifcfg-eth0.old", "el5", True),  # initscripts 8.x read .old files
        ("ifcfg-eth0.old", "el7", True),  # skipped by initscripts, loaded by NetworkManager
        ("ifcfg-eth0.rpmsave", "el7", True),
        ("ifcfg-eth0.rpmsave", "el5", False),
        ("ifcfg-eth0.bak", "el7", False),
        ("ifcfg-eth0~", "el5", False),
    ],
)
def test_bl008_backup_names(tmp_path: Path, name: str, release: str, fires: bool) -> None:
    root = write_host(
        tmp_path, {"ifcfg-eth0": "DEVICE=eth0\nONBOOT=yes\n", name: "DEVICE=eth0\nONBOOT=yes\n"}, release
    )
    found = findings(root, "BL008")
    assert bool(found) == fires
    if fires:
        assert found[0].severity == Severity.ERROR  # its DEVICE is eth0's


def test_bl008_vlan_named_like_a_year_is_a_device(tmp_path: Path) -> None:
    root = write_host(tmp_path, {"ifcfg-eth0": "DEVICE=eth0\n", "ifcfg-eth0.2012": "DEVICE=eth0.2012\nVLAN=yes\n"})
    assert findings(root, "BL008") == []


def test_bl008_nm_ignores_profile_marked_unmanaged(tmp_path: Path) -> None:
    copy = "DEVICE=eth0\nNM_CONTROLLED=no\n"
    root = write_host(tmp_path, {"ifcfg-eth0": "DEVICE=eth0\n", "ifcfg-eth0.rpmsave": copy}, "el7")
    assert findings(root, "BL008") == []


@pytest.mark.parametrize(
    ("name", "text", "release", "fires"),
    [
        ("ifcfg-eth0", "DEVICE=eth1\n", "el5", True),
        ("ifcfg-eth0:1", "DEVICE=eth0:1\n", "el5", False),
        ("ifcfg-eth0-lab", "DEVICE=eth0\n", "el5", False),  # el5 clone file
        ("ifcfg-eth0-lab", "DEVICE=eth0\n", "el7", True),
        ("ifcfg-System_eth0", 'DEVICE=eth0\nNAME="System eth0"\n', "el7", False),  # NM profile name
    ],
)
def test_bl009_names(tmp_path: Path, name: str, text: str, release: str, fires: bool) -> None:
    root = write_host(tmp_path, {name: text}, release)
    assert bool(findings(root, "BL009")) == fires


@pytest.mark.parametrize("release", ["el5", "el6"])
def test_bl010_severity_for_bond_and_nic(tmp_path: Path, release: str) -> None:
    """A bond needs DEVICE everywhere; a NIC with HWADDR only on el5 (el6+ look it up by HWADDR)."""
    files = {"ifcfg-bond0": 'BONDING_OPTS="mode=1 miimon=100"\n', "ifcfg-eth2": "HWADDR=00:1E:68:37:FA:94\n"}
    by_file = {f.path.rsplit("/", 1)[1]: f for f in findings(write_host(tmp_path, files, release), "BL010")}
    assert by_file["ifcfg-bond0"].severity == Severity.ERROR
    if release == "el5":
        assert by_file["ifcfg-eth2"].severity == Severity.WARNING
        assert "HWADDR=00:1E:68:37:FA:94" in by_file["ifcfg-eth2"].message
    else:
        assert "ifcfg-eth2" not in by_file


def test_bl011_compares_unquoted_values(tmp_path: Path) -> None:
    root = write_host(tmp_path, {"ifcfg-eth1": 'DEVICE="eth1"\n', "ifcfg-eth2": "DEVICE='eth1'\n"})
    (f,) = findings(root, "BL011")
    assert f.path.endswith("ifcfg-eth2") and f.related[0].span.path.endswith("ifcfg-eth1")


def test_bl011_el5_clone_shares_its_device(tmp_path: Path) -> None:
    root = write_host(tmp_path, {"ifcfg-eth1": "DEVICE=eth1\n", "ifcfg-eth1-lab": "DEVICE=eth1\n"})
    assert findings(root, "BL011") == []


@pytest.mark.parametrize(
    ("lines", "fires"),
    [
        ("USERCTL=yes\nUSERCTL=no\n", True),  # usernetctl obeys the first line
        ("USERCTL=no\nUSERCTL=yes\n", False),
        ("  USERCTL=yes\n", False),  # usernetctl only sees the key at column 1
        ("USERCTL='TRUE'\n", True),
    ],
)
def test_bl012_reads_like_usernetctl(tmp_path: Path, lines: str, fires: bool) -> None:
    root = write_host(tmp_path, {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", lines)})
    assert bool(findings(root, "BL012")) == fires


def test_bl012_xen_netdev(tmp_path: Path) -> None:
    files = {
        "ifcfg-eth2": "DEVICE=eth2\nUSERCTL=yes\n",
        "etc/xen/xend-config.sxp": "(network-script 'network-bridge netdev=eth2')\n",
    }
    (f,) = findings(write_host(tmp_path, files), "BL012")
    assert "xend's netdev" in f.message


@pytest.mark.parametrize(
    ("copy", "evidence"),
    [
        ("DEVICE=eth3\nHWADDR=00:1e:68:37:fa:92\n", "matches eth0"),
        ("DEVICE=eth3\nMASTER=bond0\nSLAVE=yes\n", "makes bond0's ifup enslave eth3"),
    ],
)
def test_bl008_error_when_the_copy_points_at_a_live_device(tmp_path: Path, copy: str, evidence: str) -> None:
    files = {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", "HWADDR=00:1E:68:37:FA:92\n"), "ifcfg-eth3.save": copy}
    (f,) = findings(write_host(tmp_path, files), "BL008")
    assert f.severity == Severity.ERROR and evidence in f.message


def test_bl008_warning_when_the_copy_matches_nothing(tmp_path: Path) -> None:
    files = {"ifcfg-eth0": "DEVICE=eth0\n", "ifcfg-eth3.save": "DEVICE=eth3\nBOOTPROTO=dhcp\n"}
    (f,) = findings(write_host(tmp_path, files), "BL008")
    assert f.severity == Severity.WARNING and f.path.endswith("ifcfg-eth3.save")


def test_bl011_clone_without_its_parent_still_counts(tmp_path: Path) -> None:
    root = write_host(tmp_path, {"ifcfg-eth1-lab": "DEVICE=eth1\n", "ifcfg-eth1-home": "DEVICE=eth1\n"})
    assert len(findings(root, "BL011")) == 1
