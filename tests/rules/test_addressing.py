"""BL5xx triggers on real host trees: effective gateway, masks per release, which devices count."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bondlint import Severity
from tests.conftest import HOSTS
from tests.rules._hosts import findings, write_host

BOND0 = (
    "DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=10.10.10.119\nNETMASK=255.255.255.0\n"
    'BONDING_OPTS="mode=4 miimon=100"\n'
)
SLAVES = {
    "ifcfg-eth0": "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\nBOOTPROTO=none\n",
    "ifcfg-eth1": "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\nBOOTPROTO=none\n",
}
ETH2_DHCP = "DEVICE=eth2\nBOOTPROTO=dhcp\nONBOOT=yes\n"


def host(tmp_path: Path, network: str, *, bond: str = BOND0, release: str = "el5", extra: dict | None = None) -> Path:
    files = {"ifcfg-bond0": bond, **SLAVES, "etc/sysconfig/network": network, **(extra or {})}
    return write_host(tmp_path, files, release)


@pytest.mark.parametrize(
    ("network", "bond_extra", "where"),
    [
        ("GATEWAYDEV=bond0\nGATEWAY=10.10.11.1\n", "", "network"),
        ("GATEWAYDEV=bond0\nGATEWAY=10.10.11.1\n", "GATEWAY=10.10.10.1\n", None),  # ifcfg overrides
        ("GATEWAYDEV=bond0\nGATEWAY=10.10.10.1\n", "GATEWAY=10.10.11.1\n", "ifcfg-bond0"),
        ("GATEWAY=10.10.11.1\n", "", None),  # no GATEWAYDEV: not this rule's case
    ],
    ids=["network-file", "ifcfg-overrides-good", "ifcfg-overrides-bad", "no-gatewaydev"],
)
def test_bl504_effective_gateway(tmp_path: Path, network: str, bond_extra: str, where: str | None) -> None:
    got = findings(host(tmp_path, network, bond=BOND0 + bond_extra), "BL504")
    assert [f.path.rsplit("/", 1)[-1] for f in got] == ([where] if where else [])


@pytest.mark.parametrize(("release", "fires"), [("el5", False), ("el6", True)])
def test_bl504_prefix_wins_from_el6(tmp_path: Path, release: str, fires: bool) -> None:
    # NETMASK /16 holds the gateway, PREFIX /24 does not: el5 tests with NETMASK, el6+ with PREFIX.
    bond = BOND0.replace("NETMASK=255.255.255.0", "NETMASK=255.255.0.0\nPREFIX=24")
    root = host(tmp_path, "GATEWAYDEV=bond0\nGATEWAY=10.10.11.1\n", bond=bond, release=release)
    assert bool(findings(root, "BL504")) == fires


def test_bl504_classful_mask_without_netmask(tmp_path: Path) -> None:
    bond = BOND0.replace("NETMASK=255.255.255.0\n", "")
    assert findings(host(tmp_path, "GATEWAYDEV=bond0\nGATEWAY=10.200.0.1\n", bond=bond), "BL504") == []


def test_bl501_xen_bridge_and_netdev(tmp_path: Path) -> None:
    xend = "(network-script 'network-bridge netdev=bond0 bridge=xenbr0')\n"
    (f,) = findings(host(tmp_path, "GATEWAYDEV=xenbr0\n", extra={"etc/xen/xend-config.sxp": xend}), "BL501")
    assert "Xen bridge" in f.message and (f.line, f.column, f.end_column) == (1, 12, 18)


def test_bl501_xen33_bridge_takes_netdev_name(tmp_path: Path) -> None:
    # Xen 3.3+: network-bridge renames eth3 to peth3 and names the bridge eth3.
    xend = "(network-script 'network-bridge netdev=eth3')\n"
    root = host(tmp_path, "GATEWAYDEV=eth3\n", extra={"etc/xen/xend-config.sxp": xend})
    assert findings(root, "BL501") == []


@pytest.mark.parametrize(
    ("eth2", "fires"),
    [
        ("DEVICE=eth2\nBOOTPROTO=none\nONBOOT=yes\n", True),
        ("DEVICE=eth2\nBOOTPROTO=static\nONBOOT=yes\nIPADDR0=192.168.5.2\nPREFIX0=24\n", False),
        ("DEVICE=eth2\nBOOTPROTO=dhcp\nONBOOT=yes\n", False),
        ("DEVICE=ppp0\nTYPE=xDSL\nONBOOT=yes\n", False),
    ],
    ids=["static-no-ip", "numbered-ipaddr", "dhcp", "pppoe"],
)
def test_bl503_static_without_address(tmp_path: Path, eth2: str, fires: bool) -> None:
    dev = "ppp0" if "ppp0" in eth2 else "eth2"
    root = host(tmp_path, f"GATEWAYDEV={dev}\n", extra={f"ifcfg-{dev}": eth2}, release="el6")
    assert bool(findings(root, "BL503")) == fires


@pytest.mark.parametrize(
    ("lines", "messages"),
    [
        ("IPADDR=010.10.10.119\nNETMASK=255.255.255.0\n", ["IPADDR=010.10.10.119 is not a valid dotted-quad"]),
        ("IPADDR=10.10.10.119\nPREFIX=33\n", ["PREFIX=33 is not a prefix length"]),
        ("IPADDR=10.10.10.0\nNETMASK=255.255.255.0\n", ["the network address of 10.10.10.0/24"]),
        ("IPADDR=10.10.10.255\nPREFIX=24\n", ["the broadcast address of 10.10.10.0/24"]),
        ("IPADDR=10.10.10.0\nPREFIX=31\n", []),  # RFC 3021 point-to-point: both addresses usable
        ("IPADDR=10.10.10.119\nNETMASK=\nGATEWAY=\n", []),  # empty values are blanked, not wrong
    ],
    ids=["leading-zero", "prefix-33", "network-address", "broadcast-address", "slash-31", "empty"],
)
def test_bl508_values(tmp_path: Path, lines: str, messages: list[str]) -> None:
    bond = "DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\n" + lines + 'BONDING_OPTS="mode=4 miimon=100"\n'
    got = findings(host(tmp_path, "NETWORKING=yes\n", bond=bond), "BL508")
    assert len(got) == len(messages)
    for f, text in zip(got, messages):
        assert text in f.message


def test_bl508_ignores_slaves(tmp_path: Path) -> None:
    extra = {"ifcfg-eth0": SLAVES["ifcfg-eth0"] + "IPADDR=300.1.1.1\n"}
    assert findings(host(tmp_path, "NETWORKING=yes\n", extra=extra), "BL508") == []


@pytest.mark.parametrize(
    ("release", "value", "expected"),
    [
        ("el7", "DHCP", "NetworkManager reads it as dhcp (initscripts compares case-sensitively: use dhcp)"),
        ("el7", "dchp", "NetworkManager rejects the profile"),
        ("el7", "shared", "only NetworkManager knows shared"),
        ("el7", "ibft", None),  # NetworkManager's reader ignores the file: the initrd configures the NIC
        ("el5", "ibft", "initscripts treats it as static and NetworkManager does not read this file"),
        ("el5", "dchp", "NetworkManager does not read this file"),
        ("el7", '"dhcp"', None),
        ("el7", "", None),
    ],
)
def test_bl509_values(tmp_path: Path, release: str, value: str, expected: str | None) -> None:
    extra = {"ifcfg-eth2": f"DEVICE=eth2\nBOOTPROTO={value}\n"}
    got = findings(host(tmp_path, "NETWORKING=yes\n", release=release, extra=extra), "BL509")
    assert [expected in f.message for f in got] == ([True] if expected else [])


def test_bl509_skips_pppoe_dialup(tmp_path: Path) -> None:
    ppp = "DEVICE=ppp0\nTYPE=xDSL\nBOOTPROTO=dialup\nETH=eth2\n"
    assert findings(host(tmp_path, "NETWORKING=yes\n", extra={"ifcfg-ppp0": ppp}), "BL509") == []


BARE_BOND = 'DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nBONDING_OPTS="mode=1 miimon=100"\n'


@pytest.mark.parametrize(
    ("bond", "extra", "fires"),
    [
        (BARE_BOND, {}, True),
        (BARE_BOND.replace("BOOTPROTO=none\n", ""), {}, True),
        (BARE_BOND + "BRIDGE=br0\n", {}, False),
        (BARE_BOND + "TYPE=OVSPort\nDEVICETYPE=ovs\nOVS_BRIDGE=br-ex\n", {}, False),
        (BARE_BOND, {"ifcfg-vlan10": "DEVICE=vlan10\nVLAN=yes\nPHYSDEV=bond0\nIPADDR=10.0.10.2\n"}, False),
        (BARE_BOND, {"etc/xen/xend-config.sxp": "(network-script 'network-bridge netdev=bond0')\n"}, False),
        (BARE_BOND.replace("none", "dhcp"), {}, False),
    ],
    ids=["bare", "no-bootproto", "bridge-port", "ovs-port", "vlan-physdev", "xen-netdev", "dhcp"],
)
def test_bl510_exemptions(tmp_path: Path, bond: str, extra: dict, fires: bool) -> None:
    assert bool(findings(host(tmp_path, "NETWORKING=yes\n", bond=bond, extra=extra), "BL510")) == fires


@pytest.mark.parametrize(
    ("eth2", "fires"),
    [
        ("DEVICE=eth2\nONBOOT=yes\nIPADDR=10.10.10.119\n", True),
        ("DEVICE=eth2\nONBOOT=no\nIPADDR=10.10.10.119\n", False),
        ("DEVICE=eth2\nONBOOT=yes\nMASTER=bond0\nSLAVE=yes\nIPADDR=10.10.10.119\n", False),
        ("DEVICE=eth2\nONBOOT=yes\nIPADDR=10.10.10.120\n", False),
    ],
    ids=["same-ip", "onboot-no", "slave", "other-ip"],
)
def test_bl511_pairs(tmp_path: Path, eth2: str, fires: bool) -> None:
    got = findings(host(tmp_path, "NETWORKING=yes\n", extra={"ifcfg-eth2": eth2}), "BL511")
    assert bool(got) == fires
    if got:
        assert got[0].related[0].span.path.endswith("ifcfg-bond0")


NET_GW = "NETWORKING=yes\nGATEWAY=10.10.10.1\n"


def test_bl512_onboot_no_devices_alone_are_info(tmp_path: Path) -> None:
    """The seed's eth2/eth3 (dhcp, ONBOOT=no): the first `ifup eth2` replaces the route; info, not a warning."""
    only_ifup = findings(host(tmp_path / "a", NET_GW, extra={"ifcfg-eth2": ETH2_DHCP.replace("yes", "no")}), "BL512")
    at_boot = findings(host(tmp_path / "b", NET_GW, extra={"ifcfg-eth2": ETH2_DHCP}), "BL512")
    assert [f.severity for f in only_ifup] == [Severity.INFO] and "ifup" in only_ifup[0].message
    assert [f.severity for f in at_boot] == [Severity.WARNING]


