"""BL2xx: master/slave topology across ifcfg files (semantics.md section 2 C)."""

from __future__ import annotations

import posixpath
import re
from typing import Iterator

from bondlint.rule_api import Edit, Fix, Related, Severity, Violation, quoted, rewrite_value, rule
from bondlint.model.values import INITSCRIPTS, NETWORKMANAGER, Located, Truth
from bondlint.model.host import Bond, HostModel, IfcfgFile, Interface, KeyfileProfile, autoconnect_priority
from bondlint.syntax.span import Span, whole_file_span

#: Keys whose presence on a slave is dead layer-3 config (RULES.md BL206), by prefix.
_L3_PREFIXES: tuple[str, ...] = ("IPADDR", "NETMASK", "PREFIX", "GATEWAY", "DNS")


def _slave_files(host: HostModel) -> Iterator[tuple[IfcfgFile, str]]:
    """Every live file with a non-empty MASTER, and that master's name."""
    return ((f, f.master) for f in host.live_files() if f.master is not None)


@rule("BL201", "master-missing", Severity.ERROR)
def master_missing(host: HostModel) -> Iterator[Violation]:
    """A slave names a MASTER that no live ifcfg file defines.

    ## What it checks
    Every live `ifcfg-*` file with `MASTER=X` (after shell unquoting) must
    have a live file with `DEVICE=X` (or, without DEVICE, named `ifcfg-X`).

    ## Why it matters
    The slave is skipped at boot (SLAVE=yes) and only the master's ifup
    enslaves it. With no master file, nothing ever runs that ifup: on RHEL 5
    `echo +eth0 > /sys/class/net/X/bonding/slaves` fails silently and the NIC
    stays down; on RHEL 6+ a bond X with module defaults (mode 0) appears,
    with no IP address.

    ## Example
    ```
    # ifcfg-eth0 (the only bond file is ifcfg-bond0)
    DEVICE=eth0
    MASTER=bond1
    SLAVE=yes
    ```
    Use instead:
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    ```

    ## Fix
    Point MASTER at an existing bond, or create `ifcfg-X` for the bond.

    ## Notes
    A MASTER equal to a bond's NetworkManager connection `NAME` or `UUID` is
    accepted: only NetworkManager writes that form, and it resolves it.
    """
    yield from _controller_missing(host)
    for f, master in _slave_files(host):
        if host.master_target(master) is not None:
            continue
        bonds = sorted(d for d, i in host.interfaces.items() if i.kind == "bond")
        known = (
            f" (bonds defined here: {', '.join(bonds)})" if bonds else " (no bond is defined by any live ifcfg file)"
        )
        yield Violation(
            f.span_of("MASTER"),
            f"MASTER={master} names no live ifcfg file with DEVICE={master}{known}: "
            "the slave is skipped at boot and never enslaved",
        )


def _controller_missing(host: HostModel) -> Iterator[Violation]:
    """BL201 for keyfile ports: a controller that no loaded profile has as uuid or interface-name
    (one naming only a profile's id is BL707's)."""
    ids = {k.id for k in host.keyfiles if k.loaded}
    # a controller NetworkManager does not load (rejected, refused, shadowed) has its own finding
    unloaded = {n for k in host.keyfiles if not k.loaded for n in (k.uuid, k.value("DEVICE"), k.id) if n}
    for k in host.keyfiles:
        if not k.loaded or not k.controller or k.controller_by is not None or k.controller in ids | unloaded:
            continue
        if k.controller in host.interfaces:
            continue  # an ifcfg-defined device NetworkManager also knows by name
        kind = "bridge" if k.port_type == "bridge" else "bond"  # what the port asks for (port-type)
        found = sorted(d for d, i in host.interfaces.items() if i.kind == kind)
        known = f" ({kind}s defined here: {', '.join(found)})" if found else f" (no {kind} profile is loaded)"
        yield Violation(
            k.span_of("MASTER" if "MASTER" in k.facts else "BRIDGE"),
            f"controller={k.controller} names no profile by uuid or interface-name{known}: NetworkManager "
            f"never finds the {kind} and {k.suffix} is never attached",
        )


