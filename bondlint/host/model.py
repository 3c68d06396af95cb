"""The host model: one cross-file view of a host's network configuration.

Built once per audited root by ``host/build.py`` from the parsed documents;
rules read only this (and the ASTs it points into), never the disk. Every
value keeps the AST node it came from, so findings always have a location.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import attrs

from bondlint.syntax.document import Document
from bondlint.syntax.span import Problem, Span

if TYPE_CHECKING:
    from bondlint.syntax.bonding import BondingDocument
    from bondlint.syntax.modprobe import ModprobeDocument, ModprobeLine
    from bondlint.syntax.shellvars import Assignment, ShellDocument
    from bondlint.syntax.sxp import SxpDocument, SxpList

#: Mode numbers by kernel name; names and numbers are equivalent (RULES.md).
MODE_NAMES: dict[str, int] = {
    "balance-rr": 0,
    "active-backup": 1,
    "balance-xor": 2,
    "broadcast": 3,
    "802.3ad": 4,
    "balance-tlb": 5,
    "balance-alb": 6,
}
MODE_BY_NUMBER: dict[int, str] = {v: k for k, v in MODE_NAMES.items()}


@attrs.frozen(slots=True)
class IfcfgFile:
    """One ``ifcfg-*`` file under network-scripts, live or ignored."""

    rel: str  # path relative to the root: etc/sysconfig/network-scripts/ifcfg-eth0
    path: str  # the path as reached from the root the user gave (what findings show)
    suffix: str  # the file name after "ifcfg-"
    doc: ShellDocument | Document  # a RefusedDocument when unreadable
    live: bool  # read by this release's initscripts (RULES.md "live file")
    ignored_reason: str | None = None  # why not live ("ignored suffix .bak"), else None

    def get(self, name: str) -> Assignment | None:
        """The assignment bash keeps (the last); None for unreadable files."""
        get = getattr(self.doc, "get", None)
        return get(name) if get else None

    def value(self, name: str) -> str | None:
        a = self.get(name)
        return a.value.value if a is not None else None


@attrs.frozen(slots=True)
class Interface:
    """A device as the live ifcfg files define it (keyed by DEVICE, else file suffix)."""

    device: str
    file: IfcfgFile  # the first live file defining this device, in initscripts' order
    files: tuple[IfcfgFile, ...]  # every live file defining it (BL011 when > 1)
    kind: str  # "bond", "slave", "bridge", "vlan", "alias", "loopback", "ethernet"
    master: str | None  # MASTER's value (quotes removed)

    def get(self, name: str) -> Assignment | None:
        return self.file.get(name)

    def value(self, name: str) -> str | None:
        return self.file.value(name)

    @property
    def is_slave(self) -> bool:
        return self.master is not None

    @property
    def onboot(self) -> bool:
        """initscripts' view: only a value starting with no/No/NO/nO means 'no'."""
        v = self.value("ONBOOT")
        return not (v is not None and v[:2].lower() == "no")


@attrs.frozen(slots=True)
class BondOption:
    """One ``key=value`` word of BONDING_OPTS or of a modprobe ``options`` line."""

    key: str
    value: str
    word: str  # the word as written
    span: Span
    source: str  # "BONDING_OPTS" or "modprobe"
    index: int  # position among the bond's options from that source
    equals: int = 1  # number of "=" in the word: 0 → key == word, value == "" (BL317)
    value_span: Span | None = None  # the value part after the last "=", when mappable


@attrs.frozen(slots=True)
class Bond:
    name: str
    interface: Interface | None  # None when only module config / runtime knows the bond
    bonding_opts: tuple[BondOption, ...]  # from BONDING_OPTS, in order
    module_options: tuple[BondOption, ...]  # from `options bonding` / `options <name>`
    slaves: tuple[Interface, ...]  # live interfaces whose MASTER names this bond
    mode: int  # effective mode (BONDING_OPTS, else module options, else 0)
    mode_option: BondOption | None  # where the effective mode came from, if written
    mode_valid: bool = True  # False when the last mode= written is not a valid value (mode then
    # stays at the last valid one written from that source, else the default 0)

    @property
    def options(self) -> tuple[BondOption, ...]:
        """Effective options: BONDING_OPTS when present, else module options."""
        return self.bonding_opts or self.module_options

    def option(self, key: str) -> BondOption | None:
        """The effective value of an option (the last word wins, as sysfs writes)."""
        found = None
        for opt in self.options:
            if opt.key == key:
                found = opt
        return found

    @property
    def mode_name(self) -> str:
        return MODE_BY_NUMBER.get(self.mode, str(self.mode))