@pytest.mark.parametrize(
    ("release", "network", "eth2", "fires"),
    [
        ("el5", NET_GW, ETH2_DHCP, True),
        ("el5", NET_GW + "GATEWAYDEV=bond0\n", ETH2_DHCP, False),
        ("el5", NET_GW + 'GATEWAYDEV=""\n', ETH2_DHCP, True),  # empty is unset to `[ -z ]`
        ("el5", NET_GW, ETH2_DHCP.replace("yes", "no"), True),  # `ifup eth2` replaces the route (info)
        ("el6", NET_GW, ETH2_DHCP + "DEFROUTE=no\n", False),
        ("el5", NET_GW, "DEVICE=eth2\nONBOOT=yes\nIPADDR=192.168.1.2\nNETMASK=255.255.255.0\nGATEWAY=192.168.1.1\n", True),
        ("el5", NET_GW, "DEVICE=eth2\nONBOOT=yes\nIPADDR=192.168.1.2\nNETMASK=255.255.255.0\n", False),
        ("el5", "NETWORKING=yes\nGATEWAY=192.168.1.1\n", ETH2_DHCP, False),  # the bond is not the gateway's
    ],
    ids=["seed-case", "gatewaydev-set", "gatewaydev-empty", "onboot-no", "defroute-no", "own-gateway", "static-no-gateway", "bond-not-on-gateway"],
)
def test_bl512_competing_devices(tmp_path: Path, release: str, network: str, eth2: str, fires: bool) -> None:
    got = findings(host(tmp_path, network, extra={"ifcfg-eth2": eth2}, release=release), "BL512")
    assert bool(got) == fires
    if got:
        # Points where the fix goes; the competing device is the first related place.
        assert got[0].path.endswith("sysconfig/network") and "GATEWAYDEV=bond0" in got[0].message
        assert got[0].related[0].span.path.endswith("ifcfg-eth2")


