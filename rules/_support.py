"""Small helpers shared by rule families (not rules themselves)."""

from __future__ import annotations

from typing import Callable, Iterator, Mapping

from bondlint.rule_api import Violation
from bondlint.model.host import HostModel, IfcfgFile, KeyfileProfile
from bondlint.syntax.span import Problem


def from_problems(host: HostModel, wording: Mapping[str, Callable[[Problem], str]]) -> Iterator[Violation]:
    """The parse/read problems of the kinds a rule owns, in its words (``wording``: kind → message)."""
    for problem in host.problems(wording):
        yield Violation(problem.span, wording[problem.kind](problem))


def file_label(f: IfcfgFile | KeyfileProfile) -> str:
    """How a message names a device's configuration file: ``ifcfg-eth0`` or ``eth0.nmconnection``."""
    return f.name if isinstance(f, KeyfileProfile) else f"ifcfg-{f.suffix}"


def is_keyfile(f: object) -> bool:
    return isinstance(f, KeyfileProfile)


def visible(text: str) -> str:
    """Text for a message: one line, control characters (a stray CR) made visible."""
    return text if text.isprintable() else repr(text)[1:-1]
