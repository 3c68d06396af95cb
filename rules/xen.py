"""BL6xx: Xen's xend-config.sxp and the network-bridge script (semantics.md 1.4 and 2 G)."""

from __future__ import annotations

from typing import Iterator

from bondlint.rule_api import Edit, Fix, Related, Severity, Violation, from_problems, rule
from bondlint.model.host import Bond, HostModel, Interface
from bondlint.model.values import Located, clean
from bondlint.model.xen import XenNetwork
from bondlint.syntax.span import Span

#: Modes guests cannot use behind a bridge (RHVIRT): errors; broadcast is a warning.
_BRIDGE_BAD_MODES: frozenset[int] = frozenset({0, 5, 6})
_BRIDGE_POOR_MODES: frozenset[int] = frozenset({3})
#: What each of those modes does to guests behind the bridge.
_MODE_HARM: dict[int, str] = {
    0: "it spreads every flow over all ports with no switch group, so guest MACs flap between ports",
    3: "it sends every guest frame out of every port, so the switch sees duplicates",
    5: "it sends from each slave's own MAC, so the bridge and switch learn guests on the wrong port",
    6: "it rewrites ARP replies with each slave's MAC, so guests' MACs are learnt on the wrong port",
}
#: What makes network-bridge's `eval "$arg"` run a command (xen-script-common.sh evalVariables).
_INJECTION = ("$(", "`", ";")



def _enslaved_here(iface: Interface) -> tuple[Related, ...]:
    master = iface.located("MASTER")
    return (Related(master.span, f"{iface.device} is enslaved here"),) if master is not None else ()


def _bond_uses(host: HostModel) -> dict[str, list[tuple[Span, str]]]:
    """Bonds used as a bridge uplink, each with where and how (netdev=, BRIDGE=)."""
    uses: dict[str, list[tuple[Span, str]]] = {}
    xen = host.xen
    if xen is not None and xen.runs_network_bridge:
        arg = xen.args.get("netdev")
        if arg is not None:
            if arg.text in host.bonds:
                uses.setdefault(arg.text, []).append((arg.span, f"the Xen network-bridge uplink (netdev={arg.text})"))
        else:
            default = xen.default_netdev
            if default is not None and default.device in host.bonds and xen.script_span is not None:
                uses.setdefault(default.device, []).append(
                    (xen.script_span, f"the Xen network-bridge uplink by default ({default.how})")
                )
    for name, bond in host.bonds.items():
        iface = bond.interface
        if iface is None:
            continue
        bridge = iface.bridge
        if bridge is not None:
            written = f"{iface.file.written_as('BRIDGE')}={bridge}"
            uses.setdefault(name, []).append((iface.located("BRIDGE").span, f"a port of bridge {bridge} ({written})"))
        for vlan in host.bridged_vlans(name):
            written = f"{vlan.file.written_as('BRIDGE')}={vlan.bridge}"
            uses.setdefault(name, []).append(
                (vlan.located("BRIDGE").span, f"a port of bridge {vlan.bridge} through VLAN {vlan.device} ({written})")
            )
    return uses


#: The sxp parser's problems: xend's own description, and what it means.
_PARSE_ERRORS = {"sxp-error": lambda p: f"{p.details['error']}: xend will not start"}


@rule("BL601", "sxp-parse-error", Severity.ERROR, scope="file", problems=_PARSE_ERRORS)
def sxp_parse_error(host: HostModel) -> Iterator[Violation]:
    """xend-config.sxp does not parse, so xend refuses to start.

    ## What it checks
    `/etc/xen/xend-config.sxp` read with xend's own s-expression rules: an
    unbalanced `(`, a `)` at top level, a string left open at the end of the
    file, a character outside printable ASCII where a value starts, or an
    escape out of range (`\\400`, `\\x` without two hex digits).

    ## Why it matters
    xend parses the whole file at start-up and raises `ParseError` on the
    first error: it logs "Reading config file ..." and exits. No domain
    starts, no `xm` command works, and the network-script never runs, so the
    bridge for the guests never exists.

    ## Example
    ```
    (network-script 'network-bridge netdev=bond0)
    (vif-script vif-bridge)
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0')
    (vif-script vif-bridge)
    ```

    ## Fix
    Close the string or list at the place shown, remove the stray `)` or the
    control character, and check with `python -c "from xen.xend import sxp;
    sxp.parse(open('/etc/xen/xend-config.sxp'))"` on the dom0.

    ## Notes
    bondlint keeps reading after an error, so every error of the file is
    reported and the other rules still see the lists that did parse.

    ## References
    Xen `tools/python/xen/xend/sxp.py`, `XendOptions.set_config`.
    """
    yield from from_problems(host, _PARSE_ERRORS)


