"""NetworkManager keyfile profiles → the host model's interfaces and bonds.

A keyfile profile becomes the same facts an ifcfg file gives (device, kind,
master by controller uuid or interface-name, MACs, addressing, autoconnect,
the bond's effective options as NetworkManager normalises them), each located
in the keyfile, with consumer NetworkManager. Discovery (``nm_discover.discover``)
is the one function that looks at the disk for NetworkManager, so a content
cache can key on what it looked at.
"""

from __future__ import annotations

from typing import Iterable

import attrs

from bondlint.host import keyfile_reader as kr
from bondlint.host import bond_assembly, nm_bond, nm_discover
from bondlint.host.addressing import read_addressing
from bondlint.model.addressing import Addressing, NumberedAddress
from bondlint.model.values import NETWORKMANAGER, Located, Truth, clean
from bondlint.model.host import (
    Applier,
    Bond,
    BondOption,
    IfcfgFile,
    Interface,
    KeyfileProfile,
    MacPort,
    NmHost,
    UuidShadow,
    nm_reads_ifcfg,
)
from bondlint.model.networkmanager import BondSetting, DroppedBondOption, GroupSplit, KeyConflict, WrittenKey
from bondlint.model.release import release as release_row
from bondlint.source import Refused, Root
from bondlint.syntax import parse_text, refused
from bondlint.syntax.keyfile import KeyfileDocument, KeyfileEntry
from bondlint.syntax.span import Span

KEYFILE_SOURCE = "keyfile"
_KINDS = {"bond": "bond", "bridge": "bridge", "vlan": "vlan", "loopback": "loopback"}


def _statement(entry: KeyfileEntry | None) -> Span | None:
    return entry.line.span if entry is not None else None


def _fact(text: str, loc: kr.Located | None) -> Located | None:
    """A reader value as the model's located value (None when NM's default: nothing written)."""
    if loc is None or loc.span is None:
        return None
    return Located(text, loc.span, loc.entry.raw if loc.entry is not None else None, statement=_statement(loc.entry))


def _facts(doc: KeyfileDocument, port: kr.PortOf) -> dict[str, Located]:
    """The profile's facts under the ifcfg names of the same facts (model.KEYFILE_NAMES)."""
    out: dict[str, Located | None] = {}
    out["DEVICE"] = _fact(v.value, v) if (v := kr.interface_name(doc)) else None
    out["NAME"] = _fact(v.value, v) if (v := kr.profile_id(doc, "")) and v.origin == "file" else None
    out["UUID"] = _fact(v.value, v) if (v := kr.uuid(doc)) else None
    out["TYPE"] = _fact(v.value, v) if (v := kr.connection_type(doc)) else None
    macs = kr.mac_addresses(doc)
    out["HWADDR"] = _fact(macs.mac_address.value, macs.mac_address) if macs.mac_address else None
    out["MACADDR"] = _fact(macs.cloned_mac_address.value, macs.cloned_mac_address) if macs.cloned_mac_address else None
    if port.controller is not None and port.controller.value:
        key = "BRIDGE" if port.port_type is not None and port.port_type.value == "bridge" else "MASTER"
        out[key] = _fact(port.controller.value, port.controller)
        if key == "MASTER" and port.port_type is not None and port.port_type.value == "bond":
            out["SLAVE"] = _fact("yes", port.port_type)
    auto = kr.autoconnect(doc)
    out["ONBOOT"] = _fact("yes" if auto.value else "no", auto)
    ip = kr.ipv4(doc)
    method = {"auto": "dhcp", "manual": "none"}.get(ip.method.value, ip.method.value)
    out["BOOTPROTO"] = _fact(method, ip.method)
    if ip.addresses:
        first = ip.addresses[0]
        out["IPADDR"] = _fact(str(first.value.ip), first)
        out["PREFIX"] = _fact(str(first.value.network.prefixlen), first)
    if ip.gateway is not None:
        out["GATEWAY"] = _fact(str(ip.gateway.value), ip.gateway)
    if ip.never_default.value:
        out["DEFROUTE"] = _fact("no", ip.never_default)
    return {k: v for k, v in out.items() if v is not None}


