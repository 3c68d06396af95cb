"""IPv4 addressing as the applying program reads it: the model's address values.

The converter (``host/addressing.py``) reads an interface's keys into these
records once; rules compare them (the gateway's subnet, NETWORK, BROADCAST, a
duplicate address). How each value is written stays in its Located value.
The small parsers here read one written value as ipcalc and ``ip`` read it.
"""

from __future__ import annotations

import ipaddress

import attrs

from bondlint.model.values import Located

IPv4 = ipaddress.IPv4Address
Net = ipaddress.IPv4Network


def dotted(text: str) -> IPv4 | None:
    """A dotted-quad IPv4 address, else None."""
    try:
        return IPv4(text.strip())
    except ValueError:
        return None


def prefix_length(text: str) -> int | None:
    """A PREFIX value 0-32, else None."""
    t = text.strip()
    if not t.isdigit():
        return None
    n = int(t)
    return n if 0 <= n <= 32 else None


def netmask_prefix(text: str) -> int | None:
    """Prefix length of a contiguous dotted-quad netmask, else None."""
    ip = dotted(text)
    if ip is None:
        return None
    inverted = ~int(ip) & 0xFFFFFFFF
    if inverted & (inverted + 1):
        return None
    return 32 - inverted.bit_length()


def classful(ip: IPv4) -> int:
    """ipcalc's default mask when neither NETMASK nor PREFIX is set."""
    first = int(ip) >> 24
    return 8 if first < 128 else 16 if first < 192 else 24


@attrs.frozen(slots=True)
class Addressing:
    """One ifcfg file's IPv4 settings (plain values only; invalid parts read as None)."""

    ipaddr: Located | None
    netmask: Located | None
    prefix: Located | None
    network: Located | None
    broadcast: Located | None
    ip: IPv4 | None  # IPADDR, when a valid address
    length: int | None  # the prefix length ifup-eth uses (None: invalid or unknown)
    mask_invalid: bool  # NETMASK or PREFIX is set but unusable
    #: every address's subnet where the consumer configures several (a keyfile's address1..N, as
    #: NetworkManager reads them); empty: IPADDR's alone (``interface``)
    networks: tuple[Net, ...] = ()

    @property
    def interface(self) -> Net | None:
        """IPADDR/mask as a network, when both are valid."""
        if self.ip is None or self.length is None:
            return None
        return Net((int(self.ip), self.length), strict=False)

    @property
    def effective_network(self) -> IPv4 | None:
        """The NETWORK ifup-eth compares the gateway against: explicit, else computed."""
        if self.network is not None:
            return dotted(self.network.text)
        net = self.interface
        return net.network_address if net else None

    def contains(self, gateway: IPv4) -> bool | None:
        """ifup-eth's test: ipcalc --network GATEWAY NETMASK == NETWORK (None: unknown)."""
        network = self.effective_network
        if network is None or self.length is None:
            return None
        return Net((int(gateway), self.length), strict=False).network_address == network

    def reaches(self, gateway: IPv4) -> bool | None:
        """NetworkManager's test: the gateway lies in the subnet of one of the addresses, so a
        prefix route reaches it (nm-l3-config-data.c ``nm_l3_config_data_get_direct_route_for_host``);
        None when no address and mask are known."""
        networks = self.networks or ((self.interface,) if self.interface is not None else ())
        if not networks:
            return None
        return any(gateway in net for net in networks)


@attrs.frozen(slots=True)
class NumberedAddress:
    """One IPADDR/IPADDRn with the prefix its reader gives it (PREFIXn, else NETMASKn, else its class)."""

    key: str  # "IPADDR", "IPADDR0", …
    address: Located
    network: Net

    @property
    def index(self) -> str:
        """The key's number as written ("" for IPADDR): its PREFIXn, NETMASKn, BROADCASTn share it."""
        return self.key.removeprefix("IPADDR")

    @property
    def ip(self) -> IPv4:
        """The address itself (a NumberedAddress holds only addresses its reader could read)."""
        return IPv4(self.address.text.strip())