@rule("BL602", "network-script-unquoted", Severity.ERROR, scope="file", fix="sometimes")
def network_script_unquoted(host: HostModel) -> Iterator[Violation]:
    """`(network-script network-bridge netdev=bond0)` without quotes: xend drops the arguments.

    ## What it checks
    The `(network-script ...)` setting xend uses (the first one) holds more
    than one value.

    ## Why it matters
    xend reads a setting as the first value of its list
    (`sxp.child_value`). Unquoted, `netdev=bond0` is a second atom and is
    silently lost: network-bridge runs with its defaults and bridges `eth0`
    on Xen 3.0/3.1, which on a bonded host is a slave of the bond. The
    slave is ifdowned, renamed and bridged on its own, and dom0 loses the
    network the bond was supposed to give it.

    ## Example
    ```
    (network-script network-bridge netdev=bond0)
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0')
    ```

    ## Fix
    Put the script and its arguments in one quoted string, as the comment in
    the stock xend-config.sxp shows. `bondlint --fix` does it when every
    value is a bare word (no quotes, backslashes or nested lists) and only
    blanks separate them, joining them with single spaces as xend splits them.

    ## Notes
    A network-script list left open at the end of the file swallows every
    later setting; that is reported once, as BL601, not here.

    ## References
    Xen `sxp.child_value`; stock `xend-config.sxp`:
    `(network-script 'network-bridge netdev=eth1')`.
    """
    xen = host.xen
    if xen is None or not xen.written or not xen.closed:
        return
    args = xen.written
    if len(args) < 2:
        return
    first, extra = args[0], args[1:]
    dropped = " ".join(a.text for a in extra)
    start, end = extra[0].span, extra[-1].span
    span = Span(start.path, start.line, start.column, end.end_line, end.end_column, start.start, end.end)
    shown = first.text
    yield Violation(
        span,
        f"network-script has {len(args)} values: xend runs only {shown} and silently drops "
        f"'{dropped}'; quote the whole command: (network-script '{shown.strip(chr(39) + chr(34))} {dropped}')",
        fix=_quote_script_fix(xen, args),
    )


def _quote_script_fix(xen: XenNetwork, args: tuple[Located, ...]) -> Fix | None:
    """One single-quoted string of the bare words, where nothing but blanks sits between them."""
    if not xen.written_bare or any(set(a.text) & set("'\"\\") for a in args):
        return None
    if any(marker in a.text for a in args for marker in _INJECTION):
        return None  # quoted, network-bridge would eval it (BL605): no automatic repair
    first, last = args[0].span, args[-1].span
    span = Span(first.path, first.line, first.column, last.end_line, last.end_column, first.start, last.end)
    command = " ".join(a.text for a in args)
    return Fix.safe(f"quote the network-script command: '{command}'", Edit.replace(span, f"'{command}'"))


@rule("BL603", "duplicate-xend-key", Severity.WARNING, scope="file")
def duplicate_xend_key(host: HostModel) -> Iterator[Violation]:
    """A top-level xend setting is given twice; xend uses only the first.

    ## What it checks
    Two or more top-level lists of xend-config.sxp with the same name, such as
    two `(network-script ...)` lines.

    ## Why it matters
    xend looks a setting up with `sxp.child_value`, which returns the first
    list of that name. An administrator who appends
    `(network-script 'network-bridge netdev=bond0')` below the stock
    `(network-script network-bridge)` changes nothing: network-bridge still
    bridges the default device.

    ## Example
    ```
    (network-script network-bridge)
    (network-script 'network-bridge netdev=bond0')
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0')
    ```

    ## Fix
    Keep one line per setting: edit the first one, or delete it.

    ## References
    Xen `sxp.child`, `XendOptions.get_config_value`.
    """
    xen = host.xen
    if xen is None:
        return
    first: dict[str, Span] = {}
    for name, span, name_span in xen.settings:
        if name not in first:
            first[name] = span
            continue
        kept = first[name]
        yield Violation(
            name_span,
            f"({name} ...) is given again here; xend uses only the first one, at line {kept.line}",
            related=(Related(kept, f"the ({name} ...) xend uses"),),
        )


