"""[bond] options as NetworkManager reads, normalises, verifies and applies them."""

from __future__ import annotations

import pytest

from bondlint.host import nm_bond
from bondlint.syntax.keyfile import parse


def bond(options: str) -> nm_bond.NmBond:
    found = nm_bond.read_bond(parse("[connection]\ntype=bond\ninterface-name=bond0\n[bond]\n" + options, "b"))
    assert found is not None
    return found


def test_no_bond_group() -> None:
    assert nm_bond.read_bond(parse("[connection]\n", "x")) is None


def test_numeric_mode_is_normalised_and_spans_kept() -> None:
    b = bond("mode=4\nxmit_hash_policy=1\n")
    assert (b.mode.value, b.mode.origin, b.mode.span.line) == ("802.3ad", "file", 5)
    assert b.kept["xmit_hash_policy"].value == "layer3+4"
    assert b.kept["xmit_hash_policy"].written == "1"


@pytest.mark.parametrize("mode_line", ["", "mode=802.3AD\n", "mode=lacp\n", "mode=7\n", "mode=4 \n"])
def test_missing_or_invalid_mode_is_balance_rr(mode_line: str) -> None:
    b = bond(mode_line + "miimon=100\n")
    assert (b.mode.value, b.mode.origin) == ("balance-rr", "default")
    assert "balance-rr" in b.mode.note
    assert [d.entry.key for d in b.dropped] == (["mode"] if mode_line else [])


def test_unknown_names_and_bad_values_are_dropped_alone() -> None:
    b = bond("mode=active-backup\nlacp-rate=fast\nmax_bonds=2\nmiimon=-1\nad_select=none\narp_ip_target=1.2.3\n"
             "interface-name=bond0\n")
    assert {d.entry.key: d.reason for d in b.dropped} == {
        "lacp-rate": "invalid option 'lacp-rate'",
        "max_bonds": "invalid option 'max_bonds'",
        "miimon": "invalid value '-1' for option 'miimon'",
        "ad_select": "invalid value 'none' for option 'ad_select'",
        "arp_ip_target": "invalid value '1.2.3' for option 'arp_ip_target'",
    }
    assert list(b.kept) == ["mode"]


def test_unsupported_in_mode_is_stripped_but_hash_policy_kept() -> None:
    b = bond("mode=802.3ad\narp_interval=100\narp_ip_target=192.0.2.1\npackets_per_slave=1\nxmit_hash_policy=layer2+3\n")
    assert [o.name for o in b.stripped] == ["arp_interval", "arp_ip_target", "packets_per_slave"]
    assert "xmit_hash_policy" in b.kept and "arp_interval" not in b.kept
    b = bond("mode=active-backup\nxmit_hash_policy=layer3+4\nfail_over_mac=active\n")
    assert b.stripped == () and b.applied("xmit_hash_policy") == "layer3+4"


def test_applied_values() -> None:
    plain = bond("mode=802.3ad\n")
    assert plain.applied("miimon") == "100"  # NetworkManager's default, unlike initscripts
    assert plain.applied("lacp_rate") == "slow"
    assert plain.applied("primary") is None  # unsupported in 802.3ad
    assert plain.applied("ad_actor_system") == "00:00:00:00:00:00"
    arp = bond("mode=active-backup\narp_interval=200\narp_ip_target=192.0.2.1\n")
    assert (arp.applied("miimon"), arp.applied("arp_interval")) == ("0", "200")
    both = bond("mode=active-backup\nmiimon=100\narp_interval=200\narp_ip_target=192.0.2.1\n")
    assert (both.applied("arp_interval"), both.applied("arp_ip_target")) == ("0", "")
    alias = bond("mode=active-backup\nactive_slave=eth1\n")
    assert (alias.applied("primary"), alias.applied("active_slave")) == ("eth1", None)
    grat = bond("mode=active-backup\nnum_unsol_na=3\n")
    assert grat.applied("num_grat_arp") == grat.applied("num_unsol_na") == "3"
    slb = bond("mode=balance-xor\nbalance_slb=1\n")
    assert slb.applied("xmit_hash_policy") == "vlan+srcmac"


@pytest.mark.parametrize(
    ("options", "checks"),
    [
        ("mode=802.3ad\nmiimon=100\n", []),
        ("mode=balance-alb\narp_interval=100\narp_ip_target=192.0.2.1\n", ["arp-with-tlb-alb"]),
        ("mode=802.3ad\nprimary=eth0\n", ["primary-mode"]),
        ("mode=active-backup\nmiimon=0\nupdelay=200\n", ["delay-without-miimon"]),
        ("mode=active-backup\nupdelay=200\n", []),  # miimon defaults to 100 in verify()
        ("mode=active-backup\nmiimon=100\npeer_notif_delay=150\n", ["peer-notif-delay"]),
        ("mode=active-backup\nmiimon=0\npeer_notif_delay=200\n", ["peer-notif-delay"]),
        ("mode=active-backup\narp_interval=100\n", ["arp-without-target"]),
        ("mode=active-backup\narp_ip_target=192.0.2.1\n", ["target-without-arp"]),
        ("mode=active-backup\nlacp_rate=fast\n", ["lacp-rate-mode"]),
        ("mode=active-backup\nlacp_rate=0\n", []),
        ("mode=active-backup\nnum_grat_arp=2\nnum_unsol_na=3\n", ["grat-arp-unsol-na"]),
        ("mode=active-backup\nbalance_slb=1\n", ["balance-slb-mode"]),
        ("mode=balance-xor\nbalance_slb=1\nxmit_hash_policy=layer2\n", ["balance-slb-hash"]),
        ("mode=802.3ad\narp_interval=100\n", ["arp-without-target"]),  # checked before stripping
    ],
)
def test_verify_errors(options: str, checks: list[str]) -> None:
    errors = nm_bond.verify_errors(bond(options), (1, 58))
    assert [e.check for e in errors] == checks
    for error in errors:
        assert error.spans and all(s.line >= 5 for s in error.spans)


def test_infiniband_needs_active_backup() -> None:
    assert [e.check for e in nm_bond.verify_errors(bond("mode=802.3ad\n"), has_infiniband_port_setting=True)] == ["infiniband-mode"]


@pytest.mark.parametrize(
    ("options", "version", "checks"),
    [
        # arp_missed_max: balance-tlb/alb refused from 1.44, 802.3ad only from 1.58 (semantics-notes §8)
        ("mode=balance-alb\narp_missed_max=3\n", (1, 42), []),
        ("mode=balance-alb\narp_missed_max=3\n", (1, 44), ["arp-missed-max-mode"]),
        ("mode=802.3ad\narp_missed_max=3\n", (1, 46), []),
        ("mode=802.3ad\narp_missed_max=3\n", (1, 58), ["arp-missed-max-8023ad"]),
        # balance_slb exists from 1.42
        ("mode=active-backup\nbalance_slb=1\n", (1, 40), []),
        ("mode=active-backup\nbalance_slb=1\n", (1, 42), ["balance-slb-mode"]),
        # an unknown version keeps only the checks every version has
        ("mode=active-backup\nlacp_rate=fast\n", None, []),
        ("mode=active-backup\narp_interval=100\n", None, ["arp-without-target"]),
    ],
)
def test_verify_keeps_the_checks_of_the_networkmanager_version(options: str, version: tuple[int, int] | None, checks: list[str]) -> None:
    assert [e.check for e in nm_bond.verify_errors(bond(options), version)] == checks
