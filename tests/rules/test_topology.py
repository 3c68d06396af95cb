"""BL2xx triggers the fixtures show only one side of, each on a real host tree in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bondlint
from bondlint import Severity
from tests.conftest import HOSTS
from tests.rules._hosts import findings, write_host

BOND0 = 'DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=10.0.0.5\nBONDING_OPTS="mode=1 miimon=100"\n'


def slave(dev: str, master_line: str = "MASTER=bond0\n", extra: str = "") -> str:
    return f"DEVICE={dev}\n{master_line}SLAVE=yes\nONBOOT=yes\nBOOTPROTO=none\n{extra}"


@pytest.mark.parametrize(
    ("release", "line", "severity"),
    [
        ("el5", "MASTER='bond0'", Severity.ERROR),
        ("el6", "MASTER='bond0'", None),
        (None, "MASTER='bond0'", None),  # unknown release: RHEL 6+ grep assumed
        ("el5", 'MASTER="bond0"', None),
        ("el5", "MASTER=bond0  # LACP", None),
        ("el5", "\tMASTER=bond0", None),
        ("el7", "export MASTER=bond0", Severity.WARNING),
        ("el7", "MASTER=bond0;", Severity.WARNING),
        ("el5", "MASTER=bond0;", Severity.ERROR),
        ("el7", "BOND=bond0\nMASTER=$BOND", Severity.WARNING),
    ],
)
def test_bl205_master_grep(tmp_path: Path, release: str | None, line: str, severity: Severity | None) -> None:
    root = write_host(
        tmp_path,
        {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", line + "\n"), "ifcfg-eth1": slave("eth1")},
        release=release,
    )
    found = findings(root, "BL205")
    assert [f.severity for f in found] == ([severity] if severity else []), [f.message for f in found]
    if found:
        assert found[0].path.endswith("ifcfg-eth0")
        assert found[0].context[0].strip().endswith(line.split("\n")[-1].strip())


def test_bl205_crlf_still_matches_the_grep(tmp_path: Path) -> None:
    """[[:space:]] includes \\r, so a CRLF MASTER line is found (BL004 reports the CRLF)."""
    root = write_host(
        tmp_path, {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", "MASTER=bond0\r\n"), "ifcfg-eth1": slave("eth1")}
    )
    assert findings(root, "BL205") == []


def test_bl205_assumed_el5_says_so(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {
            "ifcfg-bond0": BOND0,
            "ifcfg-eth0": slave("eth0", "MASTER='bond0'\n"),
            "ifcfg-eth1": slave("eth1"),
            "etc/modprobe.conf": "alias bond0 bonding\n",
        },
        release=None,
    )
    (found,) = findings(root, "BL205")
    assert found.severity is Severity.ERROR
    assert "release assumed to be el5" in found.message


def test_bl201_nm_master_by_uuid_is_found(tmp_path: Path) -> None:
    uuid = "7cba4a1c-1f5e-4b7e-a0cd-3f2d6d1b8e21"
    bond = BOND0 + f"TYPE=Bond\nNAME=Bond connection 1\nUUID={uuid}\n".replace(
        "Bond connection 1", '"Bond connection 1"'
    )
    root = write_host(
        tmp_path,
        {"ifcfg-Bond_connection_1": bond, "ifcfg-eth0": slave("eth0", f"MASTER={uuid}\n"), "ifcfg-eth1": slave("eth1")},
        release="el7",
    )
    assert findings(root, "BL201") == []
    assert findings(root, "BL208") == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("DEVICE=br0\nTYPE=Bridge\n", "a bridge"),
        ("DEVICE=eth2.100\nVLAN=yes\n", "a VLAN"),
        ("DEVICE=eth2\nMASTER=bond0\nSLAVE=yes\n", "a slave of bond0"),
    ],
)
def test_bl202_master_kinds(tmp_path: Path, target: str, expected: str) -> None:
    device = target.split("\n")[0].split("=")[1]
    root = write_host(
        tmp_path,
        {
            "ifcfg-bond0": BOND0,
            f"ifcfg-{device}": target,
            "ifcfg-eth0": slave("eth0", f"MASTER={device}\n"),
            "ifcfg-eth1": slave("eth1"),
        },
    )
    (found,) = findings(root, "BL202")
    assert expected in found.message and found.path.endswith("ifcfg-eth0")


def test_bl203_crlf_yes_is_not_yes(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {
            "ifcfg-bond0": BOND0,
            "ifcfg-eth0": "DEVICE=eth0\r\nMASTER=bond0\r\nSLAVE=yes\r\n",
            "ifcfg-eth1": slave("eth1"),
        },
    )
    # One root cause, one finding: BL004 says every exact test fails on the CR, BL203 adds nothing.
    assert findings(root, "BL203") == []
    assert [f.path.rsplit("/", 1)[1] for f in findings(root, "BL004")] == ["ifcfg-eth0"]


def test_bl206_only_the_slave_branch_counts(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {
            "ifcfg-bond0": BOND0 + "GATEWAY=10.0.0.1\nDNS1=10.0.0.2\n",
            "ifcfg-eth0": slave("eth0", extra="GATEWAY=10.0.0.1\nDNS1=10.0.0.2\nBOOTPROTO=bootp\n"),
            "ifcfg-eth1": slave("eth1"),
            "etc/sysconfig/network-scripts/route-bond0": "10.9.0.0/16 via 10.0.0.1\n",
        },
    )
    found = findings(root, "BL206")
    assert {(f.severity, f.path.rsplit("/", 1)[1]) for f in found} == {
        (Severity.WARNING, "ifcfg-eth0"),
        (Severity.ERROR, "ifcfg-eth0"),
    }
    assert any("GATEWAY, DNS1" in f.message for f in found)


def test_bl207_slave_as_bridge_port(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", extra="BRIDGE=br0\n"), "ifcfg-eth1": slave("eth1")},
    )
    (found,) = findings(root, "BL207")
    assert "port of bridge br0" in found.message and found.line == 6


def test_bl209_bl208_count_live_slaves_only(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0"), "ifcfg-eth1.rpmsave": slave("eth1")},
    )
    assert [f.message.split(":")[0] for f in findings(root, "BL209")] == ["bond0 has one slave (eth0)"]
    assert findings(root, "BL208") == []


def test_bl211_uses_module_options_without_bonding_opts(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {
            "ifcfg-bond0": "DEVICE=bond0\nONBOOT=yes\nIPADDR=10.0.0.5\n",
            "ifcfg-eth0": slave("eth0"),
            "ifcfg-eth1": slave("eth1"),
            "etc/modprobe.conf": "alias bond0 bonding\noptions bond0 mode=1 miimon=100 primary=eth3\n",
        },
    )
    (found,) = findings(root, "BL211")
    assert found.path.endswith("etc/modprobe.conf") and (found.line, found.column) == (2, 33)


@pytest.mark.parametrize(
    ("bond_mtu", "bridge_mtu", "fires"),
    [("", "9000", True), ("MTU=9000\n", "9000", False), ("MTU=9000\n", "1500", False), ("", "", False)],
    ids=["bridge-above-default-1500", "equal", "smaller", "no-mtu"],
)
def test_bl214_bridge_above_bond(tmp_path: Path, bond_mtu: str, bridge_mtu: str, fires: bool) -> None:
    bridge = "DEVICE=br0\nTYPE=Bridge\nONBOOT=yes\n" + (f"MTU={bridge_mtu}\n" if bridge_mtu else "")
    files = {"ifcfg-bond0": BOND0 + "BRIDGE=br0\n" + bond_mtu, "ifcfg-br0": bridge, "ifcfg-eth0": slave("eth0"), "ifcfg-eth1": slave("eth1")}
    got = findings(write_host(tmp_path, files, "el6"), "BL214")
    assert [f.path.rsplit("/", 1)[1] for f in got] == (["ifcfg-br0"] if fires else [])


@pytest.mark.parametrize(("release", "fires"), [("el5", True), ("el6", False), ("el7", False)])
def test_bl214_slave_mtu_only_where_ifup_eth_skips_it(tmp_path: Path, release: str, fires: bool) -> None:
    """el5's ifup-eth enslaves and exits before `ip link set mtu`; from el6 it sets MTU first."""
    files = {"ifcfg-bond0": BOND0, "ifcfg-eth0": slave("eth0", extra="MTU=9000\n"), "ifcfg-eth1": slave("eth1")}
    assert bool(findings(write_host(tmp_path, files, release), "BL214")) == fires


