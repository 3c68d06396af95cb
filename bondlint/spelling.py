"""The nearest known name to a misspelt one (option typos: `mimon` → `miimon`).

Damerau-Levenshtein distance in its optimal-string-alignment form: one edit is
an insertion, a deletion, a substitution or a swap of two neighbours, the
typos people make in a config file.
"""

from __future__ import annotations

from typing import Iterable


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap neighbours) that turn ``a`` into ``b``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def nearest(word: str, known: Iterable[str], *, most: int = 2, shortest: int = 4) -> str | None:
    """The one known name within ``most`` edits of ``word``; None when there is none or a tie.

    Words shorter than ``shortest`` are never guessed: too many names are close to them.
    """
    if len(word) < shortest:
        return None
    scored = sorted((distance(word, k), k) for k in set(known))
    best = [k for d, k in scored if d <= most and d == scored[0][0]]
    return best[0] if len(best) == 1 else None
