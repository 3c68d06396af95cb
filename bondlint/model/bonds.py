"""What the bonding driver makes of the options written for bonds: facts the converter computes once.

``host/bondopts.py`` holds the driver's option tables; it reads each option word of
BONDING_OPTS and of modprobe ``options`` lines against the host's release once
(``OptionReading``, on ``BondOption.reading``), so the BL3xx rules ask the word what
the driver does with it instead of consulting the tables themselves.
"""

from __future__ import annotations

import re

import attrs

_BOND_INDEX = re.compile(r"bond([0-9]+)")


@attrs.frozen(slots=True)
class OptionReading:
    """One option word as the bonding driver of the host's release reads it (BL301/BL302's facts).

    ``known``: the driver has the option from the word's source (a sysfs file for
    BONDING_OPTS, a module parameter for modprobe); an unknown release knows every
    release's options. ``other_release``: unknown here, but a real option of some
    release (not a typo). ``respelled``: the key with dashes as underscores (modprobe's
    own normalisation) where that is an option of some release. ``nearest``: the
    release's options within two edits, sorted (the message's hint). ``meant``: the one
    option a rename gives (``respelled``, else the single nearest; None for another
    release's real option). ``invalid``: why the driver refuses the value (None when it
    takes it, or the option is unknown). ``lower_case``: the value in lower case where
    the driver takes that and not the value as written (``Active-Backup``).
    """

    known: bool
    other_release: bool = False
    respelled: str | None = None
    nearest: tuple[str, ...] = ()
    meant: str | None = None
    invalid: str | None = None
    lower_case: str | None = None


@attrs.frozen(slots=True)
class BondingModule:
    """Which bonds loading the bonding module creates by itself (bond_main.c; semantics 1.3).

    ``max_bonds``: the module's max_bonds as the read ``options bonding`` lines set it
    (the last plain number; 1 by default): loading it creates bond0 … bond<max_bonds-1>.
    ``named``: the bonds an ``options <name> -o <name>`` or ``install <name> …`` line
    creates under their own name (the old tricks before BONDING_OPTS).
    """

    max_bonds: int = 1
    named: frozenset[str] = frozenset()

    @staticmethod
    def index(name: str) -> int | None:
        """N of a ``bondN`` name (the module numbers the bonds it creates); None for another name."""
        m = _BOND_INDEX.fullmatch(name)
        return int(m.group(1)) if m is not None else None

    def creates(self, name: str) -> bool:
        """Loading the module (or a line naming ``name``) creates this bond without BONDING_OPTS."""
        index = self.index(name)
        return name in self.named or (index is not None and index < self.max_bonds)
