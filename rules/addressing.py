"""BL5xx: /etc/sysconfig/network, default route and IPv4 addressing.

initscripts' ifup-eth sources /etc/sysconfig/network, then the ifcfg file (so
ifcfg values override), computes the missing NETMASK/PREFIX/NETWORK/BROADCAST
with ipcalc, uses explicit ones verbatim, and installs the default route only
on the GATEWAYDEV device (or on every device when GATEWAYDEV is unset) and
only when GATEWAY lies in NETWORK (semantics.md 1.1.5, 1.2, section 2 F).
"""

from __future__ import annotations

import posixpath
import re
from typing import Iterator

from bondlint.rule_api import Edit, Fix, Related, Severity, Violation, rule, visible
from bondlint.model.addressing import IPv4, Addressing, dotted, netmask_prefix, prefix_length
from bondlint.model.values import NETWORKMANAGER, Located
from bondlint.model.host import HostModel, Interface, ShellValues
from bondlint.syntax.span import LineIndex, Span


#: keys whose value must be a dotted quad (with IS6+ numbered variants: IPADDR1, GATEWAY0...).
DOTTED_KEYS = re.compile(r"^(IPADDR|NETMASK|GATEWAY|NETWORK|BROADCAST)\d*$")
PREFIX_KEY = re.compile(r"^PREFIX\d*$")
BOOTPROTOS = ("none", "static", "dhcp", "bootp")
#: Values NetworkManager accepts but initscripts treats as static.
NM_ONLY_BOOTPROTOS = ("autoip", "shared", "ibft")


# ---------------------------------------------------------------------------
# Reading addresses as ipcalc would


def _l3_interfaces(host: HostModel) -> Iterator[Interface]:
    """Live devices that carry their own addresses: not bond slaves."""
    return (i for i in host.interfaces.values() if not i.is_slave)


def _xen_netdev(host: HostModel) -> str | None:
    if host.xen is None or host.xen.script is None or "network-bridge" not in host.xen.script:
        return None
    return host.xen.netdev


# ---------------------------------------------------------------------------
# The rules


@rule("BL501", "gatewaydev-unknown", Severity.ERROR)
def gatewaydev_unknown(host: HostModel) -> Iterator[Violation]:
    """GATEWAYDEV names a device that no live ifcfg file defines.

    ## What it checks
    `GATEWAYDEV=X` in `/etc/sysconfig/network` while no live `ifcfg-*` file
    has `DEVICE=X`.

    ## Why it matters
    ifup-eth installs the default route only when `GATEWAYDEV` is empty or
    equals the device being brought up. A GATEWAYDEV that no file brings up
    makes every ifup skip the default route: after a reboot the host has no
    default route and only its own subnets are reachable. NetworkManager
    marks every other profile never-default, with the same result.

    ## Example
    ```
    # /etc/sysconfig/network
    GATEWAYDEV=bond1
    # only ifcfg-bond0, ifcfg-eth0, ifcfg-eth1 exist
    ```
    Use instead:
    ```
    GATEWAYDEV=bond0
    ```

    ## Fix
    Name the device that carries the default route, or create its ifcfg file.

    ## Notes
    A Xen bridge created by `network-bridge` has no ifcfg file and exists
    only after xend starts, after ifup ran, so naming it (`GATEWAYDEV=xenbr0`)
    loses the default route too. On Xen 3.3+ the bridge takes the netdev's
    name, and that name is accepted when it is the configured `netdev=`.
    """
    a = host.gateway.gatewaydev
    if a is None:
        return
    name = a.text.strip()
    if name in host.interfaces or name == _xen_netdev(host):
        return
    bridge = host.xen.bridge if host.xen is not None else None
    extra = (
        f"; {name} is the Xen bridge, which xend creates after ifup has skipped the default route"
        if name == bridge
        else ""
    )
    yield Violation(
        a.span,
        f"GATEWAYDEV={name} names no live ifcfg file with DEVICE={name}: "
        f"no device will install the default route{extra}",
    )


@rule("BL502", "gatewaydev-is-slave", Severity.ERROR)
def gatewaydev_is_slave(host: HostModel) -> Iterator[Violation]:
    """GATEWAYDEV names a bond slave, which never runs the route code.

    ## What it checks
    `GATEWAYDEV=X` in `/etc/sysconfig/network` where the live file of X has
    `MASTER=`.

    ## Why it matters
    ifup-eth enslaves a slave and exits before any address or route is set,
    and the bond's own ifup skips the default route because the bond is not
    GATEWAYDEV. The host boots with no default route.

    ## Example
    ```
    # /etc/sysconfig/network
    GATEWAYDEV=eth0
    # ifcfg-eth0
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    GATEWAYDEV=bond0
    ```

    ## Fix
    Set GATEWAYDEV to the bond master (or to the bridge on top of it).
    """
    a = host.gateway.gatewaydev
    if a is None:
        return
    iface = host.interfaces.get(a.text.strip())
    if iface is None or not iface.is_slave:
        return
    yield Violation(
        a.span,
        f"GATEWAYDEV={iface.device} names a slave of {iface.master} "
        f"({iface.file.rel}): slaves exit before the default route is set; "
        f"use GATEWAYDEV={iface.master}",
        related=(Related(iface.located("MASTER").span, f"{iface.device} is enslaved here"),)
        if iface.get("MASTER") is not None
        else (),
    )


