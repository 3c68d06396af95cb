"""What rules ask of an ifcfg file: its device, its role, its values, NetworkManager's reading.

Values are compared as initscripts compares them: after shell unquoting, and
without a trailing ``\\r`` (BL004 reports CRLF once; every other rule would
otherwise fire on the same cause).
"""

from __future__ import annotations

from typing import Iterator

from bondlint.model.values import NETWORKMANAGER, NM_FALSE, NM_TRUE, clean, read_bool  # noqa: F401 (NM_* for BL007)
from bondlint.model.host import HostModel, IfcfgFile, Interface
from bondlint.syntax.shellvars import Assignment, ShellDocument
from bondlint.syntax.span import Span

#: Suffixes NetworkManager's ifcfg-rh reads while initscripts ignore them (semantics 1.1.3).
NM_READS_IGNORED = (".rpmsave", ".rpmorig", ".old")


def nm_bool(value: str | None, default: bool) -> bool:
    """A boolean as NetworkManager reads it."""
    return read_bool(NETWORKMANAGER, "", value).or_default(default)


def nm_controlled(f: IfcfgFile | Interface | ShellDocument) -> bool:
    """NetworkManager may manage the file: NM_CONTROLLED is not false (unset means yes)."""
    return nm_bool(f.value("NM_CONTROLLED"), True)


def shell_doc(f: IfcfgFile) -> ShellDocument | None:
    return f.doc if isinstance(f.doc, ShellDocument) else None


def live_docs(host: HostModel, *, network: bool = True) -> Iterator[ShellDocument]:
    """Every file bash sources on this host: live ifcfg files, then sysconfig/network."""
    for f in host.live_files():
        doc = shell_doc(f)
        if doc is not None:
            yield doc
    if network and host.network is not None:
        yield host.network


def device(f: IfcfgFile) -> str | None:
    return clean(f.value("DEVICE"))


def name(f: IfcfgFile) -> str:
    """The device a file configures as the builder keys it: DEVICE, else the file suffix."""
    return device(f) or f.suffix


def interface(host: HostModel, f: IfcfgFile) -> Interface | None:
    iface = host.interfaces.get(name(f))
    return iface if iface is not None and any(x is f for x in iface.files) else None


def is_bond_master(host: HostModel, f: IfcfgFile) -> bool:
    iface = interface(host, f)
    if iface is not None and iface.kind == "bond":
        return True
    return f.get("BONDING_OPTS") is not None or (clean(f.value("TYPE")) or "").lower() == "bond"


def master(f: IfcfgFile) -> str | None:
    return clean(f.value("MASTER"))


def mac(value: str | None) -> str | None:
    """A MAC as initscripts compares it (upper case); None when unset."""
    v = clean(value)
    return v.upper() if v is not None else None


def value_span(a: Assignment) -> Span:
    """The value, or the name when the value is empty (a zero-width span helps nobody)."""
    return a.value.span if a.value.span.end > a.value.span.start else a.name_span


def show(value: str) -> str:
    return f"'{value}'" if value.isprintable() else repr(value)
