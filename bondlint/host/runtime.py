"""Running bonds: the kernel's reports read into the model, joined with the configuration; the live host.

The builder hands this module the parsed ``proc/net/bonding/*`` of an audited
root (a sosreport keeps them there). Each report is read once into the model's
typed records (``bondlint.model.runtime``: values normalised, each with its
line) and meets the bond its files configure, including the Xen 3.0/3.1 case
where network-bridge renamed the real ``bond0`` to ``pbond0`` (semantics.md
4.1, G09); what that configuration leaves for each printed option is worked
out here too, once (``RunningBond.expected``).

``live_runtime`` reads the running host for ``bondlint --live``: strictly
read-only, every path stat'ed before it is opened (``bondlint.source.Root``),
nothing written, nothing executed.
"""

from __future__ import annotations

import posixpath
import re
from typing import TypeVar

import attrs

from bondlint.host import bondopts
from bondlint.model.host import MODE_BY_NUMBER, Bond, BondOption, HostModel
from bondlint.model.runtime import ActiveAggregator, Expected, RunningBond, RunningSlave, Shown
from bondlint.source import Refused, Root
from bondlint.syntax.bonding import MODE_NAMES as PROC_MODE_NAMES
from bondlint.syntax.bonding import BondingDocument, Field, SlaveSection, parse

PROC_BONDING = "proc/net/bonding"
#: HostModel.runtime_source under ``--live``: the running host itself (an empty /proc/net/bonding is evidence)
LIVE = "the running host (--live)"
SYS_NET = "sys/class/net"


def join_running(runtime: dict[str, BondingDocument], bonds: dict[str, Bond]) -> tuple[RunningBond, ...]:
    """Every running bond joined with its configuration, in proc-name order (``HostModel.running``).

    ``p<bond>`` joins the configured ``<bond>`` when no ``<bond>`` entry runs
    and nothing configures ``p<bond>`` itself (Xen 3.0/3.1 network-bridge).
    A running bond nothing configures whose ports are exactly the ports of one
    configured bond that does not run under its own name is that bond, renamed
    (``joined_by="ports"``: BL814 says so once; BL817 stays silent).
    """
    found: list[tuple[str, str, BondingDocument, Bond | None, str]] = []
    for proc_name, doc in sorted(runtime.items()):
        if not isinstance(doc, BondingDocument):
            continue
        bond = bonds.get(proc_name)
        base = proc_name[1:] if proc_name.startswith("p") else None
        if bond is not None and bond.configured:
            found.append((proc_name, proc_name, doc, bond, "name"))
        elif base and base not in runtime and base in bonds and bonds[base].configured:
            found.append((base, proc_name, doc, bonds[base], "xen"))
        else:
            found.append((proc_name, proc_name, doc, None, "name"))
    joined = {name for name, _, _, bond, _ in found if bond is not None}
    for i, (name, proc_name, doc, bond, _) in enumerate(found):
        ports = frozenset(s.name for s in doc.slaves)
        if bond is not None or not ports:
            continue
        same = [b for n, b in bonds.items() if b.configured and n not in joined and n not in runtime
                and frozenset(p.device for p in b.slaves) == ports]
        if len(same) == 1:
            found[i] = (same[0].name, proc_name, doc, same[0], "ports")
            joined.add(same[0].name)
    return tuple(running_bond(*entry) for entry in found)


# --------------------------------------------------------------------------- the report as typed records

T = TypeVar("T")


def _shown(field: Field | None, value: T) -> Shown[T] | None:
    return None if field is None else Shown(value, field.value, field.value_span, field.span)


def _text(field: Field | None) -> Shown[str] | None:
    """A value as printed (a MAC address)."""
    return None if field is None else _shown(field, field.value)


def _word(field: Field | None) -> Shown[str] | None:
    """A keyword, lower-cased (``LACP active: off``, ``Actor Churn State: churned``)."""
    return None if field is None else _shown(field, field.value.lower())


