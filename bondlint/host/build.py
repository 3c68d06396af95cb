"""Build the HostModel: read and parse a host's files once, then link them.

Everything is keyed in dicts on the way, so a host with thousands of ifcfg
files builds in linear time. Reading goes through ``bondlint.source.Root``;
a file that cannot be read becomes an empty document of its kind carrying its
problem (BL000 reports it), so nothing downstream probes for a missing node.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Iterable

import attrs

from bondlint.host import bond_assembly, bondopts, keyfiles, modprobe, nm_discover, routes
from bondlint.host.xen import with_default_netdev, xen_network
from bondlint.host.addressing import initscripts_addresses, nm_addresses, read_addressing
from bondlint.model.addressing import Addressing, NumberedAddress
from bondlint.model.values import (
    INITSCRIPTS, NETWORKMANAGER, Located, clean, normalize_module, read_bool,
)
from bondlint.host.lexical import shell_file
from bondlint.host.releases import parse_release
from bondlint.model.release import NAMES as RELEASE_NAMES, networkmanager_version, newest_where, release as release_row
from bondlint.host.runtime import join_running
from bondlint.host.services import Services, read_services
from bondlint.host.spelling import misspellings
from bondlint.host.discover import (
    KMOD_DIRS,
    MAX_FILES_PER_ROOT,
    NM_READS_IGNORED_SUFFIXES,
    HostFiles,
    Missing,
    SingleFiles,
    Target,
    files,
    host_root_holding,
    ignored_reason,
)
from bondlint.model.bonds import BondingModule
from bondlint.model.host import (
    Applier,
    Bond,
    BondOption,
    HostModel,
    IfcfgFile,
    Interface,
    KeyfileProfile,
    NmHost,
    Gateway,
    NetworkFile,
    MAX_OPTION_WORDS,
    UnreadWords,
    XenNetwork,
)
from bondlint.model.modules import ModprobeCommand, ModprobeFile, ModuleAlias, ModuleConfig, ModuleOptions
from bondlint import suppress
from bondlint.source import Refused, Root
from bondlint.syntax import detect_kind, netdevs, parse_file, parse_text, refused
from bondlint.syntax.document import Document, RefusedDocument
from bondlint.syntax.keyfile import KeyfileDocument
from bondlint.syntax.modprobe import ModprobeLine
from bondlint.syntax.shellvars import ShellDocument
from bondlint.syntax.span import LineIndex, Problem, whole_file_span



# ---------------------------------------------------------------------------
# Release

@attrs.frozen(slots=True)
class DetectedRelease:
    """Which release a host runs, and how bondlint knows (RULES.md "release")."""

    name: str | None  # el5..el10; None when unknown
    source: str  # "etc/redhat-release", "--release", "inferred: ...", "unknown: ..."
    assumed: bool = False  # inferred rather than read or forced (a Fedora host read as its RHEL branch)
    version: str | None = None  # "5.2", "9.4" where a release file gives it
    fedora: int | None = None  # the Fedora release, when the host is Fedora (its own packaging applies)

    @classmethod
    def forced(cls, name: str | None, unknown: str = "unknown") -> DetectedRelease:
        """``--release``, or nothing known (single files, a missing path)."""
        return cls(name, "--release") if name else cls(None, unknown)


def detect_release(root: Root, found: HostFiles, forced: str | None) -> DetectedRelease:
    """The host's release per RULES.md "release": --release, a release file, else inferred."""
    if forced is not None:
        return DetectedRelease.forced(forced)
    for rel in found.release_files:
        source = root.read(rel)
        if isinstance(source, Refused):
            continue
        info = parse_release(rel, source.text)
        if info is not None:
            if info.assumed:
                return DetectedRelease(info.release, f"{rel}: {info.distro} {info.version}, read as {info.release}", True,
                               info.version, info.fedora)
            return DetectedRelease(info.release, rel, version=info.version)
    if found.xend_config is not None:
        return DetectedRelease(newest_where(lambda r: r.xend), "inferred: etc/xen/xend-config.sxp exists (xend is a RHEL/CentOS 5 dom0)", True)
    if found.modprobe_conf is not None and not any(f.endswith(".conf") for f in found.modprobe_d):
        # the newest release whose modprobe reads modprobe.conf without a warning
        return DetectedRelease(newest_where(lambda r: r.modprobe_conf == "read"),
                               "inferred: etc/modprobe.conf exists and etc/modprobe.d has no *.conf file", True)
    return DetectedRelease(None, "unknown: no release file, no --release, nothing to infer it from")


