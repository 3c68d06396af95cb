"""BL3xx: bonding options in BONDING_OPTS and modprobe `options` (semantics.md 1.5 and section 2 D)."""

from __future__ import annotations

from typing import Iterable, Iterator

from bondlint.rule_api import Edit, Fix, Related, Severity, Violation, rule, suggestion
from bondlint.model.values import NETWORKMANAGER, normalize_module
from bondlint.model.host import MAX_OPTION_WORDS, MODE_BY_NUMBER, Bond, BondOption, HostModel, Interface, UnreadWords
from bondlint.model.modules import ModuleOptions
from bondlint.syntax.span import LineIndex, Span, whole_file_span

#: Modes that use a primary slave (bonding.rst: USES_PRIMARY).
_PRIMARY_MODES = frozenset({1, 5, 6})
#: Options that the ARP monitor uses; not available in 802.3ad, tlb, alb.
_ARP_OPTIONS = ("arp_interval", "arp_ip_target", "arp_validate")
_MAX_ARP_TARGETS = 16


def _configured(host: HostModel, code: str | None = None) -> Iterator[tuple[Bond, Interface]]:
    """Bonds defined by a live ifcfg file (the ones whose options are applied); with ``code``,
    not those NetworkManager rejects for that rule's fact (``_nm_rejects`` reports them once)."""
    for bond in host.bonds.values():
        if bond.interface is not None and not (code and any(_NM_CHECKS.get(e.check) == code for e in bond.rejected_by)):
            yield bond, bond.interface


#: NetworkManager's verify() checks (KeyfileProfile.verify_errors, Bond.rejected_by) → the rule
#: reporting them (the fatal forms of BL3xx)
_NM_CHECKS = {
    "arp-with-tlb-alb": "BL304", "arp-missed-max-mode": "BL304", "arp-missed-max-8023ad": "BL304",
    "arp-without-target": "BL306", "target-without-arp": "BL306",
    "lacp-rate-mode": "BL308", "lacp-active-mode": "BL308",
    "primary-mode": "BL310", "delay-without-miimon": "BL312",
    "peer-notif-delay": "BL319", "grat-arp-unsol-na": "BL320",
    "balance-slb-mode": "BL321", "balance-slb-hash": "BL321",
}


def _nm_rejects(host: HostModel, code: str) -> Iterator[Violation]:
    """A bond profile that NetworkManager's verify() rejects for ``code``'s fact: an error, since the
    whole profile is not loaded. A keyfile bond is then absent from the model, an ifcfg bond
    NetworkManager applies carries ``Bond.rejected_by`` (the rule's own check skips it), so this
    is its one finding; where the network service is enabled too, initscripts' fallback is named."""
    for k in host.keyfiles:
        for err in k.verify_errors:
            if _NM_CHECKS.get(err.check) != code:
                continue
            span, *others = err.spans or (k.span_of("DEVICE"),)
            yield Violation(
                span,
                f"NetworkManager rejects {k.name} (\"{err.message}\"): the profile is not loaded, so "
                f"{k.suffix} does not exist at boot",
                severity=Severity.ERROR,
                related=tuple(Related(o, "the option it conflicts with") for o in others),
            )
    for bond in host.bonds.values():
        iface = bond.interface
        for err in bond.rejected_by:
            if _NM_CHECKS.get(err.check) != code or iface is None:
                continue
            span, *others = err.spans or (iface.file.span_of("DEVICE"),)
            applier = iface.applier
            then = (f"; the network service is enabled too, so initscripts' ifup (getting no NetworkManager "
                    f"profile for the file) brings {bond.name} up with its own reading of BONDING_OPTS"
                    if applier is not None and applier.fallback else f", so {bond.name} does not exist at boot")
            if applier is not None and applier.assumed:
                then += (f" (no service link in the tree shows what applies it: judged as {host.release}'s default, "
                         "NetworkManager, does)")
            yield Violation(
                span,
                f"NetworkManager rejects ifcfg-{iface.file.suffix} (\"{err.message}\"): the profile is not loaded{then}",
                severity=Severity.ERROR,
                related=tuple(Related(o, "the option it conflicts with") for o in others),
            )


def _nm_dropped(host: HostModel, unknown: bool) -> Iterator[Violation]:
    """[bond] keys NetworkManager drops while reading a keyfile ("ignoring invalid bond option"):
    an unknown name (``unknown``) or an invalid value; the profile loads without them."""
    for k in host.keyfiles:
        setting = k.bond_setting
        if setting is None:
            continue
        for d in setting.dropped:
            if d.unknown != unknown:
                continue
            what = ("without it" if unknown else "with mode balance-rr" if d.key == "mode"
                    else f"with NetworkManager's default {d.key}")
            hint, fix = "", None
            if d.meant is not None:
                hint = f"; did you mean {d.meant}?"
                if d.meant not in setting.keys:  # a rename must not write the key twice (the last one wins)
                    fix = Fix.unsafe(f"rename {d.key} to {d.meant} (a guess: the nearest option name)",
                                     Edit.replace(d.key_span, d.meant))
            elif d.lower_case is not None:
                fix = Fix.unsafe(f"write {d.key}={d.lower_case} (NetworkManager applies it then; today it drops it)",
                                 Edit.replace(d.value_span, d.lower_case))
            yield Violation(
                d.key_span if unknown else d.value_span,
                f"NetworkManager drops {d.key}={d.raw} from {k.name} ({d.reason}) and the bond runs {what}{hint}",
                fix=fix,
            )


def _where(opt: BondOption) -> str:
    return "BONDING_OPTS" if opt.source == "BONDING_OPTS" else "module options"


def _mode_text(mode: int) -> str:
    return f"mode {mode} ({MODE_BY_NUMBER.get(mode, mode)})"


def _mode(bond: Bond) -> int | None:
    """The bond's effective mode; None when the mode written is invalid (BL302's)."""
    return bond.mode if bond.mode_valid else None


class _Once:
    """Module options are shared by every bond: report each word once, not once per bond."""

    def __init__(self) -> None:
        self.seen: set[tuple[Span, str]] = set()
        self.found: list[Violation] = []

    def add(self, bond: Bond, span: Span, message: str, related: tuple[Related, ...] = ()) -> None:
        key = (span, message.replace(bond.name, ""))
        if key not in self.seen:
            self.seen.add(key)
            self.found.append(Violation(span, message, related=related))


def _unread_words(host: HostModel) -> Iterator[tuple[str, UnreadWords]]:
    """Option values past the model's bound (MAX_OPTION_WORDS): what they are, and their words."""
    for bond, _iface in _configured(host):
        if bond.bonding_opts_unread is not None:
            yield f"{bond.name}'s BONDING_OPTS", bond.bonding_opts_unread
    for line in host.modules.bonding_lines(host.bonds):
        if line.unread is not None:
            yield "this options line", line.unread


