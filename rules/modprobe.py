"""BL4xx: modprobe.conf and modprobe.d, as module-init-tools and kmod read them.

initscripts decides whether a bond "is available" from ``modprobe -c``: the
last ``alias bondN`` line, and whether ``install`` turns the module into
``/bin/true`` (semantics.md 1.3, section 2 E). Module and alias names compare
with ``-`` and ``_`` as the same character, as modprobe does.
"""

from __future__ import annotations

from typing import Iterator

from bondlint.rule_api import Edit, Fix, Related, Severity, Violation, rule, visible
from bondlint.model.host import HostModel, Interface
from bondlint.model.modules import InlineComment, ModprobeCommand
from bondlint.model.values import normalize_module
from bondlint.syntax.span import Problem, Span, whole_file_span

BONDING = "bonding"
#: Package-manager leftovers in modprobe.d that nobody expects to be read.
PACKAGE_LEFTOVERS = (".rpmnew", ".rpmsave", ".rpmorig")


def _device_span(iface: Interface) -> Span:
    device = iface.located("DEVICE")
    if device is not None:
        return device.span
    return iface.file.first_line() or whole_file_span(iface.file.path)


# ---------------------------------------------------------------------------


@rule("BL401", "bond-alias-missing", Severity.ERROR, releases=lambda r: r.bonds_by_alias)
def bond_alias_missing(host: HostModel) -> Iterator[Violation]:
    """No `alias bondN bonding` for a bond the ifcfg files configure (RHEL 5).

    ## What it checks
    On RHEL 5, for every bond master with a live ifcfg file, that the modprobe
    configuration has `alias bondN bonding` (the last `alias bondN` line is the
    one used). An error when the bond has no BONDING_OPTS, a warning when it has.

    ## Why it matters
    RHEL 5's ifup asks `modprobe -c` for the alias of the device. With none,
    and no BONDING_OPTS to load the driver another way, the bond "does not
    seem to be present, delaying initialization": it never comes up and the
    host is unreachable through it. With BONDING_OPTS, ifup loads `bonding`
    itself, but `modprobe bond0` and tools that rely on the alias still fail.
    The RHEL 5 Deployment Guide: "For each configured channel bonding
    interface, there must be a corresponding entry in /etc/modprobe.conf".

    ## Example
    ```
    # /etc/modprobe.conf
    alias eth0 e1000
    alias eth1 e1000
    options bond0 mode=4 miimon=100
    ```
    Use instead:
    ```
    alias bond0 bonding
    options bond0 mode=4 miimon=100
    alias eth0 e1000
    alias eth1 e1000
    ```

    ## Fix
    Add `alias bondN bonding` to /etc/modprobe.conf for each bond.

    ## Notes
    `alias bondN off` is BL404's. Aliases are looked up by exact name, as
    initscripts' awk over `modprobe -c` does, so a wildcard alias does not count.
    """
    last = {a.name: a for a in host.modules.aliases}
    for name, iface in host.configured_bonds.items():
        alias = last.get(name)
        module = alias.module if alias is not None else None
        if alias is not None and (alias.line.target_name == BONDING or module == "off"):
            continue
        has_opts = iface.located("BONDING_OPTS") is not None
        severity = Severity.WARNING if has_opts else Severity.ERROR
        found = f"`alias {name} {module}` does not load bonding" if module else f"no `alias {name} bonding`"
        consequence = (
            "ifup loads bonding for BONDING_OPTS, but `modprobe " + name + "` fails"
            if has_opts
            else "ifup reports the device \"does not seem to be present\" and the bond never comes up"
        )
        yield Violation(
            _device_span(iface),
            f"{name} is configured here but the modprobe configuration has {found}: {consequence}",
            severity=severity,
            related=(Related(alias.line.span, "the alias used"),) if alias is not None else (),
        )


@rule("BL402", "bond-alias-not-first", Severity.WARNING, releases=lambda r: r.bonds_by_alias, fix="sometimes",
      unsafe_fixes=True)
