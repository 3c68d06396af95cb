"""DEPRECATED shim (issue 20): every helper here is a model fact or a rule_api word now.

See /work/notes/lexical-facts.md (and the mapping beside each name below); this
module goes once no rule module imports it.
"""

from __future__ import annotations

from bondlint.model.host import HostModel, IfcfgFile, Interface
from bondlint.model.values import NM_FALSE, NM_TRUE, clean, nm_bool  # noqa: F401 (re-exported for old callers)
from bondlint.rule_api import quoted as show  # noqa: F401

def nm_controlled(f: IfcfgFile | Interface) -> bool:
    """-> ``f.nm_controlled`` (IfcfgFile, Interface; ShellFile for sysconfig/network)."""
    return nm_bool(f.value("NM_CONTROLLED"), True)


def device(f: IfcfgFile) -> str | None:
    """-> ``f.device``."""
    return f.device


def name(f: IfcfgFile) -> str:
    """-> ``f.device_name``."""
    return f.device_name


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