def _all_words(host: HostModel) -> Iterator[tuple[BondOption, str]]:
    """Every option word the bonding driver reads, with its source ("BONDING_OPTS" or "modprobe")."""
    for bond, iface in _configured(host):
        if iface.keyfile is not None:
            continue  # NetworkManager's own table: _nm_dropped
        for opt in bond.bonding_opts:
            yield opt, "BONDING_OPTS"
    for line in host.modules.bonding_lines(host.bonds):
        for opt in line.words:  # the model leaves out inline comments (BL405's) and free text
            yield opt, "modprobe"


@rule("BL301", "unknown-bond-option", Severity.ERROR, scope="file", fix="sometimes", unsafe_fixes=True)
def unknown_bond_option(host: HostModel) -> Iterator[Violation]:
    """An option name the release's bonding driver does not know.

    ## What it checks
    Every `key=value` word of BONDING_OPTS and of modprobe `options bonding`
    / `options bondN` lines: the key must be an option of the target
    release's kernel (sysfs files for BONDING_OPTS, module parameters for
    modprobe). Typos (`mimon`, `lacp-rate`), options newer than the release
    (`ad_select` on RHEL 5) and `max_bonds` in BONDING_OPTS are flagged.

    ## Why it matters
    initscripts write each word to `/sys/class/net/bondN/bonding/<key>`: a
    file that does not exist, so the setting is silently lost (RHEL 5/6) or
    logged and lost (RHEL 7+). As a module parameter, an unknown name makes
    `modprobe bonding` fail on RHEL 5 kernels: no bond comes up at all.

    ## Example
    ```
    BONDING_OPTS="mode=802.3ad mimon=100 lacp-rate=fast"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=802.3ad miimon=100 lacp_rate=fast"
    ```

    ## Fix
    Correct the spelling (options use underscores), or remove the option.
    `bondlint --fix --unsafe-fixes` renames the key to the one option of the
    release within two edits of it (`mimon` → `miimon`, `lacp-rate` →
    `lacp_rate`), keeping the value; not where the name is a real option of
    another release, has no unique nearest option, or where the bond
    already writes that option. A keyfile's `[bond]` key is renamed the same
    way, to the option NetworkManager knows (not where `[bond]` has that
    key already: GKeyFile keeps the last of two).

    ## Fix safety
    Unsafe: the name is a guess at the author's intent, and the repair turns
    a setting that is lost today into one the kernel applies (`miimon=100`
    starts the link monitor).

    The message names the nearest known option within two edits (`miimmon`
    → `miimon`). A modprobe options line holding free text (`options
    bonding miimon=50 (note: ...)`) gives one finding for the text, from its
    first word that is no module parameter: no option is read from it.

    ## Notes
    With an unknown release, an option known to any release is accepted.
    Words without `=` are BL317's; words of an inline comment are BL405's.
    A BONDING_OPTS value or options line of more than 256 words is not
    valid bonding configuration at all: its first 256 words are checked,
    the rest is one finding for the line.
    """
    yield from _nm_dropped(host, unknown=True)
    for where, unread in _unread_words(host):
        yield Violation(
            unread.span,
            f"{where} has {unread.total:,} words, far more than the bonding driver has options: "
            f"bondlint checks the first {MAX_OPTION_WORDS:,} as options and not the other {unread.count:,}",
        )
    words = list(_all_words(host))
    cut = {f.path for f in host.live_files() if f.cut_at_space("BONDING_OPTS")}
    for opt, source in words:
        if opt.equals == 0 and source == "BONDING_OPTS":
            continue
        if source == "BONDING_OPTS" and opt.span.path in cut:
            continue  # a value bash cuts at a space (`BONDING_OPTS=”mode=5 miimon=100”`) is BL002's one error
        read = opt.reading
        if read is None or read.known:
            continue
        fix = None
        release = host.release or "any release"
        if not opt.key:
            reason = f"'{opt.word}' has no option name before '='"
        elif opt.key == "max_bonds" and source == "BONDING_OPTS":
            reason = "max_bonds is a module parameter with no sysfs file; it cannot be set per bond"
        elif read.other_release:
            reason = f"{opt.key} is not known to the {release} bonding driver"
        elif read.respelled is not None:
            reason = f"unknown option {opt.key} (did you mean {read.respelled}?)"
            fix = _rename_fix(opt, read.meant, source, words)
        else:
            hint = f" (did you mean {suggestion(read.nearest)}?)" if read.nearest else ""
            reason = f"unknown bonding option {opt.key}{hint}"
            fix = _rename_fix(opt, read.meant, source, words)
        yield Violation(opt.span, f"{reason} ({_where(opt)}): {_CONSEQUENCE[source]}", fix=fix)
    for line in host.modules.bonding_lines(host.bonds):
        free = line.free_text
        if free is not None:
            shown = free.text if len(free.text) <= 40 else free.text[:37] + "..."
            yield Violation(
                free.span,
                f"'{shown}' on this options line is not module parameters (free text: write it as a "
                f"comment on its own line); no option is read from it, and {_CONSEQUENCE['modprobe']}",
            )


_CONSEQUENCE = {
    "BONDING_OPTS": "the write to /sys/class/net/<bond>/bonding fails and the setting is lost",
    "modprobe": "modprobe bonding may refuse to load the module",
}




def _rename_fix(opt: BondOption, name: str | None, source: str, words: list[tuple[BondOption, str]]) -> Fix | None:
    """Rename the key of ``opt`` to ``name`` (an option no word of that file already sets)."""
    if name is None or not _exact((opt,)):
        return None
    if any(w.key == name and s == source and w.span.path == opt.span.path for w, s in words):
        return None  # the file sets it already: a rename would write it twice
    s = opt.span
    key = Span(s.path, s.line, s.column, s.line, s.column + len(opt.key), s.start, s.start + len(opt.key))
    return Fix.unsafe(f"rename {opt.key} to {name} (a guess: the nearest option name)", Edit.replace(key, name))


