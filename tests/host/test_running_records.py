"""The running bonds as the model holds them: typed values, each with the proc line it was read from.

Fixture hosts are built as the CLI builds them; the records must say what the
kernel printed (normalised once) and point at the right line, so rules never
need the report's parse tree.
"""

from __future__ import annotations

from pathlib import Path

from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.host import HostModel
from bondlint.model.runtime import RunningBond
from tests.conftest import HOSTS


def _running(fixture: str) -> tuple[HostModel, RunningBond]:
    host = build_host(classify(str(HOSTS / fixture)))
    assert len(host.running) == 1
    return host, host.running[0]


def _line_text(path: str, line: int) -> str:
    return Path(path).read_text().splitlines()[line - 1]


def test_8023ad_report_with_lacpdu_details_reads_into_typed_fields() -> None:
    host, rb = _running("BL804-ok-fast-rate-el9")
    assert (rb.name, rb.proc_name, rb.joined_by, rb.bond is host.bonds["bond0"]) == ("bond0", "bond0", "name", True)
    assert rb.mode_number == 4 and rb.mode is not None and rb.mode.text == "IEEE 802.3ad Dynamic link aggregation"
    assert rb.miimon is not None and rb.miimon.value == 100
    assert rb.lacp_active is not None and rb.lacp_active.value == "on"
    assert rb.aggregator is not None and rb.aggregator.aggregator_id is not None
    assert (rb.aggregator.aggregator_id.value, rb.aggregator.no_partner) == (1, False)
    assert [s.name for s in rb.up_slaves] == ["enp1s0", "enp2s0"]
    first = rb.slaves[0]
    assert first.link == (1000, "full")
    assert first.actor_port_state is not None and first.actor_port_state.value == 63
    assert (first.partner_defaulted, first.no_partner) == (False, False)
    assert first.permanent_mac_is("52-54-00-6B-1C-01") and not first.permanent_mac_is("52:54:00:6b:1c:02")
    # every value points at its own line of the proc file: the value, and the whole line
    assert rb.path is not None and rb.miimon.span.path == rb.path
    assert _line_text(rb.path, rb.miimon.line.line) == "MII Polling Interval (ms): 100"
    assert _line_text(rb.path, first.actor_port_state.span.line).strip() == "port state: 63"
    # the options the configuration sets, as the kernel names them, and what the configuration leaves
    assert {k: v.value for k, v in rb.options.items()} == {
        "xmit_hash_policy": "layer2+3", "lacp_rate": "fast", "ad_select": "stable", "arp_interval": "0"}
    assert rb.expected["lacp_rate"].value == "fast" and rb.expected["lacp_rate"].option is not None


def test_active_backup_report_reads_primary_and_active_slave() -> None:
    _, rb = _running("BL812-active-not-primary-el6")
    assert rb.mode_number == 1
    assert rb.primary is not None and (rb.primary.value, rb.primary.text) == (None, "None")
    assert rb.primary_reselect is None
    assert rb.active_slave is not None and rb.active_slave.value == "eth1"
    assert rb.options["primary"].value == ""
    assert rb.expected["primary"].value == "eth0"


def test_primary_reselect_and_a_zero_partner_written_short(tmp_path: Path) -> None:
    """Kernels print ``(primary_reselect X)`` after the primary; a partner MAC may show short octets."""
    proc = tmp_path / "proc/net/bonding/bond0"
    proc.parent.mkdir(parents=True)
    proc.write_text(
        "Bonding Mode: IEEE 802.3ad Dynamic link aggregation\n"
        "Primary Slave: eth0 (primary_reselect better)\n"
        "MII Status: up\n\n802.3ad info\nLACP rate: slow\nActive Aggregator Info:\n"
        "\tAggregator ID: 2\n\tNumber of ports: 1\n\tPartner Mac Address: 0:0:0:0:0:0\n\n"
        "Slave Interface: eth0\nMII Status: up\nSpeed: Unknown\nAggregator ID: N/A\n"
    )
    host = build_host(classify(str(tmp_path)))
    (rb,) = host.running
    assert (rb.bond, rb.primary_reselect) == (None, "better")
    assert rb.primary is not None and rb.primary.value == "eth0"
    assert rb.aggregator is not None and rb.aggregator.no_partner
    (slave,) = rb.slaves
    assert slave.speed is not None and (slave.speed.value, slave.speed.text) == (None, "Unknown")
    assert slave.aggregator_id is not None and slave.aggregator_id.value is None
    assert rb.expected == {}
