"""Build the HostModel: read and parse a host's files once, then link them.

Everything is keyed in dicts on the way, so a host with thousands of ifcfg
files builds in linear time. Reading goes through ``bondlint.source.Root``;
a file that cannot be read becomes a RefusedDocument, so BL000 reports it.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Iterable

import attrs

from bondlint.host import bondopts
from bondlint.host.discover import (
    HostFiles,
    Missing,
    SingleFiles,
    Target,
    files,
    ignored_reason,
)
from bondlint.host.model import (
    Bond,
    BondOption,
    HostModel,
    IfcfgFile,
    Interface,
    ModprobeFile,
    ModuleAlias,
    ModuleConfig,
    ModuleOptions,
    XenNetwork,
)
from bondlint.source import Refused, Root
from bondlint.syntax import detect_kind, parse_file, parse_text, refused
from bondlint.syntax.document import Document, RefusedDocument
from bondlint.syntax.span import LineIndex, Problem, Span, whole_file_span

RELEASES: tuple[str, ...] = bondopts.RELEASES

_RELEASE_RE = re.compile(
    r"(?:red hat enterprise linux|centos|scientific linux|oracle linux|enterprise linux"
    r"|rocky linux|almalinux|cloudlinux)\b.*?\brelease\s+(\d+)",
    re.IGNORECASE,
)
_OS_RELEASE_IDS = frozenset({"rhel", "centos", "scientific", "ol", "rocky", "almalinux", "cloudlinux"})


# ---------------------------------------------------------------------------
# Release

def release_from_text(rel: str, text: str) -> str | None:
    """el5..el8 from a release file's text; None when it names no supported RHEL-family release."""
    if rel.endswith("os-release"):
        values = dict(
            (m.group(1), m.group(2).strip().strip("\"'"))
            for m in re.finditer(r"^\s*([A-Z_]+)=(.*)$", text, re.MULTILINE)
        )
        ids = {values.get("ID", "")} | set(values.get("ID_LIKE", "").split())
        major = values.get("VERSION_ID", "").split(".")[0]
        if ids & _OS_RELEASE_IDS and major.isdigit():
            name = f"el{int(major)}"
            return name if name in RELEASES else None
        return None
    m = _RELEASE_RE.search(text)
    if m is None:
        return None
    name = f"el{int(m.group(1))}"
    return name if name in RELEASES else None


def detect_release(
    root: Root, found: HostFiles, forced: str | None
) -> tuple[str | None, str, bool]:
    """(release, where it came from, assumed?) per RULES.md "release"."""
    if forced is not None:
        return forced, "--release", False
    for rel in found.release_files:
        source = root.read(rel)
        if isinstance(source, Refused):
            continue
        release = release_from_text(rel, source.text)
        if release is not None:
            return release, rel, False
    if found.xend_config is not None:
        return "el5", "inferred: etc/xen/xend-config.sxp exists (xend is a RHEL/CentOS 5 dom0)", True
    if found.modprobe_conf is not None and not any(f.endswith(".conf") for f in found.modprobe_d):
        return (
            "el5",
            "inferred: etc/modprobe.conf exists and etc/modprobe.d has no *.conf file",
            True,
        )
    return None, "unknown: no release file, no --release, nothing to infer it from", False


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

    def parse(self, rel: str, kind: str) -> Document:
        if self.root is None:
            doc = parse_file(rel, kind)
            self.documents.append(doc)
            return doc
        source = self.root.read(rel)
        if isinstance(source, Refused):
            doc: Document = refused(kind, source)
        else:
            doc = parse_text(source.text, kind, source.path)
            if source.problems:
                doc = attrs.evolve(doc, problems=source.problems + doc.problems)
        self.documents.append(doc)
        return doc


def _clean(value: str | None) -> str | None:
    """A device-name value as initscripts compares it; '\\r' (BL004) is not part of a name."""
    if value is None:
        return None
    value = value.rstrip("\r")
    return value or None


def _kind(f: IfcfgFile, device: str, bonding_aliases: set[str]) -> str:
    typ = (f.value("TYPE") or "").rstrip("\r").lower()
    if device == "lo":
        return "loopback"
    if ":" in device:
        return "alias"
    if (
        f.get("BONDING_OPTS") is not None
        or typ == "bond"
        or (f.value("BONDING_MASTER") or "").rstrip("\r").lower() == "yes"
        or device in bonding_aliases
    ):
        return "bond"
    if typ == "bridge":
        return "bridge"
    if _clean(f.value("MASTER")) is not None:
        return "slave"
    if (f.value("VLAN") or "").rstrip("\r").lower() == "yes" or "." in device or device.startswith("vlan"):
        return "vlan"
    return "ethernet"