# ---------------------------------------------------------------------------
# Reading

class _Reader:
    """Reads and parses files, remembering every document in order.

    With a root, paths are relative to it (chroot-style); without one, they
    are files the user named directly (symlinks followed, as any tool would).
    """

    def __init__(self, root: Root | None = None) -> None:
        self.root = root
        self.documents: list[Document] = []
        self.unread: set[str] = set()  # paths of files that could not be read (BL000)

    def parse(self, rel: str, kind: str) -> Document:
        """The file's document; an unreadable file gives an empty document of its kind carrying why."""
        if self.root is None:
            doc = parse_file(rel, kind)
        else:
            source = self.root.read(rel)
            if isinstance(source, Refused):
                doc = refused(kind, source)
            else:
                doc = parse_text(source.text, kind, source.path)
                if source.problems:
                    doc = attrs.evolve(doc, problems=source.problems + doc.problems)
        if isinstance(doc, RefusedDocument):
            doc = self.unreadable(kind, doc.path or rel, doc.problems)
        self.documents.append(doc)
        return doc

    def unreadable(self, kind: str, path: str, problems: tuple[Problem, ...]) -> Document:
        """An empty document of ``kind`` carrying ``problems``: rules read it like any other, and find nothing."""
        self.unread.add(path)
        return attrs.evolve(parse_text("", kind, path), problems=problems)


def _applier(f: IfcfgFile, release: str | None, services: Services, ifcfg_read: bool) -> Applier:
    """Who applies this ifcfg file, decided from evidence (services.py), never from ``UUID=``."""
    row = release_row(release)
    if row.known and row.network_scripts == "absent":
        return Applier(NETWORKMANAGER, (f"{release} ships no initscripts",))
    if not row.known or not row.nm_bonds:
        why = "release unknown: initscripts assumed" if release is None else f"{release}'s NetworkManager does not apply bonds"
        return Applier(INITSCRIPTS, (why,))
    nm, network = services.networkmanager, services.network
    if not read_bool(NETWORKMANAGER, "NM_CONTROLLED", f.value("NM_CONTROLLED")).or_default(True):
        return Applier(INITSCRIPTS, ("NM_CONTROLLED=no",))
    if not ifcfg_read:
        return Applier(INITSCRIPTS, ("NetworkManager does not read ifcfg files here (plugins=)",))
    if nm.enabled is False:
        return Applier(INITSCRIPTS, (f"NetworkManager disabled: {nm.evidence}",))
    if nm.enabled is None:
        default = row.nm_default
        program = NETWORKMANAGER if default else INITSCRIPTS
        return Applier(program, (nm.evidence,), assumed=True)
    return Applier(NETWORKMANAGER, (f"NetworkManager enabled: {nm.evidence}",)
                   + ((f"network service enabled: {network.evidence}",) if network.enabled else ()),
                   fallback=bool(network.enabled))


def _upper(f: IfcfgFile, key: str):
    loc = f.located(key)
    return attrs.evolve(loc, text=loc.text.upper()) if loc is not None and loc.text else None


def _kind(f: IfcfgFile, device: str, bonding_aliases: set[str]) -> str:
    typ = (f.value("TYPE") or "").rstrip("\r").lower()
    if device == "lo":
        return "loopback"
    if ":" in device:
        return "alias"
    if f.get("BONDING_OPTS") is not None or typ == "bond":
        return "bond"
    if typ == "bridge":  # BONDING_MASTER=yes does not make a bridge a bond (NetworkManager rejects the pair, BL701)
        return "bridge"
    if (f.value("BONDING_MASTER") or "").rstrip("\r").lower() == "yes" or device in bonding_aliases:
        return "bond"
    if clean(f.value("MASTER")) is not None:
        return "slave"
    if (f.value("VLAN") or "").rstrip("\r").lower() == "yes" or "." in device or device.startswith("vlan"):
        return "vlan"
    return "ethernet"