@rule("BL503", "gatewaydev-down", Severity.WARNING)
def gatewaydev_down(host: HostModel) -> Iterator[Violation]:
    """GATEWAYDEV's device does not come up with an address at boot.

    ## What it checks
    The live file of the GATEWAYDEV device has ONBOOT=no, or a static
    BOOTPROTO (anything but dhcp/bootp) and no IPADDR.

    ## Why it matters
    The default route is installed only by the GATEWAYDEV device's ifup.
    A device that is not brought up at boot, or comes up without an address,
    leaves the host without a default route after every reboot.

    ## Example
    ```
    # /etc/sysconfig/network
    GATEWAYDEV=bond0
    # ifcfg-bond0
    DEVICE=bond0
    ONBOOT=no
    ```
    Use instead:
    ```
    DEVICE=bond0
    ONBOOT=yes
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    ```

    ## Fix
    Bring the device up at boot with an address, or point GATEWAYDEV at the
    device that has one.

    ## Notes
    Slaves are BL502's. Point-to-point links (PPP, xDSL, modems) get their
    address from the peer and are not reported as static without IPADDR.
    """
    a = host.gateway.gatewaydev
    if a is None:
        return
    iface = host.interfaces.get(a.text.strip())
    if iface is None or iface.is_slave:
        return
    if not iface.onboot:
        yield Violation(
            a.span,
            f"GATEWAYDEV={iface.device} but {iface.file.rel} has "
            f"ONBOOT={iface.value('ONBOOT')}: no default route at boot",
        )
        return
    if iface.dynamic or iface.writes_ipv4_address or iface.file.peer_addressed:
        return
    proto = iface.value("BOOTPROTO")
    shown = f"BOOTPROTO={proto}" if proto is not None else "no BOOTPROTO (static)"
    yield Violation(
        a.span,
        f"GATEWAYDEV={iface.device} but {iface.file.rel} has {shown} and no IPADDR: "
        f"the device comes up without an address and no default route is set",
    )


@rule("BL504", "gateway-outside-subnet", Severity.ERROR)
def gateway_outside_subnet(host: HostModel) -> Iterator[Violation]:
    """The default GATEWAY is not inside the GATEWAYDEV device's subnet.

    ## What it checks
    - initscripts: with `GATEWAYDEV` set, the effective GATEWAY for that
      device (its ifcfg's GATEWAY, else the one in `/etc/sysconfig/network`)
      against the device's network: IPADDR with PREFIX/NETMASK, or its
      explicit NETWORK;
    - NetworkManager (keyfiles, and ifcfg files it applies): a static
      profile's gateway (`[ipv4] gateway=`, else the first `addressN=a/p,gw`;
      an ifcfg's GATEWAY, else the network file's) that lies in none of its
      addresses' subnets, unless `never-default`/DEFROUTE=no or GATEWAYDEV
      names another device. Info: NetworkManager makes such a gateway
      reachable.

    ## Why it matters
    ifup-eth installs `default via GATEWAY` only when
    `ipcalc --network GATEWAY NETMASK` equals NETWORK. Otherwise, on the
    GATEWAYDEV device it installs `default dev bond0` with no gateway: an
    on-link default route that only works behind a proxy-ARP router, so
    traffic leaving the subnet goes nowhere. NetworkManager instead adds a
    host route (`GATEWAY/32 dev bond0`) and then the default route via the
    gateway: that works when the router really answers on that link (some
    hosting providers hand out such gateways on purpose) and silently
    fails when the gateway is a typo.

    ## Example
    ```
    # /etc/sysconfig/network
    GATEWAYDEV=bond0
    GATEWAY=10.10.11.1
    # ifcfg-bond0
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    ```
    Use instead:
    ```
    GATEWAY=10.10.10.1
    ```

    ## Fix
    Correct GATEWAY, or the device's IPADDR/NETMASK/PREFIX/NETWORK (for a
    keyfile: `[ipv4] gateway=` or the `addressN=` prefix length).

    ## Notes
    On el5 the test uses NETMASK when both NETMASK and PREFIX are set (PREFIX
    elsewhere); without either, ipcalc's classful mask applies. DHCP/BOOTP
    devices and devices with an invalid address (BL508) are not checked.
    Who applies the device is the model's `consumer`: an ifcfg file
    NetworkManager applies (UUID=, NM_CONTROLLED not no, el6+; every ifcfg
    file on el9/el10) gets NetworkManager's consequence.
    NetworkManager's behaviour, from its source (NetworkManager/NetworkManager):
    since 1.34 `nm_l3_config_data_add_dependent_onlink_routes`
    (src/core/nm-l3-config-data.c, commit e47dd2ee22) adds a /32 route without
    gateway for every route whose gateway no gateway-less route (an
    address's prefix route among them) reaches, unless the route is
    `onlink`; 1.10–1.32 did so in nm-ip4-config.c (commit 5c299454b4), 1.0
    in nm-device.c (commit e8824f6a52, "add a direct route to the
    gateway"), and 0.7.1–0.9.10 added it when the kernel refused the default
    route (nm-system.c `nm_system_replace_default_ip4_route`, then nm-policy.c
    `update_ip4_routing`). Every NetworkManager RHEL ships (el6's 0.8 on)
    therefore makes the gateway reachable (docs/keyfile-semantics-notes.md 10).
    A profile whose addresses are all /32 has every gateway outside by
    construction (a deliberate point-to-point setup) and is not reported.
    A gateway reached through a keyfile's gateway-less `routeN` is not
    modelled (it would be reported as info).
    """
    yield from _initscripts_gateway(host)
    yield from _nm_gateways(host)


