"""A keyfile read the way NetworkManager reads a profile: located values over a KeyfileDocument.

Pure functions, no file access: each takes a parsed ``KeyfileDocument`` and
returns what NetworkManager would take from it, with the Span it came from, so
the host model can fill its interface/bond facts from a keyfile exactly as it
does from ifcfg files. Sources (NetworkManager, see keyfile-semantics.md for
the commit; glib gkeyfile.c):

- group aliases: ``nm_keyfile_plugin_kf_get_*`` (nm-keyfile-utils.c) look a
  key up in the canonical group and try the alias (``[ethernet]`` for
  ``[802-3-ethernet]``, ``[wifi]``, ``[wifi-security]``) only when the
  canonical group is absent;
- strings are read with ``g_key_file_get_string``: escapes decoded; a value
  with a bad escape is an error and the property keeps its default
  (``read_one_setting_value``, nm-keyfile.c);
- booleans with ``g_key_file_get_boolean``: only ``true``, ``false``, ``1``,
  ``0`` (trailing blanks allowed, case-sensitive); anything else (``yes``,
  ``no``, ``True``) is an error and the property keeps its default;
- ``interface-name`` missing from ``[connection]`` is taken from the group
  named like the connection type (``[bridge] interface-name=``, nm_keyfile_read).
"""

from __future__ import annotations

import ipaddress
import posixpath
from typing import Generic, TypeVar

import attrs

from bondlint.model.networkmanager import PORT_TYPES
from bondlint.syntax.keyfile import KeyfileDocument, KeyfileEntry, sub_span
from bondlint.syntax.span import Span

T = TypeVar("T")

#: NetworkManager setting name → the short group name it also accepts (nm-keyfile-utils.c alias_list).
ALIASES: dict[str, str] = {
    "802-3-ethernet": "ethernet",
    "802-11-wireless": "wifi",
    "802-11-wireless-security": "wifi-security",
}
SETTING_FOR_ALIAS: dict[str, str] = {alias: setting for setting, alias in ALIASES.items()}
#: Port setting group → the port type NetworkManager infers from it (con.c normalisation).
PORT_GROUPS: dict[str, str] = {"bond-port": "bond", "bridge-port": "bridge", "team-port": "team"}
#: Setting groups that make a connection type when ``type`` is absent (its "base type").
BASE_TYPES = (
    "802-3-ethernet", "bond", "bridge", "vlan", "team", "infiniband", "802-11-wireless",
    "vrf", "macvlan", "vxlan", "ovs-bridge", "ovs-port", "ovs-interface", "dummy", "wireguard",
)
#: cloned-mac-address words (nm-keyfile.c mac parser, cloned variant).
CLONED_MAC_WORDS = frozenset({"preserve", "permanent", "random", "stable", "stable-ssid"})
SUFFIX = ".nmconnection"


@attrs.frozen(slots=True)
class Located(Generic[T]):
    """A value NetworkManager uses, and where it comes from.

    ``origin`` is "file" (written at ``span``), "default" (NetworkManager's
    default; ``span`` is None), "inferred" (derived from other content, ``span``
    points at what it was derived from), "file-name" (from the file's name) or
    "deprecated-group" (read from an old place, ``span`` is that entry).
    ``note`` says, when the written text was not taken as is, why (e.g. a
    boolean glib refuses).
    """

    value: T
    span: Span | None
    origin: str
    entry: KeyfileEntry | None = None
    note: str | None = None


# ---------------------------------------------------------------------------
# Groups and aliases


def group_for(doc: KeyfileDocument, setting: str) -> str | None:
    """The group NetworkManager reads ``setting``'s keys from: the canonical one, else its alias."""
    if doc.has_group(setting):
        return setting
    alias = ALIASES.get(setting)
    if alias is not None and doc.has_group(alias):
        return alias
    return None


def lookup(doc: KeyfileDocument, setting: str, key: str) -> KeyfileEntry | None:
    """``nm_keyfile_plugin_kf_get_value``: the entry for ``setting.key``, alias-aware."""
    group = group_for(doc, setting)
    return doc.get(group, key) if group is not None else None


