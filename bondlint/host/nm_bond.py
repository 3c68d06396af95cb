"""``[bond]`` options as NetworkManager reads, validates, normalises and applies them.

Source: NetworkManager src/libnm-core-impl/nm-setting-bond.c (option table,
``_nm_setting_bond_validate_option``, ``_bond_option_unsupp_mode``,
``_bond_get_option_normalized``, ``verify``), nm-keyfile.c (the ``[bond]`` hash
reader: an option that fails validation is dropped with "ignoring invalid
bond option", the profile still loads), nm-connection.c (numeric modes
normalised to names; options unsupported in the mode stripped) and
src/core/devices/nm-device-bond.c (what is written to sysfs). The three
newest options (arp_missed_max, lacp_active, ns_ip6_target) are from
keyfile-semantics.md §5, not re-read here.

Nothing here knows rules: :func:`read_bond` returns the facts (kept,
dropped, stripped, mode, applied values) with their spans; the verify
checks NetworkManager makes fatal are listed by :func:`verify_errors` as
plain facts, for the rules (BL3xx, BL319–BL321) to word.
"""

from __future__ import annotations

import ipaddress
from typing import Callable, Iterable, Mapping

import attrs

from bondlint.host.keyfile_reader import Located
from bondlint.host import spelling
from bondlint.model.host import BondOption
from bondlint.model.networkmanager import VerifyError
from bondlint.syntax.keyfile import KeyfileDocument, KeyfileEntry
from bondlint.syntax.span import Span

G_MAXINT = 2**31 - 1

MODES = ("balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb")
_LISTS: dict[str, tuple[str, ...]] = {
    "mode": MODES,
    "xmit_hash_policy": ("layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"),
    "lacp_rate": ("slow", "fast"),
    "ad_select": ("stable", "bandwidth", "count"),
    "arp_validate": ("none", "active", "backup", "all", "filter", "filter_active", "filter_backup"),
    "arp_all_targets": ("any", "all"),
    "fail_over_mac": ("none", "active", "follow"),
    "primary_reselect": ("always", "better", "failure"),
    "lacp_active": ("off", "on"),
}
#: name → (type, default, min, max). Types: "both" (list name or its index), "int", "ip",
#: "ip6", "ifname", "mac". Defaults are NetworkManager's (nm-setting-bond.c option table).
OPTIONS: dict[str, tuple[str, str | None, int, int]] = {
    "mode": ("both", "balance-rr", 0, 6),
    "miimon": ("int", "100", 0, G_MAXINT),
    "downdelay": ("int", "0", 0, G_MAXINT),
    "updelay": ("int", "0", 0, G_MAXINT),
    "arp_interval": ("int", "0", 0, G_MAXINT),
    "arp_ip_target": ("ip", "", 0, 0),
    "arp_validate": ("both", "none", 0, 6),
    "balance_slb": ("int", "0", 0, 1),
    "primary": ("ifname", "", 0, 0),
    "primary_reselect": ("both", "always", 0, 2),
    "fail_over_mac": ("both", "none", 0, 2),
    "use_carrier": ("int", "1", 0, 1),
    "ad_select": ("both", "stable", 0, 2),
    "xmit_hash_policy": ("both", "layer2", 0, 5),
    "resend_igmp": ("int", "1", 0, 255),
    "lacp_rate": ("both", "slow", 0, 1),
    "active_slave": ("ifname", None, 0, 0),
    "ad_actor_sys_prio": ("int", "65535", 1, 65535),
    "ad_actor_system": ("mac", None, 0, 0),
    "ad_user_port_key": ("int", "0", 0, 1023),
    "all_slaves_active": ("int", "0", 0, 1),
    "arp_all_targets": ("both", "any", 0, 1),
    "min_links": ("int", "0", 0, G_MAXINT),
    "num_grat_arp": ("int", "1", 0, 255),
    "num_unsol_na": ("int", "1", 0, 255),
    "packets_per_slave": ("int", "1", 0, 65535),
    "tlb_dynamic_lb": ("int", "1", 0, 1),
    "lp_interval": ("int", "1", 1, G_MAXINT),
    "peer_notif_delay": ("int", "0", 0, G_MAXINT),
    # keyfile-semantics.md §5 (newer NetworkManager); defaults UNVERIFIED.
    "arp_missed_max": ("int", "0", 0, 255),
    "lacp_active": ("both", "on", 0, 1),
    "ns_ip6_target": ("ip6", "", 0, 0),
}
_ALL_MODES = frozenset(MODES)
_AB_TLB_ALB = frozenset({"active-backup", "balance-tlb", "balance-alb"})
#: Options NetworkManager strips (normalisation) in the modes listed (_bond_option_unsupp_mode).
UNSUPPORTED_IN: dict[str, frozenset[str]] = {
    "active_slave": _ALL_MODES - _AB_TLB_ALB,
    "primary": _ALL_MODES - _AB_TLB_ALB,
    "ad_actor_sys_prio": _ALL_MODES - {"802.3ad"},
    "ad_actor_system": _ALL_MODES - {"802.3ad"},
    "ad_user_port_key": _ALL_MODES - {"802.3ad"},
    "lacp_rate": _ALL_MODES - {"802.3ad"},
    "arp_interval": frozenset({"802.3ad", "balance-tlb", "balance-alb"}),
    "arp_ip_target": frozenset({"802.3ad", "balance-tlb", "balance-alb"}),
    "arp_validate": frozenset({"802.3ad", "balance-tlb", "balance-alb"}),
    "packets_per_slave": _ALL_MODES - {"balance-rr"},
    "tlb_dynamic_lb": _ALL_MODES - {"balance-tlb", "balance-alb"},
}