def _read(root: Root, cand: nm_discover.KeyfileCandidate) -> KeyfileDocument:
    source = root.read(cand.rel)
    if isinstance(source, Refused):
        doc = refused("keyfile", source)
        return attrs.evolve(parse_text("", "keyfile", doc.path or cand.rel), problems=doc.problems)
    doc = parse_text(source.text, "keyfile", source.path)
    return attrs.evolve(doc, problems=source.problems + doc.problems) if source.problems else doc


def _written(entry: KeyfileEntry) -> WrittenKey:
    return WrittenKey(entry.key, entry.raw, entry.value_span)


def _group_splits(doc: KeyfileDocument) -> tuple[GroupSplit, ...]:
    """Each group written after another of the same setting (kr.split_groups), with the first one."""
    out = []
    for setting, groups in kr.split_groups(doc).items():
        first, *others = (doc.header(g) for g in groups)
        out.extend(GroupSplit(setting, first.name, first.line.span, o.name, o.line.span) for o in others)
    return tuple(out)


def _bond_setting(nb: nm_bond.NmBond) -> BondSetting:
    """[bond] as the model keeps it: the keys written, and those NetworkManager drops, each with
    the option it was meant to be (an unknown name) or the lower-case value it accepts."""
    dropped = []
    for d in nb.dropped:
        e = d.entry
        unknown = e.key not in nm_bond.OPTIONS
        dropped.append(DroppedBondOption(
            e.key, e.raw, d.reason, e.key_span, e.value_span, unknown,
            meant=nm_bond.meant_key(e.name) if unknown and e.locale is None else None,
            lower_case=nm_bond.accepted_lower_case(e.key, e.raw) if not unknown and e.string == e.raw else None,
        ))
    keys = frozenset(nb.valid) | {d.key for d in dropped}
    return BondSetting(nb.group_span, keys, tuple(dropped))


def checkout_of(found: nm_discover.NmDiscovery) -> nm_discover.VcsFact | None:
    """The version-control checkout holding the tree (modes and owners are the checkout's), else None."""
    return found.vcs if found.vcs is not None and found.vcs.where == "above-root" else None