@rule("BL202", "master-not-bond", Severity.ERROR)
def master_not_bond(host: HostModel) -> Iterator[Violation]:
    """A slave's MASTER names a device that is not a bond master.

    ## What it checks
    The device named by `MASTER=X` must be a bond: its file has
    `BONDING_OPTS`, `TYPE=Bond` or `BONDING_MASTER=yes`, or modprobe config
    has `alias X bonding`. It must not itself be a slave, a bridge or a VLAN.

    ## Why it matters
    Enslaving writes to `/sys/class/net/X/bonding/slaves`, which exists only
    on a bonding device, so the write fails silently and the slave stays
    down. NetworkManager treats such a "master" as a plain Ethernet profile.

    ## Example
    ```
    # ifcfg-eth0
    MASTER=eth2
    SLAVE=yes
    # ifcfg-eth2: an ordinary NIC
    DEVICE=eth2
    BOOTPROTO=dhcp
    ```
    Use instead:
    ```
    MASTER=bond0
    SLAVE=yes
    ```

    ## Fix
    Point MASTER at the bond, or make X a bond (`BONDING_OPTS="mode=... miimon=100"`,
    `TYPE=Bond`).

    ## Notes
    `alias X bonding` counts on every release, not only RHEL 5: with it,
    initscripts' `modprobe X` creates the bond, so the topology works.
    """
    for f, master in _slave_files(host):
        target = host.interfaces.get(master)
        if target is None:
            continue  # BL201
        if target.kind == "bond" and not target.is_slave:
            continue
        if target.kind == "bond":
            what = f"a slave of {target.master} itself (nested bonds are not set up by initscripts)"
        elif target.kind == "bridge":
            what = "a bridge (TYPE=Bridge)"
        elif target.kind == "vlan":
            what = "a VLAN"
        elif target.kind == "slave":
            what = f"a slave of {target.master}, not a bond"
        else:
            what = f"not a bond (no BONDING_OPTS, TYPE=Bond, BONDING_MASTER=yes, nor 'alias {master} bonding')"
        yield Violation(
            f.span_of("MASTER"),
            f"MASTER={master} names {posixpath.basename(target.file.path)}, which is {what}: "
            f"/sys/class/net/{master}/bonding/slaves does not exist and enslaving fails",
            related=(Related(target.file.span_of("DEVICE"), f"{master} is defined here"),),
        )
    for k in host.keyfiles:  # K14: port-type=bond whose controller is another kind of device
        if not k.loaded or k.port_type != "bond" or k.controller_device is None:
            continue
        target = host.interfaces.get(k.controller_device)
        if target is None or target.kind == "bond":
            continue
        yield Violation(
            k.span_of("MASTER"),
            f"controller={k.controller} with port-type=bond names {posixpath.basename(target.file.path)}, which "
            f"is a {target.kind} profile, not a bond: NetworkManager cannot attach {k.suffix} and the activation fails",
            related=(Related(target.file.span_of("DEVICE"), f"{target.device} is defined here"),),
        )


@rule("BL203", "master-without-slave-yes", Severity.ERROR, fix="sometimes", unsafe_fixes=True)
def master_without_slave_yes(host: HostModel) -> Iterator[Violation]:
    """MASTER is set but SLAVE is not exactly `yes`.

    ## What it checks
    A live file with a non-empty `MASTER=` must also say `SLAVE=yes`, in
    lowercase, exactly. An info where NetworkManager applies the file: it
    ignores SLAVE and enslaves the device all the same.

    ## Why it matters
    initscripts (up to 10.00) run the slave branch only when
    `[ "$SLAVE" = yes ]`: with `SLAVE=YES`, `SLAVE=true` or no SLAVE at all,
    the NIC is brought up standalone at boot and when the master ifups it,
    and never joins the bond. NetworkManager does not look at SLAVE and
    enslaves it, so the host behaves differently under each stack.

    ## Example
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=YES
    ```
    Use instead:
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    ```

    ## Fix
    Set `SLAVE=yes`. `bondlint --fix --unsafe-fixes` rewrites the value
    (keeping its quotes), or adds a `SLAVE=yes` line above `MASTER=`.

    ## Fix safety
    Unsafe wherever initscripts bring the bond up: today they do not enslave
    the NIC, so `SLAVE=yes` changes what the host does at the next boot (the
    NIC joins the bond, as MASTER= asks). Safe only where the program that
    applies the file already enslaves it: NetworkManager (which ignores
    SLAVE), or RHEL 8's initscripts reading a spelling such as `true`.
    """
    nm = " (NetworkManager enslaves it anyway)" if host.capabilities.nm_bonds else ""
    for f, master in _slave_files(host):
        slave = f.value("SLAVE")
        if f.slave is Truth.TRUE:
            continue
        if host.consumer_of(f) == NETWORKMANAGER:
            shown = "no SLAVE=yes" if slave is None else f"SLAVE={quoted(slave)}"
            yield Violation(
                f.span_of("SLAVE" if slave is not None else "MASTER"),
                f"MASTER={master} with {shown}: NetworkManager applies this file and ignores SLAVE, so it "
                f"enslaves the device to {master}; only initscripts would bring it up standalone; write SLAVE=yes",
                severity=Severity.INFO,
                fix=_slave_yes_fix(host, f, master),
            )
            continue
        if slave is None:
            yield Violation(
                f.span_of("MASTER"),
                f"MASTER={master} without SLAVE=yes: initscripts bring this device up standalone "
                f"instead of enslaving it{nm}",
                fix=_slave_yes_fix(host, f, master),
            )
        else:
            release = f"RHEL {host.release_version or host.release[2:]}" if host.release else "this release"
            yield Violation(
                f.span_of("SLAVE"),
                f"SLAVE={quoted(slave)} is not exactly 'yes': {release}'s initscripts enslave only on a literal "
                f"lowercase yes, so they bring this device up standalone instead of enslaving it to {master}"
                f"{nm}; write SLAVE=yes",
                fix=_slave_yes_fix(host, f, master),
            )


def _slave_yes_fix(host: HostModel, f: IfcfgFile, master: str) -> Fix | None:
    """Rewrite SLAVE's value to yes, or add SLAVE=yes on a line of its own above MASTER=."""
    slave = f.located("SLAVE")
    if slave is not None:
        edit = rewrite_value(slave, "yes")
    else:
        line = f.line_of("MASTER")
        edit = Edit.insert(line, "SLAVE=yes\n") if line is not None and "\r" not in f.text else None
    if edit is None:
        return None  # a value not written plainly, or CRLF lines (BL004's fix goes first)
    iface = host.interface_of(f)
    applier = iface.consumer if iface is not None else INITSCRIPTS
    if applier == NETWORKMANAGER or f.slave is Truth.TRUE:
        return Fix.safe(f"write SLAVE=yes ({applier} already enslaves it to {master})", edit)
    return Fix.unsafe(f"write SLAVE=yes (initscripts then enslave it to {master} at the next boot)", edit)