def _ifcfg_files(reader: _Reader, rels: Iterable[str], release: str | None) -> list[IfcfgFile]:
    out: list[IfcfgFile] = []
    for rel in rels:
        name = posixpath.basename(rel)
        doc = reader.parse(rel, "ifcfg")
        reason = ignored_reason(name, release)
        if reason is None and isinstance(doc, RefusedDocument):
            reason = "not read: " + (doc.problems[0].message if doc.problems else "unreadable")
        out.append(
            IfcfgFile(
                rel=rel,
                path=doc.path or rel,
                suffix=name[len("ifcfg-"):] if name.startswith("ifcfg-") else name,
                doc=doc,
                live=reason is None,
                ignored_reason=reason,
            )
        )
    return out


def _interfaces(ifcfgs: list[IfcfgFile], bonding_aliases: set[str]) -> dict[str, Interface]:
    grouped: dict[str, list[IfcfgFile]] = {}
    for f in ifcfgs:
        if not f.live:
            continue
        device = _clean(f.value("DEVICE")) or f.suffix
        grouped.setdefault(device, []).append(f)
    interfaces: dict[str, Interface] = {}
    for device, fs in grouped.items():
        first = fs[0]
        interfaces[device] = Interface(
            device=device,
            file=first,
            files=tuple(fs),
            kind=_kind(first, device, bonding_aliases),
            master=_clean(first.value("MASTER")),
        )
    return interfaces


# ---------------------------------------------------------------------------
# Modules

def _modprobe_read(rel: str, release: str | None) -> bool:
    """Does this release's modprobe read the file?

    el5: both modprobe.conf and modprobe.d (semantics 5: whether RHEL 5 reads
    modprobe.d beside modprobe.conf is unverified; reading both never invents
    a missing alias, and BL407 warns about the doubt). el6: both, every name.
    el7+: kmod reads only modprobe.d/*.conf.
    """
    if release in ("el7", "el8", "el9", "el10"):
        return rel.startswith("etc/modprobe.d/") and rel.endswith(".conf")
    return True


def _modules(reader: _Reader, found: HostFiles, release: str | None) -> ModuleConfig:
    rels = ([found.modprobe_conf] if found.modprobe_conf else []) + list(found.modprobe_d)
    mfiles: list[ModprobeFile] = []
    aliases: list[ModuleAlias] = []
    options: list[ModuleOptions] = []
    for rel in rels:
        doc = reader.parse(rel, "modprobe")
        mf = ModprobeFile(rel=rel, path=doc.path or rel, doc=doc, read=_modprobe_read(rel, release))
        mfiles.append(mf)
        if mf.read:
            _collect(mf, aliases, options)
    return ModuleConfig(tuple(mfiles), tuple(aliases), tuple(options))


def _collect(mf: ModprobeFile, aliases: list[ModuleAlias], options: list[ModuleOptions]) -> None:
    index: LineIndex | None = None
    for line in getattr(mf.doc, "lines", ()):
        if line.kind != "command":
            continue
        command = line.command
        if command == "alias":
            words = line.words
            if len(words) >= 2:
                aliases.append(ModuleAlias(words[0].text, words[1].text, line, mf))
        elif command == "options":
            words = line.words
            if not words:
                continue
            if index is None:
                index = LineIndex(mf.doc.text, mf.doc.path)
            module = words[0].text
            opts: list[BondOption] = []
            skip = False
            for w in words[1:]:
                if skip:
                    skip = False
                    continue
                if w.text in ("-o", "--name"):
                    skip = True  # the old `options bondN -o bondN ...` naming trick
                    continue
                opts.append(bondopts.make_option(w.text, w.span, "modprobe", len(opts), index))
            options.append(ModuleOptions(module, tuple(opts), line, mf))


# ---------------------------------------------------------------------------
# Bonds

def _bonding_opts(iface: Interface) -> tuple[BondOption, ...]:
    a = iface.get("BONDING_OPTS")
    if a is None:
        return ()
    doc = iface.file.doc
    v = a.value
    index = LineIndex(doc.text, doc.path)
    return bondopts.parse_words(
        v.value, "BONDING_OPTS", raw=v.raw, raw_start=v.span.start, index=index, fallback=v.span
    )


