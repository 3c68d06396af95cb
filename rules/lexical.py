"""BL0xx: reading ifcfg and sysconfig files: lexical, quoting, security."""

from __future__ import annotations

import re
from typing import Callable, Iterator, Mapping

import attrs

from bondlint.rule_api import Edit, Fix, Related, Severity, Violation, from_problems, quoted, rewrite_value, rule
from bondlint.model.values import (
    INITSCRIPTS, IS_FALSE, IS_TRUE, NETWORKMANAGER, NM_FALSE, NM_TRUE, USERNETCTL, Located, Truth, clean, read_bool,
)
from bondlint.model.host import (
    HostModel, IfcfgFile, KeyfileProfile, UuidShadow, autoconnect_priority, meant_assignment, named_by_networkmanager,
)
from bondlint.model.lexical import ShellAssignment, ShellFile
from bondlint.model.release import releases_where
from bondlint.syntax.span import LineIndex, Problem, Span, whole_file_span


def _show(s: str) -> str:
    """Quote a value for a message: first physical line only, at most 40 characters."""
    s = s.split("\n", 1)[0]
    if len(s) > 40:
        s = s[:37] + "..."
    return f"'{s}'" if s.isprintable() else repr(s)


def _unquoted_words(p: Problem) -> str:
    d = p.details
    name, value, words = d["name"], _show(d["value"]), d["words"]
    head = f"unquoted space ends the value: bash assigns {name}={value}"
    if d["effect"] == "assignments":
        plural = "separate assignments" if len(words) > 1 else "a separate assignment"
        message = f"{head} and reads {', '.join(_show(w) for w in words)} as {plural}"
    elif d["effect"] == "exports":
        message = f"{head} and exports {', '.join(_show(w) for w in words)} as separate variables"
    else:
        message = (
            f"unquoted space ends the value: bash runs {_show(d['command'])} as a command with "
            f"{name}={value} only in its environment, so {name} stays unset"
        )
    if not d["exported"]:
        message += f"; NetworkManager rejects the line and treats {name} as \"\""
    typographic = sorted(set(_TYPOGRAPHIC_QUOTES).intersection(d["value"] + "".join(words)))
    if typographic:
        shown = " ".join(typographic)
        return message + f"; {shown} {'is' if len(typographic) == 1 else 'are'} no quote to bash (a word processor's): quote the whole value with ASCII \""
    return message + "; quote the whole value"


#: Quotation marks word processors and chat tools substitute for ASCII ones: bash reads them as letters.
_TYPOGRAPHIC_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"


def _meant_as(line: str) -> str:
    """What a line split by a blank inside its name was meant to set, and what that costs."""
    name = meant_assignment(line)
    if name is None:
        return ""
    return f"; it reads as {name}= with a blank inside the name, so {name} stays unset: write {name}= without the blank"


#: The shell-variable parser's problems, each in its rule's words.
_UNQUOTED = {"unquoted-words": _unquoted_words}
_UNTERMINATED = {
    "unterminated-quote": lambda p: (
        f"unterminated {p.details['quote']}: bash reads to the end of the file looking for the closing "
        f"{p.details['closer']}, fails, and stops reading this file here, so nothing from line "
        f"{p.details['line']} on is set; NetworkManager treats this value as \"\""
    )
}
_NOT_ASSIGNMENTS = {
    "export": lambda p: (
        f"'export {p.details['name']}=...': bash honours it, but NetworkManager ignores the whole line "
        "(it reads only plain NAME=VALUE lines); drop 'export'"
    ),
    "bash-array": lambda p: (
        f"{p.details['name']}=( ... ) is a bash array: initscripts read {p.details['name']} as its first "
        "element only, and NetworkManager rejects the value; write a plain quoted string"
    ),
    "space-before-equals": lambda p: (
        f"{_show(p.details['name'] + ' ' + p.details['argument'])} is not an assignment: bash runs "
        f"{_show(p.details['name'])} as a command with the argument {_show(p.details['argument'])}, and "
        "NetworkManager ignores the line; remove the space before '='"
    ),
    "special-assignment": lambda p: (
        f"{_show(p.details['text'])} is an array-element or '+=' assignment: bash honours it, but "
        "NetworkManager ignores the line; write a plain NAME=VALUE"
    ),
    "command-line": lambda p: (
        f"this line is not an assignment: bash runs {_show(p.details['command'])} as a command (as root, on "
        "every ifup), while NetworkManager ignores the line" + _meant_as(p.details.get("line", ""))
    ),
}
#: What reading a file can refuse (bondlint.source, discovery): the reason is the fact.
_UNREADABLE = {
    "unreadable": lambda p: p.details["reason"],
    "not-utf8": lambda p: (
        f"not valid UTF-8 (byte 0x{p.details['byte']:02x}): NetworkManager treats such a value as empty; "
        "read here as Latin-1"
    ),
}


@rule("BL000", "unreadable-file", Severity.ERROR, scope="file", problems=_UNREADABLE)
def unreadable_file(host: HostModel) -> Iterator[Violation]:
    """A file bondlint must audit could not be read or parsed at all.

    ## What it checks
    Every file in scope is read safely: stat before open, a size cap, no
    FIFOs or devices, no symlink leaving the audited root, no binary content,
    and UTF-8 (Latin-1 is accepted with this finding). An archive given as a
    root is refused whole when it is truncated, corrupt or a decompression
    bomb, and member by member for an absolute name, a ``..`` or a hard link
    out of it; a path the collector recorded it could not read
    (``BONDLINT-MANIFEST``) is reported here too, never passed over as absent.

    ## Why it matters
    What bondlint cannot read, the host's own tools read differently or not at
    all: NetworkManager treats a value that is not UTF-8 as empty, bash reads
    a binary file as commands, and a FIFO hangs whoever opens it. None of the
    other rules can vouch for that file.

    ## Example
    ```
    $ ls -l etc/sysconfig/network-scripts/ifcfg-eth8
    prw-r--r-- 1 root root 0 ifcfg-eth8
    ```
    Use instead: a regular text file.

    ## Fix
    Replace the file with a regular, readable, UTF-8 text file, or remove it;
    run the collector as root (sudo) where it could not read a file.
    """
    yield from from_problems(host, _UNREADABLE)


def _live_problems(host: HostModel, wording: Mapping[str, Callable[[Problem], str]]) -> Iterator[Violation]:
    """Parser problems of a rule's kinds, from files bash really sources (not ignored backups)."""
    for f in host.sourced_files:
        for problem in f.problems:
            if problem.kind in wording:
                yield Violation(problem.span, wording[problem.kind](problem))


def _harmless_self_reference(host: HostModel, f: ShellFile, a: ShellAssignment) -> bool:
    """Every `$` in the value is a plain reference to a literal assigned above, and NM never reads it.

    Then bash's result is fixed text (`${DEVICE}` -> `eth0`) and nothing runs.
    """
    if (host.capabilities.nm_bonds and f.nm_controlled) or not a.references:
        return False
    earlier = {b.name: b for b in f.assignments if b.span.start < a.span.start and not b.exported}
    return all(n in earlier and earlier[n].literal for n in a.references)