def _slave(slave: SlaveSection) -> RunningSlave:
    partner = slave.section("details partner lacp pdu")
    actor = slave.section("details actor lacp pdu")
    name = slave.get("Slave Interface")
    perm = slave.get("Permanent HW addr")
    return RunningSlave(
        name=slave.name,
        name_span=name.value_span if name is not None else slave.span,
        mii_status=_shown(slave.get("MII Status"), slave.mii_status),
        speed=_shown(slave.get("Speed"), slave.speed),
        duplex=_shown(slave.get("Duplex"), slave.duplex),
        link_failure_count=_shown(slave.get("Link Failure Count"), slave.link_failure_count),
        permanent_mac=_text(perm) if perm is not None and perm.value else None,  # some drivers print it empty
        aggregator_id=_shown(slave.get("Aggregator ID"), slave.aggregator_id),
        actor_churn=_word(slave.get("Actor Churn State")),
        partner_churn=_word(slave.get("Partner Churn State")),
        actor_port_state=_shown(None if actor is None else actor.get("port state"), slave.actor_port_state),
        partner_port_state=_shown(None if partner is None else partner.get("port state"), slave.partner_port_state),
        partner_system_mac=_text(None if partner is None else partner.get("system mac address")),
    )


def _aggregator(doc: BondingDocument) -> ActiveAggregator | None:
    info = doc.active_aggregator
    if info is None:
        return None
    return ActiveAggregator(
        aggregator_id=_shown(info.get("Aggregator ID"), doc.active_aggregator_id),
        ports=_shown(info.get("Number of ports"), doc.active_aggregator_ports),
        partner_mac=_text(info.get("Partner Mac Address")),
    )


_RESELECT = re.compile(r"primary_reselect\s*(\w*)")


def _reselect(text: str | None) -> str | None:
    """The ``(primary_reselect X)`` a Primary Slave line shows: X, None without one."""
    match = None if text is None else _RESELECT.search(text)
    return match.group(1) if match else None


#: The Primary Slave, Transmit Hash Policy and 802.3ad lines, by the option each shows.
_OPTION_LINES: tuple[tuple[str, bool, str], ...] = (
    ("xmit_hash_policy", False, "Transmit Hash Policy"),
    ("lacp_rate", True, "LACP rate"),
    ("ad_select", True, "Aggregator selection policy (ad_select)"),
    ("primary", False, "Primary Slave"),
)


def _options(doc: BondingDocument) -> dict[str, Shown[str]]:
    """The options the configuration sets that the report prints, as the kernel names their values."""
    out: dict[str, Shown[str]] = {}
    for key, in_ad_info, title in _OPTION_LINES:
        section = doc.ad_info if in_ad_info else doc.bond
        field = section.get(title) if section is not None else None
        if field is None or not field.value.strip():
            continue
        value = field.value.split()[0]
        out[key] = Shown("" if key == "primary" and value == "None" else value, field.value, field.value_span, field.span)
    arp = doc.bond.get("ARP Polling Interval (ms)")
    shown = arp if arp is not None else doc.mode_field  # no ARP line: the kernel runs no ARP monitor
    if shown is not None:
        out["arp_interval"] = Shown(str(doc.arp_interval or 0), shown.value, shown.value_span, shown.span)
        targets = doc.bond.get("ARP IP target/s (n.n.n.n form)")
        targets = shown if targets is None else targets
        if doc.arp_interval:
            out["arp_ip_target"] = Shown(",".join(sorted(doc.arp_ip_targets)), targets.value, targets.value_span, targets.span)
    return out


#: What the bonding driver runs when nothing sets these options (bond_main.c bonding_defaults;
#: NetworkManager writes none of them unless the profile does, so the same holds under it).
_KERNEL_DEFAULTS: dict[str, str] = {"lacp_rate": "slow", "xmit_hash_policy": "layer2", "ad_select": "stable",
                                    "arp_interval": "0"}


