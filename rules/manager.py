"""BL7xx: NetworkManager's reading of bond files on RHEL 6+ (semantics.md 2 H)."""

from __future__ import annotations

from typing import Iterator

from bondlint.rule_api import Related, Severity, Violation, quoted, rule
from bondlint.model.values import Truth, clean, nm_bool, read_bool
from bondlint.model.host import HostModel, Interface
from bondlint.syntax.span import Span, whole_file_span


def _masters(host: HostModel) -> dict[str, Interface]:
    """Live interfaces that are bond masters: typed as bonds, or named by a slave's MASTER."""
    masters = {d: i for d, i in host.interfaces.items() if i.kind == "bond"}
    for iface in host.interfaces.values():
        if iface.master is not None and iface.master in host.interfaces:
            masters.setdefault(iface.master, host.interfaces[iface.master])
    return {d: i for d, i in masters.items() if i.keyfile is None}  # ifcfg files: keyfiles are BL703-BL711's


def host_bool(host: HostModel, key: str) -> Truth:
    """A boolean of /etc/sysconfig/network as initscripts read it."""
    return read_bool("initscripts", key, host.network_value(key), host.release)


def _value_span(iface: Interface, name: str) -> Span | None:
    a = iface.get(name)
    return a.value.span if a is not None else None


@rule("BL701", "nm-bond-type", Severity.WARNING, releases=lambda r: r.nm_bonds)
def nm_bond_type(host: HostModel) -> Iterator[Violation]:
    """A bond master has none of TYPE=Bond, BONDING_MASTER=yes or BONDING_OPTS, so NetworkManager reads it as Ethernet.

    ## What it checks
    On RHEL 6 and later, a live ifcfg file that slaves name in `MASTER=` (or
    that bondlint knows as a bond from a `bonding` module alias), that
    NetworkManager manages (`NM_CONTROLLED` not false), and that has neither
    `TYPE=Bond`, nor `BONDING_MASTER=yes`, nor a non-empty `BONDING_OPTS`.
    Also a file NetworkManager reads with `TYPE=Bridge` and
    `BONDING_MASTER=yes`: its reader rejects that profile ("BONDING_MASTER=yes
    key only allowed in TYPE=bond connections"); bondlint reads it as a bridge.

    ## Why it matters
    NetworkManager's ifcfg-rh reader decides a connection's type from those
    three keys only; without them the file becomes an Ethernet connection
    for a device called `bond0`, which never appears. The slaves wait for a
    master that NM never creates and the host comes up without its bond.
    initscripts alone got by with the device name and a modprobe alias.

    ## Example
    ```
    DEVICE=bond0
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    ONBOOT=yes
    ```
    Use instead:
    ```
    DEVICE=bond0
    TYPE=Bond
    BONDING_MASTER=yes
    BONDING_OPTS="mode=4 miimon=100"
    IPADDR=10.10.10.119
    NETMASK=255.255.255.0
    ONBOOT=yes
    ```

    ## Fix
    Add `TYPE=Bond` and `BONDING_MASTER=yes`, and put the bond's options in
    `BONDING_OPTS`.

    Second trigger: a master with BONDING_OPTS but neither `TYPE=Bond` nor
    `BONDING_MASTER=yes`, where the release's NetworkManager is older than
    1.8 (RHEL 6.3–6.10 with `NM_BOND_VLAN_ENABLED=yes` in
    /etc/sysconfig/network, RHEL 7.0–7.3): those versions type such a file
    as Ethernet ("Error: no device found for connection 'System bond0'").

    ## Notes
    A master with `NM_CONTROLLED=no` is left alone: NetworkManager does not
    read it. The rule runs from el6 on (on el10 nothing reads ifcfg files: BL709 instead).
    The NetworkManager version comes from the release's minor version
    (etc/redhat-release); on RHEL 7 with the minor unknown the second trigger
    stays silent.

    ## References
    NetworkManager `nms-ifcfg-rh-reader.c` (connection type detection).
    """
    yield from _bridge_marked_bond(host)
    old_nm = host.nm_bonding_opts_is_bond is Truth.FALSE and (
        not host.nm_bonds_need_vlan_flag or Truth.TRUE is host_bool(host, "NM_BOND_VLAN_ENABLED")
    )
    for name, iface in _masters(host).items():
        if not iface.nm_controlled:
            continue
        typ = (clean(iface.value("TYPE")) or "").lower()
        if typ == "bond":
            continue
        if nm_bool(iface.value("BONDING_MASTER"), False):
            continue
        opts = iface.located("BONDING_OPTS")
        if opts is not None and opts.text:
            if old_nm:
                major, minor = host.networkmanager or (0, 0)
                yield Violation(
                    _value_span(iface, "TYPE") or opts.span,
                    f"{name} has BONDING_OPTS but neither TYPE=Bond nor BONDING_MASTER=yes: NetworkManager "
                    f"{major}.{minor} (RHEL {host.release_version or host.release}) takes BONDING_OPTS as a bond "
                    "only from 1.8 (RHEL 7.4), so it reads this file as an Ethernet connection and fails with "
                    f"\"no device found for connection\"; add TYPE=Bond and BONDING_MASTER=yes",
                )
            continue
        span = _value_span(iface, "TYPE") or _value_span(iface, "DEVICE") or whole_file_span(iface.file.path)
        has_type = f" (TYPE={clean(iface.value('TYPE'))})" if typ else ""
        slaves = sorted(i.device for i in host.interfaces.values() if i.master == name)
        by = f" ({', '.join(slaves)} name it as MASTER)" if slaves else " (a bonding module alias names it)"
        yield Violation(
            span,
            f"{name} is a bond master{by} but has no TYPE=Bond, BONDING_MASTER=yes "
            f"or BONDING_OPTS{has_type}: NetworkManager reads it as an Ethernet connection and never "
            "creates the bond; add TYPE=Bond and BONDING_MASTER=yes",
        )


