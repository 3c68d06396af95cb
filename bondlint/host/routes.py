"""Who installs the default route: the device whose subnet holds the gateway, and its rivals.

ifup-eth replaces the default route for every device it brings up with a GATEWAY in its own
subnet (or a DHCP lease), unless GATEWAYDEV names another device; so the device that carries
the gateway's subnet is where the route should be, and every other device that can install one
is a rival (BL512 warns about them, BL607 says what xend's network-bridge then picks).
"""

from __future__ import annotations

from typing import Iterator

import attrs

from bondlint.host.addressing import dotted
from bondlint.model.values import NETWORKMANAGER, Located, Truth, read_bool
from bondlint.model.host import HostModel, Interface

#: BOOTPROTO values for which dhclient (or pump) installs a default route from the lease.
DYNAMIC = ("dhcp", "bootp")
_DEFROUTE_NO = ("no", "false", "n", "0", "f", "off")


@attrs.frozen(slots=True)
class Rival:
    """Another device that can install a default route: how, and the value that says so."""

    iface: Interface
    how: str  # "BOOTPROTO=dhcp", "its own GATEWAY=10.0.0.1"
    evidence: Located


def bridge_port(iface: Interface) -> bool:
    """A port of a Linux bridge (BRIDGE=) or an Open vSwitch bridge (OVS_BRIDGE=, TYPE=OVSPort)."""
    return bool(iface.value("BRIDGE") or iface.value("OVS_BRIDGE")) or iface.value("DEVICETYPE") == "ovs"


def is_dynamic(iface: Interface) -> bool:
    return (iface.value("BOOTPROTO") or "") in DYNAMIC


def gateway_carrier(host: HostModel, kinds: tuple[str, ...] | None = None) -> Interface | None:
    """The live non-slave device (of ``kinds``, if given) whose own subnet holds its effective GATEWAY."""
    for iface in host.interfaces.values():
        if iface.is_slave or bridge_port(iface) or (kinds is not None and iface.kind not in kinds):
            continue
        gw = host.gateway.of(iface)
        gateway = dotted(gw.text) if gw else None
        if gateway is not None and iface.ipv4 is not None and iface.ipv4.contains(gateway):
            return iface
    return None


def nm_gateway(host: HostModel, iface: Interface) -> Located | None:
    """The static gateway NetworkManager makes iface's default route through, when NetworkManager
    applies iface: a keyfile's ``[ipv4] gateway`` (or its first ``addressN=…,gw``) unless
    ``never-default``; an ifcfg file's GATEWAY, else /etc/sysconfig/network's when the profile has a
    static address, unless DEFROUTE=no or GATEWAYDEV names another device (nms-ifcfg-rh-reader.c
    ``make_ip4_setting``). None for DHCP, slaves and bridge ports (their IP settings are removed)."""
    if iface.consumer != NETWORKMANAGER or iface.is_slave or bridge_port(iface) or is_dynamic(iface):
        return None
    if iface.keyfile is not None:  # method=manual reads as BOOTPROTO=none; unwritten is auto (DHCP)
        return iface.gateway if iface.value("BOOTPROTO") == "none" and iface.value("DEFROUTE") != "no" else None
    if read_bool(NETWORKMANAGER, "DEFROUTE", iface.value("DEFROUTE")) is Truth.FALSE:
        return None
    gatewaydev = host.gateway.gatewaydev
    if gatewaydev is not None and gatewaydev.text.strip() != iface.device:
        return None
    own = iface.nm_gateway or iface.gateway  # the first GATEWAY/GATEWAYn beside an address
    if own is not None:
        return own
    has_address = bool(iface.nm_addresses) or (iface.ipv4 is not None and iface.ipv4.ip is not None)
    return host.gateway.gateway if has_address else None


def rivals(host: HostModel, carrier: Interface) -> Iterator[Rival]:
    """Other live devices that can install a default route (ONBOOT or not: ``ifup`` counts too)."""
    for iface in host.interfaces.values():
        if iface is carrier or iface.is_slave or iface.kind in ("loopback", "alias") or bridge_port(iface):
            continue
        if host.release != "el5" and (iface.value("DEFROUTE") or "").lower() in _DEFROUTE_NO:
            continue
        if is_dynamic(iface):
            evidence = iface.located("BOOTPROTO")
            how = f"BOOTPROTO={iface.value('BOOTPROTO')}"
        else:
            evidence = iface.gateway
            how = f"its own GATEWAY={evidence.text}" if evidence else ""
        if evidence is not None:
            yield Rival(iface, how, evidence)
