"""Which files of a host bondlint reads, and what a path on the command line is.

A path may be ``/etc`` itself, any tree holding ``etc/`` (a chroot, an image,
a config repo's host folder, a sosreport), or single files. Everything under a
root is listed through ``bondlint.source.Root`` so symlinks resolve as they
would inside the host and never lead outside it.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TypeVar

import attrs

from bondlint.source import Refused, Root
from bondlint.syntax.span import Problem, whole_file_span

_T = TypeVar("_T")

NETWORK_SCRIPTS = "etc/sysconfig/network-scripts"
#: NetworkManager's profile directories, (storage, directory under the root), highest priority first
#: (nms-keyfile-plugin.c); nm_discover reads them, the per-root file limit counts their entries.
PROFILE_DIRS: tuple[tuple[str, str], ...] = (
    ("run", "run/NetworkManager/system-connections"),
    ("etc", "etc/NetworkManager/system-connections"),
    ("lib", "usr/lib/NetworkManager/system-connections"),
)
#: NetworkManager's conf.d directories by storage (nm-config.c; nm_discover.config_files reads them).
CONF_DIRS = {
    "lib": "usr/lib/NetworkManager/conf.d",
    "run": "run/NetworkManager/conf.d",
    "etc": "etc/NetworkManager/conf.d",
}
RELEASE_FILES: tuple[str, ...] = (
    "etc/redhat-release",
    "etc/centos-release",
    "etc/system-release",
    "etc/os-release",
)

#: Names that look like a copy of another configuration file rather than one of its own
#: (``ifcfg-eth0.save``, ``bond0.nmconnection.bak``, ``bond0-copy``, ``eth0.20240301``): a fact of
#: the name alone, shared by the ifcfg and keyfile forms of BL008 (each adds its own guard). A
#: backup word may carry letters or digits (``.bak2``, ``.original``) but not another ``_word``:
#: NetworkManager's own ``Test_MAC_Old_Format`` is a profile, not a copy.
BACKUP_NAME = re.compile(
    r"""(?ix)
    (?:[._-](?:save|sav|bak[a-z0-9]*|backup[a-z0-9]*|orig[a-z0-9]*|old[a-z0-9]*|copy[a-z0-9]*|rpm(?:save|orig|new)|dpkg-\w+|tmp|disabled?)$)
    | (?:[._-](?:19|20)\d{2}(?:[._-]?\d{2}){0,2}(?:[._-]?\d{2,6})?$)   # a date or year suffix
    | (?:~\d*$)
    """
)


def looks_like_backup(name: str) -> bool:
    """The name ends like a backup copy's (a backup word, a date, ``~``)."""
    return BACKUP_NAME.search(name) is not None


#: initscripts' is_ignored_file (IS5); el7 and later add ".old".
IGNORED_SUFFIXES: tuple[str, ...] = ("~", ".bak", ".orig", ".rpmnew", ".rpmorig", ".rpmsave")
IGNORED_SUFFIXES_EL7: tuple[str, ...] = IGNORED_SUFFIXES + (".old",)
#: Suffixes NetworkManager's ifcfg-rh reads while initscripts ignore them (semantics 1.1.3): where
#: the release's NetworkManager reads them (``Release.nm_reads_ignored_suffixes``)
NM_READS_IGNORED_SUFFIXES: tuple[str, ...] = (".rpmsave", ".rpmorig", ".old")


@attrs.frozen(slots=True)
class HostRoot:
    """A host tree; ``kind`` says what it looked like ("etc", "root", "sosreport")."""

    root: Root = attrs.field(eq=False)
    display: str
    kind: str = "root"


@attrs.frozen(slots=True)
class SingleFiles:
    paths: tuple[str, ...]


@attrs.frozen(slots=True)
class Missing:
    """A path that cannot be audited (absent, or neither a host tree nor a file)."""

    path: str
    problem: Problem


Target = HostRoot | SingleFiles | Missing


def _missing(path: str, message: str) -> Missing:
    return Missing(path, Problem("unreadable", whole_file_span(path), {"reason": message}))