def _targets(applied: tuple[BondOption, ...]) -> tuple[str, BondOption | None]:
    """Every ARP target the words set, sorted, and the last word setting one."""
    words = [o for o in applied if o.key == "arp_ip_target"]
    targets = sorted({t.strip() for o in words for t in o.value.split(",") if t.strip()})
    return ",".join(targets), (words[-1] if words else None)


def _expected(bond: Bond, key: str) -> Expected:
    """The value the applying program leaves for ``key`` (by name) and the word setting it; where the
    tree does not tell who applies the bond (``Bond.other_applied``), the other program's value too."""
    if key == "arp_ip_target":
        value, word = _targets(bond.applied)
    else:
        setting = bond.setting(key)
        value, word = ((_KERNEL_DEFAULTS.get(key, ""), None) if setting is None
                       else (bondopts.value_name(key, setting.value), setting.option))
    other = None
    if bond.other_applied is not None:
        if key == "arp_ip_target":
            other = _targets(bond.other_applied)[0]
        else:
            words = [o for o in bond.other_applied if o.key == key]
            other = bondopts.value_name(key, words[-1].value) if words else _KERNEL_DEFAULTS.get(key, "")
    return Expected(value, word, other)


def running_bond(name: str, proc_name: str, doc: BondingDocument, bond: Bond | None, joined_by: str) -> RunningBond:
    """One report read into its typed record, joined with ``bond`` (how: ``joined_by``)."""
    primary = doc.bond.get("Primary Slave")
    options = _options(doc)
    return RunningBond(
        name=name, proc_name=proc_name, bond=bond, joined_by=joined_by, path=doc.path,
        first_line=doc.lines[0].span if doc.lines else None,
        mode=_shown(doc.mode_field, doc.mode_number),
        mii_status=_shown(doc.bond.get("MII Status"), doc.mii_status),
        miimon=_shown(doc.bond.get("MII Polling Interval (ms)"), doc.miimon),
        arp_interval=_shown(doc.bond.get("ARP Polling Interval (ms)"), doc.arp_interval),
        primary=_shown(primary, doc.primary_slave),
        primary_reselect=_reselect(None if primary is None else primary.value),
        active_slave=_shown(doc.bond.get("Currently Active Slave"), doc.active_slave),
        lacp_active=_word(None if doc.ad_info is None else doc.ad_info.get("LACP active")),
        aggregator=_aggregator(doc),
        no_active_aggregator=doc.no_active_aggregator,
        slaves=tuple(_slave(s) for s in doc.slaves),
        options=options,
        expected={} if bond is None else {key: _expected(bond, key) for key in options},
    )


# --------------------------------------------------------------------------- --live


def _read(root: Root, rel: str) -> str | None:
    source = root.read(rel)
    return None if isinstance(source, Refused) else source.text


def _sysfs_value(root: Root, rel: str) -> str | None:
    text = _read(root, rel)
    if text is None:
        return None
    value = text.strip()
    return value or None


#: sysfs attribute → proc line, for the bond-level lines a fallback document carries.
_SYSFS_BOND_LINES: tuple[tuple[str, str], ...] = (
    ("mii_status", "MII Status"),
    ("miimon", "MII Polling Interval (ms)"),
    ("updelay", "Up Delay (ms)"),
    ("downdelay", "Down Delay (ms)"),
)
_SYSFS_SLAVE_LINES: tuple[tuple[str, str], ...] = (
    ("mii_status", "MII Status"),
    ("link_failure_count", "Link Failure Count"),
    ("perm_hwaddr", "Permanent HW addr"),
    ("queue_id", "Slave queue ID"),
    ("ad_aggregator_id", "Aggregator ID"),
)