@pytest.mark.parametrize(("value", "fires"), [('"no"', True), ("no", True), ("No", False), ("yes", False)])
def test_bl513_exact_no(tmp_path: Path, value: str, fires: bool) -> None:
    got = findings(host(tmp_path, f"NETWORKING={value}\n"), "BL513")
    assert bool(got) == fires
    assert all(f.severity == Severity.INFO for f in got)


def test_real_hosts_only_known_findings(corpus: Path) -> None:
    """Real hosts: the BL4xx/BL5xx errors and warnings are the reviewed, real ones."""
    import bondlint

    roots = sorted((corpus / "hosts").iterdir())
    report = bondlint.lint(roots, select=["BL4", "BL5"])
    assert not report.failures, report.failures
    got = sorted(
        (Path(f.root).name, f.code)
        for f in report.findings
        if f.severity >= Severity.WARNING
    )
    # skynetfibra: GATEWAYDEV=ens192 while the only ifcfg files are lo and ppp0 (over eno16780032).
    assert got == [("skynetfibra-etc", "BL501")]



# --- BL504 where NetworkManager applies the device: it adds a host route to the gateway (info)

EL9 = {"etc/redhat-release": "Red Hat Enterprise Linux release 9.4 (Plow)\n"}
OUTSIDE = "GATEWAYDEV=bond0\nGATEWAY=10.10.11.1\n"