def _effective_mode(options: tuple[BondOption, ...]) -> tuple[int, BondOption | None, bool]:
    mode, last, valid = 0, None, True
    for opt in options:
        if opt.key != "mode":
            continue
        last = opt
        parsed = bondopts.parse_mode(opt.value)
        valid = parsed is not None
        if parsed is not None:
            mode = parsed
    return mode, last, valid


def _bonds(
    interfaces: dict[str, Interface], modules: ModuleConfig, runtime_names: Iterable[str], bonding_aliases: list[str]
) -> dict[str, Bond]:
    by_module: dict[str, list[ModuleOptions]] = {}
    order = {id(o): i for i, o in enumerate(modules.options)}
    for o in modules.options:
        by_module.setdefault(o.module.replace("-", "_"), []).append(o)
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

    bonds: dict[str, Bond] = {}
    for name in names:
        iface = interfaces.get(name)
        bonding_opts = _bonding_opts(iface) if iface is not None else ()
        module_lines = list(by_module.get("bonding", ()))
        if name.replace("-", "_") != "bonding":
            module_lines += by_module.get(name.replace("-", "_"), ())
        module_lines.sort(key=lambda o: order[id(o)])
        module_options: list[BondOption] = []
        for mo in module_lines:
            for w in mo.words:
                module_options.append(
                    BondOption(w.key, w.value, w.word, w.span, w.source, len(module_options), w.equals, w.value_span)
                )
        effective = bonding_opts or tuple(module_options)
        mode, mode_option, mode_valid = _effective_mode(effective)
        bonds[name] = Bond(
            name=name,
            interface=iface,
            bonding_opts=bonding_opts,
            module_options=tuple(module_options),
            slaves=tuple(slaves.get(name, ())),
            mode=mode,
            mode_option=mode_option,
            mode_valid=mode_valid,
        )
    return bonds


# ---------------------------------------------------------------------------
# Xen

def _xen(reader: _Reader, root: Root | None, found: HostFiles | None, rel: str | None) -> XenNetwork | None:
    if rel is None:
        return None
    doc = reader.parse(rel, "xend")
    get = getattr(doc, "get", None)
    ns = get("network-script") if get else None
    script: str | None = None
    args: dict[str, tuple[str, Span]] = {}
    if ns is not None and ns.args:
        first = ns.args[0]
        text = getattr(first, "value", None)
        if text is not None:
            if getattr(first, "quote", None) is not None:
                index = LineIndex(doc.text, doc.path)
                exact = first.raw[1:-1] == text if len(first.raw) >= 2 else False
                base = first.span.start + 1
                pos = 0
                words = text.split(" ")
                script = words[0]
                for i, word in enumerate(words):
                    if i > 0 and "=" in word:
                        key, value = word.split("=", 1)
                        vstart = pos + len(key) + 1
                        span = index.span(base + vstart, base + pos + len(word)) if exact else first.span
                        args[key] = (value, span)
                    pos += len(word) + 1
            else:
                script = text  # unquoted: xend keeps only this atom (BL602)
    handles: bool | None = None
    present = False
    if root is not None and found is not None and found.network_bridge is not None:
        present = True
        source = root.read(found.network_bridge)
        if not isinstance(source, Refused):
            handles = "bonding/slaves" in source.text
    return XenNetwork(
        path=doc.path or rel,
        doc=doc,
        network_script=ns,
        script=script,
        args=args,
        bridge_script_present=present,
        bridge_script_handles_bonds=handles,
    )


# ---------------------------------------------------------------------------
# Entry point

def build_host(target: Target, release: str | None = None) -> HostModel:
    """The whole host (or a partial one for single files), in time linear in its files."""
    if release is not None and release not in RELEASES:
        raise ValueError(f"unknown release {release!r}; expected one of {', '.join(RELEASES)}")
    if isinstance(target, SingleFiles):
        return _build_single(target, release)
    if isinstance(target, Missing):
        doc = RefusedDocument("ifcfg", target.path, "", (target.problem,))
        return _empty(target.path, release, (doc,))
    root = target.root
    found = files(root)
    rel_name, source, assumed = detect_release(root, found, release)
    reader = _Reader(root)
    ifcfgs = _ifcfg_files(reader, found.ifcfg, rel_name)
    network = reader.parse(found.network, "network") if found.network else None
    modules = _modules(reader, found, rel_name)
    xen = _xen(reader, root, found, found.xend_config)
    runtime = {posixpath.basename(r): reader.parse(r, "bonding") for r in found.proc_bonding}
    return _assemble(
        target.display, rel_name, source, assumed, False, reader.documents, ifcfgs, network, modules, xen,
        tuple(found.routes), runtime,
    )