@rule("BL204", "slave-without-master", Severity.WARNING)
def slave_without_master(host: HostModel) -> Iterator[Violation]:
    """SLAVE=yes without a MASTER.

    ## What it checks
    A live file with `SLAVE=yes` and no (or an empty) `MASTER=`.

    ## Why it matters
    The network script skips every `SLAVE=yes` file at boot, expecting its
    master to enslave it; without MASTER no master ever does, so the NIC
    never comes up at boot, and a manual `ifup` configures it standalone.

    ## Example
    ```
    DEVICE=eth1
    SLAVE=yes
    ```
    Use instead:
    ```
    DEVICE=eth1
    MASTER=bond0
    SLAVE=yes
    ```

    ## Fix
    Add `MASTER=<bond>`, or remove `SLAVE=yes` if the NIC is standalone.

    ## Notes
    A file with `MASTER_UUID` (NetworkManager's way) and no MASTER still
    fires: initscripts skip it at boot all the same.
    """
    for f in host.live_files():
        if f.value("SLAVE") == "yes" and f.master is None:
            yield Violation(
                f.span_of("SLAVE"),
                "SLAVE=yes without MASTER: the network script skips this device at boot and no bond "
                "enslaves it, so it never comes up",
            )


def _grep_pattern(master: str, single_quotes: bool) -> re.Pattern[str]:
    """initscripts' `grep "^[[:space:]]*MASTER=['\\"]\\?bondN['\\"]\\?\\([[:space:]#]\\|$\\)"`."""
    q = "[\"']" if single_quotes else '"'
    space = " \t\r\v\f"
    return re.compile(f"^[{space}]*MASTER={q}?{re.escape(master)}{q}?([{space}#]|$)", re.MULTILINE)


@rule(
    "BL205", "master-grep-mismatch", Severity.WARNING,
    severity_by_release=lambda r: None if r.master_grep_single_quotes else Severity.ERROR,
    fix="sometimes", unsafe_fixes=True,
)
def master_grep_mismatch(host: HostModel) -> Iterator[Violation]:
    """The MASTER line does not match the grep the bond's ifup uses to find its slaves.

    ## What it checks
    The bond's `ifup-eth` finds its slaves with
    `grep -l "^[[:space:]]*MASTER=['\\"]\\?bond0['\\"]\\?\\([[:space:]#]\\|$\\)" ifcfg-*`.
    RHEL 5's initscripts accept only double quotes there. A slave whose
    MASTER line bash reads as `bond0` but that this grep misses is flagged:
    `MASTER='bond0'` on RHEL 5, `export MASTER=bond0`, `MASTER=bond0;`,
    `MASTER=$BOND`.

    ## Why it matters
    Slaves are skipped at boot; the master's grep is the only way they get
    enslaved. A slave the grep misses is never enslaved and stays down,
    although bash reads its file correctly.

    ## Example
    ```
    export MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    MASTER=bond0
    SLAVE=yes
    ```

    ## Fix
    Write the line as plain `MASTER=bond0` (or `MASTER="bond0"`).
    `bondlint --fix --unsafe-fixes` rewrites the assignment (and a `;`
    right after it) as `MASTER=<name>`, keeping the rest of the line; not
    for a computed value, nor a name the grep could not match literally.

    ## Fix safety
    Unsafe: today the bond never enslaves this device; after the fix it
    does, at the next boot, as MASTER= says.

    ## Notes
    Error on RHEL 5, warning otherwise. With an unknown release, single
    quotes are accepted (RHEL 6 and later match them).
    """
    single_quotes = host.capabilities.master_grep_single_quotes
    for f, master in _slave_files(host):
        a = f.located("MASTER")
        if a is None:
            continue
        computed = a.computed
        if not computed and _grep_pattern(master, single_quotes=single_quotes).search(f.text):
            continue
        if computed:
            why = "its value is computed by the shell, and the grep looks for the literal name"
        elif not single_quotes and _grep_pattern(master, single_quotes=True).search(f.text):
            why = "RHEL 5 initscripts match only double quotes around the name, not single quotes"
        elif a.exported:
            why = "the grep wants MASTER= at the start of the line, not after 'export'"
        else:
            why = "the grep wants the name followed by a blank, '#' or the end of the line"
        message = (
            f"the bond's ifup greps ifcfg files for 'MASTER={master}' and misses this line ({why}), "
            f"so {master} never enslaves this device"
        )
        if not single_quotes and host.release_assumed:
            message += f" (release assumed to be {host.release}: {host.release_source})"
        yield Violation(
            f.line_of("MASTER") or a.span,
            message,
            fix=None if computed else _plain_master_fix(f, a, master),
        )


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_.:-]+\Z")


def _plain_master_fix(f: IfcfgFile, a: Located, master: str) -> Fix | None:
    """``export MASTER=bond0``, ``MASTER='bond0'``, ``MASTER=bond0;`` → ``MASTER=bond0``."""
    line, stmt = f.line_of("MASTER"), a.statement
    if line is None or stmt is None or not _PLAIN_NAME.match(master):
        return None
    text = f.text
    before = text[line.start : stmt.start]
    if before.strip() not in ("", "export"):
        return None
    start = line.start + len(before) - len(before.lstrip())  # from `export`, if there is one
    end = stmt.end + 1 if text.startswith(";", stmt.end) else stmt.end  # the grep wants a blank, '#' or the end next
    if text[end : end + 1] not in ("", " ", "\t", "#", "\n") or text[start:end] == f"MASTER={master}":
        return None
    span = Span(stmt.path, stmt.line, stmt.column - (stmt.start - start), stmt.end_line, stmt.end_column + (end - stmt.end), start, end)
    return Fix.unsafe(f"write MASTER={master} as the bond's grep reads it (it then enslaves this device)", Edit.replace(span, f"MASTER={master}"))


