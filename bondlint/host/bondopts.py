"""Bonding options: the BONDING_OPTS micro-grammar and the kernel's option tables.

initscripts word-splits BONDING_OPTS and writes each ``key=value`` word to
``/sys/class/net/<bond>/bonding/<key>``; modprobe passes ``options`` words to
the module. The kernel accepts a fixed set of names per release and, for each,
a table of names/numbers or a range (semantics.md 1.5, section D). Where a
release's exact set is uncertain, the tables lean towards accepting, so that
BL301/BL302 never fire on a working host.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import Callable, Iterator

import attrs

from bondlint.host.spelling import meant_option, nearest
from bondlint.model.bonds import OptionReading
from bondlint.model.host import MAX_OPTION_WORDS, MODE_NAMES, BondOption, ModuleConfig, UnreadWords
from bondlint.model.release import release as release_row
from bondlint.model.values import normalize_module
from bondlint.syntax.span import LineIndex, Span

#: A validator's second argument: the release's ``Release.bonding_generation`` (el5 0 … el8+ 3;
#: None: an unknown release, which accepts what any release accepts).
Generation = int | None

# ---------------------------------------------------------------------------
# Word splitting with exact spans

_IFS = " \t\n"


def split_words(value: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of each IFS-separated word of ``value`` (bash's unquoted $VAR)."""
    i, n = 0, len(value)
    while i < n:
        while i < n and value[i] in _IFS:
            i += 1
        if i >= n:
            break
        j = i
        while j < n and value[j] not in _IFS:
            j += 1
        yield i, j
        i = j


def value_offsets(raw: str) -> tuple[str, list[int]] | None:
    """Remove shell quoting from ``raw`` keeping, per value character, its offset in ``raw``.

    Covers what ifcfg values use: '...', "..." (with \\ before $ ` " \\ newline),
    and backslash escapes outside quotes. Returns None for anything else
    (``$'...'``, expansions), where callers fall back to the whole value's span.
    """
    out: list[str] = []
    offs: list[int] = []
    i, n = 0, len(raw)
    quote: str | None = None

    def keep(j: int) -> None:
        out.append(raw[j])
        offs.append(j)

    while i < n:
        c = raw[i]
        if quote == "'":
            if c == "'":
                quote = None
            else:
                keep(i)
        elif quote is None and c in "'\"":
            quote = c
        elif quote == '"' and c == '"':
            quote = None
        elif c == "\\" and (quote is None or (i + 1 < n and raw[i + 1] in '$`"\\\n')):
            if i + 1 < n and raw[i + 1] != "\n":
                keep(i + 1)
            i += 1
        elif c in "$`":
            return None
        else:
            keep(i)
        i += 1
    return "".join(out), offs


def parse_words(
    value: str,
    source: str,
    *,
    raw: str | None = None,
    raw_start: int = 0,
    index: LineIndex,
    fallback: Span,
) -> tuple[tuple[BondOption, ...], UnreadWords | None]:
    """Split a BONDING_OPTS value into BondOptions with spans inside the file.

    ``raw`` is the value as written and ``raw_start`` its offset in the file;
    when quoting cannot be mapped back exactly, every word gets ``fallback``.
    Words past MAX_OPTION_WORDS are not options but the UnreadWords.
    """
    mapped = value_offsets(raw) if raw is not None else None
    offsets = mapped[1] if mapped is not None and mapped[0] == value else None

    def span_of(start: int, end: int) -> Span:
        if offsets is None:
            return fallback
        return index.span(raw_start + offsets[start], raw_start + offsets[end - 1] + 1)

    options: list[BondOption] = []
    words = split_words(value)
    for start, end in words:
        options.append(make_option(value[start:end], span_of(start, end), source, len(options), index, offsets, raw_start, start))
        if len(options) == MAX_OPTION_WORDS:
            break
    last = None
    count = 0
    for last in words:
        count += 1
    if last is None:
        return tuple(options), None
    start, end = options[0].span.start, span_of(*last).end
    return tuple(options), UnreadWords(index.span(start, end), count, len(options) + count)


def make_option(
    word: str,
    span: Span,
    source: str,
    position: int,
    index: LineIndex | None = None,
    offsets: list[int] | None = None,
    raw_start: int = 0,
    word_start: int = 0,
) -> BondOption:
    """One word → BondOption: key before the first ``=``, value after the last (semantics 1.5)."""
    equals = word.count("=")
    if equals == 0:
        return BondOption(word, "", word, span, source, position, equals=0, value_span=None)
    key = word[: word.index("=")]
    vstart = word.rindex("=") + 1
    value = word[vstart:]
    value_span: Span | None
    if index is None:
        value_span = None
    elif offsets is None:
        # Word-aligned text: the span's own offsets map one to one.
        value_span = index.span(span.start + vstart, span.end) if span.end - span.start == len(word) else None
    elif vstart < len(word):
        a = word_start + vstart
        b = word_start + len(word) - 1
        value_span = index.span(raw_start + offsets[a], raw_start + offsets[b] + 1)
    else:
        end = raw_start + offsets[word_start + len(word) - 1] + 1
        value_span = index.span(end, end)
    return BondOption(key, value, word, span, source, position, equals=equals, value_span=value_span)


