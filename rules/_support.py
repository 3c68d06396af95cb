"""DEPRECATED shim (issue 20): see /work/notes/lexical-facts.md; goes once no rule module imports it."""

from __future__ import annotations

from bondlint.model.host import KeyfileProfile
from bondlint.rule_api import from_problems, visible  # noqa: F401 (re-exported for old callers)


def file_label(f: object) -> str:
    """-> ``f.label`` (IfcfgFile: ``ifcfg-eth0``, KeyfileProfile: its file name)."""
    return f.label  # type: ignore[attr-defined]


def is_keyfile(f: object) -> bool:
    """-> ``isinstance(f, KeyfileProfile)``."""
    return isinstance(f, KeyfileProfile)