@pytest.mark.parametrize(
    ("release", "bond_extra", "severity", "words"),
    [
        ("el7", "NM_CONTROLLED=no\n", Severity.ERROR, "ifup-eth installs an on-link default route"),
        # el7's NetworkManager reads every ifcfg file, UUID= or not (UUID= is no evidence)
        ("el7", "", Severity.INFO, "NetworkManager adds a host route"),
        ("el7", "UUID=0c0ffee0-1111-4222-8333-444455556666\n", Severity.INFO, "NetworkManager adds a host route"),
        (None, "", Severity.INFO, "NetworkManager adds a host route"),  # el9: no initscripts
    ],
    ids=["el7-initscripts", "el7-networkmanager-by-default", "el7-networkmanager-with-uuid", "el9-ifcfg-rh"],
)
def test_bl504_consequence_follows_the_consumer(
    tmp_path: Path, release: str | None, bond_extra: str, severity: Severity, words: str
) -> None:
    extra = EL9 if release is None else {}
    (found,) = findings(host(tmp_path, OUTSIDE, bond=BOND0 + bond_extra, release=release, extra=extra), "BL504")
    assert found.severity == severity and words in found.message
    assert found.path.endswith("sysconfig/network")


def test_bl504_nm_gatewaydev_elsewhere_means_never_default(tmp_path: Path) -> None:
    bond = BOND0 + "GATEWAY=10.10.11.1\n"
    root = host(tmp_path, "GATEWAYDEV=eth9\n", bond=bond, release=None, extra=EL9)
    assert findings(root, "BL504") == []


