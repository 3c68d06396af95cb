"""Small helpers shared by rule families (not rules themselves)."""

from __future__ import annotations

from typing import Iterator

from bondlint.findings import Violation
from bondlint.host.model import HostModel, IfcfgFile, KeyfileProfile


def from_problems(host: HostModel, code: str) -> Iterator[Violation]:
    """Turn the parse/read problems of one code into violations of its rule."""
    for problem in host.problems(code):
        yield Violation(problem.span, problem.message)


def file_label(f: IfcfgFile | KeyfileProfile) -> str:
    """How a message names a device's configuration file: ``ifcfg-eth0`` or ``eth0.nmconnection``."""
    return f.name if isinstance(f, KeyfileProfile) else f"ifcfg-{f.suffix}"


def is_keyfile(f: object) -> bool:
    return isinstance(f, KeyfileProfile)