@rule("BL302", "invalid-option-value", Severity.ERROR, scope="file", fix="sometimes", unsafe_fixes=True)
def invalid_option_value(host: HostModel) -> Iterator[Violation]:
    """A bonding option value the kernel rejects.

    ## What it checks
    Each known option's value against the kernel's table or range for the
    release: mode names or 0-6 (case-sensitive: `802.3AD`, `Active-Backup`
    are invalid), non-negative integers for miimon/updelay/downdelay/
    arp_interval, dotted IPv4 arp_ip_target (not 0.0.0.0 or
    255.255.255.255), the hash policies and arp_validate values the release
    knows, and so on.

    ## Why it matters
    Through sysfs the write is refused and the default stays: `mode=Active-Backup`
    leaves a balance-rr bond. As a module parameter a bad value makes
    `bond_check_params` fail: the bonding module does not load and every
    bond on the host stays down.

    ## Example
    ```
    BONDING_OPTS="mode=Active-Backup miimon=100"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=active-backup miimon=100"
    ```

    ## Fix
    Use a value from the option's table (see the kernel's bonding.rst).
    `bondlint --fix --unsafe-fixes` lower-cases a value that is valid in
    lower case (`Active-Backup` → `active-backup`, `802.3AD` → `802.3ad`,
    `Layer2` → `layer2`), in BONDING_OPTS as in a keyfile's `[bond]`
    (NetworkManager matches values exactly too); other bad values have no fix.

    ## Fix safety
    Unsafe: the kernel (or NetworkManager) refuses the value today and keeps
    its default, so the repair changes what the bond does (an active-backup
    bond instead of balance-rr), as the author asked, but not as the host
    runs now.
    """
    yield from _nm_dropped(host, unknown=False)
    for opt, source in _all_words(host):
        read = opt.reading
        if opt.equals == 0 or read is None or read.invalid is None:
            continue
        reason = read.invalid
        consequence = (
            "the kernel refuses it and keeps the default"
            if source == "BONDING_OPTS"
            else "the bonding module refuses to load, taking every bond down"
        )
        shown = f"{opt.key}={opt.value}" if opt.value else f"{opt.key} has an empty value, which"
        yield Violation(
            opt.span,
            f"{shown} is not a valid value ({reason}) in {_where(opt)}: {consequence}",
            fix=_lower_case_fix(opt),
        )


def _lower_case_fix(opt: BondOption) -> Fix | None:
    """The value in lower case, where that is the kernel's spelling of it."""
    low = opt.reading.lower_case if opt.reading is not None else None
    span = opt.value_span
    if low is None or span is None or span.end - span.start != len(opt.value):
        return None
    return Fix.unsafe(f"write {opt.key}={low} (the kernel applies it then; today it refuses it)", Edit.replace(span, low))


@rule("BL303", "no-link-monitoring", Severity.ERROR, fix="sometimes", unsafe_fixes=True)
def no_link_monitoring(host: HostModel) -> Iterator[Violation]:
    """A bond with neither MII nor ARP link monitoring.

    ## What it checks
    A bond whose effective options have neither `miimon>0` nor
    `arp_interval>0` with an `arp_ip_target`. Error for modes 0-3, info for
    modes 4-6 (where the kernel forces miimon=100).

    ## Why it matters
    Without a link monitor the bond never notices a dead link: a pulled
    cable or a dead switch port keeps receiving its share of traffic, which
    is lost. The kernel says so: "bonding will not detect link failures!".

    ## Example
    ```
    BONDING_OPTS="mode=active-backup"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=active-backup miimon=100"
    ```

    ## Fix
    Add `miimon=100` (or `arp_interval` with `arp_ip_target` for mode 1/0/2).
    `bondlint --fix --unsafe-fixes` writes `miimon=100` into BONDING_OPTS
    right after `mode=` (first when there is no mode word; RHEL 5 needs it
    before updelay/downdelay), turns an explicit `miimon=0` into
    `miimon=100` (in BONDING_OPTS or a keyfile's `[bond]`), or adds
    `BONDING_OPTS="miimon=100"` to a bond file that has none. Not for bonds
    set up by module options only (one `options` line serves every bond) nor
    with `arp_interval` written (BL305).

    ## Fix safety
    Unsafe: it changes what the bond does. With a link monitor the bond
    takes a dead link out of service and fails over; today it keeps sending
    to it. That is the point of the fix, but it is the author's call.

    ## Notes
    On RHEL 8 and later the kernel defaults miimon to 100 when neither miimon
    nor arp_interval is written, so only an explicit `miimon=0` fires there.
    A keyfile bond gets NetworkManager's own default (miimon=100 unless ARP
    monitoring is on), so it fires only for `[bond] miimon=0` without ARP.
    The same holds with an unknown release (recent kernels default to 100)
    and, from RHEL 6 on, for a bond file NetworkManager wrote (it has a
    `UUID=`): NetworkManager sets miimon=100 itself. Bonds with an invalid
    mode are left to BL302. When miimon was written but is lost (a shell
    variable of its own beside an unquoted BONDING_OPTS, BL002; a misspelt
    word, BL301; a misspelt `BONDING_OPT=`, BL013), the message names that
    cause and points at it. A bond whose BONDING_OPTS is misspelt gets no
    fix here: BL013's rename is the repair.
    """
    for bond, iface in _configured(host):
        mode = _mode(bond)
        if mode is None:
            continue
        miimon = bond.miimon
        if miimon is None or miimon > 0:
            continue
        if bond.number("arp_interval") and bond.arp_targets:
            continue
        severity = Severity.ERROR if mode <= 3 else Severity.INFO
        lost = bond.lost_word("miimon")
        if iface.cut_at_space("BONDING_OPTS"):
            severity = Severity.INFO  # BL002 is the one error: quoting the value brings miimon back
        if lost is not None:
            state = ("has no link monitoring" if mode <= 3 else
                     "has no miimon>0 applied, so the kernel runs MII monitoring at its forced 100 ms for this mode")
            tail = "; a dead link keeps receiving traffic" if mode <= 3 else ""
            yield Violation(
                bond.options_span,
                f"{bond.name} ({_mode_text(mode)}) {state} because {lost[1]}{tail}",
                severity=severity,
                related=(Related(lost[0], "the miimon that is not applied"),),
            )
            continue
        anchor = bond.options_span
        if iface.keyfile is not None:  # K33: only an explicit miimon=0 gets here
            state = ("has no link monitoring: neither miimon>0 nor arp_interval>0 with arp_ip_target; NetworkManager "
                     "writes miimon=0 as asked (its default is 100): remove it or set miimon=100")
            anchor = bond.written("miimon").span if bond.written("miimon") is not None else anchor
        elif mode <= 3:
            state = ("has no link monitoring: neither miimon>0 nor arp_interval>0 with arp_ip_target; "
                     "a dead link keeps receiving traffic")
        else:
            state = ("has neither miimon>0 nor arp_interval>0 with arp_ip_target written: the kernel forces "
                     "miimon=100 for this mode, so links are monitored; write miimon=100 explicitly")
        yield Violation(
            anchor,
            f"{bond.name} ({_mode_text(mode)}) {state}",
            severity=severity,
            fix=_miimon_fix(bond, iface),
        )


#: What bash gives another meaning inside double quotes, or ends them.
_NOT_QUOTABLE = frozenset("\"'\\$`")


