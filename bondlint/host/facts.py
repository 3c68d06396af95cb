"""The small values the host model is made of: located values, consumers, three-valued booleans.

Every fact a rule reads is normalised here, once, at the edge: a trailing CR
(BL004 reports it) is not part of a value, module names compare with ``_``,
and a boolean is read the way the program that applies it reads it. A
second configuration format (NetworkManager keyfiles) fills the same values.
"""

from __future__ import annotations

import enum

import attrs

from bondlint.syntax.span import LineIndex, Span

#: The programs that apply a host's network configuration.
INITSCRIPTS = "initscripts"
NETWORKMANAGER = "NetworkManager"
#: The setuid helper that lets users ifup/ifdown a device; it reads only USERCTL (semantics 1.1.1).
USERNETCTL = "usernetctl"


@attrs.frozen(slots=True)
class Located:
    """One value and the place it is written.

    ``text`` is the value as its consumer reads it (quotes removed, no CR);
    ``raw`` the text as written; ``offsets`` (when the quoting could be mapped)
    gives, per character of ``text``, its offset in the file, so ``sub`` can
    point at a sub-word (a ``netdev=`` argument, one BONDING_OPTS word).
    """

    text: str
    span: Span
    raw: str | None = None
    offsets: tuple[int, ...] | None = attrs.field(default=None, eq=False, repr=False)
    index: LineIndex | None = attrs.field(default=None, eq=False, repr=False)
    #: the whole statement it belongs to (``NAME=value``), where one is known
    statement: Span | None = attrs.field(default=None, eq=False, repr=False)
    computed: bool = attrs.field(default=False, eq=False)  # bash computes it ($VAR, `cmd`, $(cmd))
    exported: bool = attrs.field(default=False, eq=False)  # written as ``export NAME=value``

    def sub(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]``; the whole value's span when it cannot be mapped."""
        if self.offsets is None or self.index is None or not 0 <= start <= end <= len(self.text):
            return self.span
        if start == end:
            at = self.offsets[start] if start < len(self.offsets) else self.offsets[-1] + 1 if self.offsets else self.span.start
            return self.index.span(at, at)
        return self.index.span(self.offsets[start], self.offsets[end - 1] + 1)


def normalize_module(name: str) -> str:
    """modprobe treats ``-`` and ``_`` in module and alias names as the same (semantics 1.3)."""
    return name.replace("-", "_")


def clean(value: str | None) -> str | None:
    """A shell value without BL004's trailing CR; None when unset or empty."""
    if value is None:
        return None
    value = value.rstrip("\r")
    return value or None


class Truth(enum.Enum):
    """A boolean as one consumer reads one key: true, false, or a word it does not understand."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "not understood"

    def __bool__(self) -> bool:  # a Truth is never used as a bool by accident
        raise TypeError("compare a Truth with Truth.TRUE / Truth.FALSE, or use .or_default()")

    def or_default(self, default: bool) -> bool:
        return default if self is Truth.UNKNOWN else self is Truth.TRUE


#: NetworkManager's ``svParseBoolean`` words (case-insensitive).
NM_TRUE = frozenset({"yes", "true", "t", "y", "1"})
NM_FALSE = frozenset({"no", "false", "f", "n", "0"})
#: initscripts' ``is_true`` / ``is_false`` words (any case).
IS_TRUE = frozenset({"yes", "true", "t", "y", "1", "on"})
IS_FALSE = frozenset({"no", "false", "f", "n", "0", "off"})
#: Releases whose initscripts read SLAVE with ``is_true`` (after commit 66d26269, semantics 1.1.5).
SLAVE_IS_TRUE_RELEASES = frozenset({"el8"})


def read_bool(consumer: str, key: str, value: str | None, release: str | None = None) -> Truth:
    """How ``consumer`` reads boolean ``key`` set to ``value`` on ``release`` (semantics 1.1.3-1.1.5).

    Unset is UNKNOWN: each caller knows its key's default.
    """
    v = clean(value)
    if v is None:
        return Truth.UNKNOWN
    low = v.lower()
    if consumer == NETWORKMANAGER:
        return Truth.TRUE if low in NM_TRUE else Truth.FALSE if low in NM_FALSE else Truth.UNKNOWN
    if consumer == USERNETCTL:  # yes/true in any case grants control; anything else does not
        return Truth.TRUE if low in ("yes", "true") else Truth.FALSE
    if key == "SLAVE":
        if release in SLAVE_IS_TRUE_RELEASES:
            return Truth.TRUE if low in IS_TRUE else Truth.FALSE
        return Truth.TRUE if v == "yes" else Truth.FALSE
    if key == "ONBOOT":
        return Truth.FALSE if low.startswith("no") else Truth.TRUE
    if key == "NM_CONTROLLED":  # initscripts compare it with the literal strings
        return Truth.TRUE if v == "yes" else Truth.FALSE if v == "no" else Truth.UNKNOWN
    if key == "NETWORKING":
        return Truth.FALSE if v == "no" else Truth.TRUE
    return Truth.TRUE if low in IS_TRUE else Truth.FALSE if low in IS_FALSE else Truth.UNKNOWN


#: The NetworkManager each RHEL minor release shipped (docs/semantics-notes.md section 1: the
#: advisories and NM's contrib/rh-bkr/bkr.py map). el6 before 6.3 had no NM bonding at all.
NM_BY_RELEASE: dict[str, tuple[int, int]] = {
    "6.3": (0, 8), "6.4": (0, 8), "6.5": (0, 8), "6.6": (0, 8), "6.7": (0, 8), "6.8": (0, 8),
    "6.9": (0, 8), "6.10": (0, 8),
    "7.0": (0, 9), "7.1": (1, 0), "7.2": (1, 0), "7.3": (1, 4), "7.4": (1, 8), "7.5": (1, 10),
    "7.6": (1, 12), "7.7": (1, 18), "7.8": (1, 18), "7.9": (1, 18),
    # RHEL 8 and 9 minors (their release notes' NetworkManager rebases): verify()'s checks differ
    "8.0": (1, 14), "8.1": (1, 20), "8.2": (1, 22), "8.3": (1, 26), "8.4": (1, 30), "8.5": (1, 32),
    "8.6": (1, 36), "8.7": (1, 40), "8.8": (1, 40), "8.9": (1, 40), "8.10": (1, 40),
    "9.0": (1, 36), "9.1": (1, 40), "9.2": (1, 42), "9.3": (1, 44), "9.4": (1, 46), "9.5": (1, 48),
}
#: NetworkManager takes BONDING_OPTS alone as a bond marker from 1.8.0 (commit 12cc8d729d,
#: the 1.8 backport of e044071825; semantics-notes section 1).
NM_BONDING_OPTS_IS_BOND = (1, 8)


def networkmanager_version(release: str | None, version: str | None) -> tuple[int, int] | None:
    """The (major, minor) NetworkManager of a release: from its minor version, else from the
    major where every minor agrees (el6: 0.8; el8, el9, el10: their first); None when unknown (el7 without minor)."""
    major_minor = ".".join((version or "").split(".")[:2])  # CentOS writes 7.9.2009
    if major_minor in NM_BY_RELEASE:
        return NM_BY_RELEASE[major_minor]
    major, _, minor = (version or "").partition(".")
    if major == "7" and minor.isdigit() and int(minor) > 5:
        return (1, 10)
    if release == "el6":
        return (0, 8)
    if release == "el8":
        return (1, 14)
    if release == "el9":
        return (1, 36)
    if release == "el10":
        return (1, 52)
    return None
