"""Our keyfile host fixtures, read through discovery and the reader as phase 2's builder will."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bondlint.host import keyfile_reader as kr
from bondlint.host import nm_bond, nm_discover
from bondlint.host.releases import consumers_for, parse_release
from bondlint.source import Root
from bondlint.syntax import parse_file
from tests.conftest import FIXTURES, HOSTS

SEED = HOSTS / "el9-keyfile-seed"
PENDING = FIXTURES / "keyfile-pending"
NAME = re.compile(r"^(BL\d{3})-[a-z0-9.-]+$")


def profiles(root: Path) -> dict[str, object]:
    found = nm_discover.discover(Root(root))
    docs = {}
    for cand in found.profiles:
        doc = parse_file(root / cand.rel, kind="keyfile")
        assert doc.problems == (), cand.rel
        docs[kr.interface_name(doc).value] = doc
    return docs


def test_seed_reads_as_rhel9_bond_bridge_gateway(tmp_path: Path) -> None:
    release = parse_release("etc/redhat-release", (SEED / "etc/redhat-release").read_text())
    assert release.release == "el9" and consumers_for(release.release).new_profiles == "keyfile"
    docs = profiles(SEED)
    assert sorted(docs) == ["bond0", "br0", "eth0", "eth1", "eth2", "eth3"]
    bond = nm_bond.read_bond(docs["bond0"])
    assert (bond.mode.value, bond.applied("miimon"), nm_bond.verify_errors(bond)) == ("802.3ad", "100", ())
    assert kr.port_of(docs["bond0"]).controller.value == "br0"
    for eth in ("eth0", "eth1"):
        port = kr.port_of(docs[eth])
        assert (port.controller.value, port.port_type.value) == ("bond0", "bond")
    ip = kr.ipv4(docs["br0"])
    assert [str(a.value) for a in ip.addresses] == ["10.10.10.119/24"] and str(ip.gateway.value) == "10.10.10.1"
    assert kr.mac_addresses(docs["bond0"]).cloned_mac_address.value == "02:00:10:01:01:19"
    assert not kr.autoconnect(docs["eth2"]).value
    # Deployed as written (0600, root) the seed passes NetworkManager's permission check.
    copy = tmp_path / "host"
    shutil.copytree(SEED, copy)
    for f in (copy / nm_discover.PROFILE_DIRS[1][1]).iterdir():
        f.chmod(0o600)
    facts = [c.facts for c in nm_discover.discover(Root(copy)).profiles]
    assert all(not f.insecure_mode for f in facts)


@pytest.mark.parametrize("fixture", sorted(p.name for p in PENDING.iterdir() if p.is_dir()))
def test_pending_fixtures_are_named_and_read(fixture: str) -> None:
    assert NAME.match(fixture), fixture
    root = PENDING / fixture
    assert (root / "etc/redhat-release").is_file()
    found = nm_discover.discover(Root(root))
    for cand in found.profiles:
        assert parse_file(root / cand.rel, kind="keyfile").problems == (), cand.rel


def test_pending_faults_are_in_the_files() -> None:
    """Each twin differs from the seed by its fault, read as NetworkManager reads it."""
    dup = profiles(PENDING / "BL102-keyfile-duplicate-mac-address")
    assert kr.mac_addresses(dup["eth2"]).mac_address.value == kr.mac_addresses(dup["eth3"]).mac_address.value
    missing = profiles(PENDING / "BL201-keyfile-controller-names-no-bond")
    assert kr.port_of(missing["eth1"]).controller.value == "bond1" and "bond1" not in missing
    assert "eth1" not in profiles(PENDING / "BL209-keyfile-one-port")
    alb = profiles(PENDING / "BL608-keyfile-alb-under-bridge")
    assert nm_bond.read_bond(alb["bond0"]).mode.value == "balance-alb"
    el10 = PENDING / "BL709-el10-ifcfg-only"
    release = parse_release("etc/redhat-release", (el10 / "etc/redhat-release").read_text())
    assert not consumers_for(release.release).ifcfg_read
    assert nm_discover.discover(Root(el10)).profiles == ()