@rule("BL604", "network-script-spacing", Severity.WARNING, scope="file", fix="sometimes")
def network_script_spacing(host: HostModel) -> Iterator[Violation]:
    """A double space or a tab inside the quoted network-script string.

    ## What it checks
    The quoted `(network-script '...')` string xend uses contains two spaces
    in a row or a tab.

    ## Why it matters
    xend splits the string with Python's `split(" ")`: single spaces only.
    Two spaces give network-bridge an empty argument; a tab is no separator
    at all, so `'network-bridge<TAB>netdev=bond0'` runs a script called
    `network-bridge\\tnetdev=bond0`, which does not exist, and
    `'network-bridge netdev=bond0<TAB>bridge=xenbr0'` sets netdev to
    `bond0\\tbridge=xenbr0`.

    ## Example
    ```
    (network-script 'network-bridge  netdev=bond0')
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0')
    ```

    ## Fix
    Separate the script and each argument with exactly one space.
    `bondlint --fix` turns each run of blanks into one space (and removes a
    run at either end of the string), where the quoted string maps back to
    the file character for character.

    ## References
    Xen `XendOptions.get_network_script`, `Vifctl.network`.
    """
    xen = host.xen
    if xen is None:
        return
    located = xen.value
    if located is None or not xen.quoted:
        return
    value = located.text
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\t" or value.startswith("  ", i):
            j = i
            while j < len(value) and value[j] in " \t":
                j += 1
            what = "a tab" if "\t" in value[i:j] else "a double space"
            fix = None
            if located.offsets is not None:  # sub() is then exactly these characters
                one = "" if i == 0 or j == len(value) else " "
                fix = Fix.safe(f"one space for {what}" if one else f"remove {what} at an end of the string", Edit.replace(located.sub(i, j), one))
            yield Violation(
                located.sub(i, j),
                f"{what} in the network-script string {located.raw}: xend splits it on single spaces only, "
                "so network-bridge gets an empty or glued argument; use one space",
                fix=fix,
            )
            i = j
        else:
            i += 1


@rule("BL605", "network-script-injection", Severity.ERROR, scope="file")
def network_script_injection(host: HostModel) -> Iterator[Violation]:
    """A network-script argument holds `$(`, a backtick or `;`: network-bridge evals it as root.

    ## What it checks
    Each `key=value` argument of the quoted network-script string xend uses,
    for `$(`, a backtick or `;`.

    ## Why it matters
    network-bridge passes every argument that contains `=` to
    `eval "$arg"` (`evalVariables` in xen-script-common.sh). Whatever the
    substitution or the command after `;` does, root does it every time xend
    starts, and the variable ends up with a value nobody wrote down.

    ## Example
    ```
    (network-script 'network-bridge netdev=$(cat /etc/xen/uplink)')
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0')
    ```

    ## Fix
    Write literal device and bridge names. Logic belongs in a wrapper script
    named as the network-script.

    ## Notes
    Arguments without `=` are not evaluated, so they are left alone.

    ## References
    Xen `tools/examples/xen-script-common.sh` `evalVariables`.
    """
    xen = host.xen
    if xen is None:
        return
    for i, (word, span) in enumerate((w.text, w.span) for w in xen.words):
        if i == 0 or "=" not in word:
            continue
        found = [p for p in _INJECTION if p in word]
        if found:
            shown = ", ".join("a backtick" if p == "`" else f"'{p}'" for p in found)
            yield Violation(
                span,
                f"network-script argument {word!r} contains {shown}: network-bridge runs "
                f"eval \"$arg\" on it as root when xend starts; write a literal value",
            )


