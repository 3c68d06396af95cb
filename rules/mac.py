"""BL1xx: MAC addresses in ifcfg files (HWADDR, MACADDR)."""

from __future__ import annotations

from typing import Iterator

from bondlint.rule_api import Related, Severity, Violation, quoted, rule
from bondlint.model.values import Located
from bondlint.model.host import HostModel, IfcfgFile, KeyfileProfile
from bondlint.model.release import releases_where

#: NetworkManager writes these MACADDR words for its cloned-mac-address modes.
_NM_MACADDR_WORDS = frozenset({"preserve", "permanent", "random", "stable"})
#: The releases whose ifup checks a NIC against HWADDR alone (the message names them).
_HWADDR_ONLY = ", ".join(sorted(releases_where(lambda r: r.hwaddr_check_only)))


@rule("BL101", "hwaddr-format", Severity.ERROR, scope="file")
def hwaddr_format(host: HostModel) -> Iterator[Violation]:
    """HWADDR or MACADDR is not a MAC address written as six colon-separated hex octets.

    ## What it checks
    The HWADDR and MACADDR values (after shell unquoting) of live `ifcfg-*`
    files: anything but `XX:XX:XX:XX:XX:XX` with two hexadecimal digits per
    octet, such as `00-1E-68-37-FA-92`, `0:1e:68:37:fa:92`, `" 00:1E:..."`,
    or a trailing comment glued to the value.

    ## Why it matters
    `ifup` upper-cases HWADDR and compares it with the NIC's real address in
    `/sys/class/net/X/address`. Any other spelling never matches: "Device
    eth0 has different MAC address than expected, ignoring." and the slave
    stays out of the bond. `ip link set address` rejects a malformed
    MACADDR, so the bond keeps a MAC nobody planned.

    ## Example
    ```
    DEVICE=eth0
    HWADDR=00-1E-68-37-FA-92
    ```
    Use instead:
    ```
    DEVICE=eth0
    HWADDR=00:1E:68:37:FA:92
    ```

    ## Fix
    Copy the address from `ip link show eth0` (`link/ether`).

    ## Notes
    InfiniBand files (TYPE=InfiniBand or an `ib*` device) may hold 20-octet
    IPoIB addresses. An empty value is unset for initscripts and is not
    reported. NetworkManager writes `MACADDR=preserve|permanent|random|stable`
    for its cloned-MAC modes; those words are accepted in files it may manage
    (not el5, not NM_CONTROLLED=no).
    """
    for f in host.live_files():
        for key in ("HWADDR", "MACADDR"):
            a = f.located(key)
            if a is None:
                continue
            value = a.text
            if not value or f.mac(key) is not None:
                continue
            if key == "MACADDR" and value in _NM_MACADDR_WORDS and host.nm_reads(f):
                continue
            yield Violation(
                a.span,
                f"{key}={quoted(value)} is not six colon-separated two-digit hex octets "
                f"(like 00:1E:68:37:FA:92): "
                + (
                    "ifup's comparison with the NIC's real address fails and it refuses the device"
                    if key == "HWADDR"
                    else "'ip link set address' rejects it"
                ),
            )
    for k in host.keyfiles:
        for key, raw, span in k.invalid_macs if k.loaded else ():
            yield Violation(
                span,
                f"{key}={quoted(raw)} is not a MAC address (six two-digit hex octets, like 00:1E:68:37:FA:92): "
                "NetworkManager drops the key with a warning, so "
                + ("the profile is no longer bound to its NIC" if key == "mac-address" else "the MAC is not set"),
            )