def _ifcfg_files(reader: _Reader, rels: Iterable[str], release: str | None) -> list[IfcfgFile]:
    out: list[IfcfgFile] = []
    row = release_row(release)
    for rel in rels:
        name = posixpath.basename(rel)
        doc = reader.parse(rel, "ifcfg")
        reason = ignored_reason(name, release)
        if reason is None and (doc.path or rel) in reader.unread:
            reason = "not read: " + (doc.problems[0].details.get("reason", "unreadable") if doc.problems else "unreadable")
        suffix = name.split("ifcfg-", 1)[-1]
        lexical = shell_file(doc, doc.path or rel)
        device = clean(doc.value("DEVICE"))
        nm_loads_skipped = (
            reason is not None and row.nm_reads_ignored_suffixes
            and suffix.endswith(NM_READS_IGNORED_SUFFIXES) and lexical.nm_controlled
            and not (device == "lo" and clean(doc.value("TYPE")) is None)  # NM: "Ignoring loopback device config."
        )
        hwaddr = lexical.assignment("HWADDR")
        out.append(
            IfcfgFile(
                rel=rel,
                path=doc.path or rel,
                suffix=suffix,
                doc=doc,
                live=reason is None,
                ignored_reason=reason,
                misspellings=misspellings(doc.assignments()) if reason is None else (),
                clone_of=suffix.split("-", 1)[0] if row.reads_clone_names and "-" in suffix else None,
                lexical=lexical,
                device=device,
                master=clean(doc.value("MASTER")),
                hwaddr=attrs.evolve(hwaddr.value, text=hwaddr.value.text.upper()) if hwaddr and hwaddr.value.text else None,
                nm_controlled=lexical.nm_controlled,
                nm_loads_skipped=nm_loads_skipped,
                slave=read_bool(INITSCRIPTS, "SLAVE", doc.value("SLAVE"), release),
            )
        )
    return out


def _with_nm_networks(addressing: Addressing, numbered: tuple[NumberedAddress, ...]) -> Addressing:
    """Every subnet NetworkManager configures (IPADDR and IPADDRn) where there are several: its
    gateway is reached through any of them (Addressing.reaches)."""
    return attrs.evolve(addressing, networks=tuple(a.network for a in numbered)) if len(numbered) > 1 else addressing


def _interfaces(ifcfgs: list[IfcfgFile], bonding_aliases: set[str], release: str | None,
                services: Services, ifcfg_read: bool) -> dict[str, Interface]:
    grouped: dict[str, list[IfcfgFile]] = {}
    for f in ifcfgs:
        if not f.live:
            continue
        device = clean(f.value("DEVICE")) or f.suffix
        grouped.setdefault(device, []).append(f)
    interfaces: dict[str, Interface] = {}
    for device, fs in grouped.items():
        first = fs[0]
        numbered, nm_gateway = nm_addresses(first.plain)
        interfaces[device] = Interface(
            device=device,
            file=first,
            files=tuple(fs),
            kind=(kind := _kind(first, device, bonding_aliases)),
            master=clean(first.value("MASTER")),
            consumer=(applier := _applier(first, release, services, ifcfg_read)).program,
            applier=applier,
            slave=first.slave,  # read once, with the file
            nm_controlled=read_bool(NETWORKMANAGER, "NM_CONTROLLED", first.value("NM_CONTROLLED")).or_default(True),
            hwaddr=first.hwaddr,
            macaddr=_upper(first, "MACADDR"),
            bridge=clean(first.value("BRIDGE")),
            vlan_parent=(clean(first.value("PHYSDEV")) or device.split(".")[0]) if kind == "vlan" else None,
            release=release,
            gateway=first.plain("GATEWAY"),
            ipv4=_with_nm_networks(read_addressing(first.plain, release), numbered),
            nm_addresses=numbered,
            nm_gateway=nm_gateway,
            initscripts_addresses=initscripts_addresses(first.plain, release, clean(first.value("BOOTPROTO"))),
        )
    return interfaces