def bond_alias_not_first(host: HostModel) -> Iterator[Violation]:
    """In modprobe.conf, a bond's alias comes after its slaves' NIC driver aliases.

    ## What it checks
    On RHEL 5, in /etc/modprobe.conf, an `alias bondN bonding` line that comes
    after an `alias ethX <driver>` line of one of bondN's slaves.

    ## Why it matters
    The seed HOWTO's rule: "bond interface must be first, then load drivers
    for other network interfaces". The bonding documentation says the driver
    should be loaded before the NICs it enslaves; otherwise SNMP maps the
    bond's address to a slave's ifIndex, and loading bonding after the NIC
    drivers can reorder ethX names. modprobe itself matches aliases by name,
    so this is a convention check on the file's order.

    ## Example
    ```
    alias eth0 e1000
    alias bond0 bonding
    alias eth1 e1000
    ```
    Use instead:
    ```
    alias bond0 bonding
    alias eth0 e1000
    alias eth1 e1000
    ```

    ## Fix
    Move `alias bondN bonding` above the slaves' aliases. On kmod systems the
    real ordering fix is `softdep bonding pre: <nic drivers>`. `bondlint
    --fix` moves the line, as written, above the first of those aliases;
    every other line and comment stays where it is.

    ## Fix safety
    Unsafe when another `alias bondN` line names the same bond: initscripts
    use the last one, and the move may change which one that is.
    """
    conf = host.modules.modprobe_conf
    if conf is None:
        return
    seen: dict[str, ModprobeCommand] = {}
    for line in host.modules.commands_in(conf, "alias"):
        if len(line.words) < 2:
            continue
        name, module = line.words[0].text, line.words[1].text
        if line.target_name == BONDING:
            bond = host.bonds.get(name)
            ports = {s.device for s in bond.slaves} if bond is not None else set()
            earlier = [seen[s] for s in sorted(ports) if s in seen]
            if earlier:
                first = min(earlier, key=lambda ln: ln.span.start)
                slaves = [ln.words[0].text for ln in sorted(earlier, key=lambda ln: ln.span.start)]
                yield Violation(
                    line.span,
                    f"`alias {name} bonding` comes after the driver alias of its "
                    f"slave{'s' if len(slaves) > 1 else ''} {', '.join(slaves)} (line {first.span.line}): "
                    f"load bonding before the NIC drivers",
                    related=(Related(first.span, f"{first.words[0].text} is a slave of {name}"),),
                    fix=_move_alias_fix(host, line, first, name),
                )
        elif module != "off":
            seen.setdefault(name, line)


def _move_alias_fix(host: HostModel, line: ModprobeCommand, before: ModprobeCommand, name: str) -> Fix | None:
    """Cut the alias line (with its newline) and put it, byte for byte, at the start of ``before``'s line."""
    if not line.newline:
        return None  # the last line has no newline to carry along
    edits = (
        Edit.insert(before.whole_line.span, line.whole_line.text),
        Edit.delete(line.whole_line.span),
    )
    if len(host.modules.aliases_for(name)) > 1:
        return Fix.unsafe(f"move `alias {name} bonding` first (another alias {name} line: the last one wins)", *edits)
    return Fix.safe(f"move `alias {name} bonding` above the NIC driver aliases", *edits)


