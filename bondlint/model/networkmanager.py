"""What NetworkManager makes of a profile: facts the converter computes once.

``host/nm_bond.py`` reads a keyfile's ``[bond]`` (and an ifcfg file's BONDING_OPTS) as
NetworkManager does and runs its ``verify()``; ``host/keyfile_reader.py`` reads the
``[connection]`` keys and groups. Their results are stored here, located, so rules
read them without walking a keyfile's parse tree.
"""

from __future__ import annotations

import attrs

from bondlint.syntax.span import Span

#: Valid port types (nm-setting.c, con.c verify: anything else is "Unknown port type").
PORT_TYPES = frozenset({"bond", "bridge", "team", "ovs-bridge", "ovs-port", "vrf"})


@attrs.frozen(slots=True)
class VerifyError:
    """A check in nm-setting-bond.c verify() that fails: NetworkManager does not load the profile.

    ``check`` names it (stable, for rules to select on), ``message`` is
    NetworkManager's wording, ``spans`` point at the options involved.
    """

    check: str
    message: str
    spans: tuple[Span, ...]


@attrs.frozen(slots=True)
class DroppedBondOption:
    """A ``[bond]`` key NetworkManager drops while reading a keyfile ("ignoring invalid bond
    option"); the profile loads without it.

    ``unknown``: the name is no option of NetworkManager's table (else the value is
    invalid). ``meant``: for an unknown name written plainly (no locale suffix), the
    option it was meant to be (dashes for underscores, else the one option within two
    edits). ``lower_case``: for an invalid value written without escapes, the value in
    lower case where NetworkManager accepts that (``802.3AD``).
    """

    key: str
    raw: str
    reason: str
    key_span: Span
    value_span: Span
    unknown: bool
    meant: str | None = None
    lower_case: str | None = None


@attrs.frozen(slots=True)
class BondSetting:
    """A keyfile's ``[bond]`` group as NetworkManager reads it.

    ``group_span``: the ``[bond]`` header's name. ``keys``: every option key written
    (kept or dropped: a rename must not write a key twice). ``dropped``: the keys it drops.
    """

    group_span: Span | None
    keys: frozenset[str]
    dropped: tuple[DroppedBondOption, ...] = ()


@attrs.frozen(slots=True)
class WrittenKey:
    """One ``key=value`` line of a keyfile as written: the key, the raw value and where the value is."""

    key: str
    raw: str
    value_span: Span


@attrs.frozen(slots=True)
class KeyConflict:
    """``controller`` and ``master`` (or ``port-type`` and ``slave-type``) both written, differently:
    one property, and the deprecated key, read last, wins (BL708)."""

    lost: WrittenKey
    kept: WrittenKey


@attrs.frozen(slots=True)
class GroupSplit:
    """One setting written under its name and an alias (``[ethernet]`` and ``[802-3-ethernet]``):
    NetworkManager reads one group only (BL710). ``first`` is the group written first, ``other``
    a later one; each with its header line."""

    setting: str
    first: str
    first_span: Span
    other: str
    other_span: Span
