"""The keyfile reader: NetworkManager's view of a profile, as located values."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from bondlint.host import keyfile_reader as kr
from bondlint.syntax.keyfile import parse
from bondlint.syntax import parse_file


def doc(text: str):
    return parse(text, "p.nmconnection")


def test_alias_is_read_only_when_the_canonical_group_is_absent() -> None:
    d = doc("[ethernet]\nmac-address=52:54:00:00:00:01\n")
    assert kr.lookup(d, "802-3-ethernet", "mac-address").raw == "52:54:00:00:00:01"
    both = doc("[802-3-ethernet]\nmtu=9000\n[ethernet]\nmac-address=52:54:00:00:00:01\n")
    assert kr.lookup(both, "802-3-ethernet", "mac-address") is None
    assert kr.split_groups(both) == {"802-3-ethernet": ("802-3-ethernet", "ethernet")}
    assert kr.split_groups(d) == {}


def test_glib_booleans_only_true_false_1_0() -> None:
    for raw, value in (("true", True), ("0", False), ("false  ", False), ("1", True)):
        assert kr.glib_boolean(raw) is value
    for raw in ("yes", "no", "True", "off", ""):
        assert kr.glib_boolean(raw) is None
    located = kr.autoconnect(doc("[connection]\nautoconnect=no\n"))
    assert (located.value, located.origin) == (True, "default")
    assert "keeps true" in located.note and located.span.column == 13
    assert kr.autoconnect(doc("[connection]\n")).origin == "default"
    assert kr.autoconnect(doc("[connection]\nautoconnect=false\n")).value is False


def test_id_type_and_interface_name_fallbacks() -> None:
    d = doc("[connection]\ntype=ethernet\n")
    assert kr.connection_type(d).value == "802-3-ethernet"
    assert kr.profile_id(d, "/etc/NetworkManager/system-connections/eth0.nmconnection").value == "eth0"
    assert kr.profile_id(d, "x/bond0.nmconnection.bak").value == "bond0.nmconnection.bak"
    inferred = kr.connection_type(doc("[802-3-ethernet]\n"))
    assert (inferred.value, inferred.origin) == ("802-3-ethernet", "inferred")
    old = kr.interface_name(doc("[connection]\ntype=bridge\n[bridge]\ninterface-name=br0\n"))
    assert (old.value, old.origin, old.span.line) == ("br0", "deprecated-group", 4)
    assert kr.interface_name(doc("[connection]\ntype=bond\n")) is None
    assert kr.uuid(doc("[connection]\nuuid=ABC\n")).value == "abc"
    assert kr.uuid(doc("[connection]\n")) is None


def test_port_of_controller_port_type_and_conflicts() -> None:
    d = doc("[connection]\nmaster=bond0\nslave-type=bond\ncontroller=bond1\nport-type=bond\n")
    port = kr.port_of(d)
    # master/controller are one field, read in name order: the deprecated key wins.
    assert port.controller.value == "bond0" and port.controller.entry.key == "master"
    assert port.port_type.value == "bond"
    assert [(a.key, b.key) for a, b in port.conflicts] == [("controller", "master")]
    assert [e.key for e in port.written] == ["master", "slave-type", "controller", "port-type"]
    inferred = kr.port_of(doc("[connection]\ncontroller=br0\n[bridge-port]\n"))
    assert (inferred.port_type.value, inferred.port_type.origin) == ("bridge", "inferred")
    bad = kr.port_of(doc("[connection]\nmaster=bond0\nslave-type=bonding\n"))
    assert not bad.port_type_valid
    bare = kr.port_of(doc("[connection]\nmaster=bond0 # eth0\n"))
    assert bare.controller.value == "bond0 # eth0" and bare.port_type is None


def test_mac_addresses() -> None:
    assert kr.normalise_mac("00;22;170;187;204;254;") == "00:16:AA:BB:CC:FE"
    assert kr.normalise_mac("00:11:aa:BB:cc:55") == "00:11:AA:BB:CC:55"
    assert kr.normalise_mac("stable", cloned=True) == "stable"
    assert kr.normalise_mac("stable") is None
    assert kr.normalise_mac("00:11:22:33:44") is None
    macs = kr.mac_addresses(doc("[ethernet]\nmac-address=52:54:00:00:00:0g\ncloned-mac-address=52:54:00:00:00:01\n"))
    assert macs.mac_address is None and [e.key for e in macs.invalid] == ["mac-address"]
    assert macs.cloned_mac_address.value == "52:54:00:00:00:01"
    assert macs.cloned_mac_address.span.line == 3


def test_ipv4_addresses_as_nm_splits_them() -> None:
    d = doc(
        "[ipv4]\nmethod=manual\naddress2=192.0.2.20/24\naddress1=192.0.2.10/24,192.0.2.1\n"
        "address3=198.51.100.7\naddresses4=203.0.113.5;16;203.0.113.1;\naddress5=bogus\ndns=192.0.2.53;\n"
    )
    ip = kr.ipv4(d)
    assert ip.method.value == "manual"
    assert [str(a.value) for a in ip.addresses] == [
        "192.0.2.10/24", "192.0.2.20/24", "198.51.100.7/24", "203.0.113.5/16",
    ]
    assert ip.gateway.value == ipaddress.IPv4Address("192.0.2.1")
    assert (ip.gateway.span.line, ip.gateway.span.column) == (4, 24)
    assert (ip.addresses[0].span.column, ip.addresses[0].span.end_column) == (10, 23)
    assert [e.key for e in ip.invalid] == ["address5"]
    assert [x.value for x in ip.dns] == ["192.0.2.53"]
    assert kr.ipv4(doc("[connection]\n")).method.origin == "default"
    override = kr.ipv4(doc("[ipv4]\naddress1=192.0.2.10/24,192.0.2.1\ngateway=192.0.2.254\n"))
    assert str(override.gateway.value) == "192.0.2.254"


def test_corpus_readers_never_raise(corpus: Path) -> None:
    seen_bond = 0
    for path in sorted((corpus / "keyfiles").iterdir()):
        if path.name == "SOURCES.tsv":
            continue
        d = parse_file(path, kind="keyfile")
        kr.ipv4(d), kr.port_of(d), kr.mac_addresses(d), kr.autoconnect(d), kr.autoconnect_priority(d)
        kr.profile_id(d, path.name)
        if (t := kr.connection_type(d)) is not None and t.value == "bond":
            seen_bond += 1
            assert kr.interface_name(d) is not None, path
    assert seen_bond >= 4