@rule("BL403", "nic-alias-conflict", Severity.WARNING)
def nic_alias_conflict(host: HostModel) -> Iterator[Violation]:
    """Two `alias` lines give one name different modules, or an alias names an alias.

    ## What it checks
    Across the modprobe files this release reads: the same alias name (with
    `-`/`_` alike) given two different modules, and an alias whose module is
    itself only the name of another alias.

    ## Why it matters
    initscripts uses the last alias of a device and modprobe may load the
    other: after a NIC swap, `alias eth0 e1000` left above `alias eth0 e1000e`
    loads a driver that claims no card, and the slave never appears in its
    bond. "You can't have aliases to other aliases": the chained alias loads
    nothing.

    ## Example
    ```
    alias eth0 e1000
    alias eth0 e1000e
    ```
    Use instead:
    ```
    alias eth0 e1000e
    ```

    ## Fix
    Keep one alias per name, naming a real module.

    ## Notes
    `off` as a module is not compared; names and modules compare literally
    (no wildcard matching), so only certain conflicts are reported.
    """
    first: dict[str | None, ModprobeCommand] = {}
    lines = [a.line for a in host.modules.aliases]
    names = {line.module_name for line in lines}
    for line in lines:
        name, module = line.module_name, line.target_name
        prior = first.setdefault(name, line)
        if prior is not line and prior.target_name != module:
            where = f"line {prior.span.line}" + ("" if prior.file is line.file else f" of {prior.file.rel}")
            yield Violation(
                line.words[1].span,
                f"alias {line.words[0].text} is {line.words[1].text} here but "
                f"{prior.words[1].text} on {where}: "
                f"initscripts uses the last one, and one of them is the wrong driver",
                related=(Related(prior.span, "the other alias"),),
            )
        if module in names and module != name:
            yield Violation(
                line.words[1].span,
                f"alias {line.words[0].text} names {line.words[1].text}, which is itself an alias: "
                f"modprobe cannot resolve an alias to another alias",
            )


@rule("BL404", "bonding-disabled", Severity.ERROR, fix="sometimes", unsafe_fixes=True)
def bonding_disabled(host: HostModel) -> Iterator[Violation]:
    """The modprobe configuration disables the bonding driver or a bond.

    ## What it checks
    On a host whose ifcfg files configure bonds: `alias bondN off` for a
    configured bondN, `install bonding` or `install bondN` running `/bin/true`
    or `:` (or another no-op such as `/bin/false`), and `blacklist bonding`.

    ## Why it matters
    initscripts treats a device whose alias is `off`, or whose module's
    install command is `/bin/true` or `:`, as absent: "Device bond0 does not
    seem to be present, delaying initialization", and the bond never comes
    up. A no-op install means `modprobe bonding` succeeds without loading
    anything. `blacklist bonding` hides the module's own aliases
    (`rtnl-link-bond`, used when a bond is created by name through netlink
    or NetworkManager), so loads that go through an alias fail.

    ## Example
    ```
    alias bond0 bonding
    install bonding /bin/true
    ```
    Use instead:
    ```
    alias bond0 bonding
    ```

    ## Fix
    Remove the line (it is usually a leftover of hardening or of a
    troubleshooting session). `bondlint --fix --unsafe-fixes` deletes an
    `install` or `blacklist` line, with its newline (not one continued with
    a backslash), and turns `alias bondN off` into `alias bondN bonding`.

    ## Fix safety
    Unsafe: the bonding module loads again at the next boot, and a
    hardening step someone took on purpose is undone.

    ## Notes
    Lines about bonds no ifcfg file configures are left alone: disabling an
    unused module is a legitimate hardening step.
    """
    bonds = host.configured_bonds
    if not bonds:
        return
    bond_names = {normalize_module(n) for n in bonds}
    for f in host.modules.files:
        if not f.read:
            continue
        for line in host.modules.commands_in(f, "alias"):
            if len(line.words) >= 2 and line.words[0].text in bonds and line.words[1].text == "off":
                yield Violation(
                    line.span,
                    f"`alias {line.words[0].text} off` disables a bond the ifcfg files configure: "
                    f"ifup treats {line.words[0].text} as absent",
                    fix=Fix.unsafe(
                        f"write `alias {line.words[0].text} bonding` (the bond comes up again)",
                        Edit.replace(line.words[1].span, BONDING),
                    ),
                )
        for line in host.modules.commands_in(f, "install"):
            if line.program is not None and line.no_op and (line.module_name == BONDING or line.module_name in bond_names):
                yield Violation(
                    line.program.span,
                    f"`install {line.words[0].text} {line.program.text}` never loads the "
                    f"module: ifup treats the bond as absent and it never comes up",
                    fix=_delete_line_fix(line),
                )
        for line in host.modules.commands_in(f, "blacklist"):
            if line.module_name == BONDING:
                yield Violation(
                    line.span,
                    f"`blacklist bonding` hides the bonding module's own aliases while "
                    f"{', '.join(sorted(bonds))} {'is' if len(bonds) == 1 else 'are'} configured: "
                    f"loads through an alias (rtnl-link-bond) fail",
                    fix=_delete_line_fix(line),
                )