def _miimon_fix(bond: Bond, iface: Interface) -> Fix | None:
    """miimon=100 in the bond's BONDING_OPTS: the edit depends on how BONDING_OPTS is written."""
    message = f"add miimon=100 to {bond.name} (its link monitor then takes dead links out of service)"
    if (bond.module_options and not bond.bonding_opts) or bond.number("arp_interval"):
        return None
    if bond.misspelt_opts is not None:
        return None  # BONDING_OPTS is written, misspelt: BL013's fix renames it
    if any(w.reading is not None and w.reading.meant == "miimon" for w in bond.bonding_opts):
        return None  # miimon is written, misspelt: BL301's fix renames it
    zero = bond.written("miimon")
    if zero is not None:  # miimon=0 written: the value becomes 100
        if zero.source not in ("BONDING_OPTS", "keyfile") or zero.value_span is None:
            return None
        if zero.source == "BONDING_OPTS" and not _exact((zero,)):
            return None
        if zero.value_span.end - zero.value_span.start != len(zero.value):
            return None  # not written as plain digits (quotes, escapes): not edited
        return Fix.unsafe(message, Edit.replace(zero.value_span, "100"))
    opts = iface.located("BONDING_OPTS")
    f = iface.file
    if "\r" in f.text:
        return None  # CRLF lines: BL004's fix goes first
    if opts is None:
        end = LineIndex(f.text, f.path).span(len(f.text), len(f.text))
        newline = "" if not f.text or f.text.endswith("\n") else "\n"
        return Fix.unsafe(message, Edit.insert(end, f'{newline}BONDING_OPTS="miimon=100"\n'))
    words = bond.bonding_opts
    raw = opts.raw if opts.raw is not None else opts.text
    quoted = raw[:1] in ("\"", "'")
    if not words or not _exact(words) or opts.span.end - opts.span.start != len(raw):
        return None
    if not quoted and _NOT_QUOTABLE & set(raw):
        return None
    mode = next((w for w in words if w.key == "mode"), None)
    if mode is not None:  # right after mode= (RHEL 5 applies it before any updelay/downdelay)
        at = mode.span.end - opts.span.start
        text = raw[:at] + " miimon=100" + raw[at:]
    else:
        at = words[0].span.start - opts.span.start
        text = raw[:at] + "miimon=100 " + raw[at:]
    # The whole value is replaced, so another fix of this value (BL301, BL313) waits for the next pass.
    return Fix.unsafe(message, Edit.replace(opts.span, text if quoted else f'"{text}"'))


@rule("BL304", "arp-monitor-with-mode", Severity.ERROR)
def arp_monitor_with_mode(host: HostModel) -> Iterator[Violation]:
    """ARP monitoring options on an 802.3ad, balance-tlb or balance-alb bond.

    ## What it checks
    `arp_interval` (non-zero), `arp_ip_target` or `arp_validate` (other than
    none) with mode 4, 5 or 6.

    ## Why it matters
    These modes need the MII monitor. Current kernels refuse the option
    ("mode dependency failed"); RHEL 5's sysfs accepts `arp_interval` and
    switches MII monitoring off, leaving an 802.3ad bond that cannot detect
    a dead link.

    ## Example
    ```
    BONDING_OPTS="mode=802.3ad arp_interval=1000 arp_ip_target=10.0.0.1"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=802.3ad miimon=100"
    ```

    ## Fix
    Use `miimon=100` with these modes, or use active-backup if you need
    ARP monitoring.
    """
    yield from _nm_rejects(host, "BL304")
    once = _Once()
    for bond, _iface in _configured(host, "BL304"):
        mode = _mode(bond)
        if mode not in (4, 5, 6):
            continue
        for opt in (*bond.options, *(o for o in bond.nm_stripped if o not in bond.options)):
            if opt.key not in _ARP_OPTIONS or opt.equals == 0:
                continue
            v = opt.value.strip()
            if (opt.key == "arp_interval" and v == "0") or (opt.key == "arp_validate" and v in ("none", "0")):
                continue
            if mode == 4 and bond.consumer == NETWORKMANAGER:
                arp = next((o for o in (*bond.options, *bond.nm_stripped) if o.key == "arp_interval"), None)
                if arp is not None and arp.number and not any(o.key == "arp_ip_target" for o in (*bond.options, *bond.nm_stripped)):
                    continue  # arp_interval without targets: verify() rejects the profile first (BL306)
                why = ("NetworkManager's normalisation strips the ARP options of an 802.3ad profile before "
                       "applying it (_normalize_bond_options), so it is silently never set")
            else:
                why = "the kernel refuses it or (RHEL 5) turns MII monitoring off"
            once.add(
                bond,
                opt.span,
                f"{opt.word} on {bond.name}: ARP monitoring is not available in {_mode_text(mode)}; {why}",
            )
    yield from once.found


@rule("BL305", "miimon-and-arp", Severity.WARNING)
def miimon_and_arp(host: HostModel) -> Iterator[Violation]:
    """Both miimon and arp_interval are set.

    ## What it checks
    A bond with both `miimon>0` and `arp_interval>0` in its effective options.

    ## Why it matters
    Only one monitor runs, and which one depends on where the options are
    written: as module parameters miimon wins ("disabling ARP monitoring");
    through BONDING_OPTS on RHEL 6+ miimon is written first and the later
    arp_interval write disables MII. The config does not say what runs.

    ## Example
    ```
    BONDING_OPTS="mode=1 miimon=100 arp_interval=1000 arp_ip_target=10.0.0.1"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=1 arp_interval=1000 arp_ip_target=10.0.0.1"
    ```

    ## Fix
    Keep one monitor: remove miimon or arp_interval.

    ## Notes
    A bond NetworkManager applies in 802.3ad, balance-tlb or balance-alb has its ARP options
    stripped before they reach the kernel (BL304 says so): only miimon runs, no BL305.
    """
    once = _Once()
    for bond, _iface in _configured(host):
        miimon = bond.number("miimon")
        arp = bond.written("arp_interval")
        if miimon and arp is not None and arp.number:
            once.add(
                bond,
                arp.span,
                f"{bond.name} sets both miimon={miimon} and {arp.word}: only one monitor runs, "
                "and which one depends on where the options are written",
            )
    yield from once.found


