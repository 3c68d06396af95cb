"""Interface lists (sos ip address outputs, /proc/net/dev): the device names and where they are."""

from __future__ import annotations

from bondlint.syntax.netdevs import parse

IP_ADDRESS = """1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet6 ::1/128 scope host
2: eth0: <BROADCAST,MULTICAST,SLAVE,UP> mtu 1500 master bond0 state UP
5: bond0.15@bond0: <BROADCAST,MULTICAST> mtu 1500
"""

PROC_NET_DEV = """Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets
    lo:  5200 52 0 0 0 0 0 0 5200 52
 bond0:8932644 62636 0 0 0 0 0 210 4410231 30112
"""


def test_ip_address_names_each_device_once_without_its_parent() -> None:
    devices = parse(IP_ADDRESS, "ip_address", "ip-address").devices
    assert [(name, span.line, span.column) for name, span in devices] == [("lo", 1, 4), ("eth0", 4, 4), ("bond0.15", 5, 4)]


def test_proc_net_dev_skips_its_headers_and_reads_names_glued_to_counters() -> None:
    assert parse(PROC_NET_DEV, "dev", "proc-net-dev").names == frozenset({"lo", "bond0"})


def test_any_text_gives_a_list_never_an_error() -> None:
    assert parse("\x00: :\n::\n9:\n", None, "ip-address").names == frozenset()