def _delete_line_fix(line: ModprobeCommand) -> Fix | None:
    """Delete the whole line and its newline."""
    if line.continued:
        return None
    shown = line.whole_line.text.rstrip("\r\n")
    return Fix.unsafe(f"delete `{shown}` (bonding loads again)", Edit.delete(line.whole_line.span))


@rule("BL405", "options-inline-comment", Severity.ERROR, fix="sometimes")
def options_inline_comment(host: HostModel) -> Iterator[Violation]:
    """A `#` after the module name of an `options` line: the comment is passed to the module.

    ## What it checks
    An `options` line in a read modprobe file with a word starting with `#`
    after its first token.

    ## Why it matters
    Neither module-init-tools nor kmod strip trailing comments: `#` and the
    words after it become module parameters. On RHEL 5's 2.6.18 kernel the
    unknown parameter makes the load fail ("Unknown symbol in module, or
    unknown parameter"), so `bonding` does not load and no bond comes up.
    Newer kernels log and ignore it.

    ## Example
    ```
    options bond0 mode=4 miimon=100 # LACP to core switch
    ```
    Use instead:
    ```
    # LACP to core switch
    options bond0 mode=4 miimon=100
    ```

    ## Fix
    Move the comment to its own line. `bondlint --fix` puts it, as written,
    on a line of its own above the `options` line (at column 1: kmod takes an
    indented `#` for a bad line); not for an `options` line continued with a
    backslash, nor for a `# bondlint:` directive (BL903: on a line of its own
    it would silence the line below, so that is the author's call).
    """
    for line in host.modules.read_commands("options"):
        comment = line.comment
        if comment is None or line.module is None:
            continue
        yield Violation(
            comment.span,
            f"`{comment.text}` is passed to {line.module.text} as module parameters: "
            f"modprobe does not strip trailing comments",
            fix=_comment_above_fix(line, comment),
        )


def _comment_above_fix(line: ModprobeCommand, comment: InlineComment) -> Fix | None:
    if line.continued or comment.cut is None:
        return None
    if comment.directive:
        return None  # a bondlint directive: on its own line it would silence the next line (BL903's case)
    return Fix.safe(
        "move the comment to its own line above",
        Edit.insert(line.whole_line.span, comment.body + (line.newline or "\n")),
        Edit.delete(comment.cut),
    )


@rule(
    "BL406", "modprobe-conf-ignored", Severity.ERROR, releases=lambda r: r.modprobe_conf != "read",
    severity_by_release=lambda r: Severity.WARNING if r.modprobe_conf == "deprecated" else None,
)
def modprobe_conf_ignored(host: HostModel) -> Iterator[Violation]:
    """A modprobe file this release ignores or is about to: /etc/modprobe.conf, modprobe.d without .conf.

    ## What it checks
    `/etc/modprobe.conf` present on RHEL 6+, and files in `/etc/modprobe.d`
    whose name does not end in `.conf`. An error on RHEL 7+, where kmod does
    not read them; a warning on RHEL 6, where module-init-tools still reads
    them but says they are deprecated ("all config files belong into
    /etc/modprobe.d/", "All config files need .conf").

    ## Why it matters
    Aliases and options in a file kmod never reads are dead: `options bonding
    mode=4` there leaves the bond in balance-rr, an alias there is never
    seen. The file looks authoritative to whoever edits it next.

    ## Example
    ```
    # RHEL 7
    /etc/modprobe.conf:   options bonding mode=4 miimon=100
    /etc/modprobe.d/bonding
    ```
    Use instead:
    ```
    /etc/modprobe.d/bonding.conf:   options bonding mode=4 miimon=100
    ```

    ## Fix
    Move the lines into `/etc/modprobe.d/<name>.conf` and delete the old file.

    ## Notes
    On RHEL 6 `.alias` files are accepted as module-init-tools does. rpm
    leftovers (`.rpmnew`, `.rpmsave`, `.rpmorig`) are not reported.
    """
    kmod = host.capabilities.kmod
    consequence = "kmod never reads it" if kmod else "module-init-tools reads it but warns it will stop"
    for f in host.modules.files:
        if f.rel == "etc/modprobe.conf":
            yield Violation(
                f.first_line,
                f"/etc/modprobe.conf exists on {host.release}: {consequence}; "
                f"move its lines to /etc/modprobe.d/*.conf",
            )
            continue
        name = f.rel.rsplit("/", 1)[-1]
        if name.endswith(".conf") or name.endswith(PACKAGE_LEFTOVERS):
            continue
        if not kmod and name.endswith(".alias"):
            continue
        yield Violation(
            f.first_line,
            f"{f.rel} does not end in .conf: {consequence}",
        )