@rule("BL306", "arp-interval-without-targets", Severity.ERROR)
def arp_interval_without_targets(host: HostModel) -> Iterator[Violation]:
    """arp_interval is set but there is no arp_ip_target.

    ## What it checks
    `arp_interval>0` in a bond's effective options with no `arp_ip_target`.

    ## Why it matters
    The ARP monitor has nothing to probe: the module resets arp_interval to
    0, sysfs logs "no ARP targets have been specified", and the bond runs
    without the link monitoring the admin asked for.

    ## Example
    ```
    BONDING_OPTS="mode=active-backup arp_interval=1000"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=active-backup arp_interval=1000 arp_ip_target=10.0.0.1"
    ```

    ## Fix
    Add `arp_ip_target=` with the gateway's address (or another always-up
    host on the bond's subnet).
    """
    yield from _nm_rejects(host, "BL306")
    once = _Once()
    for bond, _iface in _configured(host, "BL306"):
        arp = bond.written("arp_interval")
        if arp is not None and arp.number and not bond.arp_targets:
            # a profile NetworkManager applies is rejected by its verify() instead (_nm_rejects)
            once.add(bond, arp.span, f"{bond.name} has {arp.word} but no arp_ip_target: "
                     "the ARP monitor has nothing to probe and is switched off")
    yield from once.found


def _own_addresses(iface: Interface) -> set[str]:
    names = {name for name, _v in iface.file.assigned() if name.startswith("IPADDR")}
    return {v for v in (iface.value(n) for n in names) if v}


@rule("BL307", "arp-targets-invalid", Severity.WARNING)
def arp_targets_invalid(host: HostModel) -> Iterator[Violation]:
    """ARP targets that cannot all work: more than 16, duplicates, or the bond's own address.

    ## What it checks
    The `arp_ip_target` addresses of a bond: more than 16 in total, the same
    address twice, or an address that is the bond's own IPADDR.

    ## Why it matters
    The kernel keeps at most 16 targets ("ARP target table is full!") and
    refuses duplicates ("already present"); a target equal to the bond's own
    address is never answered by anyone else, so the ARP monitor marks every
    slave down.

    ## Example
    ```
    IPADDR=10.0.0.5
    BONDING_OPTS="mode=1 arp_interval=1000 arp_ip_target=10.0.0.5,10.0.0.1,10.0.0.1"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=1 arp_interval=1000 arp_ip_target=10.0.0.1"
    ```

    ## Fix
    List each target once, at most 16, none of them the bond's own address.
    """
    once = _Once()
    for bond, iface in _configured(host):
        targets = bond.arp_targets
        own = _own_addresses(iface)
        seen: dict[str, BondOption] = {}
        for target, opt in targets:
            if target in seen:
                once.add(
                    bond,
                    opt.span,
                    f"ARP target {target} is listed twice for {bond.name}: the kernel refuses the duplicate",
                    related=(Related(seen[target].span, f"first listed here: {seen[target].word}"),),
                )
            seen.setdefault(target, opt)
            if target in own:
                once.add(
                    bond,
                    opt.span,
                    f"ARP target {target} is {bond.name}'s own address: nobody else answers it, "
                    "so the ARP monitor marks every slave down",
                )
        if len(seen) > _MAX_ARP_TARGETS:
            extra = next(opt for t, opt in targets if list(seen).index(t) == _MAX_ARP_TARGETS)
            once.add(
                bond,
                extra.span,
                f"{bond.name} lists {len(seen)} ARP targets; the kernel keeps at most "
                f"{_MAX_ARP_TARGETS} and refuses the rest",
            )
    yield from once.found


def _mode_mismatch(
    host: HostModel, keys: tuple[str, ...], allowed: Iterable[int], why: str, skip_values: tuple[str, ...] = (),
    code: str | None = None,
) -> Iterator[Violation]:
    """Options that apply only in some modes, written for a bond in another mode."""
    allowed = frozenset(allowed)
    once = _Once()
    for bond, _iface in _configured(host, code):
        mode = _mode(bond)
        if mode is None or mode in allowed:
            continue
        for opt in bond.options:
            if opt.key in keys and opt.equals and opt.value.strip() not in skip_values:
                once.add(bond, opt.span, f"{opt.word} has no effect in {_mode_text(mode)} of {bond.name}: {why}")
    yield from once.found


@rule("BL308", "lacp-rate-wrong-mode", Severity.WARNING)
def lacp_rate_wrong_mode(host: HostModel) -> Iterator[Violation]:
    """lacp_rate on a bond that is not in 802.3ad mode.

    ## What it checks
    `lacp_rate` in the effective options of a bond whose mode is not 4
    (802.3ad). A bond without `mode=` is balance-rr.

    ## Why it matters
    LACP runs only in 802.3ad: the kernel ignores the option ("lacp_rate
    param is irrelevant") or refuses it through sysfs. Usually it means the
    mode is not what the admin thinks (a missing or misspelled `mode=`).

    ## Example
    ```
    BONDING_OPTS="miimon=100 lacp_rate=fast"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=802.3ad miimon=100 lacp_rate=fast"
    ```

    ## Fix
    Set `mode=802.3ad` if LACP is meant, else remove lacp_rate.
    """
    yield from _nm_rejects(host, "BL308")
    yield from _mode_mismatch(host, ("lacp_rate",), (4,), "LACP runs only in 802.3ad mode", code="BL308")


@rule("BL309", "xmit-hash-wrong-mode", Severity.WARNING)
def xmit_hash_wrong_mode(host: HostModel) -> Iterator[Violation]:
    """xmit_hash_policy on a bond whose mode does not hash.

    ## What it checks
    `xmit_hash_policy` with mode 0, 1, 3 or 6, or with mode 5 before RHEL 8.

    ## Why it matters
    Only balance-xor and 802.3ad (and balance-tlb on recent kernels) pick a
    slave by hash: elsewhere the policy is ignored ("xmit_hash_policy param
    is irrelevant"), so the expected load distribution does not happen.

    ## Example
    ```
    BONDING_OPTS="mode=active-backup miimon=100 xmit_hash_policy=layer3+4"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=802.3ad miimon=100 xmit_hash_policy=layer3+4"
    ```

    ## Fix
    Remove xmit_hash_policy, or use mode balance-xor or 802.3ad.

    ## Notes
    With an unknown release, mode 5 is not flagged.
    """
    allowed = {2, 4} | ({5} if host.capabilities.tlb_hashes else set())
    yield from _mode_mismatch(host, ("xmit_hash_policy",), allowed, "only hashing modes use a transmit hash")


@rule("BL310", "primary-wrong-mode", Severity.WARNING)
def primary_wrong_mode(host: HostModel) -> Iterator[Violation]:
    """primary or primary_reselect on a bond whose mode has no primary.

    ## What it checks
    `primary=` (non-empty) or `primary_reselect=` with a mode other than
    active-backup (1), balance-tlb (5) or balance-alb (6).

    ## Why it matters
    Other modes use every slave at once; the kernel says "primary device
    specified but has no effect". The admin expects a preferred link that
    does not exist.

    ## Example
    ```
    BONDING_OPTS="mode=balance-xor miimon=100 primary=eth0"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=active-backup miimon=100 primary=eth0"
    ```

    ## Fix
    Remove primary, or use mode 1, 5 or 6.
    """
    yield from _nm_rejects(host, "BL310")
    yield from _mode_mismatch(
        host, ("primary", "primary_reselect"), _PRIMARY_MODES, "only modes 1, 5 and 6 have a primary slave", ("",),
        code="BL310",
    )