@pytest.mark.parametrize(
    ("bond0", "slave_line", "fires"),
    [
        ("DEVICE=bond0\nIPADDR=192.0.2.10\n", "", True),
        ("DEVICE=bond0\nTYPE=Bond\n", "", False),
        ("DEVICE=bond0\nBONDING_MASTER=yes\n", "", False),
        ("DEVICE=bond0\nIPADDR=192.0.2.10\n", "MASTER=bond0\n", False),  # BL202's: a slave names it
        ("DEVICE=bond0\nIPADDR=192.0.2.10\n", "alias", False),  # alias bond0 bonding makes it a bond
    ],
    ids=["plain", "typed", "bonding-master", "named-as-master", "alias"],
)
def test_bl213_bond_name_without_bond(tmp_path: Path, bond0: str, slave_line: str, fires: bool) -> None:
    files: dict[str, str] = {"ifcfg-bond0": bond0, "ifcfg-eth0": "DEVICE=eth0\n" + (slave_line if slave_line != "alias" else "")}
    if slave_line == "alias":
        files["etc/modprobe.conf"] = "alias bond0 bonding\n"
    assert bool(findings(write_host(tmp_path, files, "el5"), "BL213")) == fires


# --- BL207 on NetworkManager profiles, and its border with BL011 (one root cause, one finding)

