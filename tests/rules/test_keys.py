"""BL013: which key names are typos, on real host trees, and what the real files written by others hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bondlint.host.spelling import edit_distance, ifcfg_known_keys as known_keys
from tests.rules._hosts import findings, write_host

SLAVE = "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n"


@pytest.mark.parametrize(
    ("line", "suggestion"),
    [
        ("NM_CONTROLER=no", "NM_CONTROLLED"),  # the three
        ("UESCTL=no", "USERCTL"),  # a swap and a missing letter: two edits
        ("USRCTL=no", "USERCTL"),
        ("MASTR=bond0", "MASTER"),
        ('BONDING_OPT="mode=1"', "BONDING_OPTS"),
        ("IPADDR_2=192.0.2.2", "IPADDR2"),  # numbered keys are suggested with their digits
        ("GATWAY1=192.0.2.1", "GATEWAY1"),
        ("ETHTOOL_OPT='-K eth0 gro off'", "ETHTOOL_OPTS"),
        ("userctl=no", "USERCTL"),  # bash names are case-sensitive
    ],
)
def test_typos_fire_with_the_suggestion(tmp_path: Path, line: str, suggestion: str) -> None:
    root = write_host(tmp_path, {"ifcfg-eth0": SLAVE + line + "\n"})
    found = findings(root, "BL013")
    assert len(found) == 1, [f.message for f in found]
    assert found[0].line == 5 and found[0].column == 1
    assert found[0].message.endswith(f"did you mean {suggestion}?")


@pytest.mark.parametrize(
    "line",
    [
        "IPADDR3=192.0.2.3",  # numbered: initscripts' eval '$'IPADDR$idx, NM's IS_NUMBERED
        "DNS3=192.0.2.53",
        "GATEWAY12=192.0.2.1",
        "OVS_BRIDGE=br0",  # Open vSwitch's ifup-ovs
        "PERSISTENT_DHCLIENT=yes",
        "PEERNTP=no",  # dhclient-script
        "ZONE=internal",  # firewalld
        "NM_USER_OWNER=ops",  # NetworkManager's NM_USER_* prefix
        "MTUU=1500",  # under five characters: never guessed
        "RACK=r12",
        "SITE_CONTACT=ops",  # an admin's own variable, far from every known key
    ],
)
def test_known_short_and_unrelated_keys_are_silent(tmp_path: Path, line: str) -> None:
    root = write_host(tmp_path, {"ifcfg-eth0": SLAVE + line + "\n"})
    assert findings(root, "BL013") == []


def test_ignored_backup_copies_are_not_read(tmp_path: Path) -> None:
    root = write_host(tmp_path, {"ifcfg-eth0": SLAVE, "ifcfg-eth0.bak": SLAVE + "NM_CONTROLER=no\n"})
    assert findings(root, "BL013") == []


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("USERCTL", "USERCTL", 0), ("USRCTL", "USERCTL", 1), ("UESCTL", "USERCTL", 2), ("ONBOTO", "ONBOOT", 1), ("MODE", "BONDING_OPTS", 3)],
)
def test_edit_distance_counts_a_swap_as_one_edit(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 3) == distance


def test_key_list_holds_every_consumer_and_no_guess() -> None:
    keys = known_keys()
    for key in ("BONDING_OPTS", "BONDING_MASTER", "NM_CONTROLLED", "USERCTL", "HWADDR", "MACADDR", "ETHTOOL_OPTS", "DHCLIENTARGS", "TEAM_CONFIG", "OVS_BRIDGE", "ZONE"):
        assert keys.knows(key), key
    assert {"IPADDR", "PREFIX", "NETMASK", "GATEWAY", "DNS"} <= keys.numbered
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", k) for k in keys.plain)


def test_no_false_alarm_on_real_ifcfg_files(tmp_path: Path, corpus: Path) -> None:
    """Every ifcfg file written by others, each as the only file of a host tree.

    Reviewed by hand (the 37 keys of these files that no consumer reads, such as
    SUSE's STARTMODE and BONDING_MODULE_OPTS or pppoe's CLAMPMSS, are all more than two
    edits from a known key): none of them is a typo, so BL013 must stay silent.
    """
    sources = sorted(p for p in (corpus / "ifcfg").iterdir() if p.is_file())
    sources += sorted(corpus.glob("hosts/*/etc/sysconfig/network-scripts/ifcfg-*"))
    roots = []
    for i, src in enumerate(sources):
        name = re.sub(r"[^A-Za-z0-9._:-]", "_", src.name.rsplit("ifcfg-", 1)[-1]) or "x"
        roots.append(write_host(tmp_path / f"r{i}", {f"ifcfg-{name}": src.read_bytes()}, release=None))
    hits = [f for root in roots for f in findings(root, "BL013")]
    assert len(sources) > 300
    assert hits == [], [(f.path, f.message) for f in hits]