def _valid_int(value: str, low: int, high: int) -> bool:
    return value.isascii() and value.isdigit() and low <= int(value) <= high


def _valid_ifname(value: str) -> bool:
    """nm_utils_ifname_valid_kernel: 1-15 bytes, not "." or "..", no "/", ":" or blanks."""
    return (0 < len(value.encode("utf-8", "surrogatepass")) <= 15 and value not in (".", "..")
            and not any(c in "/: \t\n\r\x0b\x0c" for c in value))


def _valid_ip_list(value: str, version: int) -> bool:
    """arp_ip_target / ns_ip6_target: comma- or blank-separated addresses, at least one."""
    parts = [p for p in value.replace(",", " ").split() if p]
    if not parts:
        return False
    try:
        return all(ipaddress.ip_address(p).version == version for p in parts)
    except ValueError:
        return False


def _valid_mac(value: str) -> bool:
    parts = value.split(":")
    return len(parts) == 6 and all(len(p) == 2 and all(c in "0123456789abcdefABCDEF" for c in p) for p in parts)


def invalid_reason(name: str, value: str) -> str | None:
    """Why ``_nm_setting_bond_validate_option`` refuses ``name=value``, or None."""
    meta = OPTIONS.get(name)
    if meta is None:
        return f"invalid option '{name}'"
    kind, _, low, high = meta
    checks: dict[str, Callable[[], bool]] = {
        "int": lambda: _valid_int(value, low, high),
        "both": lambda: _valid_int(value, low, high) or value in _LISTS[name],
        "ip": lambda: _valid_ip_list(value, 4),
        "ip6": lambda: _valid_ip_list(value, 6),
        "ifname": lambda: _valid_ifname(value),
        "mac": lambda: _valid_mac(value),
    }
    if checks[kind]():
        return None
    return f"invalid value '{value}' for option '{name}'"


def meant_key(key: str) -> str | None:
    """The option an unknown ``[bond]`` key was meant to be: dashes for underscores
    (``lacp-rate``), else the one option within two edits."""
    return spelling.meant_option(key, OPTIONS, key.replace("-", "_"))


def accepted_lower_case(name: str, value: str) -> str | None:
    """``value`` in lower case when NetworkManager accepts that but not ``value``
    (``mode=802.3AD``: its option names and list values are matched exactly)."""
    low = value.lower()
    if low == value or invalid_reason(name, value) is None or invalid_reason(name, low) is not None:
        return None
    return low


def canonical(name: str, value: str) -> str:
    """A valid value in NetworkManager's canonical form: list options by name (``4`` → ``802.3ad``)."""
    names = _LISTS.get(name)
    if names is not None and value.isascii() and value.isdigit():
        return names[int(value)]
    return value


@attrs.frozen(slots=True)
class NmBondOption:
    """One option as NetworkManager keeps it: canonical ``value`` and the entry it came from."""

    name: str
    value: str
    written: str
    entry: KeyfileEntry

    @property
    def span(self) -> Span:
        return self.entry.value_span


