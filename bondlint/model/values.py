"""The small values the host model is made of: located values, consumers, three-valued booleans.

Every fact a rule reads is normalised here, once, at the edge: a trailing CR
(BL004 reports it) is not part of a value, module names compare with ``_``,
and a boolean is read the way the program that applies it reads it. A
second configuration format (NetworkManager keyfiles) fills the same values.
"""

from __future__ import annotations

import enum

import attrs

from bondlint.model.release import release as release_row
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
        if release_row(release).slave_is_true:  # after initscripts commit 66d26269 (semantics 1.1.5)
            return Truth.TRUE if low in IS_TRUE else Truth.FALSE
        return Truth.TRUE if v == "yes" else Truth.FALSE
    if key == "ONBOOT":
        return Truth.FALSE if low.startswith("no") else Truth.TRUE
    if key == "NM_CONTROLLED":  # initscripts compare it with the literal strings
        return Truth.TRUE if v == "yes" else Truth.FALSE if v == "no" else Truth.UNKNOWN
    if key == "NETWORKING":
        return Truth.FALSE if v == "no" else Truth.TRUE
    return Truth.TRUE if low in IS_TRUE else Truth.FALSE if low in IS_FALSE else Truth.UNKNOWN


def nm_bool(value: str | None, default: bool) -> bool:
    """A boolean as NetworkManager's svParseBoolean reads it; ``default`` when unset or not a word it knows."""
    return read_bool(NETWORKMANAGER, "", value).or_default(default)