@rule("BL206", "slave-has-l3-config", Severity.WARNING)
def slave_has_l3_config(host: HostModel) -> Iterator[Violation]:
    """A slave carries IP, gateway, DNS, bridge or route configuration that is never applied.

    ## What it checks
    A live slave file (non-empty MASTER) with any of `IPADDR*`, `NETMASK*`,
    `PREFIX*`, `GATEWAY*`, `DNS*`, `BRIDGE`, `BOOTPROTO=dhcp|bootp`, or a
    `route-<slave>` file beside it. `BOOTPROTO=dhcp|bootp` is an error where
    initscripts apply the file, a warning (dead configuration) where
    NetworkManager does: it gives a port no IP configuration.

    ## Why it matters
    `ifup-eth` exits right after enslaving a slave: none of it is applied.
    It misleads whoever reads the file, a slave route breaks ARP monitoring,
    NetworkManager refuses IP config on bond ports, and a DHCP slave gets a
    lease of its own the moment the file is used standalone (BL203).

    ## Example
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    BOOTPROTO=dhcp
    IPADDR=10.0.0.5
    ```
    Use instead:
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    BOOTPROTO=none
    ```

    ## Fix
    Move the addressing to the bond's file (or its bridge's) and delete it
    from the slave; move `route-<slave>` to `route-<bond>`.

    ## Notes
    Empty values (`IPADDR=`) are ignored. MTU is not flagged: RHEL 6 and
    later apply a slave's MTU.
    """
    for f, master in _slave_files(host):
        kept: dict[str, Located] = {}
        for name, _v in f.assigned():
            if name in kept or not (name.startswith(_L3_PREFIXES) or name == "BRIDGE"):
                continue
            last = f.located(name)
            if last is not None and f.value(name):
                kept[name] = last
        nm = host.consumer_of(f) == NETWORKMANAGER
        if kept:
            first = min(kept.values(), key=lambda a: a.statement.start)
            why = ("NetworkManager applies this file and ignores a port's IP settings" if nm
                   else "ifup-eth stops right after enslaving")
            yield Violation(
                first.statement,
                f"slave of {master} sets {', '.join(kept)}: {why}, so none of it is applied; it belongs in "
                f"ifcfg-{master}",
            )
        proto = (f.value("BOOTPROTO") or "").rstrip("\r").lower()
        if proto in ("dhcp", "bootp") and nm:
            yield Violation(
                f.span_of("BOOTPROTO"),
                f"slave of {master} has BOOTPROTO={proto}: NetworkManager applies this file and a port has no IP "
                "configuration, so it is dead configuration (no DHCP client runs); use BOOTPROTO=none",
            )
        elif proto in ("dhcp", "bootp"):
            yield Violation(
                f.span_of("BOOTPROTO"),
                f"slave of {master} has BOOTPROTO={proto}: a bond slave must not run its own "
                "DHCP/BOOTP client; use BOOTPROTO=none and configure the bond",
                severity=Severity.ERROR,
            )
        device = f.device_name
        route = f"{posixpath.dirname(f.rel)}/route-{device}"
        if route in host.route_files:
            shown = posixpath.join(posixpath.dirname(f.path), f"route-{device}")
            yield Violation(
                whole_file_span(shown),
                f"route-{device} configures routes on a slave of {master}: they are never applied "
                f"(and slave routes break ARP monitoring); move them to route-{master}",
            )
    for k in host.keyfiles:  # K38: NetworkManager normalises a port's IP settings away
        if not k.loaded or k.port_type not in ("bond", "bridge") or not k.controller:
            continue
        written = [k.facts[n] for n in ("IPADDR", "GATEWAY") if n in k.facts]
        if k.value("BOOTPROTO") == "dhcp":
            written.append(k.facts["BOOTPROTO"])
        if written:
            first = min(written, key=lambda a: a.span.start)
            yield Violation(
                first.span,
                f"port of {k.controller_device or k.controller} has [ipv4] configuration: NetworkManager removes "
                "the IP settings of a port profile, so none of it is applied; configure addressing on "
                f"{k.controller_device or k.controller}'s profile (or write [ipv4] method=disabled)",
            )