def setting_of(group: str) -> str:
    """The setting a group configures (``ethernet`` → ``802-3-ethernet``)."""
    return SETTING_FOR_ALIAS.get(group, group)


def split_groups(doc: KeyfileDocument) -> dict[str, tuple[str, ...]]:
    """Settings written under both their name and their alias (BL710): setting → groups.

    NetworkManager reads each such key from the canonical group only, so keys
    under the alias are silently ignored.
    """
    seen: dict[str, list[str]] = {}
    for group in doc.group_names():
        seen.setdefault(setting_of(group), []).append(group)
    return {s: tuple(g) for s, g in seen.items() if len(g) > 1}


# ---------------------------------------------------------------------------
# Value readers


def glib_boolean(raw: str) -> bool | None:
    """``g_key_file_get_boolean``: True/False, or None for text glib refuses."""
    text = raw.rstrip(" \t\n\x0b\x0c\r")
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    return None


def string_value(doc: KeyfileDocument, setting: str, key: str) -> Located[str] | None:
    """A string property as written; None when absent or unreadable (bad escape)."""
    entry = lookup(doc, setting, key)
    if entry is None or entry.escape_error is not None:
        return None
    return Located(entry.string, entry.value_span, "file", entry)


def boolean_value(doc: KeyfileDocument, setting: str, key: str, default: bool) -> Located[bool]:
    """A boolean property; glib's refusals keep ``default`` with a note."""
    entry = lookup(doc, setting, key)
    if entry is None:
        return Located(default, None, "default")
    value = glib_boolean(entry.raw)
    if value is None:
        note = (f"'{entry.raw}' is not a boolean to GKeyFile (only true, false, 1, 0): "
                f"NetworkManager ignores it and keeps {str(default).lower()}")
        return Located(default, entry.value_span, "default", entry, note)
    return Located(value, entry.value_span, "file", entry)


def int_value(doc: KeyfileDocument, setting: str, key: str, default: int,
              low: int = -(2**31), high: int = 2**31 - 1) -> Located[int]:
    """An integer property (``_nm_utils_ascii_str_to_int64``, base 0, blanks stripped)."""
    entry = lookup(doc, setting, key)
    if entry is None:
        return Located(default, None, "default")
    text = entry.raw.strip(" \t\n\x0b\x0c\r")
    try:
        value = int(text, 0) if text else None
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        note = f"'{entry.raw}' is not an integer in [{low}, {high}]: NetworkManager keeps {default}"
        return Located(default, entry.value_span, "default", entry, note)
    return Located(value, entry.value_span, "file", entry)


# ---------------------------------------------------------------------------
# [connection]


def profile_id(doc: KeyfileDocument, file_name: str) -> Located[str]:
    """``connection.id``, or the file name without ``.nmconnection`` (nms-keyfile-reader.c)."""
    found = string_value(doc, "connection", "id")
    if found is not None and found.value:
        return found
    name = posixpath.basename(file_name)
    if name.endswith(SUFFIX) and len(name) > len(SUFFIX):
        name = name[: -len(SUFFIX)]
    return Located(name, None, "file-name")


def uuid(doc: KeyfileDocument) -> Located[str] | None:
    """``connection.uuid`` as written, lower-cased (NetworkManager asserts a normalised
    UUID after reading; the case folding is assumed, not read), or None: NetworkManager
    then derives one from the file's path (BL711; ``nm_discover.uuid_claim``)."""
    found = string_value(doc, "connection", "uuid")
    if found is None or not found.value.strip():
        return None
    return attrs.evolve(found, value=found.value.strip().lower())


def connection_type(doc: KeyfileDocument) -> Located[str] | None:
    """``connection.type`` as a setting name (``ethernet`` → ``802-3-ethernet``), or
    inferred from the first base-type group present (Test_minimal_2), or None."""
    found = string_value(doc, "connection", "type")
    if found is not None and found.value:
        return attrs.evolve(found, value=setting_of(found.value))
    for group in doc.group_names():
        setting = setting_of(group)
        if setting in BASE_TYPES:
            header = doc.header(group)
            return Located(setting, header.name_span if header else None, "inferred")
    return None