@rule("BL102", "duplicate-hwaddr", Severity.ERROR)
def duplicate_hwaddr(host: HostModel) -> Iterator[Violation]:
    """Two live ifcfg files claim the same NIC by HWADDR.

    ## What it checks
    Live `ifcfg-*` files with the same HWADDR, compared case-insensitively
    (`00:1E:68:37:FA:92` and `00:1e:68:37:fa:92` are one address), as
    initscripts upper-case both sides.

    ## Why it matters
    initscripts look configurations up by MAC (`get_config_by_hwaddr`, a
    case-insensitive grep): with two files they get two answers, and on el5
    `rename_device` may rename the wrong NIC, so eth0 and eth1 swap and the
    bond enslaves the wrong ports. Only one of the two files can ever pass
    ifup's MAC check.

    ## Example
    ```
    # ifcfg-eth0
    DEVICE=eth0
    HWADDR=00:1E:68:37:FA:92
    # ifcfg-eth1
    DEVICE=eth1
    HWADDR=00:1e:68:37:fa:92
    ```
    Use instead:
    ```
    # ifcfg-eth1
    DEVICE=eth1
    HWADDR=00:1E:68:37:FA:93
    ```

    ## Fix
    Put each NIC's own address (`ip link show`) in its file; remove copies.

    ## Notes
    Alias files (`ifcfg-eth0:1`) share their parent's NIC and are skipped;
    backup-named copies are reported by BL008.
    """
    first: dict[str, tuple[IfcfgFile, Located]] = {}
    for f in host.profile_files():
        if f.looks_like_backup or ":" in f.device_name:
            continue
        found = f.mac("HWADDR")
        if found is None:
            continue
        a, mac = found
        if mac not in first:
            first[mac] = (f, a)
            continue
        other, b = first[mac]
        if (isinstance(f, KeyfileProfile) or isinstance(other, KeyfileProfile)) and f.device_name == other.device_name:
            continue  # two profiles of one device: BL011 when both autoconnect
        if host.hwaddr_on_bond(f) is not None or host.hwaddr_on_bond(other) is not None:
            continue  # a bond's HWADDR is BL103's one finding: a bond has no address of its own to share
        case = "" if a.text == b.text else " (compared case-insensitively)"
        key = f.written_as("HWADDR")
        consequence = (
            "NetworkManager activates a profile only on the NIC with this permanent address, so one of "
            "these profiles matches no NIC and never activates"
            if isinstance(f, KeyfileProfile) else "lookups by MAC find both files and only one NIC has this address"
        )
        yield Violation(
            a.span,
            f"{key}={a.text} of {f.device_name} is also the {other.written_as('HWADDR')} of "
            f"{other.device_name} in {other.label}{case}: {consequence}; put each NIC's own address "
            "in its file",
            related=(Related(b.span, f"{other.written_as('HWADDR')} of {other.device_name}"),),
        )


@rule("BL103", "hwaddr-on-bond-master", Severity.ERROR)
def hwaddr_on_bond_master(host: HostModel) -> Iterator[Violation]:
    """A bond master's file sets HWADDR, which the bond's MAC can never be checked against.

    ## What it checks
    HWADDR in the live file of a bond master, unless it equals the file's
    MACADDR (el6+ accept a match with either).

    ## Why it matters
    A bond has no burnt-in address: it takes its first slave's MAC (or zeros
    before any slave, or a random one). ifup compares HWADDR with the bond's
    current address, finds "Device bond0 has different MAC address than
    expected", and refuses to bring the bond up.

    ## Example
    ```
    DEVICE=bond0
    HWADDR=00:1E:68:37:FA:92
    BONDING_OPTS="mode=1 miimon=100"
    ```
    Use instead:
    ```
    DEVICE=bond0
    MACADDR=02:00:10:01:01:19
    BONDING_OPTS="mode=1 miimon=100"
    ```

    ## Fix
    Remove HWADDR from the bond's file; put HWADDR on the slaves, and
    MACADDR on the bond if it needs a fixed address.
    """
    for f in host.profile_files():
        a = host.hwaddr_on_bond(f)
        if a is None:
            continue
        if isinstance(f, KeyfileProfile):
            yield Violation(
                a.span,
                f"mac-address={a.text} on bond controller {f.device_name}: mac-address names the permanent "
                "address of the device a profile may run on, and a bond has none of its own, so it does not "
                "set the bond's MAC; use cloned-mac-address to fix the bond's address",
            )
            continue
        yield Violation(
            a.span,
            f"HWADDR={a.text} on bond master {f.device_name}: a bond's MAC comes "
            "from its slaves, so ifup's MAC check fails and the bond does not come up; remove HWADDR "
            "(use MACADDR to fix the bond's address)",
        )


@rule("BL104", "macaddr-on-slave", Severity.WARNING)
def macaddr_on_slave(host: HostModel) -> Iterator[Violation]:
    """A slave's file sets MACADDR, which the bond overwrites.

    ## What it checks
    MACADDR in the live file of a bond slave (a file with MASTER=).

    ## Why it matters
    ifup sets MACADDR before enslaving, then the bond gives every slave its
    own MAC in all modes but balance-tlb, balance-alb and fail_over_mac: the
    setting does nothing, and later HWADDR checks and troubleshooting see an
    address that is not the NIC's.

    ## Example
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    MACADDR=02:00:00:00:00:01
    ```
    Use instead:
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    HWADDR=00:1E:68:37:FA:92
    ```

    ## Fix
    Remove MACADDR from the slave; set MACADDR on the bond master if the
    bond needs a fixed address.
    """
    for f in host.profile_files():
        a = f.located("MACADDR")
        m = f.master
        if a is None or m is None or not a.text:
            continue
        key = f.written_as("MACADDR")
        yield Violation(
            a.span,
            f"{key}={a.text} on {f.device_name}, a {'port' if isinstance(f, KeyfileProfile) else 'slave'} of {m}: the bond "
            f"replaces it with {m}'s MAC on enslaving; remove it (set {key} on {m} instead)",
        )


