"""Topology facts the converter computes once: who installs the default route, an interface's
addresses as the release's initscripts read them, SLAVE's reading, VLANs and bridges on a device."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.host import HostModel
from bondlint.model.release import release

RELEASE = {
    "el5": "Red Hat Enterprise Linux Server release 5.11 (Tikanga)\n",
    "el6": "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n",
    "el7": "CentOS Linux release 7.9.2009 (Core)\n",
    "el8": "Red Hat Enterprise Linux release 8.8 (Ootpa)\n",
}
BOND = 'DEVICE=bond0\nBOOTPROTO=none\nIPADDR=10.10.10.119\nNETMASK=255.255.255.0\nBONDING_OPTS="mode=1 miimon=100"\n'


def _host(root: Path, release_name: str, files: dict[str, str]) -> HostModel:
    (root / "etc").mkdir(parents=True, exist_ok=True)
    (root / "etc" / "redhat-release").write_text(RELEASE[release_name])
    for rel, text in files.items():
        path = root / "etc" / "sysconfig" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return build_host(classify(str(root)))


def _scripts(**files: str) -> dict[str, str]:
    return {f"network-scripts/ifcfg-{name}": text for name, text in files.items()}


@pytest.mark.parametrize(("release_name", "defroute_read"), [("el5", False), ("el6", True)])
def test_default_route_carrier_and_rivals(tmp_path: Path, release_name: str, defroute_read: bool) -> None:
    host = _host(tmp_path, release_name, {
        "network": "NETWORKING=yes\nGATEWAY=10.10.10.1\n",
        **_scripts(
            bond0=BOND,
            eth0="DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nBOOTPROTO=dhcp\n",  # a slave: never a rival
            eth2="DEVICE=eth2\nBOOTPROTO=dhcp\nONBOOT=no\n",
            eth3="DEVICE=eth3\nIPADDR=192.168.5.2\nNETMASK=255.255.255.0\nGATEWAY=192.168.5.1\n",
            eth4="DEVICE=eth4\nBOOTPROTO=dhcp\nDEFROUTE=no\n",
            eth5="DEVICE=eth5\nBOOTPROTO=dhcp\nBRIDGE=br0\n",  # a bridge port: its IP settings are not used
        ),
    })
    route = host.default_route
    assert route.carrier is host.interfaces["bond0"]
    assert route.carrier_of_kind("bond") is host.interfaces["bond0"]
    assert route.carrier_of_kind("vlan") is None
    rivals = {r.iface.device: (r.how, r.evidence.text) for r in route.rivals(host.interfaces["bond0"])}
    expected = {"eth2": ("BOOTPROTO=dhcp", "dhcp"), "eth3": ("its own GATEWAY=192.168.5.1", "192.168.5.1")}
    if not defroute_read:  # el5's initscripts do not read DEFROUTE
        expected["eth4"] = ("BOOTPROTO=dhcp", "dhcp")
    assert rivals == expected
    assert host.default_route.nm_gateways == {}  # initscripts apply every file here


def test_networkmanager_gateway_of_a_static_profile(tmp_path: Path) -> None:
    host = _host(tmp_path, "el8", {
        "network": "GATEWAY=10.10.10.1\n",
        **_scripts(bond0=BOND, eth2="DEVICE=eth2\nBOOTPROTO=dhcp\n", eth3="DEVICE=eth3\nIPADDR=10.0.3.2\nDEFROUTE=no\n"),
    })
    assert host.interfaces["bond0"].consumer == "NetworkManager"
    gateways = {device: gw.text for device, gw in host.default_route.nm_gateways.items()}
    assert gateways == {"bond0": "10.10.10.1"}  # DHCP and DEFROUTE=no profiles have no static gateway


@pytest.mark.parametrize(
    ("release_name", "keys", "length"),
    [("el5", ["IPADDR"], 24), ("el6", ["IPADDR", "IPADDR3"], 16), ("el7", ["IPADDR"], 16)],
)
def test_addresses_as_the_release_reads_them(tmp_path: Path, release_name: str, keys: list[str], length: int) -> None:
    """el5 reads IPADDR alone and tests the gateway with NETMASK over PREFIX; el6's expand_config
    reads on past a missing IPADDR2 (it stops at the first gap from 3 on); el7's stops at IPADDR2's gap."""
    host = _host(tmp_path, release_name, _scripts(
        eth2="DEVICE=eth2\nIPADDR=10.1.0.5\nPREFIX=16\nNETMASK=255.255.255.0\nIPADDR3=10.2.0.5\nPREFIX3=24\n",
    ))
    iface = host.interfaces["eth2"]
    assert [a.key for a in iface.initscripts_addresses] == keys
    assert iface.ipv4 is not None and iface.ipv4.length == length
    assert iface.first_address is not None and iface.first_address.key == "IPADDR"
    assert [(a.key, str(a.ip)) for a in iface.addresses][:1] == [("IPADDR", "10.1.0.5")]


@pytest.mark.parametrize(("release_name", "truth"), [("el7", "false"), ("el8", "true")])
def test_slave_as_the_release_initscripts_read_it(tmp_path: Path, release_name: str, truth: str) -> None:
    host = _host(tmp_path, release_name, _scripts(bond0=BOND, eth0="DEVICE=eth0\nMASTER=bond0\nSLAVE=true\n"))
    f = next(f for f in host.live_files() if f.suffix == "eth0")
    assert f.slave.value == truth  # el8's initscripts read SLAVE with is_true; before, only a literal yes


def test_vlans_and_bridges_on_a_bond(tmp_path: Path) -> None:
    host = _host(tmp_path, "el7", _scripts(**{
        "bond0": BOND,
        "bond0.15": "DEVICE=bond0.15\nVLAN=yes\nBRIDGE=br15\n",
        "vlan20": "DEVICE=vlan20\nVLAN=yes\nPHYSDEV=bond0\n",
        "br15": "DEVICE=br15\nTYPE=Bridge\n",
        "eth6": "DEVICE=eth6\nOVS_BRIDGE=ovsbr0\nDEVICETYPE=ovs\n",
    }))
    assert sorted(i.device for i in host.vlans_on("bond0")) == ["bond0.15", "vlan20"]
    assert [i.device for i in host.bridged_vlans("bond0")] == ["bond0.15"]
    assert host.interfaces["bond0.15"].bridge == "br15" and host.interfaces["bond0.15"].bridge_port
    assert host.interfaces["eth6"].bridge is None and host.interfaces["eth6"].bridge_port  # Open vSwitch


def test_who_applies_a_second_file_for_one_device(tmp_path: Path) -> None:
    host = _host(tmp_path, "el7", _scripts(**{"eth1": "DEVICE=eth1\nNM_CONTROLLED=no\n", "eth1.save": "DEVICE=eth1\n"}))
    first, second = sorted((f for f in host.live_files()), key=lambda f: f.suffix)
    assert host.consumer_of(first) == "initscripts"
    assert host.consumer_of(second) is None  # the device is read from the first file (BL011)


def test_release_columns_for_initscripts_addressing() -> None:
    el5, el6, el7 = release("el5"), release("el6"), release("el7")
    assert (el5.master_grep_single_quotes, el6.master_grep_single_quotes) == (False, True)
    assert (el5.hwaddr_check_only, el6.hwaddr_check_only) == (True, False)
    assert (el5.gateway_test_netmask, el6.gateway_test_netmask) == (True, False)
    assert (el5.numbered_ipaddr_optional, el6.numbered_ipaddr_optional, el7.numbered_ipaddr_optional) == (None, 3, 2)
    assert release(None).master_grep_single_quotes and release(None).numbered_ipaddr_optional == 2