@rule("BL001", "ifcfg-code-execution", Severity.ERROR, scope="file")
def ifcfg_code_execution(host: HostModel) -> Iterator[Violation]:
    """A value runs a command or expands a variable when bash sources the file as root.

    ## What it checks
    In every live `ifcfg-*` file and in `/etc/sysconfig/network`: a `$(...)`
    or backtick command substitution, or a `$NAME`/`${...}` expansion, in an
    unquoted or double-quoted value; and an unquoted shell operator after a
    value (`;` followed by more text, `|`, `&&`, `||`, `&`, a redirection).

    ## Why it matters
    initscripts do not read these files, they `source` them with bash, as
    root, on every `ifup`/`ifdown`, and at boot a second time through
    `eval $(fgrep "DEVICE=" ifcfg-X)`. Whatever the substitution or the
    command after the operator does, root does it. NetworkManager reads the
    same file without running anything and rejects or keeps the text
    literally, so the two see different values.

    ## Example
    ```
    DEVICE=bond0
    IPADDR=$(cat /srv/ip.txt)
    BONDING_OPTS="mode=4 miimon=100"; logger bond0-up
    ```
    Use instead:
    ```
    DEVICE=bond0
    IPADDR=10.10.10.119
    BONDING_OPTS="mode=4 miimon=100"
    ```

    ## Fix
    Write literal values. Put a `$` or backtick that must stay in the value
    inside single quotes; move commands to `/sbin/ifup-local`.

    ## Notes
    A lone `;` at the end of a value (`MASTER=bond0;`) runs nothing and is
    left to BL205. Single-quoted and `$'...'` values never expand. Lines
    that are not assignments at all are reported by BL006.

    A plain `$NAME`/`${NAME}` reference to a variable that the same file
    already assigned a literal value (initscripts' documented
    `ETHTOOL_OPTS="-s ${DEVICE} autoneg off"`, as os-net-config writes it)
    runs nothing and always gives the same text; it is not reported when
    NetworkManager does not read the file (`NM_CONTROLLED=no`, or el5). Where
    NetworkManager may manage the device it is still reported: NM rejects
    the whole value.
    """
    for f in host.sourced_files:
        for a in f.assignments:
            if a.command_substitution:
                yield Violation(
                    a.value.span,
                    f"{a.name}={a.written} holds a command substitution: bash runs it as root "
                    "on every ifup/ifdown and at boot; write the literal value",
                )
            elif a.expansion and not _harmless_self_reference(host, f, a):
                yield Violation(
                    a.value.span,
                    f"{a.name}={a.written} expands a variable when bash sources the file "
                    f"(bash assigns whatever that variable holds at the time, NetworkManager "
                    f"{'rejects the value' if a.nm_rejects else 'keeps the text literally'}); "
                    "write the literal value, or single-quote a literal '$'",
                )
            if a.operator is not None:
                op = a.operator
                yield Violation(
                    op.span,
                    f"unquoted '{op.text}' after {a.name}={a.written}: bash executes "
                    f"{quoted(op.rest)} as shell code, as root, whenever the file is sourced; "
                    "quote the value and remove the command",
                )


@rule("BL002", "unquoted-whitespace-value", Severity.ERROR, scope="file", problems=_UNQUOTED, fix="sometimes", unsafe_fixes=True)
def unquoted_whitespace_value(host: HostModel) -> Iterator[Violation]:
    """An unquoted value is followed by a space and more text, so bash keeps only its first word.

    ## What it checks
    A live `ifcfg-*` file or `/etc/sysconfig/network` line where an unquoted
    value is followed by whitespace and more text that is not a comment.

    ## Why it matters
    Unquoted whitespace ends a shell word. `BONDING_OPTS=mode=4 miimon=100`
    sets `BONDING_OPTS=mode=4` and a separate variable `miimon=100`: the bond
    comes up without link monitoring and never notices a dead slave. If the
    second word is not an assignment (`NAME=My NIC`), bash runs it as a
    command and the variable stays unset. NetworkManager rejects the whole
    value and uses "".

    ## Example
    ```
    BONDING_OPTS=mode=4 miimon=100
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=4 miimon=100"
    ```

    ## Fix
    Put the whole value in double quotes. `bondlint --fix` does it when the
    words hold no quote, backslash, `$` or backtick (those mean something
    else inside double quotes) and the line is not exported.

    ## Fix safety
    Safe when no later word is itself an assignment to an upper-case name:
    `BONDING_OPTS=mode=4 miimon=100` is one value. Unsafe when one is
    (`IPADDR=10.0.0.1 NETMASK=255.0.0.0`): bash reads that as two
    assignments today, which may be what the author meant, so quoting would
    guess the intent; splitting the line may be the right repair.
    """
    files = {f.path: f for f in host.sourced_files}
    quotable: dict[str, _Quotable] = {}  # one per file, not per finding: a file may hold thousands
    for v in _live_problems(host, _UNQUOTED):
        f = files.get(v.span.path) if v.span is not None else None
        fix = None
        if f is not None and v.span is not None:
            if f.path not in quotable:
                quotable[f.path] = _Quotable(f)
            fix = quotable[f.path].fix(v.span)
        yield attrs.evolve(v, fix=fix) if fix is not None else v


#: Characters that mean something else inside double quotes (or end them).
_NOT_QUOTABLE = frozenset("\"'\\$`\r\n")
_VARIABLE_ASSIGNMENT = re.compile(r"[A-Z_][A-Z0-9_]*=")


class _Quotable:
    """A file's assignments with extra words, by where those words start, and one line index."""

    def __init__(self, f: ShellFile) -> None:
        self.text = f.text
        self.index = LineIndex(f.text, f.path)
        self.by_start = {
            line.assignment.extra_words[0].span.start: line.assignment
            for line in f.lines
            if line.assignment is not None and not line.assignment.exported and line.assignment.extra_words
        }

    def fix(self, problem: Span) -> Fix | None:
        """Double-quote the value and the words after it (BL002's problem span covers those words)."""
        a = self.by_start.get(problem.start)
        if a is None:
            return None
        words = a.extra_words
        start, end = a.value.span.start, words[-1].span.end
        body = self.text[start:end]
        if not a.value.raw or _NOT_QUOTABLE.intersection(body):
            return None
        if len(body) > 1 and body[0] in _TYPOGRAPHIC_QUOTES and body[-1] in _TYPOGRAPHIC_QUOTES:
            # meant as quotes: they become the ASCII ones
            edit = Edit.replace(self.index.span(start, end), f'"{body[1:-1]}"')
            return Fix.safe(f"quote the value of {a.name} with ASCII quotes instead of {body[0]} {body[-1]}", edit)
        edit = Edit.replace(self.index.span(start, end), f'"{body}"')
        if any(_VARIABLE_ASSIGNMENT.match(w.text) for w in words):
            return Fix.unsafe(f"quote the value of {a.name} (the later words may be meant as assignments)", edit)
        return Fix.safe(f"quote the value of {a.name}", edit)