def _assemble(
    display: str,
    release: str | None,
    source: str,
    assumed: bool,
    partial: bool,
    documents: list[Document],
    ifcfgs: list[IfcfgFile],
    network: Document | None,
    modules: ModuleConfig,
    xen: XenNetwork | None,
    routes: tuple[str, ...],
    runtime: dict[str, Document],
) -> HostModel:
    bonding_aliases = [a.name for a in modules.aliases if a.module.replace("-", "_") == "bonding"]
    interfaces = _interfaces(ifcfgs, set(bonding_aliases))
    runtime_ok = {k: v for k, v in runtime.items() if not isinstance(v, RefusedDocument)}
    bonds = _bonds(interfaces, modules, runtime_ok, bonding_aliases)
    return HostModel(
        root=display,
        release=release,
        release_source=source,
        release_assumed=assumed,
        partial=partial,
        documents=tuple(documents),
        ifcfg_files=tuple(ifcfgs),
        interfaces=interfaces,
        bonds=bonds,
        network=network if network is not None and hasattr(network, "get") else None,  # type: ignore[arg-type]
        modules=modules,
        xen=xen,
        route_files=routes,
        runtime=runtime_ok,  # type: ignore[arg-type]
    )


def _empty(display: str, release: str | None, documents: tuple[Document, ...]) -> HostModel:
    return _assemble(
        display, release, "--release" if release else "unknown", False, True, list(documents), [], None,
        ModuleConfig((), (), ()), None, (), {},
    )


def _single_reason(path: str, doc: Document, release: str | None) -> str | None:
    if isinstance(doc, RefusedDocument):
        return "not read: " + (doc.problems[0].message if doc.problems else "unreadable")
    return ignored_reason(os.path.basename(path), release)


def _build_single(target: SingleFiles, release: str | None) -> HostModel:
    reader = _Reader()
    ifcfg: list[str] = []
    network: Document | None = None
    modprobe: list[str] = []
    xend: str | None = None
    runtime: dict[str, Document] = {}
    for path in target.paths:
        kind = detect_kind(path)
        if kind == "ifcfg":
            ifcfg.append(path)
        elif kind == "network":
            network = reader.parse(path, "network")
        elif kind == "modprobe":
            modprobe.append(path)
        elif kind == "xend":
            xend = path
        elif kind == "bonding":
            runtime[os.path.basename(path)] = reader.parse(path, "bonding")
        else:
            problem = Problem(
                "BL000",
                "cannot tell what kind of file this is from its name (expected ifcfg-*, "
                "sysconfig/network, modprobe.conf or modprobe.d/*, *.sxp, net/bonding/*)",
                whole_file_span(path),
            )
            reader.documents.append(RefusedDocument("ifcfg", path, "", (problem,)))
    ifcfgs = [
        IfcfgFile(
            rel=p,
            path=p,
            suffix=os.path.basename(p).split("ifcfg-", 1)[-1],
            doc=(doc := reader.parse(p, "ifcfg")),
            live=(reason := _single_reason(p, doc, release)) is None,
            ignored_reason=reason,
        )
        for p in ifcfg
    ]
    mfiles: list[ModprobeFile] = []
    aliases: list[ModuleAlias] = []
    options: list[ModuleOptions] = []
    for p in modprobe:
        mf = ModprobeFile(rel=p, path=p, doc=reader.parse(p, "modprobe"), read=True)
        mfiles.append(mf)
        _collect(mf, aliases, options)
    modules = ModuleConfig(tuple(mfiles), tuple(aliases), tuple(options))
    xen = _xen(reader, None, None, xend)
    display = target.paths[0] if len(target.paths) == 1 else ", ".join(target.paths)
    return _assemble(
        display, release, "--release" if release else "unknown: single files", False, True,
        reader.documents, ifcfgs, network, modules, xen, (), runtime,
    )