# ---------------------------------------------------------------------------
# Modules

def _modprobe_read(rel: str, release: str | None) -> bool:
    """Does this release's modprobe read the file?

    el5: both modprobe.conf and modprobe.d (semantics 5: whether RHEL 5 reads
    modprobe.d beside modprobe.conf is unverified; reading both never invents
    a missing alias, and BL407 warns about the doubt). el6: both, every name.
    el7+: kmod reads only *.conf of its modprobe.d directories (discover.KMOD_DIRS).
    """
    if release is not None and release_row(release).kmod:
        return rel.endswith(".conf") and rel != "etc/modprobe.conf"
    return True


def _modprobe_files(found: HostFiles, release: str | None) -> list[str]:
    """modprobe.conf, then etc/modprobe.d by name; where kmod reads (el7+, or the release
    unknown) every *.conf of its directories joins them, all ordered by file name as kmod
    merges them (etc/modprobe.d first among files of one name)."""
    rels = [found.modprobe_conf] if found.modprobe_conf else []
    if (release is not None and not release_row(release).kmod) or not found.kmod_conf:
        return rels + list(found.modprobe_d)
    order = {d: i for i, d in enumerate(("etc/modprobe.d", *KMOD_DIRS))}
    merged = sorted((*found.modprobe_d, *found.kmod_conf), key=lambda r: (posixpath.basename(r), order[posixpath.dirname(r)]))
    return rels + merged


def _modules(reader: _Reader, rels: Iterable[str], release: str | None) -> ModuleConfig:
    """modprobe.conf first, then modprobe.d/* by name; ``release`` None reads every file.

    A file of kmod's other directories whose name an earlier directory already has is
    listed but not read ("Ignoring duplicate config file", libkmod-config.c)."""
    mfiles: list[ModprobeFile] = []
    aliases: list[ModuleAlias] = []
    options: list[ModuleOptions] = []
    by_file: dict[str, tuple[ModprobeCommand, ...]] = {}
    seen: set[str] = set()
    for rel in rels:
        doc = reader.parse(rel, "modprobe")
        name = posixpath.basename(rel)
        shadowed = name in seen and not rel.startswith("etc/modprobe.d/")
        if rel.endswith(".conf") and rel != "etc/modprobe.conf":
            seen.add(name)
        mf, lines = modprobe.modprobe_file(rel, doc, _modprobe_read(rel, release) and not shadowed)
        mfiles.append(mf)
        by_file[rel] = tuple(record for _line, record in lines)
        if mf.read:
            _collect(mf, lines, aliases, options)
    commands = tuple(c for rel in by_file for c in by_file[rel])
    return ModuleConfig(tuple(mfiles), tuple(aliases), tuple(options), commands, by_file)


#: What a module parameter looks like on an options line: `name`, `name=value` (kmod and
#: module-init-tools split on whitespace; a name is letters, digits, `_` and `-`). A word of any
#: other shape (`(note:`, a lone `=`) starts free text.
_PARAMETER_WORD = re.compile(r"-{0,2}[A-Za-z_][A-Za-z0-9_-]*(=\S*)?")


def _collect(mf: ModprobeFile, lines: list[tuple[ModprobeLine, ModprobeCommand]], aliases: list[ModuleAlias],
             options: list[ModuleOptions]) -> None:
    index: LineIndex | None = None
    for line, record in lines:
        command = line.command
        if command == "alias":
            words = line.words
            if len(words) >= 2:
                aliases.append(ModuleAlias(words[0].text, words[1].text, record, mf))
        elif command == "options":
            words = line.words
            if not words:
                continue
            if index is None:
                index = LineIndex(mf.doc.text, mf.doc.path)
            module = words[0].text
            bounded = words[1 : MAX_OPTION_WORDS + 1]
            unread = None
            if len(words) - 1 > len(bounded):  # past the bound: no options, one UnreadWords
                unread = UnreadWords(index.span(words[1].span.start, words[-1].span.end), len(words) - 1 - len(bounded), len(words) - 1)
            comment = line.inline_comment.span.start if line.inline_comment is not None else None
            # words of an inline comment are BL405's, never options
            params = [w for w in bounded if comment is None or w.span.start < comment]
            free = next((i for i, w in enumerate(params) if not _PARAMETER_WORD.fullmatch(w.text)), None)
            free_text = None
            if free is not None:
                first, last = params[free], params[-1]
                text = mf.doc.text[first.span.start : last.span.end]
                free_text = Located(text, index.span(first.span.start, last.span.end), text)
                params = params[:free]  # no option is read from free text: not even a bare known word
            opts: list[BondOption] = []
            skip = False
            for w in params:
                if skip:
                    skip = False
                    continue
                if w.text in ("-o", "--name"):
                    skip = True  # the old `options bondN -o bondN ...` naming trick
                    continue
                opts.append(bondopts.make_option(w.text, w.span, "modprobe", len(opts), index))
            options.append(ModuleOptions(module, tuple(opts), record, mf, unread=unread, free_text=free_text))


