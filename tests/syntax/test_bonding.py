"""The /proc/net/bonding parser against real driver output of every generation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bondlint.syntax import detect_kind, parse_file, parse_text
from bondlint.syntax.bonding import BondingDocument, Field, dump, parse

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "proc-bonding"
FIXTURES = REPO / "fixtures" / "syntax" / "bonding"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "bonding"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []


def corpus_doc(name: str) -> BondingDocument:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {path} not present (tests read ../shared/corpus in place)")
    doc = parse(path.read_text(), str(path))
    assert isinstance(doc, BondingDocument)
    return doc


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_parses_and_round_trips(path: Path) -> None:
    text = path.read_text()
    doc = parse_text(text, "bonding", str(path))
    assert isinstance(doc, BondingDocument)
    assert doc.render() == text
    assert doc.problems == ()
    # Every line is accounted for once, in order, with a span on its own line.
    assert [line.span.line for line in doc.lines] == list(range(1, len(doc.lines) + 1))


def test_corpus_present() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not present at {CORPUS}")
    assert len(corpus_files()) >= 20


def test_rhel5_v324_aggregator_split_and_stray_line() -> None:
    doc = corpus_doc("insights__test_bond.BONDINFO_MODE_4")
    assert doc.driver_version is not None
    assert doc.driver_version.value == "v3.2.4 (January 28, 2008)"
    assert (doc.mode_name, doc.mode_number, doc.miimon) == ("802.3ad", 4, 500)
    assert doc.xmit_hash_policy == "layer2"
    assert doc.lacp_rate == "slow"
    assert doc.active_aggregator_id == 3
    assert doc.active_aggregator_ports == 1
    assert doc.partner_mac == "00:00:00:00:00:00"
    assert [(s.name, s.aggregator_id, s.speed, s.duplex) for s in doc.slaves] == [
        ("eth1", 3, 1000, "full"),
        ("eth2", 2, 1000, "full"),
    ]
    # The bare "Speed" line in eth2 is kept as an unknown line, not a field.
    stray = [line for line in doc.lines if getattr(line, "kind", None) == "other"]
    assert [(line.text, line.span.line) for line in stray] == [("Speed", 31)]
    assert doc.slave("eth2") is not None and doc.slave("eth2").permanent_hwaddr == "00:16:35:5e:02:7e"


def test_v371_details_blocks_and_churn() -> None:
    doc = corpus_doc("insights__test_bond.BOND_MODE_4")
    assert (doc.mode_number, doc.miimon, doc.updelay, doc.downdelay) == (4, 100, 2000, 1000)
    assert doc.system_mac == "08:00:27:99:a3:6b"
    assert doc.active_aggregator_id == 1
    up, down = doc.slaves
    assert (up.name, up.mii_status, up.aggregator_id) == ("enp0s9", "up", 1)
    assert (up.actor_churn_state, up.partner_churn_state) == ("none", "churned")
    assert (up.actor_port_state, up.partner_port_state) == (77, 1)
    assert up.partner_mac == "00:00:00:00:00:00"
    assert (down.name, down.mii_status, down.speed, down.duplex) == ("enp0s8", "down", None, "unknown")
    assert (down.aggregator_id, down.actor_churn_state) == (2, "churned")
    assert (down.actor_port_state, down.partner_port_state) == (69, 1)
    # The details keys stay in their blocks: they do not shadow the slave's own fields.
    assert up.get("port state") is None
    assert [s.title for s in up.sections] == ["details actor lacp pdu", "details partner lacp pdu"]


def test_kernel_515_format() -> None:
    doc = corpus_doc("sergeynowitzki-otus__bond0.lacp-kernel5.15")
    assert doc.driver_version is not None and doc.driver_version.value == "v5.15.0-91-generic"
    assert doc.bond.value("Peer Notification Delay (ms)") == "0"
    assert doc.ad_info is not None and doc.ad_info.value("LACP active") == "on"
    assert doc.lacp_rate == "fast"
    assert (doc.active_aggregator_id, doc.active_aggregator_ports) == (1, 2)
    assert doc.partner_mac == "8a:a3:b3:dc:c5:fb"
    assert [(s.name, s.actor_port_state, s.partner_port_state) for s in doc.slaves] == [
        ("eth1", 15, 55),
        ("eth2", 63, 63),
    ]
    assert [s.partner_churn_state for s in doc.slaves] == ["churned", "none"]


def test_no_active_aggregator_and_na_ids() -> None:
    doc = corpus_doc("telegraf__bond_test.sampleTest802")
    assert doc.no_active_aggregator is not None
    assert doc.no_active_aggregator.line == 14
    assert doc.active_aggregator is None and doc.active_aggregator_id is None
    assert [(s.name, s.aggregator_id, s.link_failure_count, s.speed) for s in doc.slaves] == [
        ("eth1", None, 0, None),
        ("eth2", None, 3, None),
    ]


def test_active_backup_primary_reselect_and_empty_hwaddr() -> None:
    doc = corpus_doc("telegraf__bond_test.sampleTestAB")
    assert (doc.mode_name, doc.mode_number) == ("active-backup", 1)
    assert (doc.primary_slave, doc.active_slave) == ("eth2", "eth2")
    assert [(s.name, s.mii_status, s.link_failure_count, s.permanent_hwaddr) for s in doc.slaves] == [
        ("eth3", "down", 2, None),
        ("eth2", "up", 0, None),
    ]
    assert doc.slave("eth2") is not None and doc.slave("eth2").queue_id is None


def test_fail_over_mac_suffix_and_primary_none() -> None:
    doc = corpus_doc("yogsottot-otus__bond0.activebackup-after-ifdown")
    assert (doc.mode_name, doc.fail_over_mac) == ("active-backup", "active")
    assert (doc.primary_slave, doc.active_slave) == (None, "eth2")
    assert (doc.updelay, doc.downdelay) == (200, 200)
    assert [s.name for s in doc.slaves] == ["eth2"]


def test_arp_monitoring() -> None:
    doc = corpus_doc("domcleal-augeas__test_procnetbonding.activebackup")
    assert (doc.arp_interval, doc.arp_ip_targets) == (1000, ("169.254.144.20", "169.254.144.21"))
    assert doc.active_slave == "eth1" and doc.primary_slave is None
    assert [(s.name, s.link_failure_count, s.speed, s.duplex) for s in doc.slaves] == [
        ("eth0", 1, None, None),
        ("eth1", 0, None, None),
    ]


def test_old_driver_without_blank_after_header() -> None:
    doc = corpus_doc("kernel-doc-rhel4__bond0.mode0-2.6.1")
    assert doc.driver_version is not None and doc.driver_version.value == "2.6.1 (October 29, 2004)"
    assert (doc.mode_name, doc.miimon, doc.active_slave) == ("balance-rr", 1000, "eth0")
    assert [s.name for s in doc.slaves] == ["eth1", "eth0"]


def test_space_indented_aggregator_info() -> None:
    doc = corpus_doc("domcleal-augeas__test_procnetbonding.aggregation")
    assert doc.xmit_hash_policy == "layer2+3"
    assert doc.active_aggregator is not None
    assert doc.active_aggregator.value("Partner Key") == "16385"
    assert [s.aggregator_id for s in doc.slaves] == [2, 2, 3, 3]
    # Aggregator fields are in the sub-section, not the 802.3ad block itself.
    assert doc.ad_info is not None and doc.ad_info.get("Aggregator ID") is None


@pytest.mark.parametrize(
    ("name", "mode"),
    [
        ("insights__test_bond.BONDINFO_1", ("balance-rr", 0)),
        ("insights__test_bond.BONDINFO_MODE_2", ("balance-xor", 2)),
        ("insights__test_bond.BONDINFO_MODE_7", ("active-backup", 1)),
        ("inspec__bond0", ("802.3ad", 4)),
    ],
)
def test_mode_names(name: str, mode: tuple[str, int]) -> None:
    doc = corpus_doc(name)
    assert (doc.mode_name, doc.mode_number) == mode


def test_unusable_files_give_no_mode_and_no_exception() -> None:
    corrupt = corpus_doc("insights__test_bond.BONDINFO_CORRUPT")
    assert corrupt.mode_name is None and corrupt.slaves == ()
    # Fields before any header stay bond-level, the empty "Aggregator ID:" included.
    assert corrupt.bond.value("Aggregator ID") == ""
    unknown = corpus_doc("insights__test_bond.BONDINFO_UNKNOWN_BOND_MODE")
    assert unknown.mode_field is not None and unknown.mode_name is None and unknown.mode_number is None


def test_field_spans_point_at_key_and_value() -> None:
    text = "Slave Interface: eth0\n\tAggregator ID:   7 \r\n"
    doc = parse(text, "bond0")
    field = doc.slaves[0].get("aggregator id")
    assert isinstance(field, Field)
    assert (field.key, field.value) == ("Aggregator ID", "7")
    assert text[field.key_span.start : field.key_span.end] == "Aggregator ID"
    assert text[field.value_span.start : field.value_span.end] == "7"
    assert (field.value_span.line, field.value_span.column) == (2, 19)
    assert field.span.path == "bond0"


def test_unknown_keys_and_lines_are_kept() -> None:
    text = "Bonding Mode: transmit load balancing\nFuture Knob (ms): 5\nsomething new\n\nSlave Interface: eth0\nNew Slave Key: x\n"
    doc = parse(text, None)
    assert doc.mode_number == 5
    assert doc.bond.value("Future Knob (ms)") == "5"
    assert doc.slaves[0].value("New Slave Key") == "x"
    assert doc.render() == text


def test_detect_kind_and_parse_file_on_fixture() -> None:
    path = FIXTURES / "rhel5-v3.2.4-802.3ad"
    doc = parse_file(path, kind="bonding")
    assert isinstance(doc, BondingDocument)
    assert doc.render() == path.read_text()
    assert detect_kind("/proc/net/bonding/bond0") == "bonding"


@pytest.mark.parametrize("path", sorted(FIXTURES.iterdir()), ids=lambda p: p.name)
def test_fixture_snapshot(path: Path, snapshot) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text()
    doc = parse(text, path.name)
    assert doc.render() == text
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(dump(doc), f"{path.name}.txt")


_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "",
                "802.3ad info",
                "Active Aggregator Info:",
                "details actor lacp pdu:",
                "    port state: 61",
                "Slave Interface: eth0",
                "Bonding Mode: adaptive load balancing",
                "bond bond0 has no active aggregator",
                "Aggregator ID: N/A",
                "Ethernet Channel Bonding Driver: v3.7.1",
            ]
        ),
        st.text(alphabet=st.sampled_from(" \t:\r\n\x00aZ9é/()"), max_size=30),
        st.text(max_size=30),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _LINES.map("\n".join)))
def test_any_text_round_trips(text: str) -> None:
    doc = parse(text, "x")
    assert doc.render() == text
    assert dump(doc).endswith("problems: []\n")
    # The structured view only ever points at fields that are lines of the file.
    line_ids = {id(line) for line in doc.lines}
    sections = [doc.bond, *doc.slaves, *([doc.ad_info] if doc.ad_info else [])]
    for section in sections:
        for sub in (section, *section.sections):
            assert all(id(field) in line_ids for field in sub.fields)
    assert (doc.mode_name is None) == (doc.mode_number is None)
    for slave in doc.slaves:
        assert slave.speed is None or slave.speed >= 0
        assert slave.aggregator_id is None or slave.aggregator_id >= 0