@rule("BL407", "modprobe-d-shadowed-el5", Severity.WARNING, releases=lambda r: r.modprobe_conf == "read")
def modprobe_d_shadowed(host: HostModel) -> Iterator[Violation]:
    """Bonding aliases or options only in /etc/modprobe.d while /etc/modprobe.conf exists (RHEL 5).

    ## What it checks
    On RHEL 5 with /etc/modprobe.conf present: an `alias X bonding`, `options
    bonding` or `options bondN` line in /etc/modprobe.d that modprobe.conf
    does not repeat (same alias, or options for the same module).

    ## Why it matters
    module-init-tools 3.3 reads the first configuration that opens and, per
    its man page, reads /etc/modprobe.d only when /etc/modprobe.conf does not
    exist. The bond's alias or mode there may never be applied: the bond
    stays absent or runs balance-rr. Whether RHEL 5's patched modprobe reads
    both is unverified; `modprobe -c | grep bond` on the host settles it.

    ## Example
    ```
    /etc/modprobe.conf:        alias eth0 e1000
    /etc/modprobe.d/bonding:   alias bond0 bonding
    ```
    Use instead:
    ```
    /etc/modprobe.conf:        alias bond0 bonding
                               alias eth0 e1000
    ```

    ## Fix
    Put bonding's lines in /etc/modprobe.conf, as RHEL 5's documentation does.
    """
    conf = host.modules.modprobe_conf
    if conf is None:
        return
    conf_aliases = {ln.module_name for ln in host.modules.commands_in(conf, "alias") if ln.target_name == BONDING}
    conf_options = {ln.module_name for ln in host.modules.commands_in(conf, "options") if ln.words}
    bond_names = {normalize_module(n) for n in host.configured_bonds} | {
        normalize_module(a.name) for a in host.modules.bonding_aliases
    }
    for f in host.modules.files:
        if f is conf:
            continue
        for line in host.modules.commands_in(f, "alias"):
            if line.target_name == BONDING and line.module_name not in conf_aliases:
                yield Violation(
                    line.span,
                    f"`{line.text}` is only in {f.rel} while /etc/modprobe.conf exists: "
                    f"RHEL 5's modprobe may read only modprobe.conf",
                )
        for line in host.modules.commands_in(f, "options"):
            module = line.module_name
            if module is not None and (module == BONDING or module in bond_names) and module not in conf_options:
                yield Violation(
                    line.span,
                    f"`options {line.words[0].text} ...` is only in {f.rel} while /etc/modprobe.conf "
                    f"exists: RHEL 5's modprobe may read only modprobe.conf",
                )


#: What each command needs (modprobe's words, for BL408).
_NEEDS = {
    "alias": "a name and a module",
    "options": "a module and at least one option",
    "install": "a module and a command",
    "remove": "a module and a command",
    "softdep": "a module and its dependencies",
    "weakdep": "a module and its dependencies",
    "blacklist": "a module",
    "include": "a file or directory",
    "config": "an argument",
}


def _unknown_command(p: Problem) -> str:
    command = p.details["command"]
    hint = " (the file has DOS CRLF line endings)" if command.endswith("\r") else ""
    return f"ignoring bad line starting with '{visible(command)}'{hint}"


def _extra_arguments(p: Problem) -> str:
    command, limit = p.details["command"], p.details["limit"]
    return (
        f"{command} takes {limit} argument{'s' if limit > 1 else ''}; "
        f"modprobe ignores the rest ('{visible(p.details['ignored'])}')"
    )