@rule("BL207", "slave-conflict", Severity.ERROR)
def slave_conflict(host: HostModel) -> Iterator[Violation]:
    """A device is enslaved to two masters, or a slave is itself a bond master or bridge port.

    ## What it checks
    - one DEVICE with several live files naming different MASTERs;
    - a slave whose file also makes it a bond master (BONDING_OPTS,
      TYPE=Bond, BONDING_MASTER=yes) or a bridge (TYPE=Bridge) or bridge
      port (BRIDGE=);
    - NetworkManager: two profiles that autoconnect one interface-name (two
      keyfiles, or a keyfile and an ifcfg file NetworkManager reads) and
      attach it to different controllers, compared as resolved devices (a
      `controller=` by uuid and one by interface-name naming the same bond
      agree); a `type=bond` profile that is itself a port of a bond.

    ## Why it matters
    Two masters race for the same NIC at boot: whichever ifup runs last wins,
    so the bond you get depends on file order. Nested bonds and bridged
    slaves are not set up by initscripts: the inner bond's own config never
    runs (ifup-eth exits after enslaving). NetworkManager activates one
    profile per device: the higher `autoconnect-priority`, else the one
    activated last, which no file records, so the NIC joins either
    controller and the other is a port short.

    ## Example
    ```
    # ifcfg-eth1
    DEVICE=eth1
    MASTER=bond0
    SLAVE=yes
    # ifcfg-eth1.save (live: .save is not an ignored suffix)
    DEVICE=eth1
    MASTER=bond1
    SLAVE=yes
    ```
    Use instead: one live file per device, with one MASTER.

    ## Fix
    Delete or rename the stale file (a `.bak` suffix is ignored), or remove
    the master/bridge settings from the slave. For NetworkManager, delete the
    other profile or set `autoconnect=false` on it.

    ## Notes
    One root cause, one finding: two profiles competing for one device are
    BL011's (duplicate-device) unless both name a controller and the
    controllers differ; then this rule reports the pair and BL011 does not.
    A profile without a controller beside a port profile stays BL011's (the
    port may come up standalone). A second profile with `autoconnect=false`
    is an alternative activated on demand and is not reported. The message
    names the profile NetworkManager's autoconnect prefers only when the
    autoconnect-priorities differ (an ifcfg file's AUTOCONNECT_PRIORITY is
    not read: 0); with equal priorities the last activation decides, and
    that is not in the files.
    """
    yield from _competing_controllers(host)
    for iface in host.interfaces.values():
        seen: dict[str, IfcfgFile] = {}
        for f in iface.files:
            master = f.master
            if master is None:
                continue
            if seen and master not in seen:
                other_master, other = next(iter(seen.items()))
                yield Violation(
                    f.span_of("MASTER"),
                    f"{iface.device} is enslaved to {master} here but to {other_master} in "
                    f"{posixpath.basename(other.path)}: the masters race for it at boot",
                    related=(Related(other.span_of("MASTER"), f"MASTER={other_master} for {iface.device}"),),
                )
            seen.setdefault(master, f)
        if not iface.is_slave:
            continue
        if iface.kind == "bond" and iface.keyfile is not None:
            yield Violation(
                iface.file.span_of("MASTER"),
                f"{iface.device} is a port of {iface.master} and itself a bond: {iface.master} monitors "
                f"{iface.device}'s carrier, which stays up while any NIC under {iface.device} is up, so "
                f"{iface.master} never sees a NIC under {iface.device} fail; make the NICs ports of one bond",
            )
        elif iface.kind == "bond":
            yield Violation(
                iface.file.span_of("MASTER"),
                f"{iface.device} is a slave of {iface.master} and itself a bond master: initscripts do "
                f"not set up nested bonds ({iface.device}'s options and slaves are never applied)",
            )
        elif iface.kind == "bridge" or iface.bridge is not None:
            bridge = iface.bridge
            what = f"a port of bridge {bridge}" if bridge else "a bridge"
            yield Violation(
                iface.file.span_of("BRIDGE") if bridge else iface.file.span_of("MASTER"),
                f"{iface.device} is a slave of {iface.master} and also {what}: a NIC is either "
                "enslaved or bridged; bridge the bond instead",
            )


def _competing_controllers(host: HostModel) -> Iterator[Violation]:
    """BL207 for NetworkManager: autoconnecting profiles of one device (``Interface.profiles``, the
    first is the one the model takes as used) that attach it to different controllers."""
    for iface in host.interfaces.values():
        profiles = iface.profiles
        if len(profiles) < 2 or not any(isinstance(p, KeyfileProfile) for p in profiles):
            continue
        used = profiles[0]
        for other in profiles[1:]:
            if not host.controllers_differ(used, other):
                continue
            mine, theirs = host.controller_of(used), host.controller_of(other)
            if autoconnect_priority(used) != autoconnect_priority(other):
                best = max((used, other), key=autoconnect_priority)
                which = f"its autoconnect prefers {best.label}, which has the higher autoconnect-priority"
            else:
                which = "with equal autoconnect-priority the one activated last wins, which no file says"
            yield Violation(
                theirs.written.span,
                f"{iface.device} is a port of {theirs.device} here but of {mine.device} in {used.label}, and "
                f"both autoconnect: NetworkManager activates one profile per device ({which}), so {iface.device} "
                f"joins {theirs.device} or {mine.device} and the other is a port short; keep one profile or set "
                "autoconnect=false on the other",
                related=(Related(mine.written.span, f"{iface.device} attached to {mine.device}"),),
            )


def _master_bonds(host: HostModel) -> Iterator[tuple[Bond, Interface]]:
    for bond in host.bonds.values():
        if bond.interface is not None:
            yield bond, bond.interface


def _port_names(bond: Bond) -> list[str]:
    """The bond's ports as a message names them: device, else the MAC NetworkManager matches."""
    return [s.device for s in bond.slaves] + [p.device or f"port by MAC {p.mac.text}" for p in bond.mac_ports]