def classify(path: str) -> Target:
    """What the user named: a host tree, a file, or nothing usable (never raises)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return _missing(path, "path does not exist")
    except OSError as exc:  # ENAMETOOLONG past PATH_MAX, ELOOP, EACCES: say which
        return _missing(path, f"cannot use this path: {exc.strerror}")
    if not os.path.exists(path):
        return _missing(path, "path is a dangling symlink")
    from bondlint.archive import is_archive

    if is_archive(path):
        return _archive(path)
    if not os.path.isdir(path):
        return SingleFiles((path,))
    if _names_etc(path):
        display = display_of(path)
        return HostRoot(Root(os.path.dirname(os.path.abspath(path)), display), display, "etc")
    if os.path.isdir(os.path.join(path, "etc")) or os.path.isdir(os.path.join(path, "proc", "net", "bonding")):
        # a tree holding only /proc (a partial sosreport) still gets the checks that need no configuration
        kind = "sosreport" if os.path.isdir(os.path.join(path, "sos_commands")) else "root"
        return HostRoot(Root(path, path), path, kind)
    return _missing(
        path,
        "not a host tree: a directory without etc/ or proc/net/bonding/ (give /etc, a chroot or sosreport root, or files)",
    )


def _archive(path: str) -> Target:
    """A tarball (the collector's, a sosreport's) read as a host root, or why it cannot be."""
    from bondlint.archive import ArchiveError, ArchiveRoot

    try:
        root = ArchiveRoot.open(path)
    except ArchiveError as exc:
        return _missing(path, f"archive {exc}")
    top = root.listdir("")
    if "etc" in top or root.listdir("proc/net/bonding"):
        return HostRoot(root, path, root.kind)
    return _missing(path, "not a host tree: an archive without etc/ or proc/net/bonding/")


def _names_etc(path: str) -> bool:
    return os.path.basename(os.path.abspath(os.path.normpath(path))) == "etc"


def display_of(path: str) -> str:
    """How findings name the root the user gave as ``path``, without classifying it.

    The path itself, except ``/etc`` (or ``x/etc``), whose root is its parent.
    A run lists its roots up front from this, for thousands of paths, so it
    costs one stat at most.
    """
    if not (_names_etc(path) and os.path.isdir(path)):
        return path
    norm = os.path.normpath(path)
    shown = os.path.dirname(norm) if os.path.basename(norm) == "etc" else os.path.dirname(os.path.abspath(norm))
    return shown or "."


def host_root_of(path: str) -> str | None:
    """The host root holding a file: the folder whose ``etc/`` contains it, or None.

    Pure path logic (nothing is read), so pre-commit can map each changed file
    to the root to lint whole; the nearest ``etc`` above the file wins.
    """
    norm = os.path.normpath(path)
    head = os.path.dirname(norm)
    while head and head != os.path.dirname(head):
        if os.path.basename(head) == "etc":
            return os.path.dirname(head) or ("/" if norm.startswith("/") else ".")
        head = os.path.dirname(head)
    return None


def host_root_holding(path: str) -> str | None:
    """``host_root_of``, also when the working directory is inside the host's etc/
    (etckeeper's repository is /etc: paths come as ``sysconfig/network``).

    A directory is a root already: never climb above it.
    """
    found = host_root_of(path)
    if found is None and not os.path.isdir(path):
        found = host_root_of(os.path.abspath(path))
    return found


@attrs.frozen(slots=True)
class HostFiles:
    """Relative paths (from the root) of every file in scope that is present."""

    ifcfg: tuple[str, ...]  # every ifcfg-* name, live or not, in `ls` order
    routes: tuple[str, ...]  # network-scripts/route-* names
    network: str | None
    modprobe_conf: str | None
    modprobe_d: tuple[str, ...]  # every entry of etc/modprobe.d, by name
    xend_config: str | None
    network_bridge: str | None
    release_files: tuple[str, ...]
    proc_bonding: tuple[str, ...]
    #: the *.conf files of kmod's other directories (KMOD_DIRS), each directory's by name
    kmod_conf: tuple[str, ...] = ()
    #: what could not be read beyond the files above: an archive's hostile members, the paths a
    #: collector recorded it could not read (bondlint.collect.manifest)
    refused: tuple[Refused, ...] = ()
    #: interface lists a sosreport or collected archive keeps, (path, kind) (INTERFACE_LISTS), and the
    #: entries of sys/class/net: which devices ran when the tree was taken (BL814's evidence)
    interface_lists: tuple[tuple[str, str], ...] = ()
    sys_class_net: tuple[str, ...] = ()
    #: the entries of NetworkManager's profile directories, (storage, path), /run first, each by name:
    #: profiles, ``.nmmeta`` files and names NetworkManager ignores alike (each is stat'ed)
    profile_entries: tuple[tuple[str, str], ...] = ()
    #: the ``*.conf`` names of NetworkManager's conf.d directories (CONF_DIRS), by storage, each sorted
    nm_conf_names: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: how many files in scope were left unread past MAX_FILES_PER_ROOT (0: none)
    over_limit: int = 0


#: Files read in one root at most (a real host has tens): a directory of 100,000 ifcfg files
#: would cost a minute and most of a GB; past the limit one BL000 for the root says so.
#: Every file of a listed directory counts (ifcfg, route, modprobe.d and kmod's, NetworkManager's
#: profiles, ``.nmmeta`` files and conf.d, /proc/net/bonding), in the order ``files`` takes them.
MAX_FILES_PER_ROOT = 10_000


@attrs.define(slots=True)
class _Allowance:
    """What is left of MAX_FILES_PER_ROOT for one root, and how many files were left out past it."""

    left: int
    over: int = 0

    def take(self, paths: list[_T]) -> tuple[_T, ...]:
        """The first of ``paths`` that still fit; the rest are counted, never read."""
        kept = tuple(paths[: self.left])
        self.left -= len(kept)
        self.over += len(paths) - len(kept)
        return kept


#: kmod's configuration directories after etc/modprobe.d, in precedence order
#: (libkmod.c default_config_paths: /run, /usr/local/lib from v29, DISTCONFDIR /usr/lib, /lib);
#: of files with one name the first directory's is read (docs/semantics-notes.md section 5).
KMOD_DIRS: tuple[str, ...] = ("run/modprobe.d", "usr/local/lib/modprobe.d", "usr/lib/modprobe.d", "lib/modprobe.d")


#: Files listing the devices that ran, as sos names them (the networking plugin's ``ip -d address``
#: and ``ip address`` outputs; the kernel's /proc/net/dev), with how each is read (syntax/netdevs.py).
INTERFACE_LISTS: tuple[tuple[str, str], ...] = (
    ("sos_commands/networking/ip_-d_address", "ip-address"),
    ("sos_commands/networking/ip_address", "ip-address"),
    ("sos_commands/networking/ip_addr", "ip-address"),
    ("proc/net/dev", "proc-net-dev"),
)


def _present(root: Root, rel: str, listings: dict[str, list[str]]) -> str | None:
    """``rel`` if its directory lists it (a refused symlink still counts: BL000 must see it)."""
    parent, name = posixpath.split(rel)
    if parent not in listings:
        listings[parent] = root.listdir(parent)
    return rel if name in listings[parent] else None


def files(root: Root) -> HostFiles:
    """List the host's files in scope; one listdir per directory."""
    from bondlint.collect.manifest import manifest_refusals

    listings: dict[str, list[str]] = {}
    allowance = _Allowance(MAX_FILES_PER_ROOT)  # taken in this order: ifcfg files first, in `ls` order
    scripts = root.listdir(NETWORK_SCRIPTS)
    ifcfg = allowance.take([f"{NETWORK_SCRIPTS}/{n}" for n in scripts if n.startswith("ifcfg-")])
    routes = allowance.take([f"{NETWORK_SCRIPTS}/{n}" for n in scripts if n.startswith("route-")])
    modprobe_d = allowance.take(
        [f"etc/modprobe.d/{n}" for n in root.listdir("etc/modprobe.d") if not n.startswith(".")]
    )
    kmod_conf = allowance.take(
        [f"{d}/{n}" for d in KMOD_DIRS for n in root.listdir(d) if n.endswith(".conf") and not n.startswith(".")]
    )
    profile_entries = allowance.take([(s, f"{d}/{n}") for s, d in PROFILE_DIRS for n in root.listdir(d)])
    nm_conf_names = tuple((storage, allowance.take(conf_names(root, d))) for storage, d in CONF_DIRS.items())
    proc_bonding = allowance.take([f"proc/net/bonding/{n}" for n in root.listdir("proc/net/bonding")])
    return HostFiles(
        over_limit=allowance.over,
        ifcfg=ifcfg,
        routes=routes,
        network=_present(root, "etc/sysconfig/network", listings),
        modprobe_conf=_present(root, "etc/modprobe.conf", listings),
        modprobe_d=modprobe_d,
        xend_config=_present(root, "etc/xen/xend-config.sxp", listings),
        network_bridge=_present(root, "etc/xen/scripts/network-bridge", listings),
        release_files=tuple(r for r in RELEASE_FILES if _present(root, r, listings)),
        proc_bonding=proc_bonding,
        kmod_conf=kmod_conf,
        profile_entries=profile_entries,
        nm_conf_names=nm_conf_names,
        refused=root.refusals() + manifest_refusals(root),
        interface_lists=tuple((rel, kind) for rel, kind in INTERFACE_LISTS if _present(root, rel, listings)),
        sys_class_net=tuple(root.listdir("sys/class/net")),
    )


def conf_names(root: Root, directory: str) -> list[str]:
    """A conf.d directory's ``*.conf`` names in NetworkManager's order (strcmp on the bytes)."""
    return sorted((n for n in root.listdir(directory) if n.endswith(".conf")), key=lambda n: n.encode("utf-8", "surrogateescape"))


def ignored_reason(name: str, release: str | None) -> str | None:
    """Why initscripts skips this ifcfg file name, or None when it is live.

    With the release unknown the el7 set applies: counting ``.old`` files as
    live would invent duplicate devices on hosts that ignore them.
    """
    suffixes = IGNORED_SUFFIXES if release in ("el5", "el6") else IGNORED_SUFFIXES_EL7
    for suffix in suffixes:
        if name.endswith(suffix):
            return f"ignored suffix {suffix}"
    return None
