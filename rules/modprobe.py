"""BL4xx: modprobe.conf and modprobe.d, as module-init-tools and kmod read them.

initscripts decides whether a bond "is available" from ``modprobe -c``: the
last ``alias bondN`` line, and whether ``install`` turns the module into
``/bin/true`` (semantics.md 1.3, section 2 E). Module and alias names compare
with ``-`` and ``_`` as the same character, as modprobe does.
"""

from __future__ import annotations

import re
from typing import Iterator

from bondlint.rule_api import Edit, Fix, Related, Severity, Violation, rule
from bondlint.model.host import HostModel, Interface, ModprobeFile
from bondlint.rules._support import visible
from bondlint.suppress import DIRECTIVE
from bondlint.syntax.modprobe import ModprobeLine, Word, normalize_module
from bondlint.syntax.span import LineIndex, Problem, Span, whole_file_span

BONDING = "bonding"
BOND_NAME = re.compile(r"^bond\d+$")
#: install commands that replace loading the module by doing nothing.
NO_OP_COMMANDS = frozenset({"/bin/true", "/usr/bin/true", "true", ":", "/bin/false", "/usr/bin/false", "false"})
#: Package-manager leftovers in modprobe.d that nobody expects to be read.
PACKAGE_LEFTOVERS = (".rpmnew", ".rpmsave", ".rpmorig")


def _norm(name: str) -> str:
    return normalize_module(name)


def _is_bonding(module: str) -> bool:
    return _norm(module) == BONDING


def _commands(f: ModprobeFile, name: str) -> Iterator[ModprobeLine]:
    commands = getattr(f.doc, "commands", None)
    return iter(commands(name)) if commands is not None else iter(())


def _read_files(host: HostModel) -> Iterator[ModprobeFile]:
    return (f for f in host.modules.files if f.read)


def _configured_bonds(host: HostModel) -> dict[str, Interface]:
    """Bond masters the live ifcfg files configure, named as the aliases name them.

    A bond is configured when its file makes it a bond (BONDING_OPTS, TYPE=Bond,
    an alias), when a slave names it in MASTER, or when its DEVICE is bondN.
    """
    masters = {i.master for i in host.interfaces.values() if i.master}
    return {
        name: iface
        for name, iface in host.interfaces.items()
        if not iface.is_slave
        and (iface.kind == "bond" or name in masters or BOND_NAME.match(name))
    }


def _slave_names(host: HostModel, bond: str) -> set[str]:
    return {i.device for i in host.interfaces.values() if i.master == bond}


def _rest_span(first: Word, last: Word) -> Span:
    """From the start of one word to the end of another on the same logical line."""
    a, b = first.span, last.span
    return Span(a.path, a.line, a.column, b.end_line, b.end_column, a.start, b.end)


def _line_text(line: ModprobeLine) -> str:
    return " ".join([line.command or "", *(w.text for w in line.words)]).strip()


def _file_span(f: ModprobeFile) -> Span:
    """Line 1 of a file (its first line is where a whole-file finding shows)."""
    text = getattr(f.doc, "text", "")
    if not text:
        return whole_file_span(f.path)
    return LineIndex(text, f.path).line_span(1)


def _device_span(iface: Interface) -> Span:
    a = iface.get("DEVICE")
    if a is not None:
        return a.value.span
    text = getattr(iface.file.doc, "text", "")
    return LineIndex(text, iface.file.path).line_span(1) if text else whole_file_span(iface.file.path)


# ---------------------------------------------------------------------------


@rule("BL401", "bond-alias-missing", Severity.ERROR, releases={"el5"})
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
    last: dict[str, tuple[str, ModprobeLine]] = {}
    for f in _read_files(host):
        for line in _commands(f, "alias"):
            if len(line.words) >= 2:
                last[line.words[0].text] = (line.words[1].text, line)
    for name, iface in _configured_bonds(host).items():
        module, line = last.get(name, (None, None))
        if module is not None and (_is_bonding(module) or module == "off"):
            continue
        has_opts = iface.get("BONDING_OPTS") is not None
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
            related=(Related(line.span, "the alias used"),) if line is not None else (),
        )


