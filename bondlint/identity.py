"""Which host a root is: the part of a fingerprint that tells web1's fault from web3's.

One rule for every root and every output (baseline, JSON, SARIF, GitLab, diff):
the hostname a collector's ``BONDLINT-MANIFEST`` or a sosreport recorded (a
re-collected ``web1-<date>`` keeps its identity), else the root's path relative
to the project directory: the config file's folder, else the top level of the
git work tree holding the root, else the working directory. A root outside the
project keeps its absolute path. So the identity survives a fresh checkout
elsewhere and does not depend on where bondlint runs inside a repository.
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


def project_of(root: str, config_dir: str | None, memo: dict | None = None) -> str:
    """The folder a root's path is named from: the config's, else the git top level, else here."""
    return config_dir or git_toplevel(root, memo) or os.getcwd()


def git_toplevel(path: str, memo: dict | None = None) -> str | None:
    """The nearest folder at or above ``path`` holding ``.git`` (a folder, or a worktree's file).

    ``memo``: folders already looked at (a run's roots in one folder share the walk above it)."""
    from bondlint.source import enclosing_marker

    found = enclosing_marker(os.path.abspath(path), (".git",), memo)
    return os.path.dirname(found) if found is not None else None


def path_identity(root: str, project: str) -> str:
    """The root relative to the project directory, or absolute when outside it."""
    absolute = os.path.abspath(root)
    rel = os.path.relpath(absolute, os.path.abspath(project))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return absolute
    return rel


def host_identity(root: str, project: str, hostname: str | None = None, recorded: str | None | bool = False) -> str:
    """A root's identity: the collected or sos-recorded hostname, else its path.

    ``hostname`` is one the root's discovery already read (an archive's manifest);
    ``recorded``, what ``recorded_identity`` gave for it (the audit read it; False: not known,
    read now). An archive is named as the same tree unpacked beside it would be
    (``web1.tar.gz`` as ``web1``).
    """
    from bondlint.archive import is_archive, stem

    if hostname:
        return f"host:{hostname}"
    if recorded is False:
        recorded = recorded_identity(root)
    if recorded:
        return str(recorded)
    return path_identity(stem(root) if is_archive(root) else root, project)


def recorded_identity(root: str, tree: Root | None = None) -> str | None:
    """The hostname a root records: a collector's ``BONDLINT-MANIFEST`` ("host:web1"), else a
    sosreport's ("sosreport:web1"); None when it records none.

    Read through the root (``tree``: the audit's own, an open archive), so that the content
    cache sees what it read; the audit does it once and its result carries the answer.
    """
    from bondlint.archive import ArchiveError, ArchiveRoot, is_archive

    if is_archive(root):
        if tree is None:
            try:
                tree = ArchiveRoot.open(root)
            except ArchiveError:
                return None
        sosreport = getattr(tree, "kind", None) == "sosreport"
    elif os.path.isdir(root):
        from bondlint.source import Root

        tree = Root(root)
        sosreport = os.path.isdir(os.path.join(root, "sos_commands"))
    else:
        return None
    from bondlint.collect.manifest import read_manifest

    manifest = read_manifest(tree)
    if manifest is not None and manifest.hostname:
        return f"host:{manifest.hostname}"
    if sosreport:
        name = _sos_hostname(tree)
        if name:
            return f"sosreport:{name}"
    return None


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

    def __init__(self, config_dir: str | None) -> None:
        #: the config file's folder; None: each root's git top level, else the working directory
        self.config_dir = config_dir
        self._known: dict[str, str] = {}
        self._roots: dict[tuple[str | None, str | None], str | None] = {}
        self._recorded: dict[str, str | None] = {}
        self._walks: dict = {}  # git_toplevel's memo, for this run

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
            project = project_of(root, self.config_dir, self._walks)
            found = self._known[root] = host_identity(root, project, recorded=self._recorded.pop(root, False))
        return found

    def learn(self, root: str, recorded: str | None) -> None:
        """What the audit of ``root`` read of its recorded hostname (``RootResult.recorded``): not read again."""
        if root not in self._known:
            self._recorded[root] = recorded
