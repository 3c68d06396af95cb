"""A shell-variable file as bash reads it, line by line, and bondlint's own comments in any file.

The lexical rules (BL0xx: quoting, CR, duplicates, commands, booleans) judge how a
file is *written*, so their facts are the file's lines and assignments with their
raw text, each located. ``bondlint/host/lexical.py`` converts a parsed
``ifcfg-*`` or ``sysconfig/network`` file into these records once; rules read them
and never a parse tree. Suppression directives (``# bondlint: disable=...``) are
facts of the files too: ``bondlint/suppress.py`` reads them into ``Suppressions``.
"""

from __future__ import annotations

import re
from typing import Iterator

import attrs

from bondlint.model.values import Located
from bondlint.syntax.span import Span

#: A suppression directive: ``# bondlint: disable=CODE,...`` or ``disable-file=``.
DIRECTIVE = re.compile(r"#\s*bondlint:\s*(?P<kind>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z0-9_,\- ]+)")


@attrs.frozen(slots=True)
class ShellOperator:
    """An unquoted shell operator after a value (``;`` with more text, ``|``, ``&&``, a redirection)."""

    text: str
    span: Span
    rest: str  # the shell code from the operator to the end of its line, blanks stripped


@attrs.frozen(slots=True)
class ShellAssignment:
    """One ``NAME=value`` word as written, whether or not bash keeps it.

    ``value.text`` is what bash assigns (nothing expanded) without BL004's trailing CR,
    ``value.raw`` the text as written, ``value.span`` the written value (zero width when
    empty). ``references``: the variables a value of plain ``$NAME``/``${NAME}``
    references expands (None when some ``$`` is anything else: a default, a command).
    """

    name: str
    name_span: Span
    span: Span  # the whole statement
    value: Located
    command_substitution: bool
    expansion: bool
    references: tuple[str, ...] | None
    nm_rejects: bool  # NetworkManager's shvar rejects the value (treats it as "")
    operator: ShellOperator | None
    extra_words: tuple[Located, ...]  # words after an unquoted blank (BL002)
    exported: bool

    @property
    def place(self) -> Span:
        """Where a finding about the value points: the value, else the name (a zero-width span helps nobody)."""
        s = self.value.span
        return s if s.end > s.start else self.name_span

    @property
    def written(self) -> str:
        """The value as written, without a trailing CR (what messages quote)."""
        return (self.value.raw or "").rstrip("\r")

    @property
    def literal(self) -> bool:
        """bash assigns fixed text: nothing expanded, nothing run after it."""
        return not (self.expansion or self.command_substitution) and self.operator is None


@attrs.frozen(slots=True)
class ShellFileLine:
    """One logical line (physical lines joined by backslash-newline or an open quote)."""

    raw: str
    span: Span  # ``raw`` without its final newline
    assignment: ShellAssignment | None

    @property
    def crlf(self) -> bool:
        """The line ends in CR LF (or a CR at the end of the file)."""
        return self.raw.rstrip("\n").endswith("\r")


@attrs.frozen(slots=True)
class ShellFile:
    """A file bash sources (a live ``ifcfg-*`` file, ``etc/sysconfig/network``), as written."""

    path: str
    text: str  # the file's text as read
    lines: tuple[ShellFileLine, ...]
    #: every assignment word in file order, whether or not bash keeps it
    assignments: tuple[ShellAssignment, ...]
    #: name → the assignment bash keeps after sourcing (the last that runs in the sourcing shell)
    kept: dict[str, ShellAssignment] = attrs.field(factory=dict, eq=False, repr=False)
    nm_controlled: bool = True  # NM_CONTROLLED as NetworkManager reads it (unset: yes)

    def all(self, name: str) -> tuple[ShellAssignment, ...]:
        return tuple(a for a in self.assignments if a.name == name)

    def assignment(self, name: str) -> ShellAssignment | None:
        """The assignment of ``name`` bash keeps; None when bash ends with it unset."""
        return self.kept.get(name)

    @property
    def cr_lines(self) -> tuple[ShellFileLine, ...]:
        return tuple(line for line in self.lines if line.crlf)

    @property
    def usernetctl_userctl(self) -> ShellAssignment | None:
        """The USERCTL line the setuid ``usernetctl`` obeys: the first plain one starting at column 1
        (it greps the file, it does not source it)."""
        return next((a for a in self.assignments if a.name == "USERCTL" and a.span.column == 1 and not a.exported), None)


@attrs.frozen(slots=True)
class Directive:
    """One ``# bondlint: disable=`` (a line, or the logical line after it) or ``disable-file=`` comment."""

    path: str | None
    kind: str  # "line" or "file"
    target_line: int | None  # the first line it silences (None for "file")
    codes: tuple[tuple[str, Span], ...]  # each code as written, with its own span
    #: the last line it silences: a logical line continued over several (backslash, open quote)
    target_end: int | None = None
    #: the directive's text, from its ``#`` to its last code, and whether it has a line of its own
    comment: Span | None = attrs.field(default=None, eq=False)
    own_line: bool = attrs.field(default=False, eq=False)
    #: what deleting the whole directive removes: its line (with the newline) when it has one of its
    #: own, else the comment with the blanks before it (a line's CR stays)
    removal: Span | None = attrs.field(default=None, eq=False)
    #: per code, what deleting that code alone removes (the code with one comma beside it); None when
    #: it has no comma beside it
    code_removals: tuple[Span | None, ...] = attrs.field(default=(), eq=False)

    def covers(self, line: int | None) -> bool:
        if self.kind == "file":
            return True
        if line is None or self.target_line is None:
            return False
        return self.target_line <= line <= (self.target_end or self.target_line)

    def code_removal(self, span: Span) -> Span | None:
        """What deleting the code written at ``span`` removes."""
        for (_code, at), removal in zip(self.codes, self.code_removals):
            if at == span:
                return removal
        return None


@attrs.frozen(slots=True)
class InertDirective:
    """A directive written where it cannot work, so it silences nothing (BL903)."""

    span: Span
    why: str


@attrs.frozen(slots=True)
class Suppressions:
    """Every suppression comment of a host's files, read once."""

    directives: tuple[Directive, ...] = ()
    inert: tuple[InertDirective, ...] = ()

    def codes(self) -> Iterator[tuple[str, Span]]:
        for d in self.directives:
            yield from d.codes