def _initscripts_gateway(host: HostModel) -> Iterator[Violation]:
    """BL504 where initscripts bring the GATEWAYDEV device up."""
    dev = host.gateway.gatewaydev
    if dev is None:
        return
    iface = host.interfaces.get(dev.text.strip())
    if iface is None or iface.is_slave or iface.dynamic or iface.consumer == NETWORKMANAGER:
        return
    gw = host.gateway.of(iface)
    gateway = dotted(gw.text) if gw else None
    if gw is None or gateway is None:
        return
    addr = iface.ipv4
    first = iface.first_address
    if addr.ip is None and first is not None and addr.network is None:
        # no IPADDR: expand_config's ipaddr[0] is the first numbered address ifup-eth adds
        inside, where = gateway in first.network, first.address
        net, length = first.network.network_address, first.network.prefixlen
    else:
        inside, where = addr.contains(gateway), addr.network or addr.ipaddr
        net, length = addr.effective_network, addr.length
    if inside is None or inside:
        return
    yield Violation(
        gw.span,
        f"GATEWAY={gateway} is outside {net}/{length}, the network of "
        f"GATEWAYDEV={iface.device}: ifup-eth installs an on-link default route with no gateway",
        related=(Related(where.span, f"{iface.device}'s address"),) if where else (),
    )


def _nm_gateways(host: HostModel) -> Iterator[Violation]:
    """BL504 where NetworkManager applies the profile: it adds a host route to the gateway (info)."""
    for iface in host.interfaces.values():
        gw = host.default_route.nm_gateways.get(iface.device)
        gateway = dotted(gw.text) if gw is not None else None
        addr = iface.ipv4
        if gateway is None or addr is None or addr.reaches(gateway) is not False:
            continue
        networks = addr.networks or (addr.interface,)
        if all(net.prefixlen == 32 for net in networks):
            continue
        shown = ", ".join(str(net) for net in networks)
        what = "the subnet of its address" if len(networks) == 1 else "the subnets of its addresses"
        yield Violation(
            gw.span,
            f"the gateway {gateway} of {iface.device} is outside {shown}, {what}: "
            f"NetworkManager adds a host route to {gateway} on {iface.device} and the default route through "
            f"it, which works only if that router answers on {iface.device}'s link; if the gateway is a "
            "typo, traffic leaving the subnet goes nowhere",
            severity=Severity.INFO,
            related=(Related(addr.ipaddr.span, f"{iface.device}'s address"),) if addr.ipaddr is not None else (),
        )


def _address_files(host: HostModel) -> Iterator[Addressing]:
    """Addressing of every live non-slave file with an IPADDR (slaves never set one)."""
    for iface in _l3_interfaces(host):
        if iface.file.located("IPADDR") is not None and iface.ipv4 is not None:
            yield iface.ipv4