@attrs.frozen(slots=True)
class DroppedOption:
    """An option NetworkManager drops while reading ("ignoring invalid bond option")."""

    entry: KeyfileEntry
    reason: str


@attrs.frozen(slots=True)
class NmBond:
    """A keyfile's ``[bond]`` after NetworkManager has read and normalised it.

    ``valid`` are the options that passed validation when read (what verify()
    sees); ``dropped`` were refused when read (the profile still loads: an
    invalid ``mode`` means balance-rr); ``stripped`` are valid but unsupported
    in the mode, silently removed by normalisation; ``kept`` is what the
    loaded profile holds. ``mode`` is the effective mode (origin "default" when
    no valid one was written). ``group_span`` is the ``[bond]`` header.
    """

    valid: dict[str, NmBondOption]
    dropped: tuple[DroppedOption, ...]
    stripped: tuple[NmBondOption, ...]
    mode: Located[str]
    group_span: Span | None

    @property
    def kept(self) -> dict[str, NmBondOption]:
        return {n: o for n, o in self.valid.items() if o not in self.stripped}

    def applied(self, name: str) -> str | None:
        """The value NetworkManager writes to sysfs on activation (``applied_value``)."""
        return applied_value(self.mode.value, {n: o.value for n, o in self.kept.items()}, name)


def applied_value(mode: str, kept: Mapping[str, str], name: str) -> str | None:
    """``nm_setting_bond_get_option_normalized`` plus the device's miimon rule: the value
    NetworkManager writes to sysfs on activation for a bond in ``mode`` keeping the options
    ``kept`` (canonical values, the ones unsupported in the mode already stripped), None when
    it sets nothing (unsupported in the mode, or no default).

    miimon is 100 unless written, or 0 when ARP monitoring is on
    (nm-device-bond.c); an explicit miimon ≠ 0 turns ARP monitoring off
    (arp_interval 0, no targets); ``primary`` falls back to ``active_slave``;
    num_grat_arp and num_unsol_na are one kernel value (grat first);
    balance_slb=1 forces xmit_hash_policy vlan+srcmac.
    """
    explicit = kept.get
    if name not in OPTIONS or mode in UNSUPPORTED_IN.get(name, frozenset()):
        return None
    if name == "miimon":
        written = explicit("miimon")
        if written is not None:
            return written
        arp = applied_value(mode, kept, "arp_interval")
        return "0" if arp not in (None, "0") else OPTIONS["miimon"][1]
    if name in ("arp_interval", "arp_ip_target"):
        if int(explicit("miimon") or "0") != 0:
            return "0" if name == "arp_interval" else ""
    elif name in ("num_grat_arp", "num_unsol_na"):
        value = explicit("num_grat_arp") or explicit("num_unsol_na")
        if value is not None:
            return value
    elif name == "active_slave":
        return None
    elif name == "primary":
        value = explicit("primary") or explicit("active_slave")
        if value is not None:
            return value
    elif name == "xmit_hash_policy" and explicit("balance_slb") == "1":
        return "vlan+srcmac"
    value = explicit(name)
    if value is not None:
        return value
    if name == "ad_actor_system":
        return "00:00:00:00:00:00" if mode == "802.3ad" else ""
    if name == "mode":
        return mode
    return OPTIONS[name][1]


@attrs.frozen(slots=True)
class NmWords:
    """Option words as NetworkManager keeps them, from either format (a keyfile's ``[bond]`` or an
    ifcfg file's BONDING_OPTS as ifcfg-rh reads them): ``valid`` option → its canonical value
    and the word (the last valid word of a key wins); ``mode`` the effective mode (balance-rr
    when no valid one is written; ``mode_dropped``: one was written and dropped); ``stripped``
    the valid words normalisation removes in that mode; ``kept`` the rest."""

    valid: dict[str, tuple[str, BondOption]]
    mode: str
    mode_dropped: bool

    @property
    def stripped(self) -> tuple[BondOption, ...]:
        return tuple(w for n, (_v, w) in self.valid.items() if self.mode in UNSUPPORTED_IN.get(n, frozenset()))

    @property
    def kept(self) -> dict[str, tuple[str, BondOption]]:
        return {n: vw for n, vw in self.valid.items() if self.mode not in UNSUPPORTED_IN.get(n, frozenset())}

    def applied(self, name: str) -> str | None:
        return applied_value(self.mode, {n: v for n, (v, _w) in self.kept.items()}, name)

    def verify(self, version: tuple[int, int] | None) -> tuple[VerifyError, ...]:
        """verify() over the valid options (it runs before normalisation strips anything), keeping
        the checks the release's NetworkManager ``version`` has."""
        return _since(verify(self.mode, {n: (v, w.value_place) for n, (v, w) in self.valid.items()}), version)