@rule("BL003", "unterminated-quote", Severity.ERROR, scope="file", problems=_UNTERMINATED)
def unterminated_quote(host: HostModel) -> Iterator[Violation]:
    """A quote, backtick, `$(` or `${` is never closed, so bash stops reading the file there.

    ## What it checks
    A `"`, `'`, `$'`, backtick, `$(` or `${` in a live `ifcfg-*` file or in
    `/etc/sysconfig/network` whose closing character never comes.

    ## Why it matters
    bash reads on to the end of the file looking for the closing quote, hits
    "unexpected EOF", and the `.` builtin stops. initscripts have no `set -e`,
    so `ifup` carries on with only the variables set before that line: a
    missing `MASTER=` or `SLAVE=` below it turns a slave into a standalone
    NIC. NetworkManager treats the value as "".

    ## Example
    ```
    BONDING_OPTS="mode=4 miimon=100
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    BONDING_OPTS="mode=4 miimon=100"
    MASTER=bond0
    SLAVE=yes
    ```

    ## Fix
    Close the quote on the same line.
    """
    yield from _live_problems(host, _UNTERMINATED)


@rule("BL004", "crlf-line-endings", Severity.ERROR, scope="file", fix="always")
def crlf_line_endings(host: HostModel) -> Iterator[Violation]:
    """Lines end in CR LF (a file saved on Windows): every value gains a `\\r`.

    ## What it checks
    A live `ifcfg-*` file or `/etc/sysconfig/network` with lines ending in
    `\\r`. One finding per file, at the first such line, with the count.

    ## Why it matters
    bash keeps the `\\r` in the value: `SLAVE=yes\\r` is not `yes`, so the
    slave is brought up on its own instead of being enslaved; `DEVICE=eth0\\r`
    names a device that does not exist. Every exact test in initscripts
    fails, silently.

    ## Example
    ```
    $ cat -A ifcfg-eth0
    DEVICE=eth0^M$
    MASTER=bond0^M$
    SLAVE=yes^M$
    ```
    Use instead:
    ```
    $ cat -A ifcfg-eth0
    DEVICE=eth0$
    MASTER=bond0$
    SLAVE=yes$
    ```

    ## Fix
    Convert the file to Unix line endings: `sed -i 's/\\r$//' ifcfg-eth0`
    (or `dos2unix`). `bondlint --fix` deletes every `\\r` that ends a line
    (a safe fix: no reader means the `\\r`).
    """
    for f in host.sourced_files:
        cr_lines = f.cr_lines
        if not cr_lines:
            continue
        first = cr_lines[0]
        s = first.span
        cr = Span(s.path, s.end_line, s.end_column - 1, s.end_line, s.end_column, s.end - 1, s.end)
        example = next((ln.assignment for ln in cr_lines if ln.assignment is not None), None)
        detail = (
            f"; bash reads {example.name}={quoted(example.bash_value)}"
            if example is not None
            else ""
        )
        yield Violation(
            cr,
            f"{len(cr_lines)} of {len(f.lines)} lines end in CR LF (\\r\\n){detail}, so every exact test "
            "in initscripts fails; convert the file to Unix line endings",
            fix=_crlf_fix(f),
        )


def _crlf_fix(f: ShellFile) -> Fix:
    """Delete each CR that ends a line (before LF or at the end of the file).

    One edit from the first such CR to the last: a report's fix stays the size
    of the file however many lines it has, not one edit per line.
    """
    text = f.text
    ends = [i for i in range(len(text)) if text[i] == "\r" and (i + 1 == len(text) or text[i + 1] == "\n")]
    first, last = ends[0], ends[-1] + 1
    cut = set(ends)
    fixed = "".join(text[i] for i in range(first, last) if i not in cut)
    return Fix.safe("convert to Unix line endings", Edit.replace(LineIndex(text, f.path).span(first, last), fixed))


#: Why a second assignment of these keys is worse than dead text (RULES.md BL005: errors).
_DUPLICATE_HARM: dict[str, str] = {
    "USERCTL": "usernetctl (setuid root) obeys the first USERCTL line while bash and NetworkManager use the last",
    "MASTER": "initscripts find slaves by grepping every MASTER= line, so the file is found by either value "
    "while bash uses the last",
    "DEVICE": "the boot script evals every DEVICE= line and lookups by device grep every one, "
    "while bash uses the last",
    "HWADDR": "initscripts' lookup by MAC greps every HWADDR= line while bash uses the last",
    "ONBOOT": "the boot script's ONBOOT=no test matches any of the lines while ifup uses the last",
}


@rule("BL005", "duplicate-key", Severity.WARNING, scope="file")
def duplicate_key(host: HostModel) -> Iterator[Violation]:
    """The same variable is assigned twice in one file, and the file's readers disagree on which counts.

    ## What it checks
    A NAME assigned more than once in one live `ifcfg-*` file or in
    `/etc/sysconfig/network`. An error for USERCTL, MASTER, DEVICE, ONBOOT
    and HWADDR when the values differ, a warning for any other name, and an
    info when every assignment has the same value (every reader ends with it).

    ## Why it matters
    bash and NetworkManager keep the last assignment, but not every reader
    does: `usernetctl` obeys the first USERCTL line, so `USERCTL=yes` followed
    by `USERCTL=no` lets any user take the device down while `ifup` reads
    "no"; the MASTER=, DEVICE=, HWADDR= and ONBOOT= greps of initscripts match
    every line. For other names the earlier line is dead text that the next
    admin edits in vain.

    ## Example
    ```
    DEVICE=eth0
    USERCTL=yes
    MASTER=bond0
    SLAVE=yes
    USERCTL=no
    ```
    Use instead:
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    USERCTL=no
    ```

    ## Fix
    Keep one assignment per name: delete the one you do not mean.

    ## Notes
    One finding per name and file, at the last assignment (the one bash
    keeps), with the earlier ones as related locations.
    """
    for f in host.sourced_files:
        seen: dict[str, list[ShellAssignment]] = {}
        for a in f.assignments:
            seen.setdefault(a.name, []).append(a)
        for key, items in seen.items():
            if len(items) < 2:
                continue
            last = items[-1]
            earlier = [str(a.span.line) for a in items[:-1]]
            lines = f"line {earlier[0]}" if len(earlier) == 1 else f"lines {', '.join(earlier)}"
            harm = _DUPLICATE_HARM.get(key)
            dead = f"{lines} is dead text" if len(earlier) == 1 else f"{lines} are dead text"
            values = [a.value.text for a in items]
            agree = len(set(values)) == 1
            if agree:  # every reader ends with the same value: no harm today (RULES.md BL005: info)
                reason = f"{dead} (the values agree today; an edit to one line only will make them differ)"
                severity = Severity.INFO
            else:
                reason = harm or f"bash and NetworkManager use this last one, so {dead}"
                severity = Severity.ERROR if harm else None
            shown = " then ".join(quoted(v) for v in values)
            yield Violation(
                last.name_span,
                f"{key} is assigned {len(items)} times ({shown}; also on {lines}): {reason}; "
                "keep one assignment",
                severity=severity,
                related=tuple(
                    Related(a.span, f"earlier {key}={a.written}") for a in items[:-1]
                ),
            )