@rule("BL505", "network-inconsistent", Severity.ERROR)
def network_inconsistent(host: HostModel) -> Iterator[Violation]:
    """An explicit NETWORK disagrees with IPADDR and its mask.

    ## What it checks
    A live non-slave file whose `NETWORK` is not `IPADDR & mask` (mask from
    PREFIX/NETMASK as ifup-eth chooses, or ipcalc's classful default); without
    IPADDR, the first IPADDRn the network service reads (expand_config's
    `ipaddr[0]`).

    ## Why it matters
    expand_config keeps an explicit NETWORK as written and ifup-eth compares
    the gateway against it, so the gateway test fails: the default route is
    silently not installed, or becomes an on-link route with no gateway.

    ## Example
    ```
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    NETWORK=10.10.0.0
    ```
    Use instead:
    ```
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    ```

    ## Fix
    Remove NETWORK (ipcalc computes it; sysconfig.txt deprecates it) or
    correct it.
    """
    for addr in _address_files(host):
        if addr.network is None or addr.interface is None:
            continue
        given = dotted(addr.network.text)
        expected = addr.interface.network_address
        if given is None or given == expected:
            continue
        yield Violation(
            addr.network.span,
            f"NETWORK={given} but IPADDR={addr.ip}/{addr.length} is in {expected}: "
            f"the gateway test uses this NETWORK and the default route is not installed",
        )
    for iface in _l3_interfaces(host):  # no IPADDR: expand_config's ipaddr[0] is the first IPADDRn
        first, network = iface.first_address, iface.plain("NETWORK")
        given = dotted(network.text) if network is not None else None
        if first is None or first.key == "IPADDR" or given is None or given == first.network.network_address:
            continue
        yield Violation(
            network.span,
            f"NETWORK={given} but {first.key}={first.address.text.strip()}/{first.network.prefixlen}, the first "
            f"address, is in {first.network.network_address}: the gateway test uses this NETWORK and the default "
            "route is not installed",
        )


@rule("BL506", "broadcast-inconsistent", Severity.ERROR)
def broadcast_inconsistent(host: HostModel) -> Iterator[Violation]:
    """An explicit BROADCAST is not the directed broadcast of IPADDR/mask.

    ## What it checks
    A live non-slave file whose `BROADCAST` differs from the last address of
    IPADDR's network (/31 and /32 have none and are not checked).

    ## Why it matters
    ifup-eth passes it verbatim (`ip addr add IP/PREFIX brd BROADCAST`), so
    the interface gets a wrong broadcast address: broadcasts from the host
    (DHCP relay, NetBIOS, ARP-less discovery) go to an address peers ignore.

    ## Example
    ```
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    BROADCAST=10.10.255.255
    ```
    Use instead:
    ```
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    ```

    ## Fix
    Remove BROADCAST (ipcalc computes it) or correct it.
    """
    for addr in _address_files(host):
        net = addr.interface
        if addr.broadcast is None or net is None or net.prefixlen > 30:
            continue
        given = dotted(addr.broadcast.text)
        if given is None or given == net.broadcast_address:
            continue
        yield Violation(
            addr.broadcast.span,
            f"BROADCAST={given} but the broadcast of IPADDR={addr.ip}/{net.prefixlen} "
            f"is {net.broadcast_address}",
        )
    for iface in _l3_interfaces(host):
        if iface.consumer == NETWORKMANAGER:
            continue
        for a in iface.initscripts_addresses:
            index = a.index
            b = iface.plain(f"BROADCAST{index}") if index else None  # IPADDR's BROADCAST: above
            given = dotted(b.text) if b is not None else None
            if given is None or a.network.prefixlen > 30 or given == a.network.broadcast_address:
                continue
            yield Violation(
                b.span,
                f"BROADCAST{index}={given} but the broadcast of {a.key}={a.address.text.strip()}/"
                f"{a.network.prefixlen} is {a.network.broadcast_address}",
            )


@rule("BL507", "prefix-netmask-conflict", Severity.ERROR)
def prefix_netmask_conflict(host: HostModel) -> Iterator[Violation]:
    """PREFIX and NETMASK are both set and disagree.

    ## What it checks
    A live non-slave file with a valid PREFIX and a valid NETMASK that give
    different prefix lengths.

    ## Why it matters
    RHEL 6 and later use PREFIX and ignore NETMASK; RHEL 5 adds the address
    with PREFIX but tests the gateway with NETMASK. Either way one of the two
    is silently wrong, and on el5 the default route can vanish.

    ## Example
    ```
    IPADDR=10.10.10.119
    PREFIX=24
    NETMASK=255.255.0.0
    ```
    Use instead:
    ```
    IPADDR=10.10.10.119
    PREFIX=24
    ```

    ## Fix
    Keep one of them (PREFIX on RHEL 6+), or make them agree.
    """
    for iface in _l3_interfaces(host):
        if iface.keyfile is not None:
            continue  # a keyfile address carries its own prefix length: no NETMASK to disagree with
        for index in ("", *(a.index for a in iface.addresses if a.key != "IPADDR")):
            prefix, netmask = iface.plain(f"PREFIX{index}"), iface.plain(f"NETMASK{index}")
            if prefix is None or netmask is None:
                continue
            p, m = prefix_length(prefix.text), netmask_prefix(netmask.text)
            if p is None or m is None or p == m:
                continue
            winner = "NETMASK for the gateway test" if host.capabilities.gateway_test_netmask and not index else "PREFIX"
            yield Violation(
                prefix.span,
                f"PREFIX{index}={p} disagrees with NETMASK{index}={netmask.text.strip()} (/{m}); "
                f"{'initscripts uses ' + winner}",
                related=(Related(netmask.span, f"the NETMASK{index}"),),
            )


