"""Kernel module configuration as modprobe reads it: modprobe.conf and modprobe.d, one located
record per command line.

The converter (``host/modprobe.py``) fills these from the parsed files once: each command with
its words as modprobe splits them (continuations joined), its module name normalised as modprobe
compares names (``-`` and ``_`` alike), whether this release's modprobe reads its file, and the
places a finding or a fix needs (the line with its newline, an inline comment). Rules read these,
never the parse tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

import attrs

from bondlint.model.values import Located, normalize_module
from bondlint.syntax.span import Span

if TYPE_CHECKING:
    from bondlint.model.host import BondOption, UnreadWords
    from bondlint.syntax.document import Document

#: Words of one command kept as located words; a hostile 256 KiB line has 131,000 (its
#: ``word_count`` says so; ``options`` lines read at most MAX_OPTION_WORDS as options anyway).
MAX_COMMAND_WORDS = 257


@attrs.frozen(slots=True)
class ModprobeFile:
    rel: str
    path: str
    #: the parsed file, for the converter and the fixer (rules read ``ModuleConfig.commands``)
    doc: Document = attrs.field(eq=False, repr=False)
    read: bool  # read by this release's modprobe (kmod ignores modprobe.conf, non-.conf)
    #: where a finding about the whole file shows: its first line (the whole file when empty)
    first_line: Span


@attrs.frozen(slots=True)
class InlineComment:
    """A word starting with ``#`` after a command's first argument: modprobe passes it and every
    word after it as arguments (neither kmod nor module-init-tools strips trailing comments)."""

    text: str  # the words from ``#`` on, joined by single spaces as modprobe passes them
    span: Span  # from the ``#`` to the end of the last word
    body: str  # the same text as written (blanks kept, no trailing CR): what moving it carries
    directive: bool  # a ``# bondlint:`` directive (on a line of its own it would silence the next line)
    #: from the end of the word before the comment to the end of ``body``: what moving the comment
    #: cuts; None when the comment is the first argument (the module itself)
    cut: Span | None


@attrs.frozen(slots=True)
class ModprobeCommand:
    """One command line (physical lines joined by backslash-newline) of a modprobe file."""

    kind: str  # alias, options, install, remove, blacklist, include, softdep, weakdep, config
    #: its arguments as modprobe splits them, continuations joined; the first MAX_COMMAND_WORDS
    words: tuple[Located, ...]
    word_count: int  # every argument, kept or not
    module_name: str | None  # the first argument as modprobe compares it (``-`` as ``_``)
    span: Span  # the logical line without its newline
    #: the line from column 1 through its newline (as far as the line's end when the file ends without
    #: one), text as written: what deleting or moving the line carries
    whole_line: Located
    newline: str  # "\n", "\r\n", or "" for a last line without one
    continued: bool  # joined from physical lines with backslash-newline
    file: ModprobeFile
    #: ``install``/``remove``: the shell command after the module, its words joined by single spaces
    #: as modprobe hands them to the shell, from its first word to its last
    program: Located | None = None
    #: ``program`` runs a command that does nothing (``/bin/true``, ``:``, ``/bin/false``; its first
    #: word): ``install`` then makes loading the module "succeed" without loading it, which
    #: initscripts take for the device being absent
    no_op: bool = False
    comment: InlineComment | None = None

    @property
    def module(self) -> Located | None:
        """The first argument (an alias's name, the module of options/install/remove/blacklist)."""
        return self.words[0] if self.words else None

    @property
    def target(self) -> Located | None:
        """The second argument: the module an ``alias`` names."""
        return self.words[1] if len(self.words) > 1 else None

    @property
    def target_name(self) -> str | None:
        """The second argument as modprobe compares module names (``-`` as ``_``)."""
        return normalize_module(self.words[1].text) if len(self.words) > 1 else None

    @property
    def text(self) -> str:
        """The command and its kept words joined by single spaces (``alias bond0 bonding``)."""
        return " ".join([self.kind, *(w.text for w in self.words)])

    @property
    def read(self) -> bool:
        return self.file.read


@attrs.frozen(slots=True)
class ModuleAlias:
    name: str
    module: str
    line: ModprobeCommand
    file: ModprobeFile


@attrs.frozen(slots=True)
class ModuleOptions:
    module: str  # as written (may be an alias such as bond0)
    words: tuple[BondOption, ...]  # each option word parsed into key/value
    line: ModprobeCommand
    file: ModprobeFile
    #: words past MAX_OPTION_WORDS, not read as options
    unread: UnreadWords | None = None
    #: the words from the first one that is no module parameter (`(note: ...`) to the end (before
    #: an inline comment): not options, and the reason the line is not valid module parameters
    free_text: Located | None = None


@attrs.frozen(slots=True)
class ModuleConfig:
    files: tuple[ModprobeFile, ...]  # modprobe.conf first, then modprobe.d/* by name
    aliases: tuple[ModuleAlias, ...]  # from files that are read, in read order
    options: tuple[ModuleOptions, ...]
    #: every command line of every file (read or not), in file order
    commands: tuple[ModprobeCommand, ...] = ()
    #: the same, by file (``rel``)
    by_file: dict[str, tuple[ModprobeCommand, ...]] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def modprobe_conf(self) -> ModprobeFile | None:
        return next((f for f in self.files if f.rel == "etc/modprobe.conf"), None)

    def read_commands(self, kind: str) -> Iterator[ModprobeCommand]:
        """The ``kind`` commands of the files this release's modprobe reads, in read order."""
        return (c for c in self.commands if c.kind == kind and c.file.read)

    def commands_in(self, f: ModprobeFile, kind: str) -> Iterator[ModprobeCommand]:
        """The ``kind`` commands of one file, read or not."""
        return (c for c in self.by_file.get(f.rel, ()) if c.kind == kind)

    def aliases_for(self, name: str) -> tuple[ModuleAlias, ...]:
        return tuple(a for a in self.aliases if a.name == name)

    def options_for(self, module: str) -> tuple[ModuleOptions, ...]:
        norm = normalize_module(module)
        return tuple(o for o in self.options if normalize_module(o.module) == norm)

    @property
    def bonding_aliases(self) -> tuple[ModuleAlias, ...]:
        """``alias <name> bonding`` lines, in read order."""
        return tuple(a for a in self.aliases if normalize_module(a.module) == "bonding")

    def bonding_lines(self, bond_names: Iterable[str]) -> tuple[ModuleOptions, ...]:
        """``options`` lines for the bonding module, one of its aliases, or one of ``bond_names``."""
        names = {"bonding"} | {normalize_module(n) for n in bond_names}
        names |= {normalize_module(a.name) for a in self.bonding_aliases}
        return tuple(o for o in self.options if normalize_module(o.module) in names)