def interface_name(doc: KeyfileDocument) -> Located[str] | None:
    """``connection.interface-name``, else ``interface-name`` in the group named like the
    type (``[bond]``, ``[bridge]``: the deprecated place, nm_keyfile_read), else None."""
    found = string_value(doc, "connection", "interface-name")
    if found is not None and found.value:
        return found
    ctype = connection_type(doc)
    if ctype is None or ctype.origin == "inferred":  # nm_keyfile_read needs connection.type set
        return None
    entry = doc.get(ctype.value, "interface-name")
    if entry is None or entry.escape_error is not None or not entry.string:
        return None
    return Located(entry.string, entry.value_span, "deprecated-group", entry)


def autoconnect(doc: KeyfileDocument) -> Located[bool]:
    """``connection.autoconnect`` (default true)."""
    return boolean_value(doc, "connection", "autoconnect", True)


def autoconnect_priority(doc: KeyfileDocument) -> Located[int]:
    """``connection.autoconnect-priority`` (default 0, range -999..999): among profiles
    that can autoconnect on one device, the highest wins."""
    return int_value(doc, "connection", "autoconnect-priority", 0, -999, 999)


def autoconnect_ports(doc: KeyfileDocument) -> Located[int]:
    """``connection.autoconnect-ports`` (``autoconnect-slaves`` before NM 1.46; one aliased property,
    read in name order, so the deprecated key wins like master over controller): 1 makes activating
    the controller activate its ports (nm-manager.c should_connect_ports); -1 (default) takes
    NetworkManager.conf's ``connection.autoconnect-ports`` default (not read here), which is off."""
    old = int_value(doc, "connection", "autoconnect-slaves", -1, -1, 1)
    return old if old.origin == "file" else int_value(doc, "connection", "autoconnect-ports", -1, -1, 1)


@attrs.frozen(slots=True)
class PortOf:
    """How a profile names its controller.

    ``controller`` is the effective value and ``port_type`` the effective port
    type: NetworkManager reads ``[connection]`` properties in name order and
    ``master``/``controller`` (like ``slave-type``/``port-type``) are one field,
    so when both are written the deprecated key, read last, wins
    (nm-setting.c sorts property_infos by name; nm-setting-connection.c marks
    master and slave-type ``direct_is_aliased_field``). An empty value is no
    controller. With neither port-type key, a ``[bond-port]``/``[bridge-port]``/
    ``[team-port]`` group gives the port type (origin "inferred"). ``written``
    holds every such key as written; ``conflicts`` the pairs that disagree (BL708).
    """

    controller: Located[str] | None
    port_type: Located[str] | None
    written: tuple[KeyfileEntry, ...]
    conflicts: tuple[tuple[KeyfileEntry, KeyfileEntry], ...]

    @property
    def port_type_valid(self) -> bool:
        """Is the port type one NetworkManager knows (BL706 when not)?"""
        return self.port_type is None or self.port_type.value in PORT_TYPES


def port_of(doc: KeyfileDocument) -> PortOf:
    written: list[KeyfileEntry] = []
    conflicts: list[tuple[KeyfileEntry, KeyfileEntry]] = []
    values: dict[str, Located[str] | None] = {}
    for new, old in (("controller", "master"), ("port-type", "slave-type")):
        a, b = lookup(doc, "connection", new), lookup(doc, "connection", old)
        written.extend(e for e in (a, b) if e is not None)
        if a is not None and b is not None and a.string != b.string:
            conflicts.append((a, b))
        chosen = b if b is not None else a  # the deprecated key is read last
        usable = chosen is not None and chosen.escape_error is None and chosen.string != ""
        values[new] = Located(chosen.string, chosen.value_span, "file", chosen) if usable and chosen else None
    port_type = values["port-type"]
    if port_type is None:
        for group, kind in PORT_GROUPS.items():
            header = doc.header(group)
            if header is not None:
                port_type = Located(kind, header.name_span, "inferred")
                break
    written.sort(key=lambda e: e.line.span.start)
    return PortOf(values["controller"], port_type, tuple(written), tuple(conflicts))