@rule("BL006", "non-assignment-line", Severity.WARNING, scope="file", problems=_NOT_ASSIGNMENTS)
def non_assignment_line(host: HostModel) -> Iterator[Violation]:
    """A line is not a plain `NAME=VALUE`, so bash runs it while NetworkManager ignores it.

    ## What it checks
    A non-blank, non-comment line of a live `ifcfg-*` file or of
    `/etc/sysconfig/network` that is not `NAME=VALUE`: `export X=1`,
    `X =1`, `declare ...`, or any command.

    ## Why it matters
    bash executes the line as a command, as root, each time the file is
    sourced (`X =1` runs a program called `X`). NetworkManager logs
    "invalid line ignored" and goes on, so the two managers build different
    configurations from the same file.

    ## Example
    ```
    DEVICE=bond0
    export BONDING_OPTS="mode=1 miimon=100"
    ONBOOT = yes
    ```
    Use instead:
    ```
    DEVICE=bond0
    BONDING_OPTS="mode=1 miimon=100"
    ONBOOT=yes
    ```

    ## Fix
    Write plain `NAME=VALUE` lines; move commands to `/sbin/ifup-local`.
    """
    yield from _live_problems(host, _NOT_ASSIGNMENTS)


_BOOLEANS = ("SLAVE", "ONBOOT", "USERCTL", "NM_CONTROLLED")


def _nm_boolean(value: str) -> str:
    v = value.lower()
    if v in NM_TRUE:
        return "yes"
    if v in NM_FALSE:
        return "no"
    return "its default (not a boolean it knows)"


def _boolean_reading(key: str, value: str) -> str:
    """What the readers make of a misspelt boolean, per semantics 1.1.3-1.1.5."""
    nm = _nm_boolean(value)
    if key == "SLAVE":
        slave = "a slave" if value == "yes" else "not a slave"
        return (
            f"initscripts up to 10.00 enslave only on a literal lowercase 'yes', so this file is {slave} "
            "to them"
        )
    if key == "ONBOOT":
        initscripts = "no" if value[:2].lower() == "no" else "yes"
        nm_reads = nm if nm in ("yes", "no") else "yes (its default: it does not know this word)"
        return (
            f"initscripts read it as '{initscripts}' (only a value starting with 'no' means no), "
            f"NetworkManager as {nm_reads}"
        )
    if key == "USERCTL":
        grants = "grants" if value.lower() in ("yes", "true") else "does not grant"
        return f"usernetctl {grants} user control ('yes' or 'true' in any letter case)"
    return f"NetworkManager reads it as {nm}, while initscripts compare it with literal strings"


@rule("BL007", "boolean-spelling", Severity.WARNING, scope="file", fix="sometimes", unsafe_fixes=True)
def boolean_spelling(host: HostModel) -> Iterator[Violation]:
    """SLAVE, ONBOOT, USERCTL or NM_CONTROLLED is not exactly `yes` or `no`.

    ## What it checks
    The values of SLAVE, ONBOOT, USERCTL and NM_CONTROLLED in live `ifcfg-*`
    files, after shell unquoting: anything but `yes` or `no` (`YES`, `true`,
    `1`, `on`, empty).

    ## Why it matters
    Each reader has its own idea of true. initscripts up to 10.00 enslave a
    NIC only when SLAVE is the literal lowercase `yes` (`SLAVE=YES` brings the
    slave up on its own); the boot script skips a device when ONBOOT merely
    starts with `no` (`ONBOOT=nope` is no, `ONBOOT=false` is yes), while
    NetworkManager reads `false` and `0` as no and does not know `on`/`off`.
    The same file then means different things to the two network managers.

    ## Example
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=YES
    ONBOOT=true
    ```
    Use instead:
    ```
    DEVICE=eth0
    MASTER=bond0
    SLAVE=yes
    ONBOOT=yes
    ```

    ## Fix
    Write exactly `yes` or `no`. `bondlint --fix` rewrites a spelling whose
    word means yes or no (`YES`, `True`, `0`, `off`, ...), keeping its quotes.

    ## Fix safety
    Safe only where every reader of this file on this host already reads the
    old spelling as the word says: `ONBOOT=YES` is yes to initscripts and to
    NetworkManager, so `yes` changes nothing. Unsafe where a reader reads it
    otherwise, because the rewrite then changes what the host does at the
    next boot: `SLAVE=YES` is not a slave to initscripts (writing `yes`
    enslaves the NIC), `ONBOOT=false` is yes to initscripts and no to
    NetworkManager, `USERCTL=1` grants no user control today. Initscripts
    compare NM_CONTROLLED with literal strings, so its rewrites are unsafe.
    Words that are no boolean (`maybe`, empty) get no fix.
    """
    for f in host.live_files():
        slave_rule = not host.partial and f.master is not None
        for a in f.lexical.assignments:
            if a.name not in _BOOLEANS:
                continue
            value = a.value.text
            if value in ("yes", "no"):
                continue
            if a.name == "SLAVE" and slave_rule:
                continue  # BL203 states what initscripts make of it on this release: one finding
            yield Violation(
                a.place,
                f"{a.name}={quoted(value)} is not exactly yes or no: "
                f"{_boolean_reading(a.name, value)}; write yes or no",
                fix=_boolean_fix(host, f, a, value),
            )


#: What a spelling says, as a word: NetworkManager's words, plus on/off (initscripts' is_true).
_WORD_MEANS = {**{w: True for w in IS_TRUE}, **{w: False for w in IS_FALSE}}


def _readers(host: HostModel, f: IfcfgFile, name: str, value: str) -> dict[str, Truth]:
    """Each program that reads this key of this file, and how it reads the value (model.values.read_bool)."""
    consumers = [USERNETCTL] if name == "USERCTL" else [INITSCRIPTS]  # NetworkManager ignores SLAVE
    # NetworkManager reads NM_CONTROLLED to know to keep off, ONBOOT of a file it manages
    nm_reads = host.capabilities.nm_bonds and (name == "NM_CONTROLLED" or f.nm_controlled)
    if name in ("ONBOOT", "NM_CONTROLLED") and nm_reads:
        consumers.append(NETWORKMANAGER)
    return {c: read_bool(c, name, value, host.release) for c in consumers}


def _boolean_fix(host: HostModel, f: IfcfgFile, a: ShellAssignment, value: str) -> Fix | None:
    means = _WORD_MEANS.get(value.lower())
    word = "yes" if means else "no"
    edit = rewrite_value(a.value, word) if means is not None else None
    if edit is None:
        return None  # no boolean word, or not written plainly (a CR: BL004's fix goes first)
    says = Truth.TRUE if means else Truth.FALSE
    changed = sorted(c for c, reads in _readers(host, f, a.name, value).items() if reads is not says)
    if not changed:
        return Fix.safe(f"write {a.name}={word}", edit)
    return Fix.unsafe(f"write {a.name}={word} (changes what {' and '.join(changed)} do: they read it otherwise today)", edit)