# ---------------------------------------------------------------------------
# Kernel option tables

def parse_mode(value: str) -> int | None:
    """A mode value as the kernel reads it: digits, or an exact (case-sensitive) name."""
    v = value.strip()
    if v.isdigit():
        n = int(v)
        return n if n in MODE_NAMES.values() else None
    return MODE_NAMES.get(v)


def _table(*names: str) -> Callable[[str, Generation], str | None]:
    """Values by name or by their position in the table (the kernel accepts both)."""

    def check(value: str, generation: Generation) -> str | None:
        v = value.strip()
        if v in names or (v.isdigit() and int(v) < len(names)):
            return None
        return f"expected one of {', '.join(names)} (or 0-{len(names) - 1})"

    return check


def _int_range(low: int, high: int | None = None) -> Callable[[str, Generation], str | None]:
    def check(value: str, generation: Generation) -> str | None:
        v = value.strip()
        if not re.fullmatch(r"\d+", v):
            return "expected a non-negative integer" if high is None else f"expected an integer {low}-{high}"
        n = int(v)
        if n < low or (high is not None and n > high):
            return f"expected an integer ≥ {low}" if high is None else f"expected an integer {low}-{high}"
        return None

    return check


def _any(value: str, generation: Generation) -> str | None:
    return None


def _mode(value: str, generation: Generation) -> str | None:
    if parse_mode(value) is None:
        return "expected one of " + ", ".join(MODE_NAMES) + " or 0-6 (names are case-sensitive)"
    return None


def _since(generation: Generation, since: int) -> bool:
    """The release's driver has what came with generation ``since`` (an unknown release: yes)."""
    return generation is None or generation >= since


def _xmit_hash(value: str, generation: Generation) -> str | None:
    names = ["layer2", "layer3+4", "layer2+3"]
    if _since(generation, 2):
        names += ["encap2+3", "encap3+4"]
    if _since(generation, 3):
        names.append("vlan+srcmac")
    return _table(*names)(value, generation)


def _arp_validate(value: str, generation: Generation) -> str | None:
    names = ["none", "active", "backup", "all"]
    if _since(generation, 2):
        names += ["filter", "filter_active", "filter_backup"]
    return _table(*names)(value, generation)


def _ipv4(text: str) -> bool:
    if not re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", text):
        return False
    try:
        ip = ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return not (ip.is_unspecified or ip == ipaddress.IPv4Address("255.255.255.255"))


def _arp_ip_target(value: str, generation: Generation) -> str | None:
    v = value.strip()
    if v.startswith(("+", "-")):
        targets = [v[1:]]
    else:
        targets = [t for t in v.split(",") if t != ""]
    bad = [t for t in targets if not _ipv4(t)]
    if not targets:
        return "expected one or more dotted IPv4 addresses"
    if bad:
        return f"{', '.join(repr(b) for b in bad)} is not a usable dotted IPv4 address"
    return None


def _ns_ip6_target(value: str, generation: Generation) -> str | None:
    for t in value.strip().lstrip("+-").split(","):
        try:
            ipaddress.IPv6Address(t)
        except ValueError:
            return f"{t!r} is not an IPv6 address"
    return None


def _mac(value: str, generation: Generation) -> str | None:
    if re.fullmatch(r"[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}", value.strip()):
        return None
    return "expected a MAC address xx:xx:xx:xx:xx:xx"


_INT_MAX = 2**31 - 1

#: name → (validator, the driver generation that brought it (``Release.bonding_generation``; 0:
#: every release), module parameter?, sysfs file?)
_OPTIONS: dict[str, tuple[Callable[[str, Generation], str | None], int, bool, bool]] = {}


def _opt(name: str, check: Callable[[str, Generation], str | None], since: int = 0,
         module: bool = True, sysfs: bool = True) -> None:
    _OPTIONS[name] = (check, since, module, sysfs)


