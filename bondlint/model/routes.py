"""Who installs the default route: the device whose subnet holds the gateway, and its rivals.

ifup-eth replaces the default route for every device it brings up with a GATEWAY in its own
subnet (or a DHCP lease), unless GATEWAYDEV names another device; so the device that carries
the gateway's subnet is where the route should be, and every other device that can install one
is a rival (BL512 warns about them, BL607 says what xend's network-bridge then picks).
NetworkManager instead routes through each static profile's gateway (``nm_gateways``).
Computed once by the converter (``host/routes.py``); ``HostModel.default_route``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from bondlint.model.values import Located

if TYPE_CHECKING:
    from bondlint.model.host import Interface


#: NetworkManager's default route metric per device type (nm-device.c; keyfile-semantics notes 2):
#: the lowest metric's default route wins (NetworkManager ignores GATEWAYDEV).
NM_ROUTE_METRICS: dict[str, int] = {"ethernet": 100, "slave": 100, "bond": 300, "vlan": 400, "bridge": 425}


@attrs.frozen(slots=True)
class RouteTaker:
    """A device that can install a default route: how, and the value that says so."""

    iface: Interface
    how: str  # "BOOTPROTO=dhcp", "its own GATEWAY=10.0.0.1"
    evidence: Located


@attrs.frozen(slots=True)
class DefaultRoute:
    """The default route as the host's files set it up."""

    #: live non-slave devices, not bridge ports, whose own subnet holds their effective GATEWAY
    #: (their ifcfg's, else /etc/sysconfig/network's), in the model's order
    carriers: tuple[Interface, ...] = ()
    #: every live non-slave device that can install a default route, at boot or on ``ifup``
    #: (ONBOOT or not): BOOTPROTO dhcp/bootp, or its own GATEWAY; not bridge ports, IP aliases,
    #: loopback, nor (where initscripts read DEFROUTE) DEFROUTE=no devices
    takers: tuple[RouteTaker, ...] = ()
    #: device → the static gateway NetworkManager makes its default route through, for each device
    #: NetworkManager applies (a keyfile's ``[ipv4] gateway`` unless never-default; an ifcfg file's
    #: GATEWAY, else the network file's for a static address, unless DEFROUTE=no or GATEWAYDEV
    #: names another device: nms-ifcfg-rh-reader.c ``make_ip4_setting``)
    nm_gateways: dict[str, Located] = attrs.field(factory=dict)
    #: the first keyfile-defined device (not a port) whose own subnet holds its ``[ipv4] gateway``
    nm_carrier: Interface | None = None
    #: keyfile-defined devices (not ports) that autoconnect with ``[ipv4] method=auto`` (written or
    #: NetworkManager's default) and may take the default route (no never-default): DHCP routes
    nm_dhcp: tuple[Interface, ...] = ()

    @staticmethod
    def nm_metric(iface: Interface) -> int | None:
        """The metric of the default route NetworkManager gives ``iface`` (None: a device type not modelled)."""
        return NM_ROUTE_METRICS.get(iface.kind)

    @property
    def carrier(self) -> Interface | None:
        """The device ifup-eth installs the default route on, where the files say which."""
        return self.carriers[0] if self.carriers else None

    def carrier_of_kind(self, kind: str) -> Interface | None:
        """The first carrier of this kind ("bond": a bond carries the gateway's subnet)."""
        return next((i for i in self.carriers if i.kind == kind), None)

    def rivals(self, carrier: Interface) -> tuple[RouteTaker, ...]:
        """The other devices that can install a default route instead of ``carrier``."""
        return tuple(t for t in self.takers if t.iface is not carrier)