def _stray_match(host: HostModel, f: IfcfgFile, strays: set[str]) -> tuple[Span, str, Related] | None:
    """The DEVICE, HWADDR or MASTER of a stray file that points at a live device, if any."""
    others = [o for o in host.live_files() if o is not f and o.rel not in strays]
    dev, device_line = f.device, f.lexical.assignment("DEVICE")
    if dev is not None and device_line is not None:
        for o in others:
            if o.device_name == dev:
                return (
                    device_line.value.span,
                    f"it configures DEVICE={dev} like ifcfg-{o.suffix}",
                    Related(_device_span(o), f"{dev} is configured here"),
                )
    hw = f.hwaddr
    if hw is not None:
        for o in others:
            if o.hwaddr is not None and o.hwaddr.text == hw.text:
                return (
                    hw.span,
                    f"its HWADDR={hw.text} matches {o.device_name} in ifcfg-{o.suffix}",
                    Related(o.hwaddr.span, f"HWADDR of {o.device_name}"),
                )
    m, master_line = f.master, f.lexical.assignment("MASTER")
    if m is not None and master_line is not None:
        for o in others:
            if o.device_name == m:
                return (
                    master_line.value.span,
                    f"its MASTER={m} makes {m}'s ifup enslave {f.device_name} from this file",
                    Related(_device_span(o), f"{m} is configured here"),
                )
    return None


def _device_span(f: IfcfgFile) -> Span:
    a = f.lexical.assignment("DEVICE")
    return a.value.span if a is not None else whole_file_span(f.path)


@rule("BL008", "stray-config-file", Severity.WARNING)
def stray_config_file(host: HostModel) -> Iterator[Violation]:
    """A backup copy of an ifcfg file is read as a live configuration.

    ## What it checks
    An `ifcfg-*` file whose name looks like a backup (`.save`, `.bak2`,
    `-orig`, `.old` on el5/el6, `.disabled`, a date suffix such as
    `.20120304`) but that initscripts read, since they skip only `~`, `.bak`,
    `.orig`, `.rpmnew`, `.rpmorig`, `.rpmsave` (and `.old` from el7). On el6+
    also `.rpmsave`, `.rpmorig` and `.old` files, which NetworkManager loads
    although initscripts skip them. An error when the file's DEVICE, HWADDR or
    MASTER points at a device another live file configures.

    NetworkManager keyfiles too (K04): in `/etc/NetworkManager/system-connections`
    no extension is needed, so `bond0.nmconnection.bak`, `bond0.orig`,
    `bond0.rpmsave`, `bond0.old`, `bond0-copy.nmconnection` or a date suffix are
    loaded as profiles (in /run and /usr/lib a name ending in `.nmconnection`,
    such as `bond0.bak.nmconnection`). An error when the copy has the uuid of
    another profile, or configures its interface-name or permanent
    mac-address, or names a configured bond as controller.

    ## Why it matters
    `ifcfg-eth0.save` is a second configuration of eth0: the boot script may
    bring it up, the bond's `MASTER=` grep enslaves from it, and the lookup by
    HWADDR finds it. On el5 a `-` in the name makes it a "clone" that sources
    `ifcfg-eth0` first. Old settings come back at the next reboot.

    `cp bond0.nmconnection bond0.nmconnection.bak` makes two files of one
    uuid: NetworkManager keeps the one modified last (then the greater name),
    which is the copy unless `cp -p` kept the time, so edits to the original
    stop applying. A copy with its own uuid is a second profile for the device:
    which one NetworkManager activates is not written anywhere.

    ## Example
    ```
    etc/sysconfig/network-scripts/ifcfg-eth0
    etc/sysconfig/network-scripts/ifcfg-eth0.save
    etc/NetworkManager/system-connections/bond0.nmconnection
    etc/NetworkManager/system-connections/bond0.nmconnection.bak
    ```
    Use instead:
    ```
    etc/sysconfig/network-scripts/ifcfg-eth0
    /root/ifcfg-backups/ifcfg-eth0.save
    etc/NetworkManager/system-connections/bond0.nmconnection
    /root/nm-backups/bond0.nmconnection.bak
    ```

    ## Fix
    Move backups out of `network-scripts` and `system-connections`, or give an
    ifcfg backup a suffix every reader ignores (`.bak`; for keyfiles no suffix
    is ignored but `~`).

    ## Notes
    A file whose DEVICE equals its own suffix is a device, not a backup
    (`ifcfg-eth0.2012` with `DEVICE=eth0.2012` is VLAN 2012).

    An `.rpmsave`/`.rpmorig`/`.old` copy with `DEVICE=lo` and no TYPE (the
    shipped `ifcfg-lo.rpmsave` after an initscripts upgrade) is not reported:
    NetworkManager's ifcfg-rh reader skips it ("Ignoring loopback device
    config.") and initscripts skip the suffix.

    A keyfile is no backup when its name without `.nmconnection` is the
    profile's own `id` (nmcli names files by id: `nmcli connection clone bond0
    bond0-copy` writes `bond0-copy.nmconnection` with a fresh uuid) or its
    interface-name (VLAN `bond0.2012`). A backup copy that competes for a
    device is BL008's alone: BL011 (one uuid, or two autoconnecting profiles)
    and BL102 do not report it again. Where the two files share a uuid and one
    directory, NetworkManager's choice rests on modification times: the
    message names the winner by this tree's mtimes, and says it is unknown in a
    version-control checkout, whose mtimes are the checkout's.
    """
    strays = [f for f in host.ifcfg_files if f.stray]
    names = {f.rel for f in strays}
    for f in strays:
        if f.live:
            why = (
                f"ifcfg-{f.suffix} looks like a backup but initscripts read it as a live config "
                f"(they skip only {' '.join(host.capabilities.ignored_suffixes)})"
            )
        else:
            why = (
                f"ifcfg-{f.suffix} is skipped by initscripts but NetworkManager loads it as a profile "
                "(it ignores only .bak ~ .orig .rej .rpmnew .augnew .augtmp)"
            )
        match = _stray_match(host, f, names)
        if match is None:
            yield Violation(
                _device_span(f), f"{why}; move it out of network-scripts or rename it to end in .bak"
            )
        else:
            span, what, related = match
            yield Violation(
                span,
                f"{why}, and {what}; move it out of network-scripts or rename it to end in .bak",
                severity=Severity.ERROR,
                related=(related,),
            )
    yield from _stray_keyfiles(host)