@rule("BL508", "bad-ip-or-mask", Severity.ERROR)
def bad_ip_or_mask(host: HostModel) -> Iterator[Violation]:
    """An address, netmask or prefix that ipcalc and ip cannot use.

    ## What it checks
    In live non-slave ifcfg files and `/etc/sysconfig/network`:
    IPADDR/NETMASK/GATEWAY/NETWORK/BROADCAST (and their numbered forms) that
    are not a plain dotted quad, a NETMASK whose one-bits are not contiguous,
    a PREFIX that is not a number from 0 to 32, and an IPADDR equal to its
    own network or broadcast address.

    ## Why it matters
    ipcalc fails and `ip addr add` refuses the address, so the device comes
    up without it; a network or broadcast address as IPADDR is accepted by
    the kernel but nothing on the subnet can talk to it.

    ## Example
    ```
    IPADDR=10.10.10.256
    NETMASK=255.255.0.255
    ```
    Use instead:
    ```
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    ```

    ## Fix
    Correct the value.

    ## Notes
    Leading zeros (`010.1.1.1`) are reported: the C resolver reads them as
    octal. Empty values and values with shell expansions are left alone.
    Numbered addresses (IPADDR0, IPADDR1, …) are judged as the applying
    program reads them (`Interface.addresses`). Where NetworkManager applies
    the file, an IPADDR/IPADDRn it reaches (or its PREFIXn/NETMASKn) that it
    cannot parse rejects the whole profile (nms-ifcfg-rh-reader.c
    `read_full_ip4_address`); the message says so.
    """
    files: list[ShellValues] = [f for i in _l3_interfaces(host) for f in i.files]
    if host.network_file is not None:
        files.append(host.network_file)
    for f in files:
        for name, v in f.plain_values():
            text = v.text.strip()
            rejects = _nm_rejects(host, f, name)
            if DOTTED_KEYS.match(name):
                if dotted(text) is None:
                    yield Violation(v.span, f"{name}={visible(text)} is not a valid dotted-quad IPv4 address{rejects}")
                elif name.startswith("NETMASK") and netmask_prefix(text) is None:
                    yield Violation(v.span, f"{name}={text} is not a contiguous netmask{rejects}")
            elif PREFIX_KEY.match(name) and prefix_length(text) is None:
                yield Violation(v.span, f"{name}={visible(text)} is not a prefix length from 0 to 32{rejects}")
    for iface in _l3_interfaces(host):
        for a in iface.addresses:
            net = a.network
            if net.prefixlen > 30:
                continue
            if a.ip == net.network_address:
                what = "network"
            elif a.ip == net.broadcast_address:
                what = "broadcast"
            else:
                continue
            yield Violation(a.address.span, f"{a.key}={a.ip} is the {what} address of {net}: no host can use it")


def _nm_rejects(host: HostModel, f: ShellValues, name: str) -> str:
    """BL508's consequence where NetworkManager applies the file: an address or prefix of an
    IPADDR/IPADDRn it reads that it cannot parse fails the whole profile (nms-ifcfg-rh-reader.c
    read_full_ip4_address); GATEWAY, NETWORK and BROADCAST do not reject it this way."""
    match = re.match(r"^(IPADDR|PREFIX|NETMASK)(\d*)$", name)
    iface = next((i for i in _l3_interfaces(host) if i.file is f), None) if match else None
    if iface is None or iface.consumer != NETWORKMANAGER:
        return ""
    if iface.plain(f"IPADDR{match.group(2)}") is None or not iface.nm_reaches_address(match.group(2)):
        return ""
    return ": NetworkManager rejects the profile"