@rule("BL311", "fail-over-mac-wrong-mode", Severity.WARNING)
def fail_over_mac_wrong_mode(host: HostModel) -> Iterator[Violation]:
    """fail_over_mac on a bond that is not active-backup.

    ## What it checks
    `fail_over_mac` with a value other than `none`/`0` and a mode other than
    active-backup (1).

    ## Why it matters
    "fail_over_mac only affects active-backup mode": the MAC handling the
    admin configured (for hardware that cannot share a MAC) does not happen.

    ## Example
    ```
    BONDING_OPTS="mode=balance-rr miimon=100 fail_over_mac=active"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=active-backup miimon=100 fail_over_mac=active"
    ```

    ## Fix
    Remove fail_over_mac, or use active-backup.

    ## Notes
    `fail_over_mac=none` (the default) is not flagged: it changes nothing.
    """
    yield from _mode_mismatch(host, ("fail_over_mac",), (1,), "fail_over_mac only affects active-backup", ("none", "0"))


@rule("BL312", "delay-not-multiple", Severity.WARNING)
def delay_not_multiple(host: HostModel) -> Iterator[Violation]:
    """updelay/downdelay that is not a multiple of miimon, or set without miimon.

    ## What it checks
    A non-zero `updelay` or `downdelay` when the effective miimon is 0, or
    when it is not a multiple of miimon.

    ## Why it matters
    The delays count MII polls: the kernel rounds them down to a multiple
    of miimon ("rounded to N ms"), so `updelay=10` with `miimon=100` is 0,
    no delay at all. Without miimon they do nothing, and RHEL 5 sysfs
    refuses them ("MII monitoring is disabled").

    ## Example
    ```
    BONDING_OPTS="mode=balance-rr miimon=100 updelay=10 downdelay=5"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=balance-rr miimon=100 updelay=200 downdelay=200"
    ```

    ## Fix
    Use multiples of miimon, or set miimon.

    ## Notes
    Without a written miimon, the default is taken as BL303 does: 100 on
    RHEL 8 and for files NetworkManager wrote, 0 otherwise; with an unknown
    release such a bond is not checked.
    """
    yield from _nm_rejects(host, "BL312")
    once = _Once()
    for bond, _iface in _configured(host, "BL312"):
        miimon = bond.miimon
        for opt in bond.options:
            if opt.key not in ("updelay", "downdelay"):
                continue
            delay = opt.number
            if not delay or miimon is None:
                continue
            if miimon == 0:
                message = f"{opt.word} on {bond.name} with miimon=0: the delay has no effect without MII monitoring"
            elif delay % miimon:
                rounded = delay // miimon * miimon
                message = (
                    f"{opt.word} on {bond.name} is not a multiple of miimon={miimon}: "
                    f"the kernel rounds it down to {rounded} ms"
                )
            else:
                continue
            once.add(bond, opt.span, message)
    yield from once.found


@rule("BL313", "option-order-el5", Severity.ERROR, releases=lambda r: r.options_written_in_order, fix="sometimes")
def option_order_el5(host: HostModel) -> Iterator[Violation]:
    """On RHEL 5, a BONDING_OPTS option comes before the mode= or miimon= it depends on.

    ## What it checks
    In BONDING_OPTS: `lacp_rate`, `xmit_hash_policy`, `arp_validate` or
    `primary` written before `mode=`, or `updelay`/`downdelay` before
    `miimon=`.

    ## Why it matters
    RHEL 5's ifup-eth writes the options to sysfs in the order listed,
    without checking errors. Written before mode, these writes meet the
    default balance-rr and fail; delays written before miimon meet
    miimon=0 and are refused. The bond comes up without them, silently.

    ## Example
    ```
    BONDING_OPTS="lacp_rate=fast miimon=100 mode=802.3ad"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=802.3ad miimon=100 lacp_rate=fast"
    ```

    ## Fix
    Write `mode=` first, then `miimon=`, then the rest. `bondlint --fix`
    moves the words so (every other word keeps its order, every blank and
    quote stays), where each word of BONDING_OPTS maps back to the file.

    ## Notes
    RHEL 6 and later write mode and miimon first whatever the order, so
    NetworkManager's alphabetical order is fine there.
    """
    for bond, _iface in _configured(host):
        fix = _order_fix(bond)
        first: dict[str, int] = {}
        for opt in bond.bonding_opts:
            first.setdefault(opt.key, opt.index)
        for opt in bond.bonding_opts:
            if opt.key in ("lacp_rate", "xmit_hash_policy", "arp_validate", "primary"):
                needed = "mode"
            elif opt.key in ("updelay", "downdelay"):
                needed = "miimon"
            else:
                continue
            at = first.get(needed)
            if at is not None and opt.index < at:
                yield Violation(
                    opt.span,
                    f"{opt.word} comes before {needed}= in BONDING_OPTS: RHEL 5 writes options in order, "
                    f"so this write meets the default {needed} and fails silently",
                    fix=fix,
                )


#: The order RHEL 5's ifup-eth needs: mode, then miimon, then everything else as written.
_EL5_RANK = {"mode": 0, "miimon": 1}


def _exact(words: tuple[BondOption, ...]) -> bool:
    """Every word's span is the word as written, in order: edits of those spans are exact."""
    return all(w.span.end - w.span.start == len(w.word) for w in words) and all(
        a.span.end <= b.span.start for a, b in zip(words, words[1:])
    )


def _order_fix(bond: Bond) -> Fix | None:
    """Put the words in the order RHEL 5 needs: each word's place gets the word that belongs there."""
    words = bond.bonding_opts
    if not _exact(words):
        return None
    ordered = sorted(words, key=lambda w: _EL5_RANK.get(w.key, 2))  # stable: the rest keep their order
    edits = [Edit.replace(old.span, new.word) for old, new in zip(words, ordered) if old.word != new.word]
    if not edits:
        return None
    shown = " ".join(w.word for w in ordered)
    return Fix.safe(f"reorder BONDING_OPTS of {bond.name}: {shown}", *edits)


def _option_lines(host: HostModel, bond: Bond) -> list[ModuleOptions]:
    norm = normalize_module(bond.name)
    return [
        o
        for o in host.modules.options
        if normalize_module(o.module) in ("bonding", norm) and any(w.key != "max_bonds" for w in o.words)
    ]


