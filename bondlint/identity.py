"""Which host a root is: the part of a fingerprint that tells web1's fault from web3's.

A host tree is named by its path relative to the project directory (the config
file's folder, else the working directory), so the identity survives a fresh
checkout elsewhere; a root outside the project keeps its absolute path. A
sosreport's folder name carries a date and a case number, so it is named by the
hostname sos recorded (else its etc/hostname).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondlint.findings import Finding
    from bondlint.source import Root

#: Where sos records the hostname, newest layout first; then the host's own file.
HOSTNAME_FILES = ("hostname", "sos_commands/host/hostname", "sos_commands/general/hostname", "etc/hostname")
#: A hostname is short; anything longer is not one.
MAX_HOSTNAME_FILE = 4096


def path_identity(root: str, project: str) -> str:
    """The root relative to the project directory, or absolute when outside it."""
    absolute = os.path.abspath(root)
    rel = os.path.relpath(absolute, os.path.abspath(project))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return absolute
    return rel


def host_identity(root: str, project: str) -> str:
    """A root's identity: its sos-recorded hostname for a sosreport, else its path."""
    from bondlint.archive import is_archive

    if is_archive(root):
        return _archive_identity(root, project)
    if os.path.isdir(os.path.join(root, "sos_commands")):
        from bondlint.source import Root

        name = _sos_hostname(Root(root))
        if name:
            return f"sosreport:{name}"
    return path_identity(root, project)


def _archive_identity(archive: str, project: str) -> str:
    """An archive is named as the same tree unpacked beside it would be (``web1.tar.gz`` as ``web1``)."""
    from bondlint.archive import ArchiveError, ArchiveRoot, stem

    try:
        tree = ArchiveRoot.open(archive)
    except ArchiveError:
        tree = None
    if tree is not None and tree.kind == "sosreport":
        name = _sos_hostname(tree)
        if name:
            return f"sosreport:{name}"
    return path_identity(stem(archive), project)


def _sos_hostname(tree: Root) -> str | None:
    from bondlint.source import SourceText

    for rel in HOSTNAME_FILES:
        read = tree.read(rel, max_size=MAX_HOSTNAME_FILE)
        if isinstance(read, SourceText):
            first = read.text.strip().split("\n", 1)[0].strip()
            if first:
                return first
    return None


class Identities:
    """Host identities of the roots of one run, each worked out once."""

    def __init__(self, project: str) -> None:
        self.project = project
        self._known: dict[str, str] = {}
        self._roots: dict[tuple[str | None, str | None], str | None] = {}

    def of_finding(self, f: Finding) -> str:
        """The identity of the host a finding is on (the tree holding a single file)."""
        key = (f.root, f.path)
        if key not in self._roots:
            self._roots[key] = f.host_root
        return self.of(self._roots[key])

    def of(self, root: str | None) -> str:
        if not root:
            return ""
        found = self._known.get(root)
        if found is None:
            found = self._known[root] = host_identity(root, self.project)
        return found