def _from_sysfs(root: Root, bond: str) -> BondingDocument | None:
    """A bond's sysfs attributes rendered in the proc format, for a bond with no readable proc entry.

    Only what sysfs states is written; a line the kernel does not expose (or
    refuses to a non-root reader) is left out, so rules see it as absent.
    """
    base = f"{SYS_NET}/{bond}/bonding"
    mode = _sysfs_value(root, f"{base}/mode")  # "802.3ad 4"
    if mode is None:
        return None
    words = mode.split()
    number = int(words[-1]) if words[-1].isdigit() else None
    if number is None or number not in MODE_BY_NUMBER:
        return None
    lines = [f"Bonding Mode: {PROC_MODE_NAMES[number][0]}"]
    for attr, key in _SYSFS_BOND_LINES:
        value = _sysfs_value(root, f"{base}/{attr}")
        if value is not None:
            lines.append(f"{key}: {value}")
    if number in (1, 5, 6):
        lines.append(f"Primary Slave: {_sysfs_value(root, f'{base}/primary') or 'None'}")
        lines.append(f"Currently Active Slave: {_sysfs_value(root, f'{base}/active_slave') or 'None'}")
    if number == 4:
        lines += ["", "802.3ad info"]
        aggregator = _sysfs_value(root, f"{base}/ad_aggregator")
        if aggregator is not None:
            lines.append("Active Aggregator Info:")
            for attr, key in (
                ("ad_aggregator", "Aggregator ID"),
                ("ad_num_ports", "Number of ports"),
                ("ad_actor_key", "Actor Key"),
                ("ad_partner_key", "Partner Key"),
                ("ad_partner_mac", "Partner Mac Address"),
            ):
                value = _sysfs_value(root, f"{base}/{attr}")
                if value is not None:
                    lines.append(f"\t{key}: {value}")
    for slave in (_sysfs_value(root, f"{base}/slaves") or "").split():
        lines += ["", f"Slave Interface: {slave}"]
        for attr, key in _SYSFS_SLAVE_LINES:
            value = _sysfs_value(root, f"{SYS_NET}/{slave}/bonding_slave/{attr}")
            if value is not None:
                lines.append(f"{key}: {value}")
    return parse("\n".join(lines) + "\n", root.display_path(base))


def live_runtime(proc_root: str = "/", sys_root: str = "/") -> dict[str, BondingDocument]:
    """The running host's bonds: /proc/net/bonding/*, else /sys/class/net/<bond>/bonding.

    Read-only: directories are listed and files read through ``Root``, which
    lstat's every component, refuses FIFOs, devices and oversize files, and
    opens with O_RDONLY|O_NOFOLLOW. Bonds come from the proc directory and
    from ``/sys/class/net/bonding_masters``; a bond whose proc entry cannot be
    read is described from sysfs instead.
    """
    proc = Root(proc_root, display=proc_root)
    sysfs = Root(sys_root, display=sys_root)
    names = list(proc.listdir(PROC_BONDING))
    for name in (_sysfs_value(sysfs, f"{SYS_NET}/bonding_masters") or "").split():
        if name not in names:
            names.append(name)
    runtime: dict[str, BondingDocument] = {}
    for name in sorted(names):
        rel = posixpath.join(PROC_BONDING, name)
        source = proc.read(rel)
        if not isinstance(source, Refused):
            runtime[name] = parse(source.text, source.path)
            continue
        doc = _from_sysfs(sysfs, name)
        if doc is not None:
            runtime[name] = doc
    return runtime


def attach_runtime(host: HostModel, runtime: dict[str, BondingDocument]) -> HostModel:
    """The host with ``runtime`` as its running state (``--live``: a HostModel built from /etc).

    The live view replaces any proc files found under the root, and its
    documents join the host's so findings show their source lines.
    """
    kept = tuple(d for d in host.documents if not isinstance(d, BondingDocument))
    return attrs.evolve(
        host, documents=kept + tuple(runtime.values()),
        running=join_running(runtime, host.bonds), runtime_source=LIVE,
    )