def _same_bond(f: IfcfgFile, g: IfcfgFile) -> bool:
    """A bond and its slave, or two slaves of one bond, share a MAC by design."""
    mf, mg = f.master, g.master
    return mf == g.device_name or mg == f.device_name or (mf is not None and mf == mg)


@rule("BL105", "macaddr-collision", Severity.ERROR)
def macaddr_collision(host: HostModel) -> Iterator[Violation]:
    """A MACADDR duplicates another device's HWADDR or MACADDR.

    ## What it checks
    A MACADDR in a live `ifcfg-*` file that equals (case-insensitively) the
    HWADDR or MACADDR of another device's live file. A bond and its own
    slaves are expected to share an address and are not reported.

    ## Why it matters
    Two interfaces then answer for one MAC on the segment: the switch's MAC
    table flaps between ports, and traffic for one of them (often the
    hypervisor's bond) goes to the other.

    ## Example
    ```
    # ifcfg-bond0
    DEVICE=bond0
    MACADDR=00:1e:68:37:fa:94
    # ifcfg-eth2 (not a slave of bond0)
    DEVICE=eth2
    HWADDR=00:1E:68:37:FA:94
    ```
    Use instead:
    ```
    # ifcfg-bond0
    DEVICE=bond0
    MACADDR=02:00:10:01:01:19
    ```

    ## Fix
    Give the bond a locally administered address of its own (first octet
    02, 06, 0A or 0E).
    """
    addresses: list[tuple[IfcfgFile, str, Located, str]] = []
    for f in host.profile_files():
        if ":" in f.device_name:
            continue
        for key in ("HWADDR", "MACADDR"):
            found = f.mac(key)
            if found is not None:
                addresses.append((f, key, found[0], found[1]))
    by_mac: dict[str, list[int]] = {}
    for i, entry in enumerate(addresses):
        by_mac.setdefault(entry[3], []).append(i)
    for i, (f, key, a, mac) in enumerate(addresses):
        if key != "MACADDR":
            continue
        for j in by_mac[mac]:
            g, gkey, b, _ = addresses[j]
            if g.device_name == f.device_name or _same_bond(f, g):
                continue
            if gkey == "MACADDR" and j > i:
                continue  # two MACADDRs: reported once, at the later one
            yield Violation(
                a.span,
                f"{f.written_as('MACADDR')}={a.text} of {f.device_name} is also the {g.written_as(gkey)} of "
                f"{g.device_name} ({g.label}): two interfaces would answer for one MAC; give "
                f"{f.device_name} an address of its own",
                related=(Related(b.span, f"{g.written_as(gkey)} of {g.device_name}"),),
            )
            break


@rule("BL106", "hwaddr-and-macaddr", Severity.INFO)
def hwaddr_and_macaddr(host: HostModel) -> Iterator[Violation]:
    """A file that is not a slave sets both HWADDR and MACADDR.

    ## What it checks
    Both HWADDR and MACADDR in the live file of a device that is not a bond
    slave.

    ## Why it matters
    The initscripts documentation warns that MACADDR "in conjunction with
    HWADDR= may cause unintended behavior": el5 compares the NIC's address
    with HWADDR only, so after MACADDR has changed it once the next `ifup`
    refuses the device; el6+ accept either.

    ## Example
    ```
    DEVICE=eth2
    HWADDR=00:1E:68:37:FA:94
    MACADDR=02:00:00:00:00:02
    ```
    Use instead:
    ```
    DEVICE=eth2
    MACADDR=02:00:00:00:00:02
    ```

    ## Fix
    Keep one: HWADDR to pin the file to a NIC, or MACADDR to change the
    NIC's address.
    """
    for f in host.live_files():
        h, m = f.located("HWADDR"), f.located("MACADDR")
        if h is None or m is None or f.master is not None:
            continue
        if not h.text or not m.text:
            continue
        yield Violation(
            m.span,
            f"{f.device_name} sets both HWADDR={h.text} and "
            f"MACADDR={m.text}: {_HWADDR_ONLY}'s ifup checks the NIC against HWADDR only, "
            "so once MACADDR is applied the next ifup may refuse the device; keep one of the two",
            related=(Related(h.span, "HWADDR"),),
        )