def read_profiles(
    root: Root, found: nm_discover.NmDiscovery, nm_version: tuple[int, int] | None = None,
) -> tuple[list[KeyfileProfile], list[KeyfileDocument], tuple[nm_discover.Shadowing, ...]]:
    """Every profile file NetworkManager tries to load, read and judged (loaded or why not),
    and the uuid shadowing among them (``settle`` turns it into model facts).

    In a checkout the permission check is not judged (BL703 says once what the
    deployment must do), so the profiles are read as the deployed host would load them.
    """
    checkout = checkout_of(found)
    profiles: list[KeyfileProfile] = []
    docs: list[KeyfileDocument] = []
    claims: list[nm_discover.UuidClaim] = []
    for cand in found.profiles:
        doc = _read(root, cand)
        docs.append(doc)
        uuid = kr.uuid(doc)
        claims.append(nm_discover.uuid_claim(cand, uuid.value if uuid else None))
        port = kr.port_of(doc)
        typ = kr.connection_type(doc)
        bond = nm_bond.read_bond(doc) if typ is not None and typ.value == "bond" else None
        errors = nm_bond.verify_errors(bond, nm_version) if bond is not None else ()
        why = rejection = None
        if cand.facts.kind != "regular" or (not cand.facts.loadable and not checkout):
            why, rejection = "NetworkManager refuses the file (permissions, owner or not a regular file)", "BL703"
        elif not doc.loads:
            why, rejection = "GKeyFile refuses the file", "BL704"
        elif errors:
            why, rejection = f"NetworkManager rejects the profile: {errors[0].message}", "verify"
        elif typ is not None and typ.value in ("bond", "bridge") and kr.interface_name(doc) is None:
            why, rejection = f"NetworkManager rejects the profile: a {typ.value} needs an interface-name", "BL010"
        written_id = kr.profile_id(doc, "")
        own_names = {kr.interface_name(doc).value if kr.interface_name(doc) else None,
                     written_id.value if written_id is not None and written_id.origin == "file" else None}
        profiles.append(KeyfileProfile(
            looks_like_backup=cand.backup_name and cand.stem not in own_names,
            rel=cand.rel, path=doc.path or cand.rel, name=cand.name, storage=cand.storage, doc=doc,
            id=kr.profile_id(doc, cand.name).value, uuid=uuid.value if uuid else None,
            type=typ.value if typ else None, autoconnect=kr.autoconnect(doc).value,
            priority=kr.autoconnect_priority(doc).value, autoconnect_ports=kr.autoconnect_ports(doc).value == 1,
            facts=_facts(doc, port),
            loaded=why is None, why_not=why, rejection=rejection,
            controller=port.controller.value if port.controller else None,
            port_type=port.port_type.value if port.port_type else None,
            candidate=cand, bond=bond, verify_errors=errors,
            invalid_macs=tuple((e.key, e.raw, e.value_span) for e in kr.mac_addresses(doc).invalid),
            bond_setting=_bond_setting(bond) if bond is not None else None,
            header_span=header.line.span if (header := doc.header("connection")) is not None else None,
            port_type_span=port.port_type.span if port.port_type is not None else None,
            key_conflicts=tuple(KeyConflict(_written(lost), _written(kept)) for lost, kept in port.conflicts),
            group_splits=_group_splits(doc),
        ))
    shadowing = nm_discover.resolve_shadowing(claims, found.candidates)
    for s in shadowing:  # the winner may rest on mtimes: the content cache must see them change
        group = [c for c in (s.winner, *s.shadowed) if c is not None]
        for c in group:
            if any(o is not c and o.storage == c.storage for o in group):
                root.mtime_ns(c.rel)
    shadowed = {
        c.rel: (s.winner.rel if s.winner is not None else "a tombstone")
        for s in shadowing for c in s.shadowed
    }
    out = [
        attrs.evolve(p, loaded=False, why_not=f"shadowed by {shadowed[p.rel]} (one uuid)", rejection="shadowed")
        if p.rel in shadowed and p.loaded else p
        for p in profiles
    ]
    return _resolve_controllers(out), docs, shadowing


def settle(profiles: list[KeyfileProfile], shadowing: Iterable[nm_discover.Shadowing], ifcfgs: Iterable[IfcfgFile],
           nm: NmHost, release: str | None) -> tuple[list[KeyfileProfile], NmHost]:
    """What NetworkManager keeps once its plugins are known: no keyfile profile at all when the
    keyfile plugin is not loaded (el5/el6 without it in plugins=), and, per uuid, the one profile
    it uses (``NmHost.shadows``): within the keyfile plugin by directory, mtime and name; across
    plugins an in-memory /run profile first, then the plugin listed first (nm-settings-storage.c
    ``nm_settings_storage_cmp``). A ``.nmmeta`` tombstone is a deliberate deletion: not a shadow."""
    if "keyfile" not in nm.plugins:
        why = (f"NetworkManager on {release} loads the keyfile plugin only when plugins= lists it "
               f"({','.join(nm.plugins) or 'no plugins'} here)")
        return [attrs.evolve(p, loaded=False, why_not=why, rejection="plugin") for p in profiles], nm
    by_rel = {p.rel: p for p in profiles}
    shadows = [
        UuidShadow(s.uuid, by_rel[s.winner.rel], by_rel[c.rel], nm_discover.decided_by(s.winner, c))
        for s in shadowing if s.tombstone is None and s.winner is not None
        for c in s.shadowed if c.rel in by_rel and s.winner.rel in by_rel
    ]
    out = list(profiles)
    if "ifcfg-rh" in nm.plugins and nm.ifcfg_read:
        keyfile_first = nm.plugins.index("keyfile") < nm.plugins.index("ifcfg-rh")
        by_uuid = {p.uuid: n for n, p in enumerate(out) if p.loaded and p.uuid}
        for f in ifcfgs:
            uuid = (clean(f.value("UUID")) or "").lower() if f.live and nm_reads_ifcfg(release, f) else None
            n = by_uuid.get(uuid) if uuid else None
            if n is None:
                continue
            p = out[n]
            if p.storage == "run" or keyfile_first:
                shadows.append(UuidShadow(uuid, p, f, "directory" if p.storage == "run" else "plugin"))
            else:
                shadows.append(UuidShadow(uuid, f, p, "plugin"))
                out[n] = attrs.evolve(p, loaded=False, rejection="shadowed",
                                      why_not=f"shadowed by ifcfg-{f.suffix} (one uuid; ifcfg-rh is listed before keyfile)")
    return out, attrs.evolve(nm, shadows=tuple(shadows))