@rule("BL606", "netdev-not-configured", Severity.ERROR)
def netdev_not_configured(host: HostModel) -> Iterator[Violation]:
    """network-bridge's `netdev=` names a device that is not configured to come up on its own.

    ## What it checks
    `netdev=X` in the network-script string, when X has no live `ifcfg`
    file, is a bond slave (has `MASTER=`), or has `ONBOOT=no`.

    ## Why it matters
    network-bridge runs `ifdown X`, renames X to `pX`, bridges it and brings
    the dom0 side up with `ifup`. On a device with no configuration or that
    is down at boot, the bridge is built on nothing and dom0 has no address.
    Bridging a bond slave pulls it out of the bond's control: the bond loses
    the port, and the switch sees two different things on one LACP group.

    ## Example
    ```
    # xend-config.sxp
    (network-script 'network-bridge netdev=eth0')
    # ifcfg-eth0
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0')
    ```

    ## Fix
    Name the bond (or another device with its own live, ONBOOT=yes ifcfg
    file) as `netdev=`.

    ## Notes
    A value computed with `$(...)` or backticks is left to BL605.
    Only the network-bridge script is checked; a wrapper script's arguments
    mean whatever the wrapper makes of them.

    ## References
    Xen `tools/examples/network-bridge`.
    """
    xen = host.xen
    if xen is None or not xen.runs_network_bridge:
        return
    arg = xen.args.get("netdev")
    if arg is None:
        return
    name, span = arg.text, arg.span
    if any(c in name for c in "$`"):
        return  # computed by eval at run time: BL605's business, not a device name
    iface = host.interfaces.get(name)
    if iface is None:
        yield Violation(
            span,
            f"netdev={name} names no live ifcfg file with DEVICE={name}: network-bridge bridges a "
            "device the boot never configures",
        )
    elif iface.is_slave:
        yield Violation(
            span,
            f"netdev={name} is a slave of {iface.master} (MASTER={iface.master} in {iface.file.rel}): "
            f"network-bridge takes it out of the bond and bridges it alone; use netdev={iface.master}",
            related=_enslaved_here(iface),
        )
    elif not iface.onboot:
        onboot = iface.located("ONBOOT")
        yield Violation(
            span,
            f"netdev={name} has ONBOOT={clean(iface.value('ONBOOT'))} in {iface.file.rel}: the device is "
            "down when xend starts, so the bridge has no uplink",
            related=(Related(onboot.span, "ONBOOT is set here"),) if onboot is not None else (),
        )


@rule("BL607", "netdev-default-hits-slave", Severity.ERROR)
def netdev_default_hits_slave(host: HostModel) -> Iterator[Violation]:
    """network-bridge runs without `netdev=`, and the device it picks by default is a bond slave.

    ## What it checks
    xend's network-script is network-bridge with no `netdev=` argument (none
    written, or dropped because the string is unquoted, BL602), and the
    default device is a slave (`MASTER=`) in a live ifcfg file. The default
    is `eth${vifnum}` on Xen 3.0/3.1 (RHEL/CentOS 5), vifnum being the
    digits of the default-route device, so a default route on `bond0` gives
    `eth0`; on Xen 3.3+ it is the default-route device itself.

    ## Why it matters
    network-bridge runs `ifdown eth0`, renames it `peth0`, sets its MAC to
    `fe:ff:ff:ff:ff:ff` and bridges it alone. The bond loses a slave, the
    switch sees that port leave the LACP group, and dom0's traffic goes
    through a veth on a single NIC instead of through the bond.

    ## Example
    ```
    # xend-config.sxp
    (network-script network-bridge)
    # ifcfg-eth0
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0')
    ```

    ## Fix
    Name the bond explicitly: `(network-script 'network-bridge netdev=bond0')`.

    ## Notes
    The default-route device is GATEWAYDEV, else the one ONBOOT interface
    whose ifcfg sets GATEWAY. When the config does not decide it, Xen 3.0/3.1
    is taken to use vifnum 0 (eth0), and on Xen 3.3+ the rule stays silent.
    Releases other than el5 are taken to run Xen 3.3+ scripts.

    ## References
    Xen 3.0.3/3.1 and 3.3 `tools/examples/network-bridge`.
    """
    xen = host.xen
    if xen is None or xen.default_netdev is None or xen.script_span is None or "netdev" in xen.args:
        return
    default = xen.default_netdev
    name = default.device
    iface = host.interfaces.get(name)
    if iface is None or not iface.is_slave:
        return
    dropped = " (the arguments after it are dropped: the string is not quoted)" if len(xen.written) > 1 else ""
    shown = xen.value.raw if xen.value is not None else "network-bridge"
    rivals = "".join(
        f"; {r.device} ({r.how}, ONBOOT=yes) may take the default route at boot instead, giving {r.netdev}"
        for r in default.rivals
    )
    yield Violation(
        xen.script_span,
        f"network-script {shown} has no netdev=, so network-bridge bridges {name} ({default.how}){dropped}, "
        f"but {name} is a slave of {iface.master}: it is pulled out of the bond{rivals}; "
        f"use (network-script 'network-bridge netdev={iface.master}')",
        related=_enslaved_here(iface),
    )


