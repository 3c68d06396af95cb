"""Reading an interface's IPv4 keys as the applying program reads them (ipcalc's view), once.

The converter fills the model's address values (``model/addressing.py``) from
an ifcfg file's plain values; the release's capabilities say how its
initscripts read them.
"""

from __future__ import annotations

from bondlint.model.addressing import (
    IPv4, Addressing, Net, NumberedAddress, classful, dotted, netmask_prefix, prefix_length,
)
from bondlint.model.release import release as release_row
from bondlint.model.values import Located


def read_addressing(plain, release: str | None) -> Addressing:
    """Addressing from ``plain(name) -> Located | None`` (an ifcfg file's plain values).

    IS6+: PREFIX takes precedence; IS5 tests the gateway (and NETWORK) with NETMASK (semantics 1.1.5).
    """
    ipaddr, netmask, prefix = plain("IPADDR"), plain("NETMASK"), plain("PREFIX")
    ip = dotted(ipaddr.text) if ipaddr else None
    mask_len = netmask_prefix(netmask.text) if netmask else None
    prefix_len = prefix_length(prefix.text) if prefix else None
    mask_invalid = (netmask is not None and mask_len is None) or (prefix is not None and prefix_len is None)
    if release_row(release).gateway_test_netmask:
        length = mask_len if netmask else prefix_len
    else:
        length = prefix_len if prefix else mask_len
    if length is None and ip is not None and not netmask and not prefix:
        length = classful(ip)
    return Addressing(
        ipaddr, netmask, prefix, plain("NETWORK"), plain("BROADCAST"), ip,
        length if not mask_invalid else None, mask_invalid,
    )


#: NetworkManager reads IPADDR, then IPADDR0, IPADDR1, … and stops at the first missing index above 1
#: (IPADDR, IPADDR0 and IPADDR1 are optional); at most 256 here, as initscripts' expand_config reads.
_NUMBERED_INDEXES: tuple[str, ...] = ("",) + tuple(str(i) for i in range(256))


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
    optional = release_row(release).numbered_ipaddr_optional  # IPADDR (n=0), then IPADDR0 …: n ≤ optional
    out: list[NumberedAddress] = []
    for n, index in enumerate(_NUMBERED_INDEXES[:1] if optional is None else _NUMBERED_INDEXES):
        ipaddr = plain(f"IPADDR{index}")
        if ipaddr is None or not ipaddr.text.strip():
            if optional is None or n > optional:
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
    return classful(ip) if ip is not None else None


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
            netmask_prefix(netmask.text) if netmask is not None else classful(ip))
        if length is None:
            break
        out.append(NumberedAddress(f"IPADDR{index}", ipaddr, Net((int(ip), length), strict=False)))
    return tuple(out), gateway