# ---------------------------------------------------------------------------
# Bonds

def _bonding_opts(iface: Interface) -> tuple[tuple[BondOption, ...], UnreadWords | None]:
    a = iface.get("BONDING_OPTS")
    if a is None:
        return (), None
    doc = iface.file.doc
    v = a.value
    index = LineIndex(doc.text, doc.path)
    words, unread = bondopts.parse_words(
        v.value, "BONDING_OPTS", raw=v.raw, raw_start=v.span.start, index=index, fallback=v.span
    )
    return bondopts.read_words(words, iface.release), unread


def _bonds(
    interfaces: dict[str, Interface],
    modules: ModuleConfig,
    runtime_names: Iterable[str],
    bonding_aliases: list[str],
    release: str | None,
    release_version: str | None,
    module: BondingModule,
) -> dict[str, Bond]:
    by_module: dict[str, list[ModuleOptions]] = {}
    order = {id(o): i for i, o in enumerate(modules.options)}
    for o in modules.options:
        by_module.setdefault(normalize_module(o.module), []).append(o)
    slaves: dict[str, list[Interface]] = {}
    for iface in interfaces.values():
        if iface.master is not None:
            slaves.setdefault(iface.master, []).append(iface)

    names = [d for d, i in interfaces.items() if i.kind == "bond"]
    seen = set(names)
    for extra in (*bonding_aliases, *runtime_names):
        if extra not in seen and extra not in interfaces:
            seen.add(extra)
            names.append(extra)
    alias_names = set(bonding_aliases)

    bonds: dict[str, Bond] = {}
    for name in names:
        iface = interfaces.get(name)
        bonding_opts, unread = _bonding_opts(iface) if iface is not None else ((), None)
        module_lines = list(by_module.get("bonding", ()))
        if normalize_module(name) != "bonding":
            module_lines += by_module.get(normalize_module(name), ())
        module_lines.sort(key=lambda o: order[id(o)])
        module_options: list[BondOption] = []
        for mo in module_lines:
            for w in mo.words:
                module_options.append(attrs.evolve(w, index=len(module_options)))
        consumer = iface.consumer if iface is not None else INITSCRIPTS
        assumed = iface is not None and iface.applier is not None and iface.applier.assumed
        initscripts = bond_assembly.initscripts_words(bonding_opts, module_lines)
        bonds[name] = bond_assembly.assemble(
            name,
            iface,
            consumer=consumer,
            bonding_opts=bonding_opts,
            applied=initscripts,
            nm_words=bond_assembly.ifcfg_nm_words(bonding_opts),
            module_options=tuple(module_options),
            slaves=tuple(slaves.get(name, ())),
            configured=iface is not None or name in alias_names or _module_creates(name, by_module, module),
            release=release,
            nm_version=networkmanager_version(release, release_version),
            # where the tree does not tell who applies the bond: what the other program would apply
            other_applied=(tuple(bonding_opts) if consumer == INITSCRIPTS else tuple(initscripts)) if assumed else None,
            unread=unread,
        )
    return bonds


