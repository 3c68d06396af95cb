"""bondlint's built-in rules, one module per family; installed as ``bondlint.rules``.

Each module of this package holds the rules of one family (lexical, mac,
topology, options, modprobe, addressing, xen, manager, runtime). ``RULES`` is
what the ``bondlint.rules`` entry point exposes; a third-party rule pack
exposes the same kind of object.
"""

from __future__ import annotations

import importlib
import pkgutil

from bondlint.rule_api import Rule


def _collect() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(v for v in vars(module).values() if isinstance(v, Rule))
    return tuple(sorted(found, key=lambda r: r.code))


RULES: tuple[Rule, ...] = _collect()
