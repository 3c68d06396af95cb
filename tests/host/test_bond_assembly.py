"""One bond assembly for both formats (host/bond_assembly.py): an ifcfg bond NetworkManager applies and
its keyfile twin (the same options in ``[bond]``) are the same Bond: mode, effective options and their
defaults, miimon, what normalisation strips, verify()'s verdict."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.host import Bond, HostModel

RELEASE = "Red Hat Enterprise Linux release 8.8 (Ootpa)\n"  # NetworkManager 1.40 applies ifcfg files
WANTS = "etc/systemd/system/multi-user.target.wants"


def _root(root: Path, files: dict[str, str]) -> HostModel:
    (root / "etc").mkdir(parents=True)
    (root / "etc/redhat-release").write_text(RELEASE)
    (root / WANTS).mkdir(parents=True)
    os.symlink("/usr/lib/systemd/system/NetworkManager.service", root / WANTS / "NetworkManager.service")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        path.chmod(0o600)
    return build_host(classify(str(root)))


def ifcfg_host(root: Path, options: str) -> HostModel:
    return _root(root, {"etc/sysconfig/network-scripts/ifcfg-bond0":
                        f'DEVICE=bond0\nTYPE=Bond\nBONDING_MASTER=yes\nONBOOT=yes\nBONDING_OPTS="{options}"\n'})


def keyfile_host(root: Path, options: str) -> HostModel:
    bond = "".join(f"{word}\n" for word in options.split())
    return _root(root, {"etc/NetworkManager/system-connections/bond0.nmconnection":
                        "[connection]\nid=bond0\nuuid=5d3b7a2e-4c1f-4e8a-9b6d-2f0c1a7e3b10\ntype=bond\n"
                        f"interface-name=bond0\n[bond]\n{bond}"})


def facts(bond: Bond) -> dict[str, object]:
    """The facts a bond has whatever its file: not the words as written (raw ``4`` or canonical ``802.3ad``)."""
    return {
        "consumer": bond.consumer,
        "mode": bond.mode,
        "mode_valid": bond.mode_valid,
        "mode_written": bond.mode_option is not None,
        "effective": {k: (s.value, s.option is None, s.source.startswith("default")) for k, s in bond.effective.items()},
        "defaults": {k: s.value for k, s in bond.defaults.items()},
        "miimon": bond.miimon,
        "applied": sorted(w.key for w in bond.applied),
        "stripped": sorted(w.key for w in bond.nm_stripped),
        "rejected_by": [e.check for e in bond.rejected_by],
    }


@pytest.mark.parametrize(
    "options",
    [
        "mode=802.3ad miimon=100 lacp_rate=1 xmit_hash_policy=layer3+4",
        "mode=foo miimon=200",  # an unknown mode: NetworkManager drops it, balance-rr, no mode written
        "mode=6 miimon=100 tlb_dynamic_lb=0 lacp_rate=slow",  # lacp_rate stripped outside 802.3ad
        "mode=4 miimon=100 arp_interval=100 arp_ip_target=10.0.0.1",  # ARP stripped in 802.3ad
        "mode=active-backup arp_interval=1000 arp_ip_target=10.0.0.1 primary=eth0",  # miimon 0 under ARP
        "mode=balance-rr miimon=abc updelay=200",  # an invalid miimon dropped: the default 100
    ],
    ids=["8023ad", "unknown-mode", "alb-stripped", "arp-stripped", "arp-monitor", "invalid-miimon"],
)
def test_an_ifcfg_bond_and_its_keyfile_twin_are_one_bond(tmp_path: Path, options: str) -> None:
    ifcfg = ifcfg_host(tmp_path / "ifcfg", options).bonds["bond0"]
    keyfile = keyfile_host(tmp_path / "keyfile", options).bonds["bond0"]
    assert ifcfg.interface.keyfile is None and keyfile.interface.keyfile is not None
    assert facts(ifcfg) == facts(keyfile)
    assert facts(ifcfg)["consumer"] == "NetworkManager"


def test_the_unknown_mode_reads_as_networkmanager_reads_it(tmp_path: Path) -> None:
    """The case the two assemblies used to disagree on: the ifcfg bond kept the dropped word as its mode."""
    bond = ifcfg_host(tmp_path, "mode=foo miimon=200").bonds["bond0"]
    assert (bond.mode, bond.mode_valid, bond.mode_option) == (0, False, None)
    assert bond.mode_source == "default of NetworkManager"


def test_a_profile_verify_rejects_is_rejected_in_both_formats(tmp_path: Path) -> None:
    """verify() is the same check over either format: the ifcfg bond carries it, the keyfile is not loaded."""
    options = "mode=balance-rr miimon=100 lacp_rate=fast"
    ifcfg = ifcfg_host(tmp_path / "ifcfg", options).bonds["bond0"]
    host = keyfile_host(tmp_path / "keyfile", options)
    assert "bond0" not in host.bonds
    assert [e.check for e in ifcfg.rejected_by] == [e.check for e in host.keyfiles[0].verify_errors] == ["lacp-rate-mode"]


def test_initscripts_read_the_words_as_the_kernel_does(tmp_path: Path) -> None:
    """The same assembly under initscripts (NM_CONTROLLED=no): an invalid mode write is refused, the
    last valid one stays, and the word is kept as the mode written (BL302's)."""
    root = tmp_path / "h"
    host = _root(root, {"etc/sysconfig/network-scripts/ifcfg-bond0":
                        'DEVICE=bond0\nTYPE=Bond\nNM_CONTROLLED=no\nBONDING_OPTS="mode=4 mode=foo"\n'})
    bond = host.bonds["bond0"]
    assert (bond.consumer, bond.mode, bond.mode_valid, bond.mode_option.value) == ("initscripts", 4, False, "foo")
    assert bond.miimon == 100 and bond.rejected_by == ()  # RHEL 8's kernel default; no verify() on initscripts' path