def _module_creates(name: str, by_module: dict[str, list[ModuleOptions]], module: BondingModule) -> bool:
    """Module options define this bond: ``options <name>`` (an alias's own line), or ``options
    bonding`` when loading the module creates it: bond0 … bond<max_bonds-1> (max_bonds defaults
    to 1, bond_main.c). Options for the module say nothing of a bond it does not create (one made
    by hand beside them is BL817's)."""
    if by_module.get(normalize_module(name)) and normalize_module(name) != "bonding":
        return True
    index = module.index(name)
    return bool(by_module.get("bonding")) and index is not None and index < module.max_bonds


def _bonding_module(modules: ModuleConfig) -> BondingModule:
    """The bonds loading the bonding module creates: its max_bonds (the last plain number of the read
    ``options bonding`` lines), and the names an ``options <name> -o <name>`` or ``install <name>``
    line creates."""
    max_bonds = 1
    for o in modules.options:
        if normalize_module(o.module) == "bonding":
            for w in o.words:
                if w.key == "max_bonds" and w.number is not None:
                    max_bonds = w.number
    named = {c.module.text for c in modules.read_commands("install") if c.module is not None}
    for c in modules.read_commands("options"):
        words = [w.text for w in c.words]
        if words and any(w in ("-o", "--name") and i + 1 < len(words) and words[i + 1] == words[0]
                         for i, w in enumerate(words)):
            named.add(words[0])
    return BondingModule(max_bonds, frozenset(named))


# ---------------------------------------------------------------------------
# Xen

def _xen(reader: _Reader, root: Root | None, found: HostFiles | None, rel: str | None) -> XenNetwork | None:
    if rel is None:
        return None
    return xen_network(reader.parse(rel, "xend"), rel, root, found.network_bridge if found is not None else None)


# ---------------------------------------------------------------------------
# Entry point