def _line_span(o: ModuleOptions) -> Span:
    span = getattr(o.line, "span", None)
    if span is not None:
        return span
    return o.words[0].span if o.words else whole_file_span(o.file.path)


@rule("BL314", "options-in-two-places", Severity.WARNING)
def options_in_two_places(host: HostModel) -> Iterator[Violation]:
    """A bond has BONDING_OPTS and modprobe config also sets bonding options.

    ## What it checks
    A bond with BONDING_OPTS while an `options bonding ...` or
    `options <bond> ...` line sets options (other than max_bonds, BL315's)
    in a modprobe file that the release reads.

    ## Why it matters
    Red Hat's guides say not to do this. `options bondN` lines are ignored
    (initscripts load the module as `bonding`); `options bonding` lines
    become the defaults of every bond and can conflict with BONDING_OPTS,
    for instance a mode that can only change while the bond has no slaves.

    ## Example
    ```
    # /etc/modprobe.conf
    options bonding mode=1 miimon=100
    # ifcfg-bond0
    BONDING_OPTS="mode=4 miimon=100"
    ```
    Use instead: BONDING_OPTS only, and no `options` line for bonding.

    ## Fix
    Move every option into the bonds' BONDING_OPTS and delete the
    `options` lines.
    """
    by_line: dict[int, tuple[ModuleOptions, list[tuple[Bond, Span]]]] = {}
    for bond, iface in _configured(host):
        opts = iface.located("BONDING_OPTS")
        if not bond.bonding_opts or opts is None:
            continue
        for o in _option_lines(host, bond):
            by_line.setdefault(id(o), (o, []))[1].append((bond, opts.span))
    for o, bonds in by_line.values():
        names = ", ".join(b.name for b, _span in bonds)
        if normalize_module(o.module) == "bonding":
            effect = "they become defaults for every bond and may conflict with BONDING_OPTS"
        else:
            effect = "initscripts load the module as 'bonding', so this line is ignored"
        related = tuple(Related(span, f"BONDING_OPTS of {b.name}") for b, span in bonds)
        yield Violation(
            _line_span(o),
            f"options {o.module} in {o.file.rel} while BONDING_OPTS is set for {names}: {effect}",
            related=related,
        )


@rule("BL315", "max-bonds-with-bonding-opts", Severity.WARNING, fix="sometimes", unsafe_fixes=True)
def max_bonds_with_bonding_opts(host: HostModel) -> Iterator[Violation]:
    """max_bonds in module options while bonds are configured with BONDING_OPTS.

    ## What it checks
    A `max_bonds=` word in an `options bonding` line when any live bond
    file uses BONDING_OPTS.

    ## Why it matters
    Red Hat: "max_bonds parameter is not interface specific and should not
    be set when using ifcfg-bondN files with the BONDING_OPTS directive".
    The module pre-creates bonds with default options that initscripts then
    have to change, which fails for options that need a bond without slaves.

    ## Example
    ```
    # /etc/modprobe.d/bonding.conf
    options bonding max_bonds=2
    ```
    Use instead: no `options bonding` line; initscripts create each bond.

    ## Fix
    Remove max_bonds (and the line, if nothing else is on it). `bondlint
    --fix --unsafe-fixes` does it where every configured bond has
    BONDING_OPTS (none relies on the module creating it).

    ## Fix safety
    Unsafe: the module then creates no bonds of its own at load; a bond
    that something outside these files expects to exist (a script, a
    hand-run `ifenslave`) no longer does.
    """
    using = [b.name for b, _i in _configured(host) if b.bonding_opts]
    if not using:
        return
    fixable = all(b.bonding_opts for b, _i in _configured(host))
    for o in host.modules.bonding_lines(host.bonds):
        for w in o.words:
            if w.key == "max_bonds":
                yield Violation(
                    w.span,
                    f"{w.word} in {o.file.rel} while BONDING_OPTS is set for {', '.join(using)}: "
                    "max_bonds is not per bond and should not be set with BONDING_OPTS",
                    fix=_drop_word_fix(o, w) if fixable else None,
                )


def _drop_word_fix(o: ModuleOptions, word: BondOption) -> Fix | None:
    """Delete the word with the blank before it, or the whole line when it holds nothing else."""
    if o.line.continued or not _exact(o.words):
        return None
    message = f"delete {word.word} (the module then creates no bonds of its own)"
    if all(w.key == "max_bonds" for w in o.words):
        return Fix.unsafe(message, Edit.delete(o.line.whole_line.span))
    at = o.words.index(word)
    before, after = (o.words[at - 1].span, word.span) if at else (word.span, o.words[1].span)
    return Fix.unsafe(message, Edit.delete(_between(before, after, at > 0)))


def _between(a: Span, b: Span, to_end: bool) -> Span:
    """From the end of ``a`` through the end of ``b`` (``to_end``), else from the start of ``a`` to the
    start of ``b``: a word with the blank beside it, on one line."""
    if to_end:
        return Span(a.path, a.end_line, a.end_column, b.end_line, b.end_column, a.end, b.end)
    return Span(a.path, a.line, a.column, b.line, b.column, a.start, b.start)


@rule("BL316", "bond-index-exceeds-max-bonds", Severity.ERROR, releases=lambda r: r.bonds_by_alias)
def bond_index_exceeds_max_bonds(host: HostModel) -> Iterator[Violation]:
    """On RHEL 5, ifcfg-bondN without BONDING_OPTS where N is at least max_bonds.

    ## What it checks
    A bond file `bondN` with no BONDING_OPTS, when N is greater than or
    equal to the effective `max_bonds` (from `options bonding max_bonds=`,
    default 1), and no `options bondN -o bondN` or `install bondN` line
    creates it.

    ## Why it matters
    Without BONDING_OPTS, RHEL 5 relies on loading the module to create the
    bond, and the module creates only bond0 .. bond(max_bonds-1). bondN
    never exists: "Device bondN does not seem to be present, delaying
    initialization", and its slaves stay down.

    ## Example
    ```
    # ifcfg-bond1 without BONDING_OPTS, and no max_bonds
    DEVICE=bond1
    ```
    Use instead:
    ```
    DEVICE=bond1
    BONDING_OPTS="mode=1 miimon=100"
    ```

    ## Fix
    Give the bond BONDING_OPTS (preferred), or set
    `options bonding max_bonds=N+1`.
    """
    module = host.bonding_module
    max_bonds = module.max_bonds
    for bond, iface in _configured(host):
        if bond.bonding_opts or iface.get("BONDING_OPTS") is not None or module.index(bond.name) is None:
            continue
        if module.creates(bond.name):
            continue
        yield Violation(
            iface.file.span_of("DEVICE"),
            f"{bond.name} has no BONDING_OPTS and the bonding module creates only "
            f"{max_bonds} bond{'s' if max_bonds != 1 else ''} (max_bonds={max_bonds}): "
            f"{bond.name} is never created",
        )