@rule("BL702", "nm-controlled-mixed", Severity.WARNING, releases=lambda r: r.nm_bonds)
def nm_controlled_mixed(host: HostModel) -> Iterator[Violation]:
    """A bond and its slave disagree on NM_CONTROLLED, so two network stacks each manage half the bond.

    ## What it checks
    On RHEL 6 and later, each live slave (`MASTER=X`) whose `NM_CONTROLLED`
    reads differently from its master's, as NetworkManager reads booleans
    (`yes true t y 1` / `no false f n 0`, case-insensitive; absent or
    anything else means yes).

    ## Why it matters
    The network service leaves `SLAVE=yes` files to NetworkManager while NM
    runs, unless the file says `NM_CONTROLLED=no`; NM ignores the files
    that say no. With the master on one side and a slave on the other,
    nobody enslaves that slave at boot (or both fight over it): the bond
    runs with fewer ports than configured, or the slave carries its own
    address.

    ## Example
    ```
    # ifcfg-bond0
    DEVICE=bond0
    TYPE=Bond
    NM_CONTROLLED=no
    # ifcfg-eth0
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    # ifcfg-eth0
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    NM_CONTROLLED=no
    ```

    ## Fix
    Give the master and all its slaves the same `NM_CONTROLLED` value.

    ## Notes
    The finding points at the slave's `NM_CONTROLLED` when it sets one,
    else at the master's. When a side has no `NM_CONTROLLED` but a misspelt
    one (`NM_CONTROLER=no`, BL013), the message names it as the cause. The rule runs from el6 on (on el10 nothing reads ifcfg files: BL709 instead).

    ## References
    initscripts 9.49 (RHEL 7) `rc.d/init.d/network`; NetworkManager
    `shvar.c` `svParseBoolean`.
    """
    for iface in host.interfaces.values():
        if iface.master is None:
            continue
        master = host.interfaces.get(iface.master)
        if master is None:
            continue
        mine, theirs = iface.nm_controlled, master.nm_controlled
        if mine == theirs:
            continue
        slave_span = _value_span(iface, "NM_CONTROLLED")
        master_span = _value_span(master, "NM_CONTROLLED")
        span = slave_span or master_span or whole_file_span(iface.file.path)

        def show(i: Interface, v: bool) -> str:
            raw = clean(i.value("NM_CONTROLLED"))
            if raw is not None:
                return f"NM_CONTROLLED={raw}"
            typo = i.misspelt_as("NM_CONTROLLED")
            lost = f": nothing reads its {typo.key}={quoted(typo.value)}, BL013" if typo else ""
            return f"no NM_CONTROLLED (so {'yes' if v else 'no'}{lost})"

        related = tuple(
            Related(t.name_span, f"{i.device}'s misspelt NM_CONTROLLED")
            for i in (iface, master)
            if (t := i.misspelt_as("NM_CONTROLLED")) is not None
        )
        if slave_span is not None and master_span is not None:
            related = (Related(master_span, f"{master.device}'s NM_CONTROLLED"),)
        yield Violation(
            span,
            f"{iface.device} (slave of {master.device}) has {show(iface, mine)} but {master.device} has "
            f"{show(master, theirs)}: "
            f"{'NetworkManager' if mine else 'the network service'} handles the slave and "
            f"{'NetworkManager' if theirs else 'the network service'} the bond; set the same value in both",
            related=related,
        )


def _bridge_marked_bond(host: HostModel) -> Iterator[Violation]:
    """TYPE=Bridge with BONDING_MASTER=yes in a file NetworkManager reads: its ifcfg-rh reader refuses
    the profile ("BONDING_MASTER=yes key only allowed in TYPE=bond connections")."""
    for f in host.live_files():
        kind = (clean(f.value("TYPE")) or "").lower()
        marker = f.located("BONDING_MASTER")
        if kind != "bridge" or marker is None or not nm_bool(marker.text, False) or not host.nm_reads(f):
            continue
        yield Violation(
            marker.span,
            f"TYPE=Bridge with BONDING_MASTER=yes: NetworkManager rejects the profile (\"BONDING_MASTER=yes key only "
            f"allowed in TYPE=bond connections\"), so {f.device_name} is not brought up from this file; remove "
            "BONDING_MASTER=yes for a bridge, or write TYPE=Bond for a bond",
        )