# ---------------------------------------------------------------------------
# MAC addresses


def normalise_mac(text: str, cloned: bool = False) -> str | None:
    """A MAC as NetworkManager's keyfile parser takes it, upper-case with colons.

    Accepts ``aa:bb:cc:dd:ee:ff`` (any case; ``-`` separators too, UNVERIFIED) and
    the obsolete byte list ``0;34;104;18;121;162`` (nm-keyfile.c mac parser);
    for ``cloned-mac-address`` also its words (preserve, permanent, random,
    stable, stable-ssid), returned as written. None when invalid: NetworkManager
    logs "ignoring invalid MAC address" and drops the key.
    """
    text = text.strip()
    if cloned and text in CLONED_MAC_WORDS:
        return text
    parts = text.rstrip(";").split(";")
    if len(parts) == 6 and all(p.isdigit() and p.isascii() and int(p) <= 255 for p in parts):
        return ":".join(f"{int(p):02X}" for p in parts)
    parts = text.replace("-", ":").split(":")
    if len(parts) == 6 and all(len(p) in (1, 2) and all(c in "0123456789abcdefABCDEF" for c in p) for p in parts):
        return ":".join(p.upper().zfill(2) for p in parts)
    return None


@attrs.frozen(slots=True)
class MacAddresses:
    """``[802-3-ethernet]`` MACs: ``mac_address`` only *matches* the device by its
    permanent MAC; ``cloned_mac_address`` *sets* the device's MAC (K34/BL103).
    ``invalid`` holds written MACs NetworkManager drops."""

    mac_address: Located[str] | None
    cloned_mac_address: Located[str] | None
    invalid: tuple[KeyfileEntry, ...]


def mac_addresses(doc: KeyfileDocument) -> MacAddresses:
    found: dict[str, Located[str] | None] = {}
    invalid: list[KeyfileEntry] = []
    for key, cloned in (("mac-address", False), ("cloned-mac-address", True)):
        entry = lookup(doc, "802-3-ethernet", key)
        value = normalise_mac(entry.string, cloned) if entry is not None and entry.raw.strip() else None
        if entry is not None and entry.raw.strip() and value is None:
            invalid.append(entry)
        found[key] = None if value is None or entry is None else Located(value, entry.value_span, "file", entry)
    return MacAddresses(found["mac-address"], found["cloned-mac-address"], tuple(invalid))


# ---------------------------------------------------------------------------
# [ipv4]


@attrs.frozen(slots=True)
class Ipv4:
    """``[ipv4]`` as NetworkManager reads it.

    ``method`` defaults to "auto" when ``[ipv4]`` or ``method`` is absent (what
    NetworkManager's normalisation gives a non-port profile; ports get no IP
    configuration). ``addresses`` come from ``address``, ``address0..N``,
    ``addresses``, ``addresses0..N``, one address per key, read as
    ``read_one_ip_address_or_route`` (nm-keyfile.c) reads them: fields split at
    any of ``/ ; ,`` (address, optional prefix length, optional gateway); no
    prefix length means /24. The gateway of the first address that has one is
    the profile's gateway unless ``gateway=`` is set. ``invalid`` holds
    entries NetworkManager drops ("ignoring invalid IPv4 address").
    """

    method: Located[str]
    addresses: tuple[Located[ipaddress.IPv4Interface], ...]
    gateway: Located[ipaddress.IPv4Address] | None
    dns: tuple[Located[str], ...]
    never_default: Located[bool]
    invalid: tuple[KeyfileEntry, ...]


_IP_CHARS = frozenset("0123456789abcdefABCDEF:.%")
_DIGITS = frozenset("0123456789")
_DELIMITERS = "/;,"