def _stray_keyfiles(host: HostModel) -> Iterator[Violation]:
    """K04: a backup-named keyfile NetworkManager loads (or may load: one uuid) as a profile."""
    nm = host.nm
    if nm is None:
        return
    others = [p for p in host.profile_files() if not p.looks_like_backup]
    for k in host.keyfiles:
        if not k.looks_like_backup or not (k.loaded or k.rejection == "shadowed"):
            continue
        where = ("NetworkManager loads any name in /etc/NetworkManager/system-connections (it skips only "
                 "hidden, '~' and temp-file names)" if k.storage == "etc"
                 else "NetworkManager loads it as a profile (its name ends in .nmconnection)")
        why = f"{k.name} looks like a backup copy but {where}"
        fix = "move it out of system-connections"
        match = _keyfile_stray_match(host, k, others)
        if match is None:
            yield Violation(k.span_of("DEVICE"), f"{why}; {fix}")
        else:
            span, what, related = match
            yield Violation(span, f"{why}, and {what}; {fix}", severity=Severity.ERROR, related=(related,))


def _keyfile_stray_match(
    host: HostModel, k: KeyfileProfile, others: list[IfcfgFile | KeyfileProfile],
) -> tuple[Span, str, Related] | None:
    """What a backup keyfile shares with a live profile: its uuid (one of the two is shadowed),
    its interface-name, its permanent mac-address, or the controller it attaches to."""
    nm = host.nm
    for s in nm.shadows:
        other = s.hidden if s.used is k else s.used if s.hidden is k else None
        if other is None or other.looks_like_backup:
            continue
        label = other.label
        if s.by == "directory":
            what = (f"it has the uuid of {label}: NetworkManager uses {s.used.label}, the one in the "
                    "higher-priority directory (/run, then /etc, then /usr/lib)")
        else:
            what = (f"it has the uuid of {label}: NetworkManager keeps one profile per uuid and silently ignores the "
                    f"other; {_shadow_winner(host, s)}")
        return k.span_of("UUID"), what, Related(other.span_of("UUID"), f"the same uuid in {label}")
    device, mac = k.located("DEVICE"), k.located("HWADDR")
    for o in others:
        if device is not None and clean(o.value("DEVICE")) == device.text:
            return (device.span, f"it configures interface-name={device.text} like {o.label}",
                    Related(o.span_of("DEVICE"), f"{device.text} is configured here"))
    for o in others:
        if mac is not None and (clean(o.value("HWADDR")) or "").upper() == mac.text.upper():
            return (mac.span, f"its mac-address={mac.text} is also the {o.written_as('HWADDR')} of {o.label}",
                    Related(o.span_of("HWADDR"), f"{o.written_as('HWADDR')} of {o.label}"))
    master = k.located("MASTER")
    if master is not None and master.text in host.interfaces:
        bond = host.interfaces[master.text]
        return (master.span, f"its controller={k.controller} attaches {k.suffix} to {master.text} from this copy",
                Related(bond.file.span_of("DEVICE"), f"{master.text} is configured here"))
    return None


def _shadow_winner(host: HostModel, s: UuidShadow) -> str:
    """Which profile of one uuid NetworkManager uses, said only as far as the files decide it."""
    used = s.used.label
    if s.by == "plugin":
        first = "keyfile" if isinstance(s.used, KeyfileProfile) else "ifcfg-rh"
        return f"it uses {used}, because the {first} plugin comes first in its plugins list ({','.join(host.nm.plugins)})"
    if host.nm.winner_unknown(s):
        return ("it uses the one modified last (then the greater name), which a checkout does not keep: not known "
                "from these files")
    if s.by == "mtime":
        return (f"it uses {used}, the newer file by the modification times here (a copy or checkout may not keep "
                "them: check them on the host)")
    return f"it uses {used}: the modification times are equal, and the greater file name wins"


def _matches_suffix(host: HostModel, f: IfcfgFile, dev: str) -> bool:
    s = f.suffix
    if dev == s or dev.split(":", 1)[0] == s.split(":", 1)[0]:
        return True
    if f.clone_of == dev:
        return True  # an el5 clone file: ifcfg-eth0-office configures eth0
    return host.nm_reads(f) and named_by_networkmanager(f, s)


@rule("BL009", "device-filename-mismatch", Severity.WARNING)
def device_filename_mismatch(host: HostModel) -> Iterator[Violation]:
    """DEVICE names another device than the file name does.

    ## What it checks
    A live `ifcfg-X` file whose DEVICE is not X. Alias files (`ifcfg-eth0:1`)
    are compared without the `:alias` part, and el5 clone files
    (`ifcfg-eth0-office`) by the part before the `-`.

    ## Why it matters
    `ifup eth0` looks for `ifcfg-eth0` first, then configures whatever DEVICE
    that file names. With `DEVICE=eth1` in `ifcfg-eth0`, `ifup eth0` sets up
    eth1, and two files can end up configuring one NIC. The bonding
    documentation says the DEVICE line "must correspond with the name of the
    file".

    ## Example
    ```
    # ifcfg-eth0
    DEVICE=eth1
    MASTER=bond0
    SLAVE=yes
    ```
    Use instead:
    ```
    # ifcfg-eth1
    DEVICE=eth1
    MASTER=bond0
    SLAVE=yes
    ```

    ## Fix
    Rename the file to `ifcfg-<DEVICE>` or correct DEVICE.

    ## Notes
    Files that look like backups are left to BL008. Where NetworkManager
    reads the file (RHEL 6+, NM_CONTROLLED not no), the names it and its
    installers give profiles are not reported: `ifcfg-<NAME>` escaped as NM's
    writer does (`NAME="System eth0"` in `ifcfg-System_eth0`, also with `-N`
    appended), Anaconda's `ifcfg-bond0_slave_1`, nmcli's
    `ifcfg-bond0-slave-eth1`, `ifcfg-System_*`; NetworkManager never compares
    DEVICE with the file name, and initscripts find such a file by DEVICE. A
    real collision is BL011's. With the release unknown, el5 clone names are
    accepted.
    """
    for f in host.live_files():
        dev = f.device
        if dev is None or f.looks_like_backup or _matches_suffix(host, f, dev):
            continue
        yield Violation(
            _device_span(f),
            f"DEVICE={dev} in ifcfg-{f.suffix}: 'ifup {f.suffix}' configures {dev} from this file, "
            f"and a separate ifcfg-{dev} would configure it a second time; rename the file to "
            f"ifcfg-{dev} or correct DEVICE",
        )