@rule("BL509", "bootproto-value", Severity.WARNING)
def bootproto_value(host: HostModel) -> Iterator[Violation]:
    """BOOTPROTO is not one of none, static, dhcp, bootp.

    ## What it checks
    A live ifcfg file whose BOOTPROTO (after unquoting, case-sensitive) is not
    exactly `none`, `static`, `dhcp` or `bootp`. An empty value is accepted.

    ## Why it matters
    initscripts tests `= dhcp` / `= bootp` exactly, so `DHCP` or `dchp` is
    treated as static: the device comes up with no address. NetworkManager
    rejects the whole profile with "Unknown BOOTPROTO" (it knows `autoip`,
    `shared` and `ibft` too, which initscripts still treats as static).

    ## Example
    ```
    BOOTPROTO=DHCP
    ```
    Use instead:
    ```
    BOOTPROTO=dhcp
    ```

    ## Fix
    Use one of the four values.

    ## Notes
    PPP, xDSL and ISDN profiles (`BOOTPROTO=dialup` from pppoe-setup) are
    brought up by ifup-ppp, which never reads BOOTPROTO: not reported. Nor is
    `BOOTPROTO=ibft` in a file NetworkManager reads: its ifcfg-rh reader
    ignores such a file (the initrd configures the NIC from the iBFT table).
    A file NetworkManager does not read (`NM_CONTROLLED=no`) is judged as
    initscripts read it alone.
    """
    for f in host.live_files():
        a = f.plain("BOOTPROTO")
        if a is None or a.text in BOOTPROTOS or f.peer_addressed:
            continue
        value = a.text
        nm_reads = host.nm_reads(f)
        if value.strip().lower() == "ibft" and nm_reads:
            continue  # NetworkManager's reader ignores the file: the initrd configures the NIC from iBFT
        lower = value.lower()  # NetworkManager compares case-insensitively (nms-ifcfg-rh-reader.c make_ip4_setting)
        if not nm_reads:
            nm = "NetworkManager does not read this file (NM_CONTROLLED=no, or no NetworkManager on this release)"
        elif lower in BOOTPROTOS:
            nm = f"NetworkManager reads it as {lower}"
        elif lower in NM_ONLY_BOOTPROTOS:
            nm = f"only NetworkManager knows {lower}"
        else:
            nm = "NetworkManager rejects the profile (\"Unknown BOOTPROTO\")"
        hint = ""
        if value.strip().lower() in BOOTPROTOS:
            hint = f" (initscripts compares case-sensitively: use {value.strip().lower()})"
        yield Violation(
            a.span,
            f"BOOTPROTO={visible(value)} is not none, static, dhcp or bootp: initscripts treats it as "
            f"static and {nm}{hint}",
        )


@rule("BL510", "static-without-ip", Severity.WARNING)
def static_without_ip(host: HostModel) -> Iterator[Violation]:
    """A static bond master with no address, no bridge, no VLAN on top.

    ## What it checks
    A bond master whose BOOTPROTO is none/static (or unset), with no IPADDR,
    no BRIDGE (nor OVS_BRIDGE), that is not the Xen `netdev` and carries no
    VLAN device.

    ## Why it matters
    The bond comes up with no IPv4 address: its slaves are enslaved and
    negotiate, but the host is unreachable through it.

    ## Example
    ```
    DEVICE=bond0
    BOOTPROTO=none
    BONDING_OPTS="mode=4 miimon=100"
    ```
    Use instead:
    ```
    DEVICE=bond0
    BOOTPROTO=none
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    BONDING_OPTS="mode=4 miimon=100"
    ```

    ## Fix
    Add the address, or BRIDGE= when the bond is a bridge uplink.

    ## Notes
    An unset BOOTPROTO counts as static (initscripts' default). Numbered
    IPADDRn and an IPv6-only setup (IPV6ADDR) count as an address. A line
    meant as the address but split by a blank (`IP ADDR=10.10.10.119`) is
    BL006's one finding, which names IPADDR: this rule stays silent then.
    """
    netdev = _xen_netdev(host)
    for bond in host.bonds.values():
        iface = bond.interface
        if iface is None or iface.kind != "bond":
            continue
        proto = iface.value("BOOTPROTO")
        if proto not in (None, "", "none", "static") or (proto is None and iface.keyfile is not None):
            continue  # a keyfile without [ipv4] method: NetworkManager's default is auto (DHCP)
        if iface.writes_ipv4_address or iface.value("IPV6ADDR") or iface.bridge_port:
            continue
        if iface.device == netdev or host.vlans_on(iface.device):
            continue
        if iface.keyfile is None and iface.file.broken_assignment("IPADDR") is not None:
            continue  # `IP ADDR=…`: BL006 says the address line is no assignment, the one cause
        where = iface.located("BOOTPROTO") or iface.located("DEVICE")
        shown = f"BOOTPROTO={proto}" if proto else "no BOOTPROTO"
        yield Violation(
            where.span if where else None,
            f"bond {iface.device} has {shown} but no IPADDR, no BRIDGE and no VLAN on top: "
            f"it comes up without an address",
        )