@rule("BL208", "bond-without-slaves", Severity.WARNING)
def bond_without_slaves(host: HostModel) -> Iterator[Violation]:
    """A bond master that no live ifcfg file enslaves.

    ## What it checks
    A bond defined by a live ifcfg file, with no live file saying `MASTER=`
    its name.

    ## Why it matters
    The bond comes up with no slaves: no carrier, so its IP address and any
    route or bridge on top of it are unreachable.

    ## Example
    ```
    # ifcfg-bond0 exists; ifcfg-eth0 and ifcfg-eth1 say MASTER=bond1
    ```
    Use instead: `MASTER=bond0` in the slaves' files.

    ## Fix
    Add `MASTER=<bond>` and `SLAVE=yes` to the NICs meant to carry it, or
    remove the unused bond.

    ## Notes
    Slaves NetworkManager finds by `MASTER_UUID` or by the bond's connection
    NAME count as slaves, and so do keyfile ports with no interface-name that
    NetworkManager binds to a NIC by `mac-address`.
    """
    for bond, iface in _master_bonds(host):
        if bond.port_count or host.ports_by_profile(bond) or host.refused_port_of(bond):
            continue
        if iface.keyfile is not None:
            names = f"no profile names {bond.name} as its controller (controller= by interface-name or uuid, or a live ifcfg MASTER=)"
        else:
            names = f"no live ifcfg file has MASTER={bond.name}"
        yield Violation(
            iface.file.span_of("DEVICE"),
            f"{names}: {bond.name} comes up without slaves and has no carrier",
        )


@rule("BL209", "single-slave-bond", Severity.INFO)
def single_slave_bond(host: HostModel) -> Iterator[Violation]:
    """A bond with exactly one slave: no redundancy.

    ## What it checks
    A bond defined by a live ifcfg file with exactly one live slave file.

    ## Why it matters
    The point of bonding is to survive a link, NIC or switch-port failure;
    with one slave the bond goes down with that one link.

    ## Example
    ```
    # only ifcfg-eth0 says MASTER=bond0
    ```
    Use instead: two or more slaves, ideally on different NICs and switches.

    ## Fix
    Add a second slave (`MASTER=bond0`, `SLAVE=yes`).
    """
    for bond, iface in _master_bonds(host):
        if bond.port_count == 1 and not host.ports_by_profile(bond) and not host.refused_port_of(bond):
            yield Violation(
                iface.file.span_of("DEVICE"),
                f"{bond.name} has one slave ({_port_names(bond)[0]}): a single link or port failure "
                "takes the bond down",
            )


@rule("BL210", "onboot-divergence", Severity.INFO)
def onboot_divergence(host: HostModel) -> Iterator[Violation]:
    """A slave or master whose ONBOOT disagrees with the rest of its bond.

    ## What it checks
    - a slave with `ONBOOT=no`;
    - a bond master with `ONBOOT=no` while one of its slaves says yes.

    ## Why it matters
    initscripts enslave every slave when the master comes up, ignoring the
    slave's ONBOOT=no, while NetworkManager honours it (autoconnect off), so
    the two stacks build different bonds. A master with ONBOOT=no brings
    nothing up at boot: its slaves are skipped (SLAVE=yes) and wait for it.

    ## Example
    ```
    # ifcfg-eth1
    MASTER=bond0
    SLAVE=yes
    ONBOOT=no
    ```
    Use instead:
    ```
    MASTER=bond0
    SLAVE=yes
    ONBOOT=yes
    ```

    ## Fix
    Use the same ONBOOT on the master and its slaves.

    ## Notes
    ONBOOT is read as initscripts do: only a value starting with "no" (any
    case) means no; a missing ONBOOT means yes.
    """
    for iface in host.interfaces.values():
        if iface.keyfile is not None:
            controller = host.interfaces.get(iface.master or "")
            ports_follow = controller is not None and controller.keyfile is not None and controller.keyfile.autoconnect_ports
            if iface.is_slave and not iface.keyfile.autoconnect and not ports_follow:
                yield Violation(
                    iface.file.span_of("ONBOOT"),
                    f"port of {iface.master} with autoconnect=false: NetworkManager does not activate it at boot "
                    f"(unless {iface.master} sets autoconnect-ports=1), so {iface.master} comes up without it",
                )
            continue
        if iface.is_slave and not iface.onboot:
            yield Violation(
                iface.file.span_of("ONBOOT"),
                f"slave of {iface.master} with ONBOOT={quoted(iface.value('ONBOOT') or '')}: initscripts "
                "enslave it anyway when the bond comes up, NetworkManager leaves it out",
            )
    for bond, iface in _master_bonds(host):
        on = [s.device for s in bond.slaves if s.onboot]
        if not iface.onboot and on and iface.keyfile is None:  # a port NM autoconnects activates its controller
            yield Violation(
                iface.file.span_of("ONBOOT"),
                f"{bond.name} has ONBOOT={quoted(iface.value('ONBOOT') or '')} while ONBOOT is yes for its "
                f"slaves ({', '.join(on)}): slaves wait for their master, so nothing comes up at boot",
            )


@rule("BL211", "primary-not-slave", Severity.WARNING)
def primary_not_slave(host: HostModel) -> Iterator[Violation]:
    """`primary=` names a device that is not a slave of this bond.

    ## What it checks
    `primary=X` in the bond's effective options (BONDING_OPTS, else module
    options) where X is not a live slave of the bond.

    ## Why it matters
    The write to `/sys/class/net/bond0/bonding/primary` fails (or the module
    ignores it), so no primary is used and the active slave is whichever came
    up first: traffic may sit on the slower or the less trusted link.

    ## Example
    ```
    BONDING_OPTS="mode=active-backup miimon=100 primary=eth2"
    # slaves: eth0, eth1
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=active-backup miimon=100 primary=eth0"
    ```

    ## Fix
    Name one of the bond's slaves, or drop `primary=`.

    ## Notes
    Where the bond's keyfile ports carry no interface-name (NetworkManager
    binds them to a NIC by `mac-address`) and the tree names no NIC with
    that MAC, the primary cannot be checked: an info says so.
    """
    for bond, _iface in _master_bonds(host):
        slaves = {s.device for s in bond.slaves} | {p.device for p in bond.mac_ports if p.device}
        unnamed = [p.mac.text for p in bond.mac_ports if p.device is None]
        for opt in bond.options:
            if opt.key != "primary" or not opt.value or opt.value in slaves:
                continue
            if unnamed:
                yield Violation(
                    opt.span,
                    f"primary={opt.value} is not a named port of {bond.name}; NetworkManager binds its "
                    f"port{'s' if len(unnamed) > 1 else ''} by MAC ({', '.join(unnamed)}) to NICs the tree does "
                    f"not name: if none of them is {opt.value}, no primary is used",
                    severity=Severity.INFO,
                )
                continue
            have = ", ".join(sorted(slaves)) if slaves else "none"
            yield Violation(
                opt.span,
                f"primary={opt.value} is not a slave of {bond.name} (slaves: {have}): "
                "the primary setting is rejected and no primary is used",
            )