@rule("BL010", "missing-device", Severity.WARNING, fix="sometimes", unsafe_fixes=True)
def missing_device(host: HostModel) -> Iterator[Violation]:
    """An ifcfg file has no DEVICE line.

    ## What it checks
    A live `ifcfg-*` file without a non-empty `DEVICE=`. An error for a bond
    master (BONDING_OPTS, TYPE=Bond, BONDING_MASTER=yes, or a bonding alias in
    modprobe config), a warning otherwise.

    ## Why it matters
    initscripts take the device name from DEVICE, not from the file name. On
    el5 the device name is then empty and `ifup` fails; el6+ derive it from
    HWADDR, and only when HWADDR is set, which a bond master must not have
    (BL103). NetworkManager refuses a bond without DEVICE ("mandatory DEVICE
    keyword missing").

    ## Example
    ```
    # ifcfg-bond0
    BONDING_OPTS="mode=1 miimon=100"
    IPADDR=10.0.0.2
    ```
    Use instead:
    ```
    # ifcfg-bond0
    DEVICE=bond0
    BONDING_OPTS="mode=1 miimon=100"
    IPADDR=10.0.0.2
    ```

    ## Fix
    Add `DEVICE=<name>` matching the file name. `bondlint --fix
    --unsafe-fixes` adds it as the first line, where the file name is a
    device name, the file has no HWADDR (el6+ would look the device up by
    it) and no empty `DEVICE=` line, and no other live file has that DEVICE.

    ## Fix safety
    Unsafe: today the device does not come up from this file (el5, or a
    NetworkManager bond); with DEVICE it does, at the next boot.

    ## Notes
    Not reported where the device is found without DEVICE: a non-bond file
    with HWADDR on RHEL 6+ (`get_device_by_hwaddr` in network-functions'
    source_config), and a typed profile NetworkManager reads on RHEL 6+
    (NM-written `TYPE=Ethernet` files match their device by MAC). The
    network service's `DEVICE="$i"` fallback does not help: it only sorts
    files into batches and is not passed to `ifup` (docs/semantics-notes.md
    section 2).
    """
    for f in host.live_files():
        if f.device is not None:
            continue
        bond = host.is_bond_master(f)
        hw = clean(f.value("HWADDR"))
        if not bond and host.capabilities.finds_device_by_hwaddr and (hw or (host.nm_reads(f) and clean(f.value("TYPE")))):
            continue  # el6+ find the device by HWADDR; NetworkManager matches a typed profile itself
        consequence = (
            f"NetworkManager refuses a bond without DEVICE and {_NO_HWADDR_LOOKUP} initscripts get an empty device name"
            if bond
            else (
                f"{_NO_HWADDR_LOOKUP} initscripts have no HWADDR lookup (HWADDR={hw}) and ifup gets an empty device name"
                if hw
                else "ifup gets an empty device name (no HWADDR to look it up by either; the network "
                "service's fallback to the file name only sorts files, ifup never sees it)"
            )
        )
        yield Violation(
            whole_file_span(f.path),
            f"ifcfg-{f.suffix} has no DEVICE line: {consequence}; add DEVICE={f.suffix}",
            severity=Severity.ERROR if bond else None,
            fix=_device_fix(host, f) if hw is None else None,
        )
    for k in host.keyfiles:  # K08: a virtual device's profile names the device it creates
        if k.rejection == "BL010":
            yield Violation(
                k.span_of("TYPE"),
                f"{k.name} is a {k.type} profile without interface-name: NetworkManager rejects it (a {k.type} "
                f"must name the device it creates) and {k.id} does not exist at boot; add interface-name= to "
                "[connection]",
                severity=Severity.ERROR,
            )


#: The releases whose initscripts cannot find a device by HWADDR (as messages name them).
_NO_HWADDR_LOOKUP = "/".join(sorted(releases_where(lambda r: not r.finds_device_by_hwaddr)))
_DEVICE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]{0,14}\Z")


def _device_fix(host: HostModel, f: IfcfgFile) -> Fix | None:
    """DEVICE=<file suffix> as the first line, where that is unambiguous."""
    if not _DEVICE_NAME.match(f.suffix) or f.lexical.assignment("DEVICE") is not None or "\r" in f.lexical.text:
        return None
    if any(g is not f and g.device == f.suffix for g in host.live_files()):
        return None  # another file is that device: BL011 would follow
    start = LineIndex(f.text, f.path).span(0, 0)
    return Fix.unsafe(f"add DEVICE={f.suffix} (the device then comes up from this file)", Edit.insert(start, f"DEVICE={f.suffix}\n"))


@rule("BL011", "duplicate-device", Severity.ERROR)
def duplicate_device(host: HostModel) -> Iterator[Violation]:
    """Two live files configure the same DEVICE, or two profiles share one uuid.

    ## What it checks
    Live `ifcfg-*` files whose DEVICE values (unquoted, without `\\r`) are
    equal. For NetworkManager: two autoconnecting profiles (keyfile, or keyfile
    and ifcfg) for one interface-name, and two profiles with one uuid (K06):
    two keyfiles in one directory, or an ifcfg file and a keyfile.

    ## Why it matters
    The boot script brings the device up once per file, and the settings of
    whichever file runs last win; `get_config_by_device` returns several
    files, so `ifup`, the bond's slave lookup and HWADDR checks each may pick
    a different one.

    NetworkManager keeps one profile per uuid and silently ignores the other:
    within the keyfile plugin the newer file (then the greater name), across
    plugins the one whose plugin comes first in `plugins` (keyfile first on
    RHEL 9, ifcfg-rh on RHEL 8). Edits to the ignored file never apply.

    ## Example
    ```
    # ifcfg-eth1
    DEVICE=eth1
    MASTER=bond0
    SLAVE=yes
    # ifcfg-eth2
    DEVICE=eth1
    BOOTPROTO=dhcp
    # uplink.nmconnection (a hand-made copy of eth2.nmconnection)
    [connection]
    uuid=c6304e9f-2bd5-4187-af34-9e507dbc2164
    ```
    Use instead:
    ```
    # ifcfg-eth2
    DEVICE=eth2
    BOOTPROTO=dhcp
    # uplink.nmconnection
    [connection]
    uuid=f4a1c8e2-9b3d-4e70-8c5f-2d6b0a9e7c13
    ```

    ## Fix
    Keep one file per device: delete or correct the other. Give each profile
    its own uuid (`uuidgen`), or delete the copy.

    ## Notes
    A copy that looks like a backup (`ifcfg-eth1.save`,
    `eth1.nmconnection.bak`) is reported by BL008 as an error instead, once.
    An el5 clone file (`ifcfg-eth1-lab` beside `ifcfg-eth1`) is an
    alternative profile for `ifup eth1-lab` that shares the device on
    purpose, and is not reported. Two files or NetworkManager profiles of
    one device that enslave it to different masters (controllers) are
    BL207's (slave-conflict), not reported here as well.

    One uuid across directories is how NetworkManager overrides on purpose
    (nms-keyfile-storage.c, nm-settings-storage.c): a copy in `/etc` of a
    read-only profile in `/usr/lib` is what editing that profile writes, and is
    not reported; an in-memory profile in `/run` (`nmcli connection modify
    --temporary`, or a runtime change) wins over every file until the next
    reboot, so it is an info saying the running configuration is not the one
    that boots. A `.nmmeta` tombstone (a deleted read-only profile) is not
    reported. Where the winner rests on modification times (one directory),
    the message names it by this tree's mtimes and says a copy may not keep
    them; in a version-control checkout it says the winner is not known and
    points at the lesser file name, so the finding does not move between
    checkouts. Across plugins the rule is `nm_settings_storage_cmp`
    (nm-settings-storage.c, written in 2018); which NetworkManager release
    first shipped it, and what el7's older NetworkManager does, was not checked.
    """
    strays = {f.rel for f in host.ifcfg_files if f.stray}
    first: dict[str, IfcfgFile] = {}
    for f in host.live_files():
        dev = f.device
        if dev is None or f.rel in strays or _is_clone(host, f, dev):
            continue
        if dev not in first:
            first[dev] = f
            continue
        other = first[dev]
        if host.controllers_differ(other, f):
            continue  # they enslave the device to different masters: BL207 reports the pair
        yield Violation(
            _device_span(f),
            f"DEVICE={dev} is also configured by ifcfg-{other.suffix}: the boot script brings {dev} up "
            "once per file and the last one wins; keep one file per device",
            related=(Related(_device_span(other), f"first file with DEVICE={dev}"),),
        )
    yield from _competing_profiles(host)
    yield from _uuid_shadows(host)