def _read_field(text: str, pos: int | None, chars: frozenset[str]) -> tuple[tuple[int, int] | None, int | None, bool]:
    """nm-keyfile.c read_field: ((start, end) or None, next position or None at the end, bad character?)."""
    if pos is None or pos >= len(text):
        return None, pos, False
    end = pos
    while end < len(text) and text[end] in chars:
        end += 1
    if end == len(text):
        return (pos, end), None, False
    if text[end] in _DELIMITERS:
        return (pos, end), end + 1, False
    return None, pos, True


def _address_fields(text: str) -> tuple[tuple[int, int], tuple[int, int] | None, tuple[int, int] | None] | None:
    """(address, prefix length, gateway) offsets in ``text``, or None when NetworkManager drops it."""
    address, pos, bad = _read_field(text, 0, _IP_CHARS)
    if bad or address is None:
        return None
    plen, after_plen, _ = _read_field(text, pos, _DIGITS)  # skippable: a bad one resets the position
    gateway, _, bad = _read_field(text, after_plen if plen is not None else pos, _IP_CHARS)
    if bad:
        return None
    return address, plen, gateway


def _address_keys(doc: KeyfileDocument, group: str) -> list[KeyfileEntry]:
    """address, address0.., addresses, addresses0.. in index order."""
    ranked: list[tuple[int, int, KeyfileEntry]] = []
    for key in doc.keys(group):
        for rank, prefix in enumerate(("address", "addresses")):
            rest = key[len(prefix):]
            if key.startswith(prefix) and (rest == "" or (rest.isdigit() and rest.isascii())):
                entry = doc.get(group, key)
                if entry is not None:
                    ranked.append((int(rest) if rest else -1, rank, entry))
    return [e for _, _, e in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _part(entry: KeyfileEntry, where: tuple[int, int]) -> Span:
    """The span of part of a value (the whole value when escapes moved its characters)."""
    if entry.string != entry.raw:
        return entry.value_span
    return sub_span(entry.value_span, *where)


def ipv4(doc: KeyfileDocument) -> Ipv4:
    method = string_value(doc, "ipv4", "method")
    method_v: Located[str] = method if method is not None and method.value else Located("auto", None, "default")
    addresses: list[Located[ipaddress.IPv4Interface]] = []
    invalid: list[KeyfileEntry] = []
    first_gw: Located[ipaddress.IPv4Address] | None = None
    group = group_for(doc, "ipv4")
    for entry in _address_keys(doc, group) if group else []:
        text = entry.string
        fields = _address_fields(text) if entry.escape_error is None else None
        if fields is None:
            invalid.append(entry)
            continue
        (a0, a1), plen, gw = fields
        prefix = text[plen[0] : plen[1]] if plen else "24"
        try:
            iface = ipaddress.IPv4Interface(f"{text[a0:a1]}/{int(prefix)}")
        except ValueError:
            invalid.append(entry)
            continue
        addresses.append(Located(iface, _part(entry, (a0, plen[1] if plen else a1)), "file", entry))
        if gw is not None and gw[1] > gw[0] and first_gw is None:
            try:
                first_gw = Located(ipaddress.IPv4Address(text[gw[0] : gw[1]]), _part(entry, gw), "file", entry)
            except ValueError:
                invalid.append(entry)
    gateway: Located[ipaddress.IPv4Address] | None = first_gw
    gw_value = string_value(doc, "ipv4", "gateway")
    if gw_value is not None and gw_value.value.strip():
        try:
            gateway = Located(ipaddress.IPv4Address(gw_value.value.strip()), gw_value.span, "file", gw_value.entry)
        except ValueError:
            if gw_value.entry is not None:
                invalid.append(gw_value.entry)
    dns_entry = lookup(doc, "ipv4", "dns")
    dns = tuple(Located(i.text, i.span, "file", dns_entry) for i in dns_entry.items()) if dns_entry else ()
    never_default = boolean_value(doc, "ipv4", "never-default", False)
    return Ipv4(method_v, tuple(addresses), gateway, dns, never_default, tuple(dict.fromkeys(invalid)))