@rule("BL212", "bond-ip-with-bridge", Severity.WARNING)
def bond_ip_with_bridge(host: HostModel) -> Iterator[Violation]:
    """A bond master has both BRIDGE= and an IP address.

    ## What it checks
    A live bond master file with a non-empty `BRIDGE=` and `IPADDR*`.

    ## Why it matters
    `ifup-eth` adds the bond to the bridge and flushes its addresses: the
    IPADDR in the bond's file is never configured, and the host is not
    reachable where the admin expects it.

    ## Example
    ```
    DEVICE=bond0
    BONDING_OPTS="mode=4 miimon=100"
    BRIDGE=br0
    IPADDR=10.0.0.5
    ```
    Use instead:
    ```
    # ifcfg-bond0
    DEVICE=bond0
    BONDING_OPTS="mode=4 miimon=100"
    BRIDGE=br0
    # ifcfg-br0
    DEVICE=br0
    TYPE=Bridge
    IPADDR=10.0.0.5
    ```

    ## Fix
    Move IPADDR/NETMASK/GATEWAY to the bridge's ifcfg file.
    """
    for bond, iface in _master_bonds(host):
        bridge = iface.bridge
        if bridge is None:
            continue
        addrs = [
            (name, v)
            for name, v in iface.file.assigned()
            if name.startswith("IPADDR") and iface.file.value(name)
            and v.statement == iface.file.located(name).statement
        ]
        if addrs:
            name, a = addrs[0]
            yield Violation(
                a.span,
                f"{bond.name} is a port of bridge {bridge} and also has {name}={iface.value(name)}: "
                f"ifup-eth flushes the bond's addresses; the IP belongs in ifcfg-{bridge}",
            )


_BOND_NAME = re.compile(r"bond\d+")


@rule("BL213", "bond-name-without-bond", Severity.WARNING)
def bond_name_without_bond(host: HostModel) -> Iterator[Violation]:
    """A device named `bondN` that nothing makes a bond.

    ## What it checks
    A live ifcfg file whose device (DEVICE, else the file's suffix) is
    `bond<N>` but that has no BONDING_OPTS, no `TYPE=Bond`, no
    `BONDING_MASTER=yes`, no `alias bond<N> bonding` in the module
    configuration, and that no live file names as MASTER (a slave naming it
    is BL202's).

    ## Why it matters
    The name alone makes nothing: initscripts treat the file as a plain
    Ethernet device and `ifup` fails with "Device bond0 does not seem to be
    present" (no NIC has that name), or NetworkManager makes an Ethernet
    profile that matches no device. The admin believes a bond is configured.

    ## Example
    ```
    # ifcfg-bond0
    DEVICE=bond0
    IPADDR=192.0.2.10
    ```
    Use instead:
    ```
    DEVICE=bond0
    TYPE=Bond
    BONDING_MASTER=yes
    BONDING_OPTS="mode=active-backup miimon=100"
    IPADDR=192.0.2.10
    ```

    ## Fix
    Add `BONDING_OPTS` (and `TYPE=Bond`, `BONDING_MASTER=yes`), or
    `alias bond0 bonding` on RHEL 5, and point slaves at it with `MASTER=`.
    """
    masters = {master for _, master in _slave_files(host)}
    for device, iface in sorted(host.interfaces.items()):
        if not _BOND_NAME.fullmatch(device) or iface.kind in ("bond", "alias", "slave") or device in masters:
            continue
        yield Violation(
            iface.file.span_of("DEVICE") if iface.get("DEVICE") is not None else iface.file.first_line(),
            f"{device} is named like a bond but nothing makes it one (no BONDING_OPTS, TYPE=Bond, "
            f"BONDING_MASTER=yes or 'alias {device} bonding', and no file has MASTER={device}): "
            "it is brought up as a plain Ethernet device, which does not exist",
        )


#: The bond's MTU when its file sets none: the kernel's Ethernet default.
DEFAULT_MTU = 1500