@rule("BL511", "duplicate-ip", Severity.ERROR)
def duplicate_ip(host: HostModel) -> Iterator[Violation]:
    """The same IPADDR on two live non-slave devices.

    ## What it checks
    Two live non-slave devices brought up at boot (ONBOOT not no) with the
    same IPADDR.

    ## Why it matters
    The second ifup's arping duplicate-address check fails ("Error, some
    other host already uses address") and the device stays without its
    address; where it does not, replies leave through either device at random.

    ## Example
    ```
    # ifcfg-bond0
    IPADDR=10.10.10.119
    # ifcfg-eth2
    IPADDR=10.10.10.119
    ```
    Use instead:
    ```
    # ifcfg-eth2
    IPADDR=10.10.20.119
    ```

    ## Fix
    Give each device its own address; leftover copies of a pre-bond config
    usually belong removed.

    ## Notes
    Devices with ONBOOT=no are left out: a spare config holding the same
    address for manual failover is a common, working setup. Every address
    the applying program adds counts: IPADDR and IPADDRn as initscripts'
    expand_config or NetworkManager reads them (none from a dhcp file the
    network service applies), and every `[ipv4] addressN` of a keyfile.
    """
    seen: dict[IPv4, tuple[Located, Interface]] = {}
    for iface in _l3_interfaces(host):
        if not iface.onboot or iface.kind == "loopback":
            continue
        for a in iface.addresses:
            first, owner = seen.setdefault(a.ip, (a.address, iface))
            if owner is iface:
                continue
            consequence = (
                "the second device's ifup fails arping duplicate detection"
                if iface.keyfile is None and iface.consumer != NETWORKMANAGER
                else "two devices claim one address, and replies leave through either"
            )
            yield Violation(
                a.address.span,
                f"{a.key}={a.ip} is also set on {owner.file.rel}: {consequence}",
                related=(Related(first.span, f"{a.ip} first set here"),),
            )


@rule("BL512", "gatewaydev-unset", Severity.WARNING, fix="always", unsafe_fixes=True)
def gatewaydev_unset(host: HostModel) -> Iterator[Violation]:
    """A bond carries the default route but another device may take it: set GATEWAYDEV.

    ## What it checks
    No GATEWAYDEV in `/etc/sysconfig/network`, a bond whose subnet holds its
    effective GATEWAY, and another live non-slave device brought up at boot
    that can install a default route too, at boot or on `ifup`: BOOTPROTO
    dhcp/bootp, or its own GATEWAY.

    ## Why it matters
    Without GATEWAYDEV every ifup replaces the default route, so the last
    device to come up (a DHCP management port, say) wins and the bond's
    gateway is lost; dom0 and every bridged guest lose off-subnet traffic.
    The seed HOWTO: "Ensure you have a line in /etc/sysconfig/network to
    define that bond0 should be used as the default gateway".

    ## Example
    ```
    # /etc/sysconfig/network
    NETWORKING=yes
    GATEWAY=10.10.10.1
    # ifcfg-eth2
    BOOTPROTO=dhcp
    ONBOOT=yes
    ```
    Use instead:
    ```
    # /etc/sysconfig/network
    NETWORKING=yes
    GATEWAY=10.10.10.1
    GATEWAYDEV=bond0
    ```

    ## Fix
    Add `GATEWAYDEV=<bond>` to `/etc/sysconfig/network` (or DEFROUTE=no on
    the other device on RHEL 6+). `bondlint --fix --unsafe-fixes` adds the
    line below GATEWAY (else at the end of the file), and creates the file
    holding just that line where the host has none.

    ## Fix safety
    Unsafe: it changes routing. From the next boot (or `service network
    restart`) only the bond installs the default route; a host that relied
    on the other device's route (a DHCP management port, say) loses it. A
    host without `/etc/sysconfig/network` does not start its network service
    at all today (the init script exits when the file is missing); creating
    the file changes that too.

    ## Notes
    One finding per host, naming every such device. Devices with ONBOOT=no
    count too (the seed's eth2/eth3: dhcp, ONBOOT=no; the first `ifup eth2`
    replaces the default route): the finding is info when every such device
    is ONBOOT=no, a warning otherwise. Bridge ports, IP aliases and (RHEL 6+)
    DEFROUTE=no devices cannot replace the default route and are not counted.
    """
    yield from _nm_default_route(host)
    if host.gateway.gatewaydev is not None:
        return
    bond_iface = host.default_route.carrier_of_kind("bond")
    if bond_iface is None or bond_iface.ipv4 is None:
        return
    bond_addr = bond_iface.ipv4
    takers = [(r.iface, r.how, r.evidence) for r in host.default_route.rivals(bond_iface)]
    if not takers:
        return
    at_boot = [t for t in takers if t[0].onboot]
    related = [
        Related(evidence.span, f"{iface.device} can install a default route ({how}, ONBOOT={'yes' if iface.onboot else 'no'})")
        for iface, how, evidence in takers
    ]
    if bond_addr.ipaddr:
        related.append(Related(bond_addr.ipaddr.span, f"{bond_iface.device} carries the gateway's subnet"))
    where = _gatewaydev_place(host)
    shown = ", ".join(f"{iface.device} ({how}{', ONBOOT=no' if not iface.onboot else ''})" for iface, how, _ in takers)
    on_ifup = "when an admin runs ifup on it (dhclient-script honours only GATEWAYDEV)"
    when = "at boot" if len(at_boot) == len(takers) else f"at boot or {on_ifup}" if at_boot else on_ifup
    yield Violation(
        where or takers[0][2].span,
        f"{shown} can replace the default route of {bond_iface.device} {when}, and "
        f"/etc/sysconfig/network has no GATEWAYDEV: add GATEWAYDEV={bond_iface.device}",
        severity=None if at_boot else Severity.INFO,
        related=tuple(related if where else related[1:]),
        fix=_gatewaydev_fix(host, bond_iface.device),
    )


