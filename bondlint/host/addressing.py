"""IPv4 addressing of one interface as ifup-eth reads it (ipcalc's view), computed once.

Rules compare these facts (the gateway's subnet, NETWORK, BROADCAST, a
duplicate address); how each value is written stays in its Located value.
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


def _classful(ip: IPv4) -> int:
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


def read_addressing(plain, release: str | None) -> Addressing:
    """Addressing from ``plain(name) -> Located | None`` (an ifcfg file's plain values).

    IS6+: PREFIX takes precedence; IS5 tests the gateway (and NETWORK) with NETMASK (semantics 1.1.5).
    """
    ipaddr, netmask, prefix = plain("IPADDR"), plain("NETMASK"), plain("PREFIX")
    ip = dotted(ipaddr.text) if ipaddr else None
    mask_len = netmask_prefix(netmask.text) if netmask else None
    prefix_len = prefix_length(prefix.text) if prefix else None
    mask_invalid = (netmask is not None and mask_len is None) or (prefix is not None and prefix_len is None)
    if release == "el5":
        length = mask_len if netmask else prefix_len
    else:
        length = prefix_len if prefix else mask_len
    if length is None and ip is not None and not netmask and not prefix:
        length = _classful(ip)
    return Addressing(
        ipaddr, netmask, prefix, plain("NETWORK"), plain("BROADCAST"), ip,
        length if not mask_invalid else None, mask_invalid,
    )


#: NetworkManager reads IPADDR, then IPADDR0, IPADDR1, … and stops at the first missing index above 1
#: (IPADDR, IPADDR0 and IPADDR1 are optional); at most 256 here, as initscripts' expand_config reads.
_NUMBERED_INDEXES: tuple[str, ...] = ("",) + tuple(str(i) for i in range(256))


@attrs.frozen(slots=True)
class NumberedAddress:
    """One IPADDR/IPADDRn with the prefix its reader gives it (PREFIXn, else NETMASKn, else its class)."""

    key: str  # "IPADDR", "IPADDR0", …
    address: Located
    network: Net


def initscripts_addresses(plain, release: str | None, bootproto: str | None) -> tuple[NumberedAddress, ...]:
    """An ifcfg file's static addresses as the network service adds them: initscripts 9.x+
    network-functions ``expand_config`` reads IPADDR, then IPADDR0 … IPADDR255 with PREFIXn (over
    NETMASKn, else ipcalc's class default), never GATEWAYn, and stops at the first missing index
    from 2 on (el6's rhel6-branch: from 3 on, `[ $idx -gt 2 ] && break`); ifup-eth adds none of
    them with BOOTPROTO=dhcp or bootp (it runs dhclient instead). el5's expand_config (rhel5-branch)
    reads IPADDR alone. An address or prefix ipcalc cannot read is skipped: ``ip addr add`` fails,
    ifup-eth logs it and goes on (BL508)."""
    if (bootproto or "").strip() in ("dhcp", "bootp"):
        return ()
    optional = 3 if release == "el6" else 2  # IPADDR (n=0), then IPADDR0 … IPADDR<optional-1>: n ≤ optional
    out: list[NumberedAddress] = []
    for n, index in enumerate(_NUMBERED_INDEXES[:1] if release == "el5" else _NUMBERED_INDEXES):
        ipaddr = plain(f"IPADDR{index}")
        if ipaddr is None or not ipaddr.text.strip():
            if n > optional:
                break
            continue
        ip = dotted(ipaddr.text)
        length = _mask_length(plain(f"PREFIX{index}"), plain(f"NETMASK{index}"), ip)
        if ip is not None and length is not None:
            out.append(NumberedAddress(f"IPADDR{index}", ipaddr, Net((int(ip), length), strict=False)))
    return tuple(out)


def _mask_length(prefix: Located | None, netmask: Located | None, ip: IPv4 | None) -> int | None:
    """The prefix length ``ip addr add`` gets: PREFIX over NETMASK (every release: el5 derives
    PREFIX from NETMASK only when PREFIX is empty), else ipcalc's class default; None when the
    key that wins is unusable."""
    if prefix is not None:
        return prefix_length(prefix.text)
    if netmask is not None:
        return netmask_prefix(netmask.text)
    return _classful(ip) if ip is not None else None


def nm_addresses(plain) -> tuple[tuple[NumberedAddress, ...], Located | None]:
    """An ifcfg file's static addresses as NetworkManager reads them, and its gateway: the first
    GATEWAY/GATEWAYn written beside an address (nms-ifcfg-rh-reader.c make_ip4_setting and
    read_full_ip4_address). NetworkManager adds them even with BOOTPROTO=dhcp; an address or
    prefix it cannot read rejects the profile, and reading stops there."""
    out: list[NumberedAddress] = []
    gateway: Located | None = None
    for n, index in enumerate(_NUMBERED_INDEXES):
        ipaddr = plain(f"IPADDR{index}")
        if ipaddr is None:
            if n > 2:  # IPADDR (n=0), IPADDR0 and IPADDR1 may be missing
                break
            continue
        ip = dotted(ipaddr.text)
        if ip is None:
            break
        if gateway is None:
            gateway = plain(f"GATEWAY{index}")
        prefix, netmask = plain(f"PREFIX{index}"), plain(f"NETMASK{index}")
        length = prefix_length(prefix.text) if prefix is not None else (
            netmask_prefix(netmask.text) if netmask is not None else _classful(ip))
        if length is None:
            break
        out.append(NumberedAddress(f"IPADDR{index}", ipaddr, Net((int(ip), length), strict=False)))
    return tuple(out), gateway