@attrs.frozen(slots=True)
class _Files:
    """A host's parsed files, before they are linked into the model."""

    documents: list[Document]
    ifcfgs: list[IfcfgFile]
    network: Document | None
    modules: ModuleConfig
    xen: XenNetwork | None
    routes: tuple[str, ...]
    runtime: dict[str, Document]
    unread: frozenset[str] = frozenset()  # paths whose documents are empty stand-ins (BL000)
    keyfiles: tuple[KeyfileProfile, ...] = ()
    nm: NmHost | None = None
    #: the devices the tree's runtime interface lists show, and the first list that shows them
    runtime_devices: frozenset[str] | None = None
    devices_source: str | None = None
    services: Services = attrs.field(factory=Services.unknown)

    @classmethod
    def of_root(cls, root: Root, found: HostFiles, release: DetectedRelease) -> _Files:
        """Everything in scope under a host root."""
        parts = cls._of_root(root, found, release.name)
        nm_found = nm_discover.discover(root, _default_plugins(release), found)
        profiles, docs, shadowing = keyfiles.read_profiles(
            root, nm_found, networkmanager_version(release.name, release.version))
        nm = keyfiles.nm_host(root, release.name, release.fedora, nm_found)
        ifcfgs = parts.ifcfgs
        if not nm.ifcfg_read:
            ifcfgs = [attrs.evolve(f, live=False, ignored_reason=f"not read: {nm.ifcfg_reason}") if f.live else f
                      for f in ifcfgs]
        profiles, nm = keyfiles.settle(profiles, shadowing, ifcfgs, nm, release.name)
        conf_docs = [c.doc for c in nm_found.config_files if c.read and isinstance(c.doc, KeyfileDocument)]
        return attrs.evolve(parts, documents=parts.documents + docs + conf_docs, ifcfgs=ifcfgs,
                            keyfiles=tuple(profiles), nm=nm,
                            services=read_services(root, release_row(release.name).systemd))

    @classmethod
    def _of_root(cls, root: Root, found: HostFiles, release: str | None) -> _Files:
        reader = _Reader(root)
        ifcfgs = _ifcfg_files(reader, found.ifcfg, release)
        network = reader.parse(found.network, "network") if found.network else None
        modules = _modules(reader, _modprobe_files(found, release), release)
        xen = _xen(reader, root, found, found.xend_config)
        runtime = {posixpath.basename(r): reader.parse(r, "bonding") for r in found.proc_bonding}
        if found.over_limit:
            shown = root.display
            reason = (f"{found.over_limit:,} configuration files past bondlint's limit of {MAX_FILES_PER_ROOT:,} "
                      "files read per root were not read or audited")
            reader.documents.append(reader.unreadable("ifcfg", shown, (Problem("unreadable", whole_file_span(shown), {"reason": reason}),)))
        for rel, why in sorted(root.unlistable.items()):  # its files are missing from the audit: say so
            if any(rel.startswith(above + "/") for above in root.unlistable):
                continue  # one finding, on the directory that stops the listing
            shown = root.display_path(rel)
            reason = f"directory cannot be listed ({why}): the configuration files in it are not audited"
            reader.documents.append(reader.unreadable("ifcfg", shown, (Problem("unreadable", whole_file_span(shown), {"reason": reason}),)))
        for refusal in found.refused:  # an archive's hostile member, a path the collector could not read
            reader.documents.append(reader.unreadable("ifcfg", refusal.path, (refusal.problem,)))
        devices, source = _running_devices(root, found)
        return cls(reader.documents, ifcfgs, network, modules, xen, tuple(found.routes), runtime, frozenset(reader.unread),
                   runtime_devices=devices, devices_source=source)

    @classmethod
    def of_paths(cls, paths: Iterable[str], release: str | None) -> _Files:
        """Files the user named, each read as the kind its name says (modprobe files all count as read)."""
        reader = _Reader()
        by_kind: dict[str, list[str]] = {}
        for path in paths:
            kind = detect_kind(path)
            if kind is None:
                reader.documents.append(reader.unreadable("ifcfg", path, (Problem("unreadable", whole_file_span(path), {"reason": _UNKNOWN_KIND}),)))
            else:
                by_kind.setdefault(kind, []).append(path)
        ifcfgs = _ifcfg_files(reader, by_kind.get("ifcfg", ()), release)
        network = None
        for path in by_kind.get("network", ()):
            network = reader.parse(path, "network")
        modules = _modules(reader, by_kind.get("modprobe", ()), None)
        xen = _xen(reader, None, None, (by_kind.get("xend") or [None])[-1])
        runtime = {os.path.basename(p): reader.parse(p, "bonding") for p in by_kind.get("bonding", ())}
        for path in by_kind.get("keyfile", ()):
            reader.parse(path, "keyfile")  # file-level rules only (BL704): no NetworkManager context
        return cls(reader.documents, ifcfgs, network, modules, xen, (), runtime, frozenset(reader.unread))

    @classmethod
    def missing(cls, path: str, problem: Problem) -> _Files:
        """No host at all: one empty document that says why."""
        reader = _Reader()
        return cls([reader.unreadable("ifcfg", path, (problem,))], [], None, ModuleConfig((), (), ()), None, (), {}, frozenset(reader.unread))


_UNKNOWN_KIND = (
    "cannot tell what kind of file this is from its name (expected ifcfg-*, "
    "sysconfig/network, modprobe.conf or modprobe.d/*, *.sxp, net/bonding/*)"
)


def _running_devices(root: Root, found: HostFiles) -> tuple[frozenset[str] | None, str | None]:
    """Every device the tree's interface lists show (sos's ip address outputs, proc/net/dev, the
    entries of sys/class/net), and where the first readable one is; (None, None) without any."""
    names: set[str] = set()
    source = None
    for rel, kind in found.interface_lists:
        text = root.read(rel)
        if isinstance(text, Refused):
            continue
        names |= netdevs.parse(text.text, text.path, kind).names
        source = source or rel
    if found.sys_class_net:
        names |= set(found.sys_class_net)
        source = source or "sys/class/net"
    return (frozenset(names), source) if source is not None else (None, None)