@rule("BL317", "bond-option-token", Severity.WARNING, scope="file")
def bond_option_token(host: HostModel) -> Iterator[Violation]:
    """A BONDING_OPTS word with no `=` or with more than one.

    ## What it checks
    Each whitespace-separated word of BONDING_OPTS must be exactly one
    `key=value`.

    ## Why it matters
    initscripts take the key before the first `=` and the value after the
    last one: `miimon` alone is written into a sysfs file named after
    itself, `mode==4` or `primary=eth0=eth1` write something else than
    meant, and `downdelay =0` splits into two broken words. NetworkManager
    silently skips words without `=`.

    ## Example
    ```
    BONDING_OPTS="mode=1 miimon 100 downdelay =200"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=1 miimon=100 downdelay=200"
    ```

    ## Fix
    Write each option as `key=value`, with no spaces around `=`.
    """
    for bond, _iface in _configured(host):
        for opt in bond.bonding_opts:
            if opt.equals == 1:
                continue
            if opt.equals == 0:
                what = (
                    f"'{opt.word}' has no '=': initscripts write it to a sysfs file named '{opt.word}' "
                    "and NetworkManager skips it"
                )
            else:
                what = (
                    f"'{opt.word}' has {opt.equals} '=': initscripts write only '{opt.value}' (the text after "
                    f"the last '=') to '{opt.key}'"
                )
            yield Violation(opt.span, f"{what} (in {bond.name}'s BONDING_OPTS)")


#: Modes that spread one MAC over several ports with no negotiation (bonding.rst "Switch
#: Configuration": balance-rr, balance-xor and broadcast need the ports grouped statically).
_STATIC_LAG_MODES = frozenset({0, 2, 3})


@rule("BL318", "mode-needs-static-lag", Severity.INFO)
def mode_needs_static_lag(host: HostModel) -> Iterator[Violation]:
    """A balance-rr, balance-xor or broadcast bond: the switch must group its ports statically.

    ## What it checks
    A bond defined by a live ifcfg file whose effective mode is 0
    (balance-rr), 2 (balance-xor) or 3 (broadcast), written or by default.

    ## Why it matters
    These modes send from one MAC address over every slave at once, with no
    negotiation (unlike 802.3ad's LACP). The switch ports must form a static
    link-aggregation group (Cisco EtherChannel `mode on`); otherwise the
    switch sees the bond's MAC flap between ports, floods or drops frames,
    and failover breaks. Nothing on the host can check the switch side, so
    this is a reminder.

    ## Example
    ```
    BONDING_OPTS="mode=balance-rr miimon=100"
    # switch ports: independent access ports
    ```
    Use instead: the ports in one static group (`channel-group 1 mode on`),
    or `mode=active-backup` (no switch configuration) or `mode=802.3ad`
    (negotiated with LACP).

    ## Fix
    Configure a static LAG on the switch ports, or choose a mode that needs
    none.
    """
    for bond, iface in _configured(host):
        mode = _mode(bond)
        if mode not in _STATIC_LAG_MODES:
            continue
        opt = bond.mode_option
        span = opt.value_place if opt is not None else bond.options_span
        yield Violation(
            span,
            f"{bond.name} runs {_mode_text(mode)} ({bond.mode_source}): its switch ports must form a "
            "static link-aggregation group (EtherChannel mode on), which bondlint cannot check from the host",
        )


@rule("BL319", "peer-notif-delay-invalid", Severity.ERROR)
def peer_notif_delay_invalid(host: HostModel) -> Iterator[Violation]:
    """peer_notif_delay that is not a multiple of miimon, or set with miimon 0: NetworkManager rejects the profile.

    ## What it checks
    A keyfile `[bond]` or the BONDING_OPTS of an ifcfg bond NetworkManager
    applies (NetworkManager 1.34 on) with `peer_notif_delay` > 0 and `miimon=0`, or (with
    MII monitoring) a `peer_notif_delay` that miimon does not divide.

    ## Why it matters
    NetworkManager's verify() fails ("'peer_notif_delay' option needs to be
    a value multiple of 'miimon' value"): the profile is not loaded and the
    bond does not come up.

    ## Example
    ```
    [bond]
    mode=active-backup
    miimon=100
    peer_notif_delay=150
    ```
    Use instead:
    ```
    [bond]
    mode=active-backup
    miimon=100
    peer_notif_delay=200
    ```

    ## Fix
    Use a multiple of miimon, or remove peer_notif_delay.
    """
    yield from _nm_rejects(host, "BL319")


@rule("BL320", "grat-arp-unsol-na-differ", Severity.ERROR)
def grat_arp_unsol_na_differ(host: HostModel) -> Iterator[Violation]:
    """num_grat_arp and num_unsol_na with different values: NetworkManager rejects the profile.

    ## What it checks
    A keyfile `[bond]`, or the BONDING_OPTS of an ifcfg bond NetworkManager
    applies (NetworkManager 1.2 on), setting both `num_grat_arp` and `num_unsol_na` to
    different numbers.

    ## Why it matters
    Both names set one kernel value, so NetworkManager's verify() refuses
    the pair ("'num_grat_arp' and 'num_unsol_na' cannot have different
    values"): the profile is not loaded.

    ## Example
    ```
    [bond]
    num_grat_arp=3
    num_unsol_na=1
    ```
    Use instead:
    ```
    [bond]
    num_grat_arp=3
    ```

    ## Fix
    Write one of the two (or both with the same value).
    """
    yield from _nm_rejects(host, "BL320")


@rule("BL321", "balance-slb-wrong-mode", Severity.ERROR)
def balance_slb_wrong_mode(host: HostModel) -> Iterator[Violation]:
    """balance_slb=1 outside balance-xor, or with another xmit_hash_policy: NetworkManager rejects the profile.

    ## What it checks
    A keyfile `[bond]` with `balance_slb=1` and a mode other than
    balance-xor, or an `xmit_hash_policy` other than `vlan+srcmac`.

    ## Why it matters
    Source-load-balancing is NetworkManager's own balance-xor variant;
    verify() refuses any other combination and the profile is not loaded.

    ## Example
    ```
    [bond]
    mode=802.3ad
    balance_slb=1
    ```
    Use instead:
    ```
    [bond]
    mode=balance-xor
    balance_slb=1
    ```

    ## Fix
    Use `mode=balance-xor` (and no other xmit_hash_policy), or drop balance_slb.
    """
    yield from _nm_rejects(host, "BL321")
