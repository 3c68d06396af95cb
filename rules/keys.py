"""BL013: ifcfg keys that nothing reads, one or two keystrokes away from one that is read.

The known keys are data, not code: ``ifcfg_known_keys.txt`` beside this module,
built from initscripts' sysconfig.txt and network scripts and NetworkManager's
ifcfg-rh plugin (its header names each source and commit).
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Iterator

import attrs

from bondlint.engine import rule
from bondlint.findings import Severity, Violation
from bondlint.host.model import HostModel
from bondlint.rules import _ifcfg

#: Keys shorter than this are never guessed at: `MTUU`, `DNS9`, `VID2` are as likely a
#: variable of the admin's own as a slip, and two edits turn any short word into another.
MIN_GUESS_LENGTH = 5
MAX_EDITS = 2


@attrs.frozen(slots=True)
class KnownKeys:
    """Every ifcfg key some consumer reads: plain names, numbered bases, prefixes."""

    plain: frozenset[str]
    numbered: frozenset[str]  # IPADDR: IPADDR, IPADDR0, IPADDR12 ...
    prefixes: tuple[str, ...]  # NM_USER_: any name starting with it

    def knows(self, key: str) -> bool:
        if key in self.plain or key.startswith(self.prefixes):
            return True
        base = key.rstrip("0123456789")
        return base in self.numbered

    def nearest(self, key: str) -> tuple[int, tuple[str, ...]]:
        """The known keys at the smallest edit distance ≤ MAX_EDITS (a numbered key with key's digits)."""
        digits = key[len(key.rstrip("0123456789")) :]
        candidates = self.plain | {n + digits for n in self.numbered}
        found: dict[int, list[str]] = {}
        for known in candidates:
            d = edit_distance(key, known, MAX_EDITS + 1)
            if d <= MAX_EDITS:
                found.setdefault(d, []).append(known)
        if not found:
            return MAX_EDITS + 1, ()
        best = min(found)
        return best, tuple(sorted(found[best]))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (optimal string alignment), or ``limit`` once it reaches it.

    Adjacent transpositions count as one edit (`UESCTL` -> `USERCTL` is two: the swap
    and the missing R), as in the typos admins make.
    """
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


@functools.cache
def known_keys() -> KnownKeys:
    text = resources.files(__package__).joinpath("ifcfg_known_keys.txt").read_text(encoding="utf-8")
    plain, numbered, prefixes = set(), set(), []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        word = fields[0]
        if word.endswith("<N>"):
            numbered.add(word[:-3])
        elif word.endswith("*"):
            prefixes.append(word[:-1])
        else:
            plain.add(word)
    return KnownKeys(frozenset(plain), frozenset(numbered), tuple(prefixes))


def _suggestion(names: tuple[str, ...]) -> str:
    shown = names[:3]
    return " or ".join(shown) if len(shown) < 3 else f"{', '.join(shown[:-1])} or {shown[-1]}"


@rule("BL013", "ifcfg-key-typo", Severity.WARNING, scope="file")
def ifcfg_key_typo(host: HostModel) -> Iterator[Violation]:
    """A key that neither initscripts nor NetworkManager reads, a typo away from one they do.

    ## What it checks
    Every assignment in a live `ifcfg-*` file whose name no consumer reads
    (initscripts' network scripts, NetworkManager's ifcfg-rh plugin, Open
    vSwitch's ifup-ovs, dhclient-script, firewalld) and that is within two
    edits (insertions, deletions, substitutions, swaps of neighbours) of a key
    one of them reads. Numbered keys (`IPADDR2`, `DNS3`, `GATEWAY1`) are known;
    names shorter than five characters are never guessed at, and a name that
    differs from a known key only in letter case is reported too (bash names
    are case-sensitive).

    ## Why it matters
    bash assigns the misspelt variable and nobody ever reads it; NetworkManager
    skips it as an unknown key. Nothing says so. `NM_CONTROLER=no` leaves the
    device managed by NetworkManager, `USRCTL=no` leaves USERCTL at its
    default, `BONDING_OPT="mode=1 miimon=100"` leaves the bond in balance-rr
    without link monitoring.

    ## Example
    ```
    DEVICE=bond0
    BONDING_OPT="mode=active-backup miimon=100"
    NM_CONTROLER=no
    ```
    Use instead:
    ```
    DEVICE=bond0
    BONDING_OPTS="mode=active-backup miimon=100"
    NM_CONTROLLED=no
    ```

    ## Fix
    Spell the key as suggested. A variable of your own that happens to look
    like a known key can be kept with `# bondlint: disable=BL013` on its line.
    """
    known = known_keys()
    for f in host.live_files():
        doc = _ifcfg.shell_doc(f)
        if doc is None:
            continue
        for a in doc.assignments():
            key = a.name
            if len(key) < MIN_GUESS_LENGTH or known.knows(key):
                continue
            if known.knows(key.upper()):
                distance, names = 0, (key.upper(),)
            else:
                distance, names = known.nearest(key)
            if not names or distance > MAX_EDITS:
                continue
            written = f"{key}={_ifcfg.show(a.value.value.rstrip(chr(13)))}"
            yield Violation(
                a.name_span,
                f"neither initscripts nor NetworkManager reads {key}, so {written} has no effect; "
                f"did you mean {_suggestion(names)}?",
            )
