"""The converter's reading of who installs the default route (``model/routes.py``), once per host."""

from __future__ import annotations

from typing import Iterable, Iterator

from bondlint.model.addressing import dotted
from bondlint.model.host import Gateway, HostModel, Interface
from bondlint.model.release import Release
from bondlint.model.routes import DefaultRoute, RouteTaker
from bondlint.model.values import NETWORKMANAGER, Located, Truth, read_bool

_DEFROUTE_NO = ("no", "false", "n", "0", "f", "off")


def default_route(interfaces: Iterable[Interface], gateway: Gateway, capabilities: Release) -> DefaultRoute:
    """Who installs the default route on a host (``HostModel.default_route``), read once from its
    linked interfaces, /etc/sysconfig/network's GATEWAY/GATEWAYDEV and the release's capabilities."""
    ifaces = tuple(interfaces)
    nm = {i.device: gw for i in ifaces if (gw := _nm_gateway(i, gateway)) is not None}
    profiles = [i for i in ifaces if i.keyfile is not None and not i.is_slave and i.bridge is None]
    return DefaultRoute(
        tuple(_carriers(ifaces, gateway)), tuple(_takers(ifaces, capabilities)), nm,
        nm_carrier=next((i for i in profiles if _in_own_subnet(i, i.gateway)), None),
        nm_dhcp=tuple(i for i in profiles if _nm_dhcp_route(i)),
    )


def _in_own_subnet(iface: Interface, gateway: Located | None) -> bool:
    """``gateway`` lies in the device's own subnet (ifup-eth's test)."""
    address = dotted(gateway.text) if gateway is not None else None
    return address is not None and iface.ipv4 is not None and bool(iface.ipv4.contains(address))


def _nm_dhcp_route(iface: Interface) -> bool:
    """A keyfile profile that autoconnects with method=auto (unwritten: auto) and no never-default."""
    method = iface.value("BOOTPROTO")
    profile = iface.keyfile
    return profile is not None and profile.autoconnect and iface.value("DEFROUTE") != "no" and (method or "dhcp") == "dhcp"


def _carriers(ifaces: tuple[Interface, ...], gateway: Gateway) -> Iterator[Interface]:
    """Live non-slave devices (not bridge ports) whose own subnet holds their effective GATEWAY."""
    for iface in ifaces:
        if not iface.is_slave and not iface.bridge_port and _in_own_subnet(iface, gateway.of(iface)):
            yield iface


def _takers(ifaces: tuple[Interface, ...], capabilities: Release) -> Iterator[RouteTaker]:
    """Live devices that can install a default route (ONBOOT or not: ``ifup`` counts too)."""
    for iface in ifaces:
        if iface.is_slave or iface.kind in ("loopback", "alias") or iface.bridge_port:
            continue
        if capabilities.reads_defroute and (iface.value("DEFROUTE") or "").lower() in _DEFROUTE_NO:
            continue
        if iface.dynamic:
            evidence = iface.located("BOOTPROTO")
            how = f"BOOTPROTO={iface.value('BOOTPROTO')}"
        else:
            evidence = iface.gateway
            how = f"its own GATEWAY={evidence.text}" if evidence else ""
        if evidence is not None:
            yield RouteTaker(iface, how, evidence)


def _nm_gateway(iface: Interface, gateway: Gateway) -> Located | None:
    """The static gateway NetworkManager makes iface's default route through, when NetworkManager
    applies iface: a keyfile's ``[ipv4] gateway`` (or its first ``addressN=…,gw``) unless
    ``never-default``; an ifcfg file's GATEWAY, else /etc/sysconfig/network's when the profile has a
    static address, unless DEFROUTE=no or GATEWAYDEV names another device (nms-ifcfg-rh-reader.c
    ``make_ip4_setting``). None for DHCP, slaves and bridge ports (their IP settings are removed)."""
    if iface.consumer != NETWORKMANAGER or iface.is_slave or iface.bridge_port or iface.dynamic:
        return None
    if iface.keyfile is not None:  # method=manual reads as BOOTPROTO=none; unwritten is auto (DHCP)
        return iface.gateway if iface.value("BOOTPROTO") == "none" and iface.value("DEFROUTE") != "no" else None
    if read_bool(NETWORKMANAGER, "DEFROUTE", iface.value("DEFROUTE")) is Truth.FALSE:
        return None
    gatewaydev = gateway.gatewaydev
    if gatewaydev is not None and gatewaydev.text.strip() != iface.device:
        return None
    own = iface.nm_gateway or iface.gateway  # the first GATEWAY/GATEWAYn beside an address
    if own is not None:
        return own
    has_address = bool(iface.nm_addresses) or (iface.ipv4 is not None and iface.ipv4.ip is not None)
    return gateway.gateway if has_address else None


# Xen's default netdev (rules/xen.py here, host/xen.py on w-modprobe's branch) still asks these by
# name; they read the model's fact. Remove them once it reads ``host.default_route`` (``.carrier``,
# ``.rivals(carrier)``) itself.
def gateway_carrier(host: HostModel) -> Interface | None:
    return host.default_route.carrier


def rivals(host: HostModel, carrier: Interface) -> tuple[RouteTaker, ...]:
    return host.default_route.rivals(carrier)
