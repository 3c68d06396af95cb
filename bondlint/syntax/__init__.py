"""Parsers: text → AST with positions, one module (+ grammar) per file kind.

The parser modules are imported lazily so that a run pays only for the kinds
it meets.
"""

from __future__ import annotations

import importlib
import os
import posixpath
from typing import TYPE_CHECKING

import attrs

from bondlint.syntax.document import Document, RefusedDocument
from bondlint.syntax.span import Problem, Span

#: kind → module whose ``parse(text, path)`` returns that kind's Document.
PARSERS: dict[str, str] = {
    "ifcfg": "bondlint.syntax.shellvars",
    "network": "bondlint.syntax.shellvars",
    "modprobe": "bondlint.syntax.modprobe",
    "xend": "bondlint.syntax.sxp",
    "bonding": "bondlint.syntax.bonding",
    "keyfile": "bondlint.syntax.keyfile",
}
KINDS: tuple[str, ...] = tuple(PARSERS)

if TYPE_CHECKING:
    from bondlint.source import Refused


def detect_kind(path: str | os.PathLike[str]) -> str | None:
    """Guess a file's kind from its path, as bondlint's discovery names them."""
    p = os.fspath(path).replace(os.sep, "/")
    name = posixpath.basename(p)
    parent = posixpath.basename(posixpath.dirname(p))
    if _is_keyfile(p, name, parent):
        return "keyfile"
    if "ifcfg-" in name:
        return "ifcfg"
    if name == "network" and parent == "sysconfig":
        return "network"
    if name == "modprobe.conf" or parent == "modprobe.d":
        return "modprobe"
    if name.endswith(".sxp"):
        return "xend"
    if parent == "bonding" and "/net/" in p:
        return "bonding"
    return None


def _is_keyfile(p: str, name: str, parent: str) -> bool:
    """NetworkManager profiles and NetworkManager.conf (+ conf.d/*.conf): GKeyFile text."""
    if parent == "system-connections" or name.endswith(".nmconnection"):
        return True
    if name == "NetworkManager.conf":
        return True
    return parent == "conf.d" and "/NetworkManager/" in f"/{p}" and name.endswith(".conf")


def parse_text(text: str, kind: str, path: str | None = None) -> Document:
    """Parse ``text`` as a file of ``kind``; never raises on any text."""
    try:
        module = importlib.import_module(PARSERS[kind])
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}") from None
    return module.parse(text, path, kind=kind)


def parse_file(path: str | os.PathLike[str], kind: str | None = None) -> Document:
    """Read and parse one file; unreadable files give a BL000 problem, not an error."""
    display = os.fspath(path)
    kind = kind or detect_kind(display)
    if kind is None:
        raise ValueError(f"cannot tell the kind of {display!r} from its name; pass kind=")
    from bondlint.source import Refused, read_single  # here: bondlint.source imports this package

    source = read_single(display)
    if isinstance(source, Refused):
        return refused(kind, source)
    doc = parse_text(source.text, kind, display)
    if source.problems:
        doc = _with_problems(doc, source.problems)
    return doc


def refused(kind: str, source: Refused) -> RefusedDocument:
    return RefusedDocument(kind, source.path, "", (source.problem,))


def _with_problems(doc: Document, problems: tuple[Problem, ...]) -> Document:
    return attrs.evolve(doc, problems=problems + doc.problems)


__all__ = [
    "Document",
    "KINDS",
    "Problem",
    "RefusedDocument",
    "Span",
    "detect_kind",
    "parse_file",
    "parse_text",
]