def _resolve_controllers(profiles: list[KeyfileProfile]) -> list[KeyfileProfile]:
    """NetworkManager finds a controller by uuid, else by interface-name, never by id (K12/K13)."""
    by_uuid = {p.effective_uuid: p for p in profiles if p.loaded}
    by_name = {p.suffix: p for p in profiles if p.loaded and "DEVICE" in p.facts}
    out = []
    for p in profiles:
        c = p.controller
        if c and c in by_uuid:
            device = by_uuid[c].suffix
            # MASTER/BRIDGE read as the controller's device, as an ifcfg file names it
            facts = {k: attrs.evolve(v, text=device) if k in ("MASTER", "BRIDGE") else v for k, v in p.facts.items()}
            # "derived uuid": the uuid NetworkManager derives for a controller file without one (BL711)
            by = "uuid" if by_uuid[c].uuid else "derived uuid"
            p = attrs.evolve(p, controller_device=device, controller_by=by, facts=facts)
        elif c and c in by_name:
            p = attrs.evolve(p, controller_device=c, controller_by="interface-name")
        out.append(p)
    return out


def nm_host(root: Root, release: str | None, fedora: int | None, found: nm_discover.NmDiscovery) -> NmHost:
    """Which plugins NetworkManager loads here, and so whether anything reads ifcfg files."""
    consumers = release_row(release, fedora) if release is not None else None
    default = consumers.default_plugins if consumers is not None else ("ifcfg-rh",)
    configured = nm_discover.plugins(found.config_files, default)
    built = consumers is None or consumers.ifcfg_rh_plugin != "absent"
    if consumers is not None and consumers.ifcfg_rh_plugin == "available" and found.ifcfg_rh_module is False:
        built = False
    loaded = nm_discover.loaded_plugins(configured.value, built, consumers is None or consumers.keyfile_always_loaded)
    extra = {
        "checkout": checkout_of(found),
        "ignored": tuple((root.display_path(c.rel), c.ignored_reason, c.storage)
                         for c in found.candidates if c.ignored_reason),
    }
    if consumers is None:
        return NmHost(found, None, loaded, configured.span, True, "release unknown", **extra)
    if consumers.network_scripts != "absent":
        return NmHost(found, consumers, loaded, configured.span, True, f"initscripts on {release}", **extra)
    if "ifcfg-rh" in loaded:
        assumed = None
        if consumers.ifcfg_rh_plugin == "available" and found.ifcfg_rh_module is None:
            assumed = (f"ifcfg-rh plugin assumed installed: no NetworkManager plugin directory in the tree shows "
                       f"whether {release}'s optional NetworkManager-initscripts-ifcfg-rh is")
        return NmHost(found, consumers, loaded, configured.span, True, f"NetworkManager's ifcfg-rh plugin on {release}",
                      ifcfg_assumed=assumed, **extra)
    if consumers.ifcfg_rh_plugin == "absent":
        why = f"{release}'s NetworkManager is built without the ifcfg-rh plugin and initscripts are not shipped"
    elif found.ifcfg_rh_module is False:
        why = f"the ifcfg-rh plugin (NetworkManager-initscripts-ifcfg-rh) is not installed and {release} ships no initscripts"
    else:
        why = f"NetworkManager.conf's plugins= ({','.join(configured.value) or 'empty'}) leaves ifcfg-rh out"
    return NmHost(found, consumers, loaded, configured.span, False, why, **extra)


def _kind(p: KeyfileProfile) -> str:
    if p.type in _KINDS:
        return _KINDS[p.type]
    return "slave" if p.port_type == "bond" and p.controller else "ethernet"


