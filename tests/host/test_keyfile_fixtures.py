"""Our keyfile host fixtures through the whole pipeline: discovery, the reader, the host model, the rules."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bondlint.host import nm_discover
from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.values import NETWORKMANAGER
from bondlint.model.host import HostModel, IfcfgFile, KeyfileProfile
from bondlint.source import Root
from tests.conftest import HOSTS, run_json

SEED = HOSTS / "el9-keyfile-seed"
SC = nm_discover.PROFILE_DIRS[1][1]

#: each seed fault, the ifcfg fixture showing it and its keyfile twin (the note's table)
TWINS = [
    ("BL102", "example-broken-host", "BL102-keyfile-duplicate-mac-address"),
    ("BL108", "example-broken-host", "BL108-keyfile-cloned-mac-vendor-oui"),
    ("BL201", "example-broken-host", "BL201-keyfile-controller-names-no-bond"),
    ("BL209", "example-broken-host", "BL209-keyfile-one-port"),
    ("BL512", "example-broken-host", "BL512-keyfile-dhcp-nic-default-route"),
    ("BL608", "BL608-alb-under-xen-bridge", "BL608-keyfile-alb-under-bridge"),
    ("BL011", "BL011-two-files-one-device", "BL011-keyfile-and-ifcfg-for-eth2"),
]


def build(path: Path) -> HostModel:
    return build_host(classify(str(path)))


def test_seed_is_the_same_host_model_as_ifcfg_would_give() -> None:
    host = build(SEED)
    assert (host.release, host.release_source) == ("el9", "etc/redhat-release")
    assert sorted(host.interfaces) == ["bond0", "br0", "eth0", "eth1", "eth2", "eth3"]
    bond = host.bonds["bond0"]
    assert (bond.consumer, bond.mode, bond.mode_name) == (NETWORKMANAGER, 4, "802.3ad")
    assert [s.device for s in bond.slaves] == ["eth0", "eth1"]
    miimon = bond.setting("miimon")
    assert (miimon.value, miimon.source, miimon.option.span.path.endswith("bond0.nmconnection")) == ("100", "keyfile", True)
    assert host.interfaces["bond0"].bridge == "br0" and host.interfaces["bond0"].macaddr.text == "02:00:10:01:01:19"
    eth0 = host.interfaces["eth0"]
    assert (eth0.kind, eth0.master, eth0.hwaddr.text, eth0.consumer) == ("slave", "bond0", "00:1E:68:37:FA:92", NETWORKMANAGER)
    assert eth0.hwaddr.span.line == 10 and eth0.file.written_as("HWADDR") == "mac-address"
    br0 = host.interfaces["br0"]
    assert (str(br0.ipv4.interface), br0.gateway.text) == ("10.10.10.0/24", "10.10.10.1")
    assert host.interfaces["eth2"].file.autoconnect is False


def test_nm_default_miimon_is_the_effective_value() -> None:
    host = build(HOSTS / "BL303-ok-keyfile-no-miimon-written")
    miimon = host.bonds["bond0"].setting("miimon")
    assert (miimon.value, miimon.option, miimon.source) == ("100", None, "default of NetworkManager")


def test_seed_lints_with_no_warning_or_error() -> None:
    findings = run_json(str(SEED))["findings"]
    assert {(f["code"], f["severity"]) for f in findings} <= {("BL703", "info")}


@pytest.mark.parametrize(("code", "ifcfg", "keyfile"), TWINS, ids=[t[0] for t in TWINS])
def test_each_seed_fault_is_found_by_the_same_code_in_both_formats(code: str, ifcfg: str, keyfile: str) -> None:
    report = run_json(str(HOSTS / ifcfg), str(HOSTS / keyfile))
    roots = {f["root"] for f in report["findings"] if f["code"] == code}
    assert roots == {str(HOSTS / ifcfg), str(HOSTS / keyfile)}


def test_mixed_host_is_one_host_and_nm_uses_the_keyfile() -> None:
    host = build(HOSTS / "BL011-keyfile-and-ifcfg-for-eth2")
    eth2 = host.interfaces["eth2"]
    assert isinstance(eth2.file, KeyfileProfile)
    assert [type(p) for p in eth2.profiles] == [KeyfileProfile, IfcfgFile]
    assert host.nm.plugins == ("keyfile", "ifcfg-rh")


def test_el10_ifcfg_files_are_read_by_nothing() -> None:
    host = build(HOSTS / "BL709-el10-ifcfg-only")
    assert host.release == "el10" and not host.nm.ifcfg_read
    assert host.interfaces == {} and not any(f.live for f in host.ifcfg_files)
    ok = build(HOSTS / "BL709-ok-el9-ifcfg-rh-plugin")
    assert ok.nm.ifcfg_read and "bond0" in ok.bonds and ok.bonds["bond0"].consumer == NETWORKMANAGER


def _deployed_copy(tmp_path: Path, mode: int, uid: int = 0) -> Path:
    copy = tmp_path / "host"
    shutil.copytree(SEED, copy)
    for f in (copy / SC).iterdir():
        f.chmod(mode)
        if uid:
            os.chown(f, uid, -1)
    return copy


def test_bl703_per_file_outside_a_checkout(tmp_path: Path) -> None:
    if nm_discover.version_control(Root(str(tmp_path))) is not None:
        pytest.skip("the temporary directory is inside a version-control checkout")
    insecure = run_json(str(_deployed_copy(tmp_path, 0o644)))["findings"]
    mine = [f for f in insecure if f["code"] == "BL703"]
    assert len(mine) == 6 and all(f["severity"] == "error" and "0644" in f["message"] for f in mine)
    # NetworkManager does not load them, so the model holds no keyfile bond (one cause, one finding each)
    assert {f["code"] for f in insecure} == {"BL703"}
    shutil.rmtree(tmp_path / "host")
    assert [f for f in run_json(str(_deployed_copy(tmp_path, 0o600)))["findings"] if f["code"] == "BL703"] == []


def test_bl703_owner_not_root(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("changing a file's owner needs root")
    if nm_discover.version_control(Root(str(tmp_path))) is not None:
        pytest.skip("the temporary directory is inside a version-control checkout")
    mine = [f for f in run_json(str(_deployed_copy(tmp_path, 0o600, uid=1000)))["findings"] if f["code"] == "BL703"]
    assert len(mine) == 6 and "uid 1000" in mine[0]["message"]


def test_ifcfg_bond_with_keyfile_ports_is_one_bond(tmp_path: Path) -> None:
    """A half-migrated RHEL 9 host: the bond still in ifcfg, its ports already keyfiles."""
    (tmp_path / "etc/sysconfig/network-scripts").mkdir(parents=True)
    (tmp_path / SC).mkdir(parents=True)
    (tmp_path / "etc/redhat-release").write_text("Red Hat Enterprise Linux release 9.4 (Plow)\n")
    (tmp_path / "etc/sysconfig/network-scripts/ifcfg-bond0").write_text(
        'DEVICE=bond0\nTYPE=Bond\nBONDING_OPTS="mode=active-backup miimon=100"\nONBOOT=yes\n'
    )
    for n in (0, 1):
        f = tmp_path / SC / f"eth{n}.nmconnection"
        f.write_text(f"[connection]\nid=eth{n}\ntype=ethernet\ninterface-name=eth{n}\ncontroller=bond0\nport-type=bond\n")
        f.chmod(0o600)
    host = build(tmp_path)
    bond = host.bonds["bond0"]
    assert isinstance(bond.interface.file, IfcfgFile) and bond.consumer == NETWORKMANAGER
    assert [(s.device, type(s.file)) for s in bond.slaves] == [("eth0", KeyfileProfile), ("eth1", KeyfileProfile)]
