"""Running bonds: joining /proc/net/bonding with the configuration, and reading the live host.

The builder fills ``HostModel.runtime`` from ``proc/net/bonding/*`` under an
audited root (a sosreport keeps them there). Here each running bond meets the
bond its files configure, including the Xen 3.0/3.1 case where network-bridge
renamed the real ``bond0`` to ``pbond0`` (semantics.md 4.1, G09).

``live_runtime`` reads the running host for ``bondlint --live``: strictly
read-only, every path stat'ed before it is opened (``bondlint.source.Root``),
nothing written, nothing executed.
"""

from __future__ import annotations

import posixpath

import attrs

from bondlint.model.host import MODE_BY_NUMBER, Bond, HostModel, RunningBond
from bondlint.source import Refused, Root
from bondlint.syntax.bonding import MODE_NAMES as PROC_MODE_NAMES
from bondlint.syntax.bonding import BondingDocument, parse

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
    out: list[RunningBond] = []
    for proc_name, doc in sorted(runtime.items()):
        if not isinstance(doc, BondingDocument):
            continue
        bond = bonds.get(proc_name)
        base = proc_name[1:] if proc_name.startswith("p") else None
        if bond is not None and bond.configured:
            out.append(RunningBond(proc_name, proc_name, doc, bond))
        elif base and base not in runtime and base in bonds and bonds[base].configured:
            out.append(RunningBond(base, proc_name, doc, bonds[base], joined_by="xen"))
        else:
            out.append(RunningBond(proc_name, proc_name, doc, None))
    joined = {rb.name for rb in out if rb.bond is not None}
    for i, rb in enumerate(out):
        ports = frozenset(s.name for s in rb.doc.slaves)
        if rb.bond is not None or not ports:
            continue
        same = [b for n, b in bonds.items() if b.configured and n not in joined and n not in runtime
                and frozenset(p.device for p in b.slaves) == ports]
        if len(same) == 1:
            out[i] = RunningBond(same[0].name, rb.proc_name, rb.doc, same[0], joined_by="ports")
            joined.add(same[0].name)
    return tuple(out)


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
    old = {id(d) for d in host.runtime.values()}
    kept = tuple(d for d in host.documents if id(d) not in old)
    return attrs.evolve(
        host, runtime=dict(runtime), documents=kept + tuple(runtime.values()),
        running=join_running(runtime, host.bonds), runtime_source=LIVE,
    )
