"""One bond assembly for both formats: a Bond from the option words of the program that applies it.

An ifcfg bond (``build.py``) and a keyfile bond (``keyfiles.py``) are assembled by ``assemble``
alone, from the words each applying program reads:

- initscripts: the ``options bonding`` module defaults, then BONDING_OPTS written over them (or,
  without BONDING_OPTS, every module line ``modprobe <bond>`` applies), as the kernel reads
  each write (an invalid mode is refused: the last valid one stays; semantics 1.3, 1.5);
- NetworkManager: a keyfile's ``[bond]`` or an ifcfg file's BONDING_OPTS as its readers take
  them (an invalid value dropped, the last valid word of a key kept, values in canonical form),
  normalised (options unsupported in the mode stripped) over its own defaults, and verified
  (``nm_bond.NmWords``; keyfile-semantics 5).

So a bond's mode, its effective options with their source, its default miimon and NetworkManager's
verdict are one computation whatever file the bond is written in.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import attrs

from bondlint.host import bondopts, nm_bond
from bondlint.model.host import MODE_NAMES, Bond, BondOption, Interface, MacPort, Setting, UnreadWords
from bondlint.model.modules import ModuleOptions
from bondlint.model.release import release as release_row
from bondlint.model.values import INITSCRIPTS, NETWORKMANAGER, normalize_module


def assemble(
    name: str,
    iface: Interface | None,
    *,
    consumer: str,
    bonding_opts: tuple[BondOption, ...] | None,
    applied: Sequence[BondOption],
    nm_words: Iterable[tuple[BondOption, str | None]] = (),
    module_options: tuple[BondOption, ...] = (),
    slaves: tuple[Interface, ...] = (),
    configured: bool = True,
    release: str | None = None,
    nm_version: tuple[int, int] | None = None,
    other_applied: tuple[BondOption, ...] | None = None,
    unread: UnreadWords | None = None,
    mac_ports: tuple[MacPort, ...] = (),
) -> Bond:
    """The bond as ``consumer`` brings it up. ``bonding_opts`` are the words written in the bond's own
    file (None: a keyfile's, the ``[bond]`` keys NetworkManager keeps); ``applied`` the words initscripts
    apply, in order (module defaults first); ``nm_words`` the words NetworkManager reads, each with
    why it drops it (None: kept)."""
    common = dict(
        name=name, interface=iface, module_options=module_options, slaves=slaves,
        consumer=consumer, configured=configured, other_applied=other_applied, bonding_opts_unread=unread,
        mac_ports=mac_ports,
    )
    if consumer == NETWORKMANAGER:
        words = nm_bond.read_words(nm_words)
        own = bonding_opts if bonding_opts is not None else tuple(w for _v, w in words.kept.values())
        return _by_networkmanager(words, nm_version, dict(common, bonding_opts=own))
    return _by_initscripts(tuple(applied), release, dict(common, bonding_opts=bonding_opts or ()))


def _by_initscripts(applied: tuple[BondOption, ...], release: str | None, common: dict) -> Bond:
    """The kernel's reading of each write: the last word of a key wins, an invalid mode is refused."""
    written = {w.key: Setting(w.key, w.value, w, w.source) for w in applied}
    mode, mode_option, mode_valid = _kernel_mode(applied)
    source = f"default of {INITSCRIPTS}"
    defaults = {"mode": Setting("mode", "0", None, source)}
    if release is not None:  # RHEL 5-7 kernels default miimon to 0, RHEL 8's to 100 unless ARP is on
        arp = written["arp_interval"].option.number if "arp_interval" in written else None
        hundred = release_row(release).miimon_default_100 and not arp
        defaults["miimon"] = Setting("miimon", "100" if hundred else "0", None, source)
    effective = {**defaults, **written}
    if mode_option is not None:
        effective["mode"] = attrs.evolve(effective["mode"], value=str(mode))
    return Bond(mode=mode, mode_option=mode_option, mode_valid=mode_valid, effective=effective, applied=applied,
                defaults=defaults, **common)


def _kernel_mode(options: Iterable[BondOption]) -> tuple[int, BondOption | None, bool]:
    """The mode the kernel ends with: the last valid mode= applied (an invalid write is refused)."""
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


#: Where NetworkManager's own defaults show as a Setting's source.
NM_DEFAULT = f"default of {NETWORKMANAGER}"


def _by_networkmanager(words: nm_bond.NmWords, nm_version: tuple[int, int] | None, common: dict) -> Bond:
    """NetworkManager's reading: its kept options over its own defaults (``NmWords.applied``: miimon
    100 unless ARP monitoring, …), the options it strips in the mode, its verify() verdict."""
    kept = {n: w for n, (_v, w) in words.kept.items()}
    effective: dict[str, Setting] = {}
    for key in (*kept, "miimon", "arp_interval", "xmit_hash_policy"):
        value = words.applied(key)
        if value is None or value == "" or (key not in kept and value == "0" and key != "miimon"):
            continue
        if key == "xmit_hash_policy" and key not in kept and value == nm_bond.OPTIONS[key][1]:
            continue  # the default hash is shown only when written or forced (balance_slb)
        opt = kept.get(key)
        effective[key] = Setting(key, value, opt, opt.source if opt is not None else NM_DEFAULT)
    mode = MODE_NAMES.get(words.mode, 0)
    effective["mode"] = Setting("mode", str(mode), kept.get("mode"), kept["mode"].source if "mode" in kept else NM_DEFAULT)
    return Bond(
        mode=mode, mode_option=kept.get("mode"), mode_valid=not words.mode_dropped, effective=effective,
        applied=tuple(kept.values()), defaults={k: v for k, v in effective.items() if v.option is None},
        nm_stripped=words.stripped, rejected_by=words.verify(nm_version), **common,
    )


def initscripts_words(bonding_opts: tuple[BondOption, ...], module_lines: Sequence[ModuleOptions]) -> list[BondOption]:
    """The words initscripts apply to a bond, in the order they apply them (semantics 1.3, 1.5):
    with BONDING_OPTS they load ``modprobe bonding`` (``options bonding`` are the new bond's
    defaults; ``options <bond>`` is not read) and write BONDING_OPTS over them; without
    BONDING_OPTS ``modprobe <bond>`` adds every line together."""
    if bonding_opts:
        defaults = [w for mo in module_lines if normalize_module(mo.module) == "bonding" for w in mo.words]
        return defaults + list(bonding_opts)
    return [w for mo in module_lines for w in mo.words]


def ifcfg_nm_words(bonding_opts: Iterable[BondOption]) -> list[tuple[BondOption, str | None]]:
    """BONDING_OPTS as NetworkManager's ifcfg-rh reader takes them: each word validated (an invalid
    value is dropped with a warning, never a rejection)."""
    return [(w, nm_bond.invalid_reason(w.key, w.value)) for w in bonding_opts]
