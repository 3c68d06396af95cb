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

#: Where sos records the hostname, newest layout first; then the host's own file.
HOSTNAME_FILES = ("hostname", "sos_commands/host/hostname", "sos_commands/general/hostname", "etc/hostname")
#: A hostname is short; anything longer is not one.
MAX_HOSTNAME_FILE = 4096
#: What ``bondlint collect`` writes at the top of its archive (``hostname: NAME`` among its lines).
MANIFEST_FILE = "BONDLINT-MANIFEST"
#: A manifest lists a host's unreadable paths: a few KiB; anything much larger is not one.
MAX_MANIFEST_FILE = 1 << 20


def project_of(root: str, config_dir: str | None) -> str:
    """The folder a root's path is named from: the config's, else the git top level, else here."""
    return config_dir or git_toplevel(root) or os.getcwd()


def git_toplevel(path: str) -> str | None:
    """The nearest folder at or above ``path`` holding ``.git`` (a folder, or a worktree's file)."""
    folder = os.path.abspath(path)
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def path_identity(root: str, project: str) -> str:
    """The root relative to the project directory, or absolute when outside it."""
    absolute = os.path.abspath(root)
    rel = os.path.relpath(absolute, os.path.abspath(project))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return absolute
    return rel


def host_identity(root: str, project: str, hostname: str | None = None) -> str:
    """A root's identity: the collected or sos-recorded hostname, else its path.

    ``hostname`` is one the root's discovery already read (an archive's manifest).
    """
    name = hostname or _manifest_hostname(root)
    if name:
        return f"host:{name}"
    if os.path.isdir(os.path.join(root, "sos_commands")):
        name = _sos_hostname(root)
        if name:
            return f"sosreport:{name}"
    return path_identity(root, project)


def _manifest_hostname(root: str) -> str | None:
    if not os.path.isfile(os.path.join(root, MANIFEST_FILE)):
        return None
    from bondlint.source import Root, SourceText

    read = Root(root).read(MANIFEST_FILE, max_size=MAX_MANIFEST_FILE)
    if not isinstance(read, SourceText):
        return None
    for line in read.text.split("\n"):
        key, sep, value = line.partition(": ")
        if sep and key == "hostname" and value.strip():
            return value.strip()
    return None


def _sos_hostname(root: str) -> str | None:
    from bondlint.source import Root, SourceText

    tree = Root(root)
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
            found = self._known[root] = host_identity(root, project_of(root, self.config_dir))
        return found
