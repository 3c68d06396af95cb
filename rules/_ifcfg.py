"""DEPRECATED shim (issue 20): every helper here is a model fact or a rule_api word now.

See /work/notes/lexical-facts.md (and the mapping beside each name below); this
module goes once no rule module imports it.
"""

from __future__ import annotations

from typing import Iterator

from bondlint.model.host import HostModel, IfcfgFile, Interface
from bondlint.model.values import NM_FALSE, NM_TRUE, clean, nm_bool  # noqa: F401 (re-exported for old callers)
from bondlint.rule_api import quoted as show  # noqa: F401
from bondlint.syntax.shellvars import Assignment, ShellDocument
from bondlint.syntax.span import Span

#: -> IfcfgFile.nm_loads_skipped (the whole BL008 fact), bondlint.host.discover.NM_READS_IGNORED_SUFFIXES
NM_READS_IGNORED = (".rpmsave", ".rpmorig", ".old")


def nm_controlled(f: IfcfgFile | Interface | ShellDocument) -> bool:
    """-> ``f.nm_controlled`` (IfcfgFile, Interface; ShellFile for sysconfig/network)."""
    return nm_bool(f.value("NM_CONTROLLED"), True)


def shell_doc(f: IfcfgFile) -> ShellDocument | None:
    """-> ``f.lexical`` (a ShellFile: lines and assignments as written)."""
    return f.doc if isinstance(f.doc, ShellDocument) else None


def live_docs(host: HostModel, *, network: bool = True) -> Iterator[ShellDocument]:
    """-> ``host.sourced_files`` (ShellFile records)."""
    for f in host.live_files():
        doc = shell_doc(f)
        if doc is not None:
            yield doc
    if network and host.network is not None:
        yield host.network


def device(f: IfcfgFile) -> str | None:
    """-> ``f.device``."""
    return f.device


def name(f: IfcfgFile) -> str:
    """-> ``f.device_name``."""
    return f.device_name if isinstance(f, IfcfgFile) else (clean(f.value("DEVICE")) or f.suffix)


def interface(host: HostModel, f: IfcfgFile) -> Interface | None:
    """-> ``host.interface_of(f)``."""
    return host.interface_of(f)


def is_bond_master(host: HostModel, f: IfcfgFile) -> bool:
    """-> ``host.is_bond_master(f)``."""
    return host.is_bond_master(f)


def master(f: IfcfgFile) -> str | None:
    """-> ``f.master``."""
    return clean(f.value("MASTER"))


def mac(value: str | None) -> str | None:
    """-> ``f.hwaddr.text`` (IfcfgFile.hwaddr, Interface.hwaddr/.macaddr: upper-cased Located)."""
    v = clean(value)
    return v.upper() if v is not None else None


def value_span(a: Assignment) -> Span:
    """-> ``ShellAssignment.place`` (``f.lexical.assignment(name).place``), or ``f.located(name).span``."""
    return a.value.span if a.value.span.end > a.value.span.start else a.name_span