KEYFILE_CONFLICTS = ["BL207-keyfile-two-controllers-for-eth2", "BL207-keyfile-and-ifcfg-two-controllers"]


@pytest.mark.parametrize("name", KEYFILE_CONFLICTS)
def test_bl207_owns_profiles_disagreeing_on_the_controller(name: str) -> None:
    report = bondlint.lint(HOSTS / name, select=["BL011", "BL207"])
    assert [f.code for f in report.findings] == ["BL207"]
    (found,) = report.findings
    assert found.related and "eth2 joins" in found.message


def test_bl011_owns_profiles_naming_one_controller_by_uuid_and_by_name() -> None:
    report = bondlint.lint(HOSTS / "BL207-ok-keyfile-same-controller-by-uuid-and-name", select=["BL011", "BL207"])
    assert [f.code for f in report.findings] == ["BL011"]


def test_controller_of_resolves_uuid_and_name_to_the_device() -> None:
    from bondlint.host.build import build_host
    from bondlint.host.discover import classify

    host = build_host(classify(str(HOSTS / "BL207-keyfile-and-ifcfg-two-controllers")))
    eth2 = host.interfaces["eth2"]
    assert [(type(p).__name__, host.controller_of(p).device) for p in eth2.profiles] == [
        ("KeyfileProfile", "bond0"), ("IfcfgFile", "bond1"),
    ]
    ports = [host.controller_of(host.interfaces[d].file) for d in ("eth3", "eth4")]
    assert {(c.device, c.written.text) for c in ports} == {("bond1", "bond1")}  # controller=<uuid of bond1>
    assert host.controller_of(host.interfaces["bond0"].file) is None


def test_bl207_silent_when_the_other_profile_does_not_autoconnect(tmp_path: Path) -> None:
    copy = tmp_path / "host"
    shutil.copytree(HOSTS / "BL207-keyfile-two-controllers-for-eth2", copy)
    other = copy / "etc/NetworkManager/system-connections/eth2-bond1.nmconnection"
    other.write_text(other.read_text().replace("port-type=bond\n", "port-type=bond\nautoconnect=false\n"))
    for f in other.parent.iterdir():
        f.chmod(0o600)
    report = bondlint.lint(copy, select=["BL011", "BL207"])
    assert report.findings == ()


def test_bl207_names_the_profile_a_higher_priority_makes_autoconnect_prefer() -> None:
    (found,) = findings(HOSTS / "BL207-keyfile-and-ifcfg-two-controllers", "BL207")
    assert found.path.endswith("ifcfg-eth2") and "prefers eth2.nmconnection" in found.message


def test_two_ifcfg_files_with_different_masters_are_one_bl207(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        {"ifcfg-bond0": BOND0, "ifcfg-bond1": BOND0.replace("bond0", "bond1").replace(".5", ".6"),
         "ifcfg-eth0": slave("eth0"), "ifcfg-eth1": slave("eth1"), "ifcfg-eth1b": slave("eth1", "MASTER=bond1\n")},
    )
    report = bondlint.lint(root, select=["BL011", "BL207"])
    assert [(f.code, f.path.rsplit("/", 1)[1]) for f in report.findings] == [("BL207", "ifcfg-eth1b")]