@rule("BL107", "slave-without-hwaddr", Severity.INFO, releases=lambda r: r.nics_named_by_load_order)
def slave_without_hwaddr(host: HostModel) -> Iterator[Violation]:
    """A bond's slaves have no HWADDR, so NIC renaming can swap slaves (el5/el6).

    ## What it checks
    On el5 and el6, every bond with live slave files (files with MASTER=
    naming it) that have no HWADDR: one finding per bond, on the bond's
    DEVICE line, naming all such slaves (each slave's MASTER line is a
    related place).

    ## Why it matters
    ethX names follow driver load order on these releases. After a kernel
    or driver update eth0 and eth2 can swap, and the bond enslaves the NIC
    that was meant for the storage network. HWADDR pins the file to a NIC:
    el5 renames the device to match, el6+ refuse a mismatch loudly.

    ## Example
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    HWADDR=00:1E:68:37:FA:92
    ```

    ## Fix
    Add `HWADDR=` with each NIC's address from `ip link show`.

    ## Notes
    Until issue 12 this was one finding per slave; a bond's slaves share the
    one cause, so fingerprints of BL107 changed (CHANGELOG.md). Ports with no
    hardware address of their own (tun/tap devices, a bond, VLAN or bridge)
    are not asked for one.
    """
    for name, bond in sorted(host.bonds.items()):
        unpinned = [s for s in bond.slaves if s.hwaddr is None and not s.virtual]
        if not unpinned:
            continue
        masters = [(s, s.located("MASTER")) for s in unpinned]
        related = tuple(Related(m.span, f"{s.device} without HWADDR") for s, m in masters if m is not None)
        span = bond.interface.file.span_of("DEVICE") if bond.interface is not None else related[0].span
        names = ", ".join(s.device for s in unpinned)
        yield Violation(
            span,
            f"{name}'s {'slaves' if len(unpinned) > 1 else 'slave'} {names} {'have' if len(unpinned) > 1 else 'has'} "
            "no HWADDR: if NIC names change order after a driver or "
            "kernel update, the bond enslaves the wrong NIC; add each slave's HWADDR",
            related=related,
        )


@rule("BL108", "macaddr-multicast-or-global", Severity.INFO)
def macaddr_multicast_or_global(host: HostModel) -> Iterator[Violation]:
    """MACADDR is a multicast address (error) or a vendor's address rather than a locally administered one.

    ## What it checks
    A well-formed MACADDR in a live `ifcfg-*` file whose first octet has the
    multicast bit (0x01) set: an error; or whose first octet lacks the
    locally administered bit (0x02), so it sits in some vendor's OUI: info.

    ## Why it matters
    A unicast interface cannot use a multicast source address: the kernel
    refuses it ("Cannot assign requested address") and the bond keeps its
    slave's MAC. An address from a vendor's OUI can be burnt into some other
    NIC on the same segment; the locally administered range exists so that
    hand-picked addresses never collide with real hardware.

    ## Example
    ```
    DEVICE=bond0
    MACADDR=01:00:10:01:01:19
    ```
    Use instead:
    ```
    DEVICE=bond0
    MACADDR=02:00:10:01:01:19
    ```

    ## Fix
    Use an address whose first octet is x2, x6, xA or xE (such as
    `02:xx:xx:xx:xx:xx`).

    ## Notes
    Not judged on a sosreport cleaned by `sos clean`, which replaces every
    MAC with `53:4f:53:xx:xx:xx` (multicast bit set): the values are sos's,
    not the host's. Rules that compare MACs for equality still run there,
    because sos maps each MAC to the same replacement throughout the report.
    """
    if host.macs_obfuscated is not None:
        return  # a report cleaned by sos clean: its MAC values are sos's, not the host's
    for f in host.profile_files():
        found = f.mac("MACADDR")
        if found is None:
            continue
        a, mac = found
        first = int(mac[:2], 16)
        shown = f"{f.written_as('MACADDR')}={a.text}"
        if first & 0x01:
            yield Violation(
                a.span,
                f"{shown} is a multicast address (bit 0x01 of the first octet, {mac[:2]}, is set): "
                "the kernel refuses it as an interface address; use a unicast, locally administered "
                f"address such as {(first & 0xFC) | 0x02:02X}{mac[2:]}",
                severity=Severity.ERROR,
            )
        elif not first & 0x02:
            yield Violation(
                a.span,
                f"{shown} lies in a vendor's OUI ({mac[:8]}; the locally administered bit 0x02 of the "
                "first octet is not set), so real hardware may carry it; prefer a locally administered "
                f"address such as {first | 0x02:02X}{mac[2:]}",
            )