KEYFILE = HOSTS / "BL504-keyfile-gateway-outside-subnet"
BOND_KEYFILE = "etc/NetworkManager/system-connections/bond0.nmconnection"


def _keyfile_host(tmp_path: Path, ipv4: str) -> Path:
    """The fixture host with bond0's [ipv4] body replaced, deployed 0600."""
    copy = tmp_path / "host"
    shutil.copytree(KEYFILE, copy)
    bond = copy / BOND_KEYFILE
    text = bond.read_text()
    bond.write_text(text[: text.index("[ipv4]")] + "[ipv4]\n" + ipv4)
    for f in bond.parent.iterdir():
        f.chmod(0o600)
    return copy


MANUAL = "method=manual\n"


@pytest.mark.parametrize(
    ("ipv4", "where"),
    [
        (MANUAL + "address1=10.20.30.40/24,10.20.31.1\n", (13, 25)),  # the address's gateway
        (MANUAL + "address1=10.20.30.40/24,10.20.30.1\ngateway=10.20.31.1\n", (14, 9)),  # gateway= wins
        (MANUAL + "address1=10.20.30.40/24,10.20.31.1\ngateway=10.20.30.1\n", None),
        (MANUAL + "address1=10.20.30.40/24\ngateway=10.20.31.1\nnever-default=true\n", None),
        (MANUAL + "address1=203.0.113.7/32\ngateway=203.0.113.1\n", None),  # /32: deliberate point-to-point
        ("method=auto\ngateway=10.20.31.1\n", None),
    ],
    ids=["address-gateway", "gateway-key-wins", "gateway-key-inside", "never-default", "slash-32", "dhcp"],
)
def test_bl504_keyfile_gateway(tmp_path: Path, ipv4: str, where: tuple[int, int] | None) -> None:
    found = findings(_keyfile_host(tmp_path, ipv4), "BL504")
    assert [(f.line, f.column, f.severity) for f in found] == ([(*where, Severity.INFO)] if where else [])


@pytest.mark.parametrize(
    ("second", "what"),
    [("10.20.40.0/24", "network"), ("10.20.40.255/24", "broadcast"), ("10.20.40.7/24", None)],
)
def test_bl508_keyfile_second_address(tmp_path: Path, second: str, what: str | None) -> None:
    """Every [ipv4] addressN is an address NetworkManager adds, not only address1."""
    found = findings(_keyfile_host(tmp_path, MANUAL + f"address1=10.20.30.40/24,10.20.30.1\naddress2={second}\n"), "BL508")
    ip = second.split("/")[0]
    expected = [f"[ipv4] address2={ip} is the {what} address of 10.20.40.0/24: no host can use it"] if what else []
    assert [f.message for f in found] == expected
    assert all(f.line == 14 for f in found)


def test_bl504_nm_gives_the_network_files_gateway_to_each_static_profile(tmp_path: Path) -> None:
    """ifcfg-rh reads /etc/sysconfig/network's GATEWAY into every static profile without its own
    (and without GATEWAYDEV): one outside the profile's subnet is reported for that profile."""
    eth2 = "DEVICE=eth2\nBOOTPROTO=none\nIPADDR=192.168.7.5\nPREFIX=24\nONBOOT=yes\n"
    root = host(tmp_path, "GATEWAY=10.10.10.1\n", release=None, extra={**EL9, "ifcfg-eth2": eth2})
    (found,) = findings(root, "BL504")
    assert "of eth2 is outside 192.168.7.0/24" in found.message and found.severity == Severity.INFO