def read_words(words: Iterable[tuple[BondOption, str | None]]) -> NmWords:
    """Words with why NetworkManager drops each (None: it keeps it) → what it keeps (``NmWords``)."""
    valid: dict[str, tuple[str, BondOption]] = {}
    dropped_mode = False
    for word, reason in words:
        if reason is None:
            valid[word.key] = (canonical(word.key, word.value), word)
        elif word.key == "mode":
            dropped_mode = True
    mode = valid["mode"][0] if "mode" in valid else "balance-rr"
    return NmWords(valid, mode, dropped_mode and "mode" not in valid)


def read_bond(doc: KeyfileDocument) -> NmBond | None:
    """The ``[bond]`` group as NetworkManager takes it; None without a ``[bond]`` group.

    Option names are matched exactly (``lacp-rate`` is unknown); ``interface-name``
    in ``[bond]`` is not an option (nm-keyfile.c skips it). A repeated key counts
    once, with its last value (GKeyFile).
    """
    if not doc.has_group("bond"):
        return None
    header = doc.header("bond")
    valid: dict[str, NmBondOption] = {}
    dropped: list[DroppedOption] = []
    for key in doc.keys("bond"):
        if key == "interface-name":
            continue
        entry = doc.get("bond", key)
        if entry is None:
            continue
        value = entry.string
        reason = invalid_reason(key, value) if entry.escape_error is None else entry.escape_error
        if reason is not None:
            dropped.append(DroppedOption(entry, reason))
            continue
        valid[key] = NmBondOption(key, canonical(key, value), entry.raw, entry)
    mode_opt = valid.get("mode")
    if mode_opt is not None:
        mode: Located[str] = Located(mode_opt.value, mode_opt.span, "file", mode_opt.entry)
    else:
        bad = next((d for d in dropped if d.entry.key == "mode"), None)
        note = (f"'{bad.entry.raw}' is not a mode NetworkManager accepts: it keeps balance-rr"
                if bad is not None else "no mode written: NetworkManager's default is balance-rr")
        mode = Located("balance-rr", bad.entry.value_span if bad else None, "default", bad.entry if bad else None, note)
    stripped = tuple(o for n, o in valid.items() if mode.value in UNSUPPORTED_IN.get(n, frozenset()))
    return NmBond(valid, tuple(dropped), stripped, mode, header.name_span if header else None)


def verify_errors(bond: NmBond, version: tuple[int, int] | None = None,
                  has_infiniband_port_setting: bool = False) -> tuple[VerifyError, ...]:
    """The fatal checks of nm-setting-bond.c verify() this bond fails, over the options
    as read (verify runs before normalisation strips anything), kept as ``NmWords.verify``
    keeps them for the release's NetworkManager ``version``. verify() stops at the first;
    all are listed, in verify()'s order. The missing interface-name check (also fatal) is
    the reader's :func:`keyfile_reader.interface_name`."""
    found = verify(bond.mode.value, {n: (o.value, o.span) for n, o in bond.valid.items()}, has_infiniband_port_setting)
    return _since(found, version)


#: verify() checks that exist only from a NetworkManager version on (older ones drop the option
#: as unknown instead: "invalid bonding option")
VERIFY_SINCE: dict[str, tuple[int, int]] = {
    "lacp-rate-mode": (1, 0), "grat-arp-unsol-na": (1, 2), "peer-notif-delay": (1, 34),
    "lacp-active-mode": (1, 44), "arp-missed-max-mode": (1, 44), "arp-missed-max-8023ad": (1, 58),
    "balance-slb-mode": (1, 42), "balance-slb-hash": (1, 42),
}


