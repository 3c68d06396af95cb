"""Near misses: which known name a misspelt one was meant to be (BL013's keys, BL301's options).

Damerau–Levenshtein distance (optimal string alignment): adjacent transpositions count as
one edit (`UESCTL` -> `USERCTL` is two: the swap and the missing R), as in the typos admins
make. Shared by every rule that suggests a name, so the suggestion is computed one way.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Iterable

import attrs

from bondlint.host import ifcfg_keys
from bondlint.model.lexical import Misspelling
from bondlint.syntax.shellvars import Assignment

MAX_EDITS = 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """The distance between ``a`` and ``b``, or ``limit`` once it reaches it."""
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


def nearest(word: str, known: Iterable[str], max_edits: int = MAX_EDITS) -> tuple[int, tuple[str, ...]]:
    """The known names at the smallest distance ≤ ``max_edits`` from ``word``, sorted; (max_edits+1, ()) if none."""
    found: dict[int, list[str]] = {}
    for name in known:
        d = edit_distance(word, name, max_edits + 1)
        if d <= max_edits:
            found.setdefault(d, []).append(name)
    if not found:
        return max_edits + 1, ()
    best = min(found)
    return best, tuple(sorted(found[best]))


def _deletions(word: str, edits: int) -> set[str]:
    """``word`` with up to ``edits`` characters deleted (SymSpell's key: two strings within
    ``edits`` edits share one of these)."""
    out = {word}
    frontier = {word}
    for _ in range(edits):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


class NearIndex:
    """Known names indexed by their deletions, so that a word's near names are found by
    looking up its own deletions (tens of lookups) instead of an edit distance against every
    name: a file of 30,000 unknown keys costs linear time, not 30,000 × 700 distances."""

    def __init__(self, names: Iterable[str], max_edits: int = MAX_EDITS) -> None:
        self.max_edits = max_edits
        self._by_deletion: dict[str, list[str]] = {}
        self._longest = 0
        for name in names:
            self._longest = max(self._longest, len(name))
            for d in _deletions(name, max_edits):
                self._by_deletion.setdefault(d, []).append(name)

    def nearest(self, word: str) -> tuple[int, tuple[str, ...]]:
        """As ``nearest(word, names)``, on the names this index holds."""
        if len(word) > self._longest + self.max_edits:
            return self.max_edits + 1, ()
        candidates = {n for d in _deletions(word, self.max_edits) for n in self._by_deletion.get(d, ())}
        return nearest(word, candidates, self.max_edits)


#: Option names shorter than this are never guessed at: too many names are close to a short word.
MIN_OPTION_GUESS = 4


def meant_option(word: str, known: Iterable[str], spelled: str) -> str | None:
    """The one known option ``word`` was meant to be: ``spelled`` (its normal spelling, such as
    dashes made underscores) when that is known, else the single nearest (BL301's rename)."""
    known = frozenset(known)
    if spelled in known:
        return spelled
    if len(word) < MIN_OPTION_GUESS:
        return None
    _, names = nearest(word, known)
    return names[0] if len(names) == 1 else None


def suggestion(names: tuple[str, ...]) -> str:
    """`A`, `A or B`, `A, B or C` (at most three)."""
    shown = names[:3]
    return " or ".join(shown) if len(shown) < 3 else f"{', '.join(shown[:-1])} or {shown[-1]}"


@attrs.frozen(slots=True)
class KnownKeys:
    """Every ifcfg key some consumer reads: plain names, numbered bases, prefixes."""

    plain: frozenset[str]
    numbered: frozenset[str]  # IPADDR: IPADDR, IPADDR0, IPADDR12 ...
    prefixes: tuple[str, ...]  # NM_USER_: any name starting with it

    def knows(self, key: str) -> bool:
        if key in self.plain or key.startswith(self.prefixes):
            return True
        return key.rstrip("0123456789") in self.numbered

    def nearest(self, key: str) -> tuple[int, tuple[str, ...]]:
        """The known keys nearest ``key`` (a numbered key with key's own digits).

        A numbered key ``BASE+digits`` is as far from ``key`` as BASE is from key's stem
        (a common suffix changes no edit distance), so both sets are searched through an index.
        """
        stem = key.rstrip("0123456789")
        digits = key[len(stem) :]
        plain, numbered = _indexes(self)
        found = [plain.nearest(key)]
        if digits:
            d, names = numbered.nearest(stem)
            found.append((d, tuple(n + digits for n in names)))
        else:
            found.append(numbered.nearest(key))
        best = min(d for d, _ in found)
        if best > MAX_EDITS:
            return best, ()
        return best, tuple(sorted({n for d, names in found if d == best for n in names}))


@functools.cache
def _indexes(known: KnownKeys) -> tuple[NearIndex, NearIndex]:
    return NearIndex(known.plain), NearIndex(known.numbered)


@functools.cache
def ifcfg_known_keys() -> KnownKeys:
    return KnownKeys(ifcfg_keys.PLAIN, ifcfg_keys.NUMBERED, ifcfg_keys.PREFIXES)


#: Keys shorter than this are never guessed at: `MTUU`, `DNS9`, `VID2` are as likely a
#: variable of the admin's own as a slip, and two edits turn any short word into another.
MIN_GUESS_LENGTH = 5


def misspellings(assignments: tuple[Assignment, ...]) -> tuple[Misspelling, ...]:
    """The file's assignments of unknown keys within MAX_EDITS of known ones, in file order."""
    known = ifcfg_known_keys()
    found: list[tuple[Assignment, tuple[str, ...]]] = []
    for a in assignments:
        key = a.name
        if len(key) < MIN_GUESS_LENGTH or known.knows(key):
            continue
        distance, names = (0, (key.upper(),)) if known.knows(key.upper()) else known.nearest(key)
        if names and distance <= MAX_EDITS:
            found.append((a, names))
    assigned = Counter(a.name for a in assignments)
    wanted = Counter(names[0] for _, names in found if len(names) == 1)
    out = []
    for a, names in found:
        target = names[0]
        unambiguous = len(names) == 1 and assigned[a.name] == 1 and not assigned[target] and wanted[target] == 1
        value = a.value.value.rstrip("\r")
        out.append(Misspelling(a.name, a.name_span, value, names, target if unambiguous else None))
    return tuple(out)