@rule("BL402", "bond-alias-not-first", Severity.WARNING, releases={"el5"}, fix="sometimes", unsafe_fixes=True)
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
    seen: dict[str, ModprobeLine] = {}
    for line in _commands(conf, "alias"):
        if len(line.words) < 2:
            continue
        name, module = line.words[0].text, line.words[1].text
        if _is_bonding(module):
            earlier = [seen[s] for s in sorted(_slave_names(host, name)) if s in seen]
            if earlier:
                first = min(earlier, key=lambda ln: ln.span.start)
                slaves = [ln.words[0].text for ln in sorted(earlier, key=lambda ln: ln.span.start)]
                yield Violation(
                    line.span,
                    f"`alias {name} bonding` comes after the driver alias of its "
                    f"slave{'s' if len(slaves) > 1 else ''} {', '.join(slaves)} (line {first.span.line}): "
                    f"load bonding before the NIC drivers",
                    related=(Related(first.span, f"{first.words[0].text} is a slave of {name}"),),
                    fix=_move_alias_fix(host, conf, line, first, name),
                )
        elif module != "off":
            seen.setdefault(name, line)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _move_alias_fix(host: HostModel, conf: ModprobeFile, line: ModprobeLine, before: ModprobeLine, name: str) -> Fix | None:
    """Cut the alias line (with its newline) and put it, byte for byte, at the start of ``before``'s line."""
    text = getattr(conf.doc, "text", "")
    start, end = _line_start(text, line.span.start), line.span.end
    if text[end : end + 1] != "\n":
        return None  # the last line has no newline to carry along
    index = LineIndex(text, conf.path)
    edits = (
        Edit.insert(index.span(_line_start(text, before.span.start), before.span.start), text[start : end + 1]),
        Edit.delete(index.span(start, end + 1)),
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
    first: dict[str, tuple[ModprobeLine, ModprobeFile]] = {}
    names: set[str] = set()
    lines: list[tuple[ModprobeLine, ModprobeFile]] = []
    for f in _read_files(host):
        for line in _commands(f, "alias"):
            if len(line.words) >= 2:
                lines.append((line, f))
                names.add(_norm(line.words[0].text))
    for line, f in lines:
        name, module = _norm(line.words[0].text), _norm(line.words[1].text)
        prior, prior_file = first.setdefault(name, (line, f))
        if prior is not line and _norm(prior.words[1].text) != module:
            where = f"line {prior.span.line}" + ("" if prior_file is f else f" of {prior_file.rel}")
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
    bonds = _configured_bonds(host)
    if not bonds:
        return
    bond_names = {_norm(n) for n in bonds}
    for f in _read_files(host):
        for line in _commands(f, "alias"):
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
        for line in _commands(f, "install"):
            if len(line.words) >= 2 and _no_op_install(line, bond_names):
                module = line.words[0].text
                yield Violation(
                    _rest_span(line.words[1], line.words[-1]),
                    f"`install {module} {' '.join(w.text for w in line.words[1:])}` never loads the "
                    f"module: ifup treats the bond as absent and it never comes up",
                    fix=_delete_line_fix(f, line),
                )
        for line in _commands(f, "blacklist"):
            if line.words and _is_bonding(line.words[0].text):
                yield Violation(
                    line.span,
                    f"`blacklist bonding` hides the bonding module's own aliases while "
                    f"{', '.join(sorted(bonds))} {'is' if len(bonds) == 1 else 'are'} configured: "
                    f"loads through an alias (rtnl-link-bond) fail",
                    fix=_delete_line_fix(f, line),
                )


def _delete_line_fix(f: ModprobeFile, line: ModprobeLine) -> Fix | None:
    """Delete the whole line and its newline."""
    if line.continued:
        return None
    text = getattr(f.doc, "text", "")
    start, end = _line_start(text, line.span.start), line.span.end
    end += 1 if text[end : end + 1] == "\n" else 0
    shown = text[start:end].rstrip("\r\n")
    return Fix.unsafe(f"delete `{shown}` (bonding loads again)", Edit.delete(LineIndex(text, f.path).span(start, end)))


def _no_op_install(line: ModprobeLine, bond_names: set[str]) -> bool:
    module = _norm(line.words[0].text)
    return (module == BONDING or module in bond_names) and line.words[1].text in NO_OP_COMMANDS


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
    for f in _read_files(host):
        for line in _commands(f, "options"):
            comment = line.inline_comment
            if comment is None:
                continue
            passed = " ".join(w.text for w in line.words[line.words.index(comment):])
            yield Violation(
                _rest_span(comment, line.words[-1]),
                f"`{passed}` is passed to {line.words[0].text} as module parameters: "
                f"modprobe does not strip trailing comments",
                fix=_comment_above_fix(f, line, comment),
            )


def _comment_above_fix(f: ModprobeFile, line: ModprobeLine, comment: Word) -> Fix | None:
    at = line.words.index(comment)
    if line.continued or at == 0:
        return None
    text = getattr(f.doc, "text", "")
    index = LineIndex(text, f.path)
    last = line.words[-1]
    body = text[comment.span.start : last.span.end].rstrip("\r")
    if DIRECTIVE.match(body):
        return None  # a bondlint directive: on its own line it would silence the next line (BL903's case)
    newline = "\r\n" if text[line.span.end - 1 : line.span.end + 1] == "\r\n" else "\n"
    start = _line_start(text, line.span.start)
    cut_from = line.words[at - 1].span.end
    return Fix.safe(
        "move the comment to its own line above",
        Edit.insert(index.span(start, start), body + newline),
        Edit.delete(index.span(cut_from, comment.span.start + len(body))),
    )


@rule(
    "BL406", "modprobe-conf-ignored", Severity.ERROR, releases={"el6", "el7", "el8", "el9", "el10"},
    severity_by_release={"el6": Severity.WARNING},
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
    kmod = host.release in ("el7", "el8", "el9", "el10")
    consequence = "kmod never reads it" if kmod else "module-init-tools reads it but warns it will stop"
    for f in host.modules.files:
        if f.rel == "etc/modprobe.conf":
            yield Violation(
                _file_span(f),
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
            _file_span(f),
            f"{f.rel} does not end in .conf: {consequence}",
        )


@rule("BL407", "modprobe-d-shadowed-el5", Severity.WARNING, releases={"el5"})
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
    conf_aliases = {_norm(ln.words[0].text) for ln in _commands(conf, "alias") if len(ln.words) >= 2 and _is_bonding(ln.words[1].text)}
    conf_options = {_norm(ln.words[0].text) for ln in _commands(conf, "options") if ln.words}
    bond_names = {_norm(n) for n in _configured_bonds(host)} | {
        _norm(a.name) for a in host.modules.aliases if _is_bonding(a.module)
    }
    for f in host.modules.files:
        if f is conf:
            continue
        for line in _commands(f, "alias"):
            if len(line.words) >= 2 and _is_bonding(line.words[1].text) and _norm(line.words[0].text) not in conf_aliases:
                yield Violation(
                    line.span,
                    f"`{_line_text(line)}` is only in {f.rel} while /etc/modprobe.conf exists: "
                    f"RHEL 5's modprobe may read only modprobe.conf",
                )
        for line in _commands(f, "options"):
            if not line.words:
                continue
            module = _norm(line.words[0].text)
            if (module == BONDING or module in bond_names) and module not in conf_options:
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
    read = {f.path for f in _read_files(host)}
    kmod = host.release in ("el7", "el8", "el9", "el10")
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
    bonds = {_norm(n) for n in _configured_bonds(host)}
    slaves = {i.device for i in host.interfaces.values() if i.is_slave}
    drivers: dict[str, str] = {}
    for f in _read_files(host):
        for line in _commands(f, "alias"):
            if len(line.words) >= 2 and line.words[0].text in slaves and line.words[1].text != "off":
                drivers.setdefault(_norm(line.words[1].text), line.words[0].text)
    for f in _read_files(host):
        for command in ("install", "remove"):
            for line in _commands(f, command):
                if len(line.words) < 2:
                    continue
                module = _norm(line.words[0].text)
                if command == "install" and _no_op_install(line, bonds):
                    continue
                if module == BONDING or module in bonds:
                    role = "the bonding driver"
                elif module in drivers:
                    role = f"the driver of slave {drivers[module]}"
                else:
                    continue
                yield Violation(
                    _rest_span(line.words[1], line.words[-1]),
                    f"`{command} {line.words[0].text}` runs `{' '.join(w.text for w in line.words[1:])}` "
                    f"as root whenever {role} is loaded",
                )