def _nm_default_route(host: HostModel) -> Iterator[Violation]:
    """BL512 for keyfile profiles: NetworkManager ignores GATEWAYDEV; the lowest metric wins.

    A DHCP profile that autoconnects and may take the default route (no
    never-default) on a device type with a lower metric than the device holding
    the static gateway replaces it.
    """
    route = host.default_route
    carrier = route.nm_carrier
    mine = route.nm_metric(carrier) if carrier is not None else None
    if carrier is None or mine is None:
        return
    for iface in route.nm_dhcp:
        theirs = route.nm_metric(iface)
        if iface is carrier or theirs is None or theirs >= mine:
            continue
        method = iface.located("BOOTPROTO")
        yield Violation(
            method.span if method else iface.file.span_of("DEVICE"),
            f"{iface.device} autoconnects with [ipv4] method=auto: its DHCP default route has metric {theirs} "
            f"({iface.kind} device) and wins over {carrier.device}'s gateway {carrier.gateway.text} (metric "
            f"{mine}, {carrier.kind}); set never-default=true in {iface.device}'s [ipv4]",
            related=(Related(carrier.gateway.span, f"{carrier.device}'s static default route"),),
        )


def _gatewaydev_fix(host: HostModel, device: str) -> Fix | None:
    """GATEWAYDEV=<bond> on its own line below GATEWAY, at the end, or as a new network file."""
    line = f"GATEWAYDEV={device}"
    message = f"add {line} to /etc/sysconfig/network (the default route then goes through {device} only)"
    f = host.network_file
    if f is None:
        return Fix.unsafe(message + ", creating the file", Edit.create(posixpath.join(host.root, "etc/sysconfig/network"), line + "\n"))
    if "\r" in f.text:
        return None  # CRLF lines: BL004's fix goes first
    gateway = f.line_of("GATEWAY")
    if gateway is not None:
        return Fix.unsafe(message, Edit.insert_after(gateway, "\n" + line))
    end = LineIndex(f.text, f.path).span(len(f.text), len(f.text))
    return Fix.unsafe(message, Edit.insert(end, ("" if not f.text or f.text.endswith("\n") else "\n") + line + "\n"))


def _gatewaydev_place(host: HostModel) -> Span | None:
    """Where GATEWAYDEV belongs: beside GATEWAY in /etc/sysconfig/network, else its first line."""
    f = host.network_file
    if f is None:
        return None
    return f.assignment_span("GATEWAY") or f.first_line()


@rule("BL513", "networking-off", Severity.INFO)
def networking_off(host: HostModel) -> Iterator[Violation]:
    """NETWORKING=no: the network service brings nothing up.

    ## What it checks
    `NETWORKING=no` (exactly) in `/etc/sysconfig/network`.

    ## Why it matters
    The network init script exits at once, so no bond, slave or address is
    configured at boot, whatever the ifcfg files say. Fine for an image
    template; fatal on a server.

    ## Example
    ```
    NETWORKING=no
    ```
    Use instead:
    ```
    NETWORKING=yes
    ```

    ## Fix
    Set `NETWORKING=yes` if the host should have a network at boot.
    """
    a = host.network_file.located("NETWORKING") if host.network_file is not None else None
    if a is not None and a.text == "no":
        yield Violation(a.span, "NETWORKING=no: the network service exits and nothing comes up at boot")