_opt("mode", _mode)
_opt("miimon", _int_range(0, _INT_MAX))
_opt("updelay", _int_range(0, _INT_MAX))
_opt("downdelay", _int_range(0, _INT_MAX))
_opt("use_carrier", _int_range(0, 1))
_opt("arp_interval", _int_range(0, _INT_MAX))
_opt("arp_ip_target", _arp_ip_target)
_opt("arp_validate", _arp_validate)
_opt("lacp_rate", _table("slow", "fast"))
_opt("xmit_hash_policy", _xmit_hash)
_opt("primary", _any)
_opt("fail_over_mac", _table("none", "active", "follow"))
_opt("max_bonds", _int_range(0, _INT_MAX), sysfs=False)
_opt("num_grat_arp", _int_range(0, 255))
_opt("num_unsol_na", _int_range(0, 255))
# Late RHEL 5 kernels backported these; accepting them avoids false BL301s.
_opt("primary_reselect", _table("always", "better", "failure"))
_opt("active_slave", _any, module=False)
_opt("slaves", _any, module=False)
_opt("ad_select", _table("stable", "bandwidth", "count"), since=1)
_opt("all_slaves_active", _int_range(0, 1), since=1)
_opt("resend_igmp", _int_range(0, 255), since=1)
_opt("min_links", _int_range(0, _INT_MAX), since=1)
_opt("queue_id", _any, since=1, module=False)
_opt("tx_queues", _int_range(1, 255), since=1, sysfs=False)
_opt("arp_all_targets", _table("any", "all"), since=2)
_opt("packets_per_slave", _int_range(0, 65535), since=2)
_opt("lp_interval", _int_range(1, _INT_MAX), since=2)
_opt("tlb_dynamic_lb", _int_range(0, 1), since=2)
_opt("ad_actor_sys_prio", _int_range(1, 65535), since=2)
_opt("ad_user_port_key", _int_range(0, 1023), since=2)
_opt("ad_actor_system", _mac, since=2)
_opt("peer_notif_delay", _int_range(0, _INT_MAX), since=3, module=False)
_opt("arp_missed_max", _int_range(1, 255), since=3, module=False)
_opt("ns_ip6_target", _ns_ip6_target, since=3, module=False)
_opt("lacp_active", _table("off", "on"), since=3, module=False)


def known_options(release: str | None, source: str = "BONDING_OPTS") -> frozenset[str]:
    """Option names the release's kernel accepts from ``source`` ("BONDING_OPTS" = sysfs, or "modprobe").

    An unknown release gets the union of every release (nothing flagged that some release knows).
    """
    return _known(release_row(release).bonding_generation, source != "modprobe")


@functools.cache
def _known(generation: Generation, sysfs: bool) -> frozenset[str]:
    return frozenset(
        name
        for name, (_check, since, module, has_sysfs) in _OPTIONS.items()
        if (has_sysfs if sysfs else module) and _since(generation, since)
    )


def validate(key: str, value: str, release: str | None) -> str | None:
    """Why the kernel rejects ``value`` for option ``key`` (None if accepted or the key is unknown)."""
    return _validate(key, value, release_row(release).bonding_generation)


def _validate(key: str, value: str, generation: Generation) -> str | None:
    entry = _OPTIONS.get(key)
    if entry is None:
        return None
    return entry[0](value, generation)


def read_words(words: tuple[BondOption, ...], release: str | None) -> tuple[BondOption, ...]:
    """The words, each with what the release's bonding driver makes of it (``BondOption.reading``)."""
    return tuple(attrs.evolve(w, reading=reading(w, release)) for w in words)


def with_readings(modules: ModuleConfig, release: str | None) -> ModuleConfig:
    """The module configuration with every ``options`` word read against the release (``read_words``)."""
    options = tuple(attrs.evolve(o, words=read_words(o.words, release)) for o in modules.options)
    return attrs.evolve(modules, options=options)


def reading(opt: BondOption, release: str | None) -> OptionReading:
    """What the release's bonding driver makes of one word of BONDING_OPTS or of an ``options`` line
    (BL301/BL302's facts): whether it knows the name, what a misspelt name was meant to be, why it
    refuses the value. A modprobe value loses its quotes first (the kernel's parameter parser)."""
    generation = release_row(release).bonding_generation
    sysfs = opt.source != "modprobe"
    here, anywhere = _known(generation, sysfs), _known(None, sysfs)
    key = opt.key
    if key in here:
        value = opt.value
        if not sysfs and len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        invalid = _validate(key, value, generation) if opt.equals else None
        low = value.lower()
        lower_case = (low if invalid is not None and low != value and value == opt.value
                      and _validate(key, low, generation) is None else None)
        return OptionReading(True, invalid=invalid, lower_case=lower_case)
    respelled = normalize_module(key)
    other = key in anywhere
    return OptionReading(
        False,
        other_release=other,
        respelled=respelled if respelled != key and respelled in anywhere else None,
        nearest=nearest(key, here)[1],
        meant=None if other and respelled not in here else meant_option(key, here, respelled),
    )


#: Values the kernel accepts by name or by number, in number order (bond_options.c's value tables):
#: ``fast`` is ``1``, ``layer2`` is ``0`` (BL816 compares them as equal).
VALUE_NAMES: dict[str, tuple[str, ...]] = {
    "lacp_rate": ("slow", "fast"),
    "xmit_hash_policy": ("layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"),
    "ad_select": ("stable", "bandwidth", "count"),
}


def value_name(key: str, value: str) -> str:
    """A table option's value by its name (``1`` → ``fast`` for lacp_rate); other values as written."""
    v = value.strip()
    names = VALUE_NAMES.get(key)
    if names is not None and v.isdigit() and int(v) < len(names):
        return names[int(v)]
    return v