def _mode_span(bond: Bond, fallback: Span) -> Span:
    opt = bond.mode_option
    if opt is None:
        return fallback
    return opt.value_place


@rule("BL608", "bridge-over-incompatible-mode", Severity.ERROR)
def bridge_over_incompatible_mode(host: HostModel) -> Iterator[Violation]:
    """A bond under a bridge runs in a mode guests cannot use (balance-rr, -tlb, -alb, broadcast, ARP monitoring).

    ## What it checks
    A bond that is the Xen network-bridge `netdev=` (written, or the
    default-route device on Xen 3.3+), or that has `BRIDGE=` in its ifcfg
    (a keyfile's bridge `controller=`), or carries a VLAN that has one
    (`ifcfg-bond0.15` with `BRIDGE=br15`; a keyfile `[vlan] parent=bond0`
    with `controller=br15`: the guests' frames cross the bond all the same),
    and whose effective mode is 0 (balance-rr), 5 (balance-tlb) or
    6 (balance-alb): an error. Mode 3 (broadcast), or `arp_interval` above
    0 in any mode: a warning.

    ## Why it matters
    balance-alb rewrites the source MAC of ARP replies with each slave's
    MAC, and balance-tlb/alb send from several MACs: the bridge and the
    switch learn the guests' MACs on the wrong port, and guests lose
    traffic until the next ARP. balance-rr sprays one flow over every port
    with no switch grouping, so the switch sees the bridge's MACs flap.
    Red Hat's virtualization guides: "Under no circumstances should Modes
    0, 3, 5, or 6 be used" with bridged guests, and ARP monitoring does not
    work there either. Use 1, 2 or 4.

    ## Example
    ```
    # xend-config.sxp
    (network-script 'network-bridge netdev=bond0')
    # ifcfg-bond0
    BONDING_OPTS="mode=6 miimon=100"
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=4 miimon=100"
    ```

    ## Fix
    Use mode 4 (802.3ad, with the switch ports in an LACP group),
    active-backup (1) or balance-xor (2), with `miimon` instead of
    `arp_interval`.

    ## Notes
    A bond with no mode written runs mode 0 and is reported as such.

    ## References
    RHEL 6 Virtualization Administration Guide §18.2; RHEL 7 Virtualization
    Deployment Guide §17.2; RHV 4.1 Technical Reference §3.5; kernel
    `Documentation/networking/bonding.rst` (balance-alb).
    """
    for name, uses in _bond_uses(host).items():
        bond = host.bonds[name]
        where, how = uses[0]
        related = tuple(Related(s, f"{name} is {h}") for s, h in uses)
        if bond.mode in _BRIDGE_BAD_MODES or bond.mode in _BRIDGE_POOR_MODES:
            written = (" (the mode written is invalid, BL302: the default)" if not bond.mode_valid
                       else "" if bond.mode_option is not None else " (no mode written: the default)")
            bad = bond.mode in _BRIDGE_BAD_MODES
            yield Violation(
                _mode_span(bond, where),
                f"{name} is {how} but runs mode {bond.mode} ({bond.mode_name}){written}: "
                + _MODE_HARM[bond.mode]
                + "; use mode 1, 2 or 4 for a bridged bond",
                severity=Severity.ERROR if bad else Severity.WARNING,
                related=related,
            )
            continue
        arp = bond.option("arp_interval")
        if arp is not None and arp.value.strip().isdigit() and int(arp.value) > 0:
            yield Violation(
                arp.value_place,
                f"{name} is {how} and uses ARP monitoring (arp_interval={arp.value}): ARP monitoring "
                "does not work with bridged guests; use miimon",
                severity=Severity.WARNING,
                related=related,
            )


