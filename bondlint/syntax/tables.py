"""Parser tables generated from the .lark files at build time, loaded read-only.

Building a grammar's LALR tables costs 6-25 ms per grammar in every process;
loading the same tables from ``_generated.py`` (written by
``python -m bondlint.syntax.generate`` and committed) costs under 1 ms. Nothing
is ever written at run time. Where the generated tables do not match (the
grammar was edited and not regenerated, the options differ, or another Lark
version is installed), the parser is built from the grammar in memory as
before, so a stale table can cost time, never a wrong parse.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))


def grammar_digest(grammar: str) -> str:
    """sha256 of a grammar file beside this module: what a generated table was made from."""
    with open(os.path.join(HERE, grammar), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _generated() -> dict[str, Any]:
    try:
        from bondlint.syntax import _generated
    except ImportError:  # a source tree without generated tables: build everything
        return {}
    return _generated.GENERATED


def generated_entry(grammar: str, what: str) -> dict[str, Any] | None:
    """The generated ``what`` ("lalr" or "scanner") of ``grammar``, if still that grammar's."""
    entry = _generated().get(grammar, {}).get(what)
    if entry is None or entry.get("grammar_sha256") != grammar_digest(grammar):
        return None
    return entry


def lark(grammar: str, runtime: dict[str, Any] | None = None, **options: Any):
    """``Lark.open(grammar, **options, **runtime)``, from the generated tables when they fit.

    ``options`` shape the tables (parser, lexer); ``runtime`` are objects that
    cannot be generated (a transformer instance).
    """
    import lark as _lark

    runtime = runtime or {}
    entry = generated_entry(grammar, "lalr")
    if entry is not None and entry["lark_version"] == _lark.__version__ and entry["options"] == options:
        return _lark.Lark._load_from_dict(entry["data"], entry["memo"], **runtime)
    return _lark.Lark.open(grammar, rel_to=os.path.join(HERE, grammar), **options, **runtime)