def interfaces(profiles: Iterable[KeyfileProfile], release: str | None) -> dict[str, Interface]:
    """One Interface per device among the loaded profiles (the first one wins here; ``merge``
    decides between profiles competing for one device)."""
    out: dict[str, Interface] = {}
    # NetworkManager autoconnects the highest autoconnect-priority first (ties: unknown order,
    # taken here as discovery order: /run, /etc, /usr/lib, by name)
    ranked = sorted((p for p in profiles if p.loaded and "DEVICE" in p.facts), key=lambda p: (not p.autoconnect, -p.priority))
    device_of_uuid = {p.effective_uuid: p.suffix for p in ranked}
    for p in ranked:
        device = p.suffix
        master = (p.controller_device or p.controller) if p.controller and p.port_type != "bridge" else None
        bridge = (p.controller_device or p.controller) if p.port_type == "bridge" else None
        iface = Interface(
            device=device, file=p, files=(), kind=_kind(p), master=master, consumer=NETWORKMANAGER,
            applier=Applier(NETWORKMANAGER, ("a keyfile profile",)),
            slave=Truth.TRUE if master else Truth.UNKNOWN, nm_controlled=True,
            hwaddr=_upper(p.facts.get("HWADDR")), macaddr=_upper(p.facts.get("MACADDR")),
            bridge=bridge, vlan_parent=_vlan_parent(p, device_of_uuid), release=release, gateway=p.facts.get("GATEWAY"),
            ipv4=_addressing(p, release), nm_addresses=_nm_addresses(p), profiles=(p,) if p.autoconnect else (),
        )
        if device in out:
            if p.autoconnect:
                out[device] = attrs.evolve(out[device], profiles=out[device].profiles + (p,))
        else:
            out[device] = iface
    return out


def _vlan_parent(p: KeyfileProfile, device_of_uuid: dict[str, str]) -> str | None:
    """A VLAN profile's ``[vlan] parent``, an interface name or a profile's uuid (NetworkManager
    accepts either: nm-setting-vlan.c), as the parent's device; None for any other profile."""
    if p.type != "vlan":
        return None
    parent = kr.string_value(p.doc, "vlan", "parent")
    if parent is None or not parent.value:
        return None
    return device_of_uuid.get(parent.value, parent.value)


def _addressing(p: KeyfileProfile, release: str | None) -> Addressing:
    """The first address as ``read_addressing`` reads an ifcfg's, with every address's subnet
    (NetworkManager reaches a gateway through any of them)."""
    first = read_addressing(p.plain, release)
    return attrs.evolve(first, networks=tuple(a.value.network for a in kr.ipv4(p.doc).addresses))


def _nm_addresses(p: KeyfileProfile) -> tuple[NumberedAddress, ...]:
    """Every ``[ipv4]`` address NetworkManager configures (address1, address2, …), each named by its key."""
    out: list[NumberedAddress] = []
    for a in kr.ipv4(p.doc).addresses:
        located = _fact(str(a.value.ip), a)
        if located is not None:
            key = f"[ipv4] {a.entry.key}" if a.entry is not None else p.written_as("IPADDR")
            out.append(NumberedAddress(key, located, a.value.network))
    return tuple(out)


def _upper(loc: Located | None) -> Located | None:
    return attrs.evolve(loc, text=loc.text.upper()) if loc is not None else None