def build_host(target: Target, release: str | None = None) -> HostModel:
    """The whole host (or a partial one for single files), in time linear in its files."""
    if release is not None and release not in RELEASE_NAMES:
        raise ValueError(f"unknown release {release!r}; expected one of {', '.join(RELEASE_NAMES)}")
    if isinstance(target, SingleFiles):
        display = target.paths[0] if len(target.paths) == 1 else ", ".join(target.paths)
        host = _assemble(
            display, DetectedRelease.forced(release, "unknown: single files"), _Files.of_paths(target.paths, release),
            partial=True,
        )
        return attrs.evolve(host, host_relpaths=_host_relpaths(target.paths))
    if isinstance(target, Missing):
        return _assemble(target.path, DetectedRelease.forced(release), _Files.missing(target.path, target.problem), partial=True)
    found = files(target.root)
    found_release = detect_release(target.root, found, release)
    return _assemble(target.display, found_release, _Files.of_root(target.root, found, found_release), partial=False)


def _default_plugins(release: DetectedRelease) -> tuple[str, ...]:
    return release_row(release.name, release.fedora).default_plugins


def _assemble(display: str, release: DetectedRelease, parts: _Files, *, partial: bool) -> HostModel:
    """Link parsed files into the model: the one path for whole hosts and single files."""
    modules = bondopts.with_readings(parts.modules, release.name)
    bonding_aliases = [a.name for a in modules.bonding_aliases]
    interfaces = _interfaces(parts.ifcfgs, set(bonding_aliases), release.name, parts.services,
                             parts.nm is None or parts.nm.ifcfg_read)
    if parts.nm is not None:
        hidden = frozenset(s.hidden.rel for s in parts.nm.shadows if isinstance(s.hidden, IfcfgFile))
        interfaces = keyfiles.merge(interfaces, keyfiles.interfaces(parts.keyfiles, release.name),
                                    parts.nm.plugins, parts.nm.ifcfg_read, hidden)
    runtime_ok = {k: v for k, v in parts.runtime.items() if v.path not in parts.unread}
    from_ifcfg = {d: i for d, i in interfaces.items() if i.keyfile is None}
    bonding_module = _bonding_module(modules)
    bonds = _bonds(from_ifcfg, modules, runtime_ok, bonding_aliases, release.name, release.version, bonding_module)
    if parts.keyfiles:
        bonds.update(keyfiles.bonds(interfaces, networkmanager_version(release.name, release.version)))
        bonds = keyfiles.with_ports_of_either_format(bonds, interfaces, parts.keyfiles)
    network = parts.network if parts.network is not None and parts.network.path not in parts.unread else None
    network_file = _network_file(network) if network is not None else None
    gateway = _gateway(network_file)
    host = HostModel(
        root=display,
        release=release.name,
        release_source=release.source,
        release_assumed=release.assumed,
        release_version=release.version,
        partial=partial,
        documents=tuple(parts.documents),
        ifcfg_files=tuple(parts.ifcfgs),
        interfaces=interfaces,
        bonds=bonds,
        network=network if isinstance(network, ShellDocument) else None,
        network_file=network_file,
        gateway=gateway,
        default_route=routes.default_route(interfaces.values(), gateway, release_row(release.name)),
        modules=modules,
        xen=parts.xen,
        route_files=parts.routes,
        running=join_running(runtime_ok, bonds),  # type: ignore[arg-type]
        runtime_source="proc/net/bonding" if runtime_ok else parts.devices_source,
        runtime_devices=parts.runtime_devices,
        unread=parts.unread,
        keyfiles=parts.keyfiles,
        nm=parts.nm,
        services=parts.services,
        bonding_module=bonding_module,
        suppressions=suppress.read(parts.documents),
    )
    # network-bridge's default device follows the default route: known once the host is linked
    return attrs.evolve(host, xen=with_default_netdev(host.xen, host)) if host.xen is not None else host


def _gateway(f: NetworkFile | None) -> Gateway:
    if f is None:
        return Gateway()
    return Gateway(f.plain("GATEWAY"), f.plain("GATEWAYDEV"))


def _network_file(network: Document) -> NetworkFile:
    return NetworkFile(network.path or "", network, lexical=shell_file(network, network.path or ""))


def _host_relpaths(paths: Iterable[str]) -> dict[str, str]:
    """Each file inside a host tree, relative to that tree's root (what baselines and ignores match)."""
    out: dict[str, str] = {}
    for path in paths:
        tree = host_root_holding(path)
        if tree is not None:
            out[path] = os.path.relpath(path, tree)
    return out