#: The modprobe parser's problems, in kmod's words.
_BAD_LINES = {
    "unknown-command": _unknown_command,
    "missing-arguments": lambda p: (
        f"ignoring bad line starting with '{p.details['command']}': {p.details['command']} needs {_NEEDS[p.details['command']]}"
    ),
    "deprecated-command": lambda p: f"command '{p.details['command']}' is deprecated and not parsed by kmod",
    "extra-arguments": _extra_arguments,
}


@rule("BL408", "modprobe-bad-line", Severity.WARNING, problems=_BAD_LINES)
def modprobe_bad_line(host: HostModel) -> Iterator[Violation]:
    """A modprobe line that modprobe ignores: unknown command, missing arguments.

    ## What it checks
    In the modprobe files this release reads: a line whose first word is not
    a modprobe command, `alias` with fewer than two arguments, `options`,
    `install` or `remove` with nothing after the module, extra words after
    `alias`/`blacklist`, and (RHEL 7+) `include`/`config`, which kmod no
    longer parses.

    ## Why it matters
    modprobe prints "ignoring bad line starting with ..." and carries on, so
    the alias or option the line was meant to set is silently missing: a
    misspelt `alais bond0 bonding` leaves the bond without its driver.

    ## Example
    ```
    alais bond0 bonding
    options bonding
    ```
    Use instead:
    ```
    alias bond0 bonding
    options bonding mode=4 miimon=100
    ```

    ## Fix
    Correct or remove the line.

    ## Notes
    Files the release does not read at all are BL406's, not reported here.
    `include` is reported only on RHEL 7+, where kmod ignores it.
    """
    read = {f.path for f in host.modules.files if f.read}
    kmod = host.capabilities.known and host.capabilities.kmod
    for p in host.problems(_BAD_LINES):
        if p.span.path not in read or (p.kind == "deprecated-command" and not kmod):
            continue
        yield Violation(p.span, _BAD_LINES[p.kind](p))


@rule("BL409", "install-command", Severity.WARNING)
def install_command(host: HostModel) -> Iterator[Violation]:
    """An `install`/`remove` command for bonding or a slave's NIC driver.

    ## What it checks
    `install` or `remove` lines in read modprobe files whose module is
    `bonding`, a configured bond, or the driver a slave's alias names.

    ## Why it matters
    modprobe runs the command with a root shell instead of loading the module,
    every time anything loads it. It changes what initscripts' availability
    check sees, and a broken command means no bond and no slaves: the bond
    depends on a script nobody reviews with the network configuration.

    ## Example
    ```
    install bonding /sbin/modprobe --ignore-install bonding && /sbin/ifenslave bond0 eth0 eth1
    ```
    Use instead:
    ```
    alias bond0 bonding
    options bond0 mode=4 miimon=100
    ```

    ## Fix
    Express the setup with `alias`/`options` and ifcfg files; put the rest
    in a reviewed script.

    ## Notes
    No-op installs (`/bin/true`, `:`) of bonding are BL404's.
    """
    bonds = {normalize_module(n) for n in host.configured_bonds}
    slaves = {i.device for i in host.interfaces.values() if i.is_slave}
    drivers: dict[str, str] = {}
    for alias in host.modules.aliases:
        if alias.name in slaves and alias.module != "off":
            drivers.setdefault(normalize_module(alias.module), alias.name)
    for f in host.modules.files:
        if not f.read:
            continue
        for command in ("install", "remove"):
            for line in host.modules.commands_in(f, command):
                if line.program is None:
                    continue
                module = line.module_name
                if module == BONDING or module in bonds:
                    if command == "install" and line.no_op:
                        continue  # BL404's
                    role = "the bonding driver"
                elif module in drivers:
                    role = f"the driver of slave {drivers[module]}"
                else:
                    continue
                yield Violation(
                    line.program.span,
                    f"`{command} {line.words[0].text}` runs `{line.program.text}` "
                    f"as root whenever {role} is loaded",
                )