def _since(found: tuple[VerifyError, ...], version: tuple[int, int] | None) -> tuple[VerifyError, ...]:
    """The checks the NetworkManager ``version`` has (unknown: the checks every version has)."""
    return tuple(e for e in found
                 if e.check not in VERIFY_SINCE or (version is not None and version >= VERIFY_SINCE[e.check]))


def verify(mode: str, valid: Mapping[str, tuple[str, Span]], has_infiniband_port_setting: bool = False) -> tuple[VerifyError, ...]:
    """nm-setting-bond.c verify() over valid options (name → canonical value and its span)."""
    out: list[VerifyError] = []

    def raw(name: str) -> str | None:
        option = valid.get(name)
        return option[0] if option is not None else None

    def num(name: str) -> int:
        return int(raw(name) or OPTIONS[name][1] or "0")

    def spans(*names: str) -> tuple[Span, ...]:
        return tuple(valid[n][1] for n in names if n in valid)

    def fail(check: str, message: str, *names: str) -> None:
        out.append(VerifyError(check, message, spans(*names)))

    miimon, arp_interval = num("miimon"), num("arp_interval")
    if mode in ("balance-tlb", "balance-alb") and arp_interval > 0:
        fail("arp-with-tlb-alb", f"'mode={mode}' is incompatible with 'arp_interval > 0'", "arp_interval")
    if mode in ("balance-tlb", "balance-alb") and num("arp_missed_max") > 0:
        fail("arp-missed-max-mode", f"'mode={mode}' is incompatible with 'arp_missed_max > 0'", "arp_missed_max")
    if mode == "802.3ad" and num("arp_missed_max") > 0:  # a later check than TLB/ALB's (semantics-notes §8)
        fail("arp-missed-max-8023ad", f"'mode={mode}' is incompatible with 'arp_missed_max > 0'", "arp_missed_max")
    if raw("primary") is not None and mode not in _AB_TLB_ALB:
        fail("primary-mode", "'primary' option is only valid for 'mode=active-backup'", "primary")
    if has_infiniband_port_setting and mode != "active-backup":
        fail("infiniband-mode", f"'mode={mode}' is not a valid configuration for 'infiniband'", "mode")
    if miimon == 0:
        for delay in ("updelay", "downdelay"):
            if num(delay):
                fail("delay-without-miimon", f"'{delay}' option requires 'miimon' option to be enabled", delay, "miimon")
    peer = num("peer_notif_delay")
    if peer and miimon == 0:
        fail("peer-notif-delay", "'peer_notif_delay' option requires 'miimon' option to be enabled",
             "peer_notif_delay", "miimon")
    elif peer and peer % miimon and arp_interval == 0:
        fail("peer-notif-delay", "'peer_notif_delay' option needs to be a value multiple of 'miimon' value",
             "peer_notif_delay", "miimon")
    targets = raw("arp_ip_target") or raw("ns_ip6_target")
    if arp_interval > 0 and not targets:
        fail("arp-without-target", "'arp_interval' option requires 'arp_ip_target' option to be set", "arp_interval")
    if arp_interval == 0 and targets:
        fail("target-without-arp", "'arp_ip_target' option requires 'arp_interval' option to be set",
             "arp_ip_target", "ns_ip6_target")
    if raw("lacp_rate") not in (None, "slow") and mode != "802.3ad":
        fail("lacp-rate-mode", "'lacp_rate' option is only valid with mode '802.3ad'", "lacp_rate")
    if raw("lacp_active") is not None and mode != "802.3ad":
        fail("lacp-active-mode", "'lacp_active' option is only valid with mode '802.3ad'", "lacp_active")
    if raw("num_grat_arp") is not None and raw("num_unsol_na") is not None and num("num_grat_arp") != num("num_unsol_na"):
        fail("grat-arp-unsol-na", "'num_grat_arp' and 'num_unsol_na' cannot have different values",
             "num_grat_arp", "num_unsol_na")
    if num("balance_slb") > 0:
        if mode != "balance-xor":
            fail("balance-slb-mode", 'balance_slb requires bond mode "balance-xor"', "balance_slb")
        elif raw("xmit_hash_policy") not in (None, "vlan+srcmac"):
            fail("balance-slb-hash", 'balance_slb requires xmit_hash_policy "vlan+srcmac"', "balance_slb", "xmit_hash_policy")
    return tuple(out)