def merge(ifcfg: dict[str, Interface], keyfile: dict[str, Interface], plugins: tuple[str, ...],
          ifcfg_read: bool, hidden: frozenset[str] = frozenset()) -> dict[str, Interface]:
    """One host: ifcfg and keyfile interfaces by device. Where both define a device the
    Interface is read from the keyfile when keyfile comes first in ``plugins`` (RHEL 9's
    default), else from the ifcfg file, and ``profiles`` lists every autoconnecting profile
    for it (BL011 when two compete). Which of two autoconnecting profiles NetworkManager
    activates is decided by autoconnect-priority, then by the last activation (not in the
    files): the choice here is the model's assumption, and BL011 says so. ``hidden`` are the
    ifcfg files a keyfile of the same uuid shadows (``settle``): they compete for nothing."""
    if not ifcfg_read:
        ifcfg = {}
    out = dict(ifcfg)
    keyfile_first = "ifcfg-rh" not in plugins or "keyfile" in plugins and plugins.index("keyfile") < plugins.index("ifcfg-rh")
    for device, k in keyfile.items():
        i = out.get(device)
        if i is None:
            out[device] = k
            continue
        ifcfg_profiles: tuple[IfcfgFile, ...] = tuple(f for f in i.files if i.onboot_nm and f.rel not in hidden)
        ordered = (k.profiles + ifcfg_profiles) if keyfile_first else (ifcfg_profiles + k.profiles)
        chosen = i if ordered and not isinstance(ordered[0], KeyfileProfile) else k
        out[device] = attrs.evolve(chosen, profiles=ordered)
    return out


def _words(nb: nm_bond.NmBond) -> list[tuple[BondOption, str | None]]:
    """[bond] as words NetworkManager reads, each with why it drops it (None: kept; values canonical)."""
    valid = [(BondOption(o.name, o.value, f"{o.entry.key}={o.entry.raw}", o.entry.value_span, KEYFILE_SOURCE, n,
                         value_span=o.entry.value_span), None) for n, o in enumerate(nb.valid.values())]
    dropped = [(BondOption(d.entry.key, d.entry.raw, f"{d.entry.key}={d.entry.raw}", d.entry.value_span, KEYFILE_SOURCE,
                           len(valid) + n, value_span=d.entry.value_span), d.reason) for n, d in enumerate(nb.dropped)]
    return valid + dropped


def with_ports_of_either_format(bonds: dict[str, Bond], ifaces: dict[str, Interface],
                                profiles: Iterable[KeyfileProfile] = ()) -> dict[str, Bond]:
    """On a mixed host an ifcfg bond may have keyfile ports and the reverse: a bond's slaves are
    every interface naming it, whatever file defines them, and its ``mac_ports`` the keyfile
    ports with no interface-name (NetworkManager binds them by mac-address)."""
    ports: dict[str, list[Interface]] = {}
    for i in ifaces.values():
        if i.master is not None:
            ports.setdefault(i.master, []).append(i)
    by_mac = {i.hwaddr.text: d for d, i in ifaces.items() if i.hwaddr is not None and i.kind != "bond"}
    mac_ports: dict[str, list[MacPort]] = {}
    for p in profiles:
        mac = p.facts.get("HWADDR")
        if not p.loaded or p.port_type != "bond" or "DEVICE" in p.facts or mac is None or not p.controller:
            continue
        bond = p.controller_device or p.controller
        mac_ports.setdefault(bond, []).append(MacPort(p, mac, by_mac.get(mac.text.upper())))
    out = {}
    for name, b in bonds.items():
        if name in ports and len(ports[name]) != len(b.slaves):
            b = attrs.evolve(b, slaves=tuple(ports[name]))
        if name in mac_ports:
            b = attrs.evolve(b, mac_ports=tuple(mac_ports[name]))
        out[name] = b
    return out


def bonds(ifaces: dict[str, Interface], nm_version: tuple[int, int] | None = None) -> dict[str, Bond]:
    """A Bond for each keyfile bond profile, assembled as NetworkManager applies its [bond]
    (``bond_assembly``: the same assembly as an ifcfg bond NetworkManager applies)."""
    slaves: dict[str, list[Interface]] = {}
    for i in ifaces.values():
        if i.master is not None:
            slaves.setdefault(i.master, []).append(i)
    out: dict[str, Bond] = {}
    for name, iface in ifaces.items():
        p = iface.keyfile
        if p is None or iface.kind != "bond" or not isinstance(p.bond, nm_bond.NmBond):
            continue
        out[name] = bond_assembly.assemble(
            name, iface, consumer=NETWORKMANAGER, bonding_opts=None, applied=(), nm_words=_words(p.bond),
            slaves=tuple(slaves.get(name, ())), nm_version=nm_version,
        )
    return out