@rule("BL609", "xen-bond-slaves-released", Severity.WARNING)
def xen_bond_slaves_released(host: HostModel) -> Iterator[Violation]:
    """network-bridge bridges a bond, and the host's script lacks the bonding fix: the slaves are released.

    ## What it checks
    `netdev=<bond>` in the network-script string, and the host has
    `/etc/xen/scripts/network-bridge` without any handling of
    `bonding/slaves` (the fix of Xen commit 744ba6479a, 2009).

    ## Why it matters
    network-bridge runs `ifdown bond0`, and ifdown-eth ifdowns every
    `MASTER=bond0` slave, which releases it from the bond. The old script
    never enslaves them again: `pbond0` goes on the bridge with no slaves,
    so dom0 and every guest lose the network as soon as xend starts. On Xen
    3.0/3.1 the real bond is then `pbond0` in `/proc/net/bonding`.

    ## Example
    ```
    # xend-config.sxp
    (network-script 'network-bridge netdev=bond0')
    # etc/xen/scripts/network-bridge: stock Xen 3.0.3, no bonding/slaves
    ```
    Use instead:
    ```
    # xend-config.sxp
    (network-script /bin/true)
    # ifcfg-xenbr0
    DEVICE=xenbr0
    TYPE=Bridge
    # ifcfg-bond0
    BRIDGE=xenbr0
    ```

    ## Fix
    Build the bridge with initscripts (`TYPE=Bridge` ifcfg-xenbr0 and
    `BRIDGE=xenbr0` in ifcfg-bond0) and set `(network-script /bin/true)`,
    or install a network-bridge that saves `/sys/class/net/<bond>/bonding/slaves`
    and re-enslaves them.

    ## Notes
    Without the script in the audited tree nothing is known about it, and the
    rule stays silent; so does it when the script cannot be read.

    ## References
    Xen `network-bridge` 3.0.3/3.1/3.3; commit 744ba6479a "network-bridge:
    Fix for bonding"; initscripts `ifdown-eth`.
    """
    xen = host.xen
    if xen is None or not xen.runs_network_bridge:
        return
    arg = xen.args.get("netdev")
    if arg is None or arg.text not in host.bonds:
        return
    if xen.bridge_script_present and xen.bridge_script_handles_bonds is False:
        bond = host.bonds[arg.text]
        slaves = ", ".join(s.device for s in bond.slaves) or "its slaves"
        yield Violation(
            arg.span,
            f"netdev={arg.text} is a bond, and etc/xen/scripts/network-bridge has no bonding/slaves handling: "
            f"its 'ifdown {arg.text}' releases {slaves} and nothing enslaves them again, so p{arg.text} is "
            "bridged with no slaves",
        )


@rule("BL610", "xen-vif-bridge-mismatch", Severity.INFO)
def xen_vif_bridge_mismatch(host: HostModel) -> Iterator[Violation]:
    """network-bridge builds `bridge=X`, but the vif-script does not attach guests to X, and there are several bridges.

    ## What it checks
    `bridge=X` in the network-script string, while the `(vif-script ...)`
    string has no `bridge=X`, and the host has another bridge (an ifcfg
    with `TYPE=Bridge`, or a `BRIDGE=` naming another one).

    ## Why it matters
    vif-bridge attaches a guest's interface to the bridge its own
    configuration or the vif-script names, else to the first bridge it
    finds. With several bridges, guests can end up on a bridge that is not
    on the bond, with no network.

    ## Example
    ```
    (network-script 'network-bridge netdev=bond0 bridge=xenbr1')
    (vif-script vif-bridge)
    ```
    Use instead:
    ```
    (network-script 'network-bridge netdev=bond0 bridge=xenbr1')
    (vif-script 'vif-bridge bridge=xenbr1')
    ```

    ## Fix
    Give the vif-script the same `bridge=`, or name the bridge in each
    guest's `vif = [ 'bridge=...' ]`.

    ## References
    Xen stock `xend-config.sxp` comments on `vif-script`.
    """
    xen = host.xen
    if xen is None or not xen.runs_network_bridge:
        return
    arg = xen.args.get("bridge")
    if arg is None:
        return
    bridge, span = arg.text, arg.span
    others: set[str] = set()
    for iface in host.interfaces.values():
        if iface.kind == "bridge":
            others.add(iface.device)
        named = clean(iface.value("BRIDGE"))
        if named is not None:
            others.add(named)
    others.discard(bridge)
    if not others:
        return
    vif = xen.vif_bridge
    if vif == bridge:
        return
    said = f"vif-script names bridge={vif}" if vif is not None else "vif-script names no bridge="
    yield Violation(
        span,
        f"network-bridge builds bridge {bridge}, but the {said} while the host also has "
        f"{', '.join(sorted(others))}: guests may attach to the wrong bridge; "
        f"use (vif-script 'vif-bridge bridge={bridge}')",
    )