@attrs.frozen(slots=True)
class ModprobeFile:
    rel: str
    path: str
    doc: ModprobeDocument | Document
    read: bool  # read by this release's modprobe (kmod ignores modprobe.conf, non-.conf)


@attrs.frozen(slots=True)
class ModuleAlias:
    name: str
    module: str
    line: ModprobeLine
    file: ModprobeFile


@attrs.frozen(slots=True)
class ModuleOptions:
    module: str  # as written (may be an alias such as bond0)
    words: tuple[BondOption, ...]  # each option word parsed into key/value
    line: ModprobeLine
    file: ModprobeFile


@attrs.frozen(slots=True)
class ModuleConfig:
    files: tuple[ModprobeFile, ...]  # modprobe.conf first, then modprobe.d/* by name
    aliases: tuple[ModuleAlias, ...]  # from files that are read, in read order
    options: tuple[ModuleOptions, ...]

    @property
    def modprobe_conf(self) -> ModprobeFile | None:
        return next((f for f in self.files if f.rel == "etc/modprobe.conf"), None)

    def aliases_for(self, name: str) -> tuple[ModuleAlias, ...]:
        return tuple(a for a in self.aliases if a.name == name)

    def options_for(self, module: str) -> tuple[ModuleOptions, ...]:
        norm = module.replace("-", "_")
        return tuple(o for o in self.options if o.module.replace("-", "_") == norm)


@attrs.frozen(slots=True)
class XenNetwork:
    """xend's network-script setting and the host's network-bridge script."""

    path: str
    doc: SxpDocument | Document
    network_script: SxpList | None  # the first (network-script ...) list: the one xend uses
    script: str | None  # first word of the network-script string ("network-bridge")
    args: dict[str, tuple[str, Span]]  # key=value arguments after the script name
    bridge_script_present: bool  # etc/xen/scripts/network-bridge exists under the root
    bridge_script_handles_bonds: bool | None  # it saves/restores bonding/slaves (BL609)

    @property
    def netdev(self) -> str | None:
        arg = self.args.get("netdev")
        return arg[0] if arg else None

    @property
    def bridge(self) -> str | None:
        arg = self.args.get("bridge")
        return arg[0] if arg else None


@attrs.frozen(slots=True)
class HostModel:
    root: str  # the root as the user gave it (display form)
    release: str | None  # el5, el6, el7, el8; None when unknown
    release_source: str  # "etc/redhat-release", "--release", "inferred: modprobe.conf without ..."
    release_assumed: bool  # True when inferred rather than read or forced
    partial: bool  # single files linted on their own: only file-scope rules run
    documents: tuple[Document, ...]  # every file read, in discovery order
    ifcfg_files: tuple[IfcfgFile, ...]
    interfaces: dict[str, Interface]
    bonds: dict[str, Bond]
    network: ShellDocument | None  # etc/sysconfig/network
    modules: ModuleConfig
    xen: XenNetwork | None
    route_files: tuple[str, ...]  # rel paths of network-scripts/route-* files
    runtime: dict[str, BondingDocument] = attrs.field(factory=dict)  # bond name → proc file

    def problems(self, code: str) -> Iterator[Problem]:
        """Parse/read problems of one code across every document of the host."""
        for doc in self.documents:
            for p in doc.problems:
                if p.code == code:
                    yield p

    def live_files(self) -> Iterator[IfcfgFile]:
        return (f for f in self.ifcfg_files if f.live)

    def network_value(self, name: str) -> str | None:
        if self.network is None:
            return None
        return self.network.value(name)