@rule("BL214", "mtu-mismatch", Severity.WARNING)
def mtu_mismatch(host: HostModel) -> Iterator[Violation]:
    """A VLAN or bridge above a bond asks for a larger MTU than the bond has, or a slave's MTU is never applied.

    ## What it checks
    A live VLAN whose parent is a bond, or a bridge one of whose ports is a
    bond, with an MTU larger than the bond's (its `MTU=`, else 1500). And on
    RHEL 5, `MTU=` in a slave's file: that release's ifup-eth enslaves the
    NIC and exits before it applies MTU.

    ## Why it matters
    A VLAN device cannot be larger than the device it runs on: `ip link set
    mtu 9000` on `bond0.100` fails while bond0 has 1500, so jumbo frames
    the admin configured never flow (or are dropped at the bond). A slave's
    own MTU on RHEL 5 is silently ignored: the bond's MTU is what runs.

    ## Example
    ```
    # ifcfg-bond0
    MTU=1500
    # ifcfg-bond0.100
    MTU=9000
    ```
    Use instead: `MTU=9000` on bond0 as well (the bond passes it to its slaves).

    ## Fix
    Set the MTU on the bond, at least as large as every VLAN or bridge
    above it; on RHEL 5 move a slave's MTU to the bond.

    ## Notes
    Only RHEL 5's slave MTU is reported: from RHEL 6 on, ifup-eth applies a
    slave's MTU before enslaving it.
    """
    bonds = {name: b.interface for name, b in host.bonds.items() if b.interface is not None}
    for device, iface in sorted(host.interfaces.items()):
        own = iface.mtu
        if own is None:
            continue
        lower = []
        if iface.kind == "vlan" and iface.vlan_parent in bonds:
            lower = [bonds[iface.vlan_parent]]
        elif iface.kind == "bridge":
            lower = [b for b in bonds.values() if b.bridge == device]
        for bond in lower:
            theirs = bond.mtu
            bond_mtu, how = (theirs[0], f"MTU={theirs[0]}") if theirs else (DEFAULT_MTU, "no MTU, so 1500")
            if own[0] > bond_mtu:
                yield Violation(
                    own[1].span,
                    f"{device} asks for MTU={own[0]} but runs on {bond.device}, which has {how}: "
                    f"an upper device cannot be larger than the bond, so MTU {own[0]} is refused",
                    related=(Related(theirs[1].span, f"{bond.device}'s MTU"),) if theirs else (),
                )
        if iface.kind == "slave" and not host.capabilities.applies_slave_mtu and iface.master in bonds:
            yield Violation(
                own[1].span,
                f"MTU={own[0]} on slave {device} is never applied: RHEL 5's ifup-eth enslaves it to "
                f"{iface.master} and exits before setting MTU; the bond's MTU is what runs",
            )


@rule("BL215", "ipoib-port-mode", Severity.ERROR)
def ipoib_port_mode(host: HostModel) -> Iterator[Violation]:
    """An InfiniBand port in a bond whose mode is not active-backup, or beside Ethernet ports.

    ## What it checks
    A bond with a port the configuration shows to be InfiniBand (`TYPE=InfiniBand`,
    a keyfile `type=infiniband`, or a 20-byte HWADDR) whose effective mode is not
    1 (active-backup); and a bond mixing such a port with one shown to be Ethernet
    (`TYPE=Ethernet`, keyfile `type=ethernet`, a 6-byte HWADDR).

    ## Why it matters
    The kernel's `bond_enslave` refuses the port: "Only active-backup mode is
    supported for infiniband slaves" (IPoIB has no MAC the bond could share or
    rewrite), and "Device type is different from other slaves" when a bond already
    holding one link type is given the other. The port is never enslaved; the
    bond runs without it, or with no port at all.

    ## Example
    ```
    # ifcfg-bond0
    BONDING_OPTS="mode=802.3ad miimon=100"
    # ifcfg-ib0
    TYPE=InfiniBand
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=active-backup miimon=100"
    ```

    ## Fix
    Run the bond in active-backup (mode 1) and give it InfiniBand ports only;
    put Ethernet ports in a bond of their own.

    ## Notes
    An `ib*` device name alone is no evidence: only TYPE, the keyfile type or
    the 20-byte hardware address make a port InfiniBand. The check is read in
    `drivers/net/bonding/bond_main.c` `bond_enslave()` of mainline kernels 4.x
    to 6.x (the wording above is 5.x's netlink message; 4.x logs "Type (%d)
    supports only active-backup mode"); it is not verified for the 2.6.18 and
    2.6.32 kernels of RHEL 5 and 6.
    """
    for name, bond in sorted(host.bonds.items()):
        kinds = [(port, port.link_layer) for port in bond.slaves]
        infiniband = [(port, layer[1], layer[2]) for port, layer in kinds if layer is not None and layer[0] == "infiniband"]
        ethernet = [(port, layer[1]) for port, layer in kinds if layer is not None and layer[0] == "ethernet"]
        if not infiniband:
            continue
        names = ", ".join(port.device for port, _, _ in infiniband)
        if bond.mode != 1:
            port, sign, key = infiniband[0]
            mode = f"mode {bond.mode} ({bond.mode_name}, {bond.mode_source})"
            yield Violation(
                sign.span,
                f"{port.device} is an InfiniBand port ({port.file.written_as(key)}={sign.text}) of "
                f"{name}, which runs {mode}: the kernel refuses to enslave {names} (\"Only active-backup mode is "
                "supported for infiniband slaves\"); use mode=active-backup",
                related=tuple(Related(s.span, f"{p.device} is InfiniBand") for p, s, _ in infiniband[1:])
                + ((Related(bond.mode_option.span, f"{name}'s mode"),) if bond.mode_option is not None else ()),
            )
        if ethernet:
            port, sign = ethernet[0]
            yield Violation(
                sign.span,
                f"{name} mixes InfiniBand ports ({names}) with Ethernet ports "
                f"({', '.join(p.device for p, _ in ethernet)}): the kernel enslaves only ports of the first "
                "port's link type (\"Device type is different from other slaves\"); give each link type its own bond",
                related=tuple(Related(s.span, f"{p.device} is InfiniBand") for p, s, _ in infiniband),
            )