def _competing_profiles(host: HostModel) -> Iterator[Violation]:
    """BL011 for NetworkManager: several autoconnecting profiles (keyfile, or keyfile and ifcfg)
    for one device. Two ifcfg files alone are reported above, by DEVICE; a backup-named
    keyfile is BL008's."""
    for iface in host.interfaces.values():
        profiles = tuple(p for p in iface.profiles if not (isinstance(p, KeyfileProfile) and p.looks_like_backup))
        if len(profiles) < 2 or not any(isinstance(p, KeyfileProfile) for p in profiles):
            continue
        used, others = profiles[0], profiles[1:]
        for other in others:
            if host.controllers_differ(used, other):
                continue  # they attach the device to different controllers: BL207 reports the pair
            if autoconnect_priority(used) > autoconnect_priority(other):
                which = f"{used.label}, by its higher autoconnect-priority, so this one never applies"
            else:
                which = ("with equal autoconnect-priority the one activated last wins, which no file says, so "
                         "either may apply")
            yield Violation(
                other.span_of("DEVICE"),
                f"{other.written_as('DEVICE')}={iface.device} is also configured by {used.label}, and "
                f"both autoconnect: NetworkManager activates one profile per device ({which}) and a bond port "
                "may come up standalone; keep one profile per device or set autoconnect=false on the other",
                related=(Related(used.span_of("DEVICE"), f"the other profile for {iface.device}"),),
            )


def _uuid_shadows(host: HostModel) -> Iterator[Violation]:
    """BL011 for one uuid in two files (K06): NetworkManager keeps one, the other never applies.
    A /etc copy over /usr/lib is how NetworkManager overrides a read-only profile: silent; a /run
    copy is an in-memory change (nmcli --temporary) that lasts until reboot: info."""
    if host.nm is None:
        return
    for s in host.nm.shadows:
        if s.used.looks_like_backup or s.hidden.looks_like_backup:
            continue  # a backup copy: BL008 says what it shares, once
        hidden = s.hidden.label
        if s.deliberate:
            if not (isinstance(s.used, KeyfileProfile) and s.used.storage == "run"):
                continue  # /etc over /usr/lib: NetworkManager's own way to change a read-only profile
            yield Violation(
                s.hidden.span_of("UUID"),
                f"uuid {s.uuid} of {hidden} is also the in-memory profile /{s.used.rel}: NetworkManager uses the "
                f"/run one until the next reboot (nmcli --temporary or a runtime change) and {hidden} after it, so "
                "the running configuration is not the one that boots; make the change persistent or drop it",
                severity=Severity.INFO,
                related=(Related(s.used.span_of("UUID"), "the in-memory profile NetworkManager uses until reboot"),),
            )
            continue
        here, there = s.hidden, s.used
        if host.nm.winner_unknown(s) and _name_key(here) > _name_key(there):
            here, there = there, here  # a place that does not move with the checkout's mtimes
        yield Violation(
            here.span_of("UUID"),
            f"uuid {s.uuid} of {here.label} is also the uuid of {there.label}: NetworkManager keeps one "
            f"profile per uuid and silently ignores the other; {_shadow_winner(host, s)}; give each profile its "
            "own uuid (uuidgen) or delete one",
            related=(Related(there.span_of("UUID"), f"the other profile with uuid {s.uuid}"),),
        )


def _name_key(profile: IfcfgFile | KeyfileProfile) -> bytes:
    return profile.rel.encode("utf-8", "surrogateescape")


def _is_clone(host: HostModel, f: IfcfgFile, dev: str) -> bool:
    """An el5 clone (ifcfg-eth0-lab) of the live ifcfg-eth0: an alternative profile, sharing the device on purpose."""
    iface = host.interfaces.get(dev) if f.clone_of == dev else None
    return iface is not None and any(o.suffix == dev for o in iface.files)


@rule("BL012", "usernetctl-on-bond-path", Severity.WARNING, fix="sometimes", unsafe_fixes=True)
def usernetctl_on_bond_path(host: HostModel) -> Iterator[Violation]:
    """USERCTL lets ordinary users take down a bond, one of its slaves, or Xen's bridged NIC.

    ## What it checks
    `USERCTL=yes` or `true` (any letter case, as `usernetctl` reads it) in the
    live file of a bond master, of a bond slave, or of the device xend's
    `network-script` names as `netdev`.

    ## Why it matters
    `usernetctl` is setuid root: with USERCTL=yes any local user can run
    `ifdown bond0` and cut the host, or every guest behind Xen's bridge, off
    the network; on a slave, they can take redundancy away silently.

    ## Example
    ```
    DEVICE=bond0
    BONDING_OPTS="mode=4 miimon=100"
    USERCTL=yes
    ```
    Use instead:
    ```
    DEVICE=bond0
    BONDING_OPTS="mode=4 miimon=100"
    USERCTL=no
    ```

    ## Fix
    Set `USERCTL=no` (or remove the line). `bondlint --fix --unsafe-fixes`
    rewrites the value usernetctl reads, keeping its quotes.

    ## Fix safety
    Unsafe: users who may ifup/ifdown the device today lose that; it is
    what the rule asks, but whether anyone relies on it is the author's call.

    ## Notes
    `usernetctl` reads only the first `USERCTL=` line that starts at the
    beginning of a line; that is the one checked.
    """
    netdev = host.xen.netdev if host.xen is not None else None
    for f in host.live_files():
        a = f.lexical.usernetctl_userctl
        if a is None or a.value.text.lower() not in ("yes", "true"):
            continue
        dev = f.device_name
        if host.is_bond_master(f):
            role = f"{dev} is a bond master: any local user can take the whole bond down"
        elif f.master is not None:
            role = f"{dev} is a slave of {f.master}: any local user can take it out of the bond"
        elif netdev is not None and dev == netdev:
            role = f"{dev} is xend's netdev: any local user can cut every guest off the network"
        else:
            continue
        edit = rewrite_value(Located(a.bash_value, a.value.span, a.value.raw), "no")
        yield Violation(
            a.place,
            f"USERCTL={a.written} and {role} with the setuid usernetctl "
            f"('ifdown {dev}'); set USERCTL=no",
            fix=Fix.unsafe("write USERCTL=no (users can no longer ifup/ifdown it)", edit) if edit else None,
        )
