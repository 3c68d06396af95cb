"""Which NetworkManager keyfiles and configuration files a host has, as NetworkManager finds them.

Discovery facts only (names, file types, modes, owners, read order,
``plugins=``), no verdicts; the builder turns them into model facts and the
rules into findings. Everything is read through ``bondlint.source.Root``:
symlinks resolve inside the root as NetworkManager's ``stat()`` would follow
them on the host, and never lead out of it.

Sources (NetworkManager at the commit in keyfile-semantics.md):

- profile directories and their priority: nm-keyfile-internal.h
  (``NM_KEYFILE_PATH_NAME_*``), nms-keyfile-plugin.c (``_path_detect_storage_type``:
  /run, then /etc, then /usr/lib), nms-keyfile-storage.c ``cmp_fcn`` (for one
  UUID: the higher-priority directory wins, then a metadata file, then the
  newer mtime, then the greater file name);
- file names: nm-keyfile.c ``nm_keyfile_utils_ignore_filename`` with
  ``require_extension`` false only in /etc (nms-keyfile-plugin.c
  ``_ignore_filename``: "for backward-compatibility, we don't require an
  extension for files under /etc"); ``<uuid>.nmmeta`` files in /etc and /run
  are metadata (nms-keyfile-utils.c ``nms_keyfile_nmmeta_check_filename``);
- permissions: nms-keyfile-utils.c ``nms_keyfile_utils_check_file_permissions``:
  ``stat()`` (links followed), a regular file, owner uid 0, no group/other bits;
- NetworkManager.conf: nm-config.c ``read_entire_config``: /usr/lib/NetworkManager/conf.d
  (skipped where /etc or /run conf.d has the same name), /run/NetworkManager/conf.d
  (skipped where /etc conf.d has the same name), then the main file
  (nm-system-settings.conf if present, else NetworkManager.conf), then
  /etc/NetworkManager/conf.d; ``*.conf`` only, sorted by name; later values
  win; ``plugins+=``/``plugins-=`` extend or shrink the list; lists split at ``,``;
- plugins: nm-settings.c ``load_plugins``: keyfile is always loaded (last when
  not listed); with ``plugins`` unset or empty, keyfile plus ifcfg-rh when the
  build has it; a listed plugin whose module is missing is skipped with a warning.
"""

from __future__ import annotations

import os
import posixpath
import stat
from typing import Iterable, Mapping

import attrs

from bondlint.host.discover import CONF_DIRS, PROFILE_DIRS, HostFiles, conf_names, looks_like_backup
from bondlint.host.keyfile_reader import Located
from bondlint.source import Refused, Root
from bondlint.syntax import parse_text, refused
from bondlint.syntax.document import Document
from bondlint.syntax.keyfile import KeyfileDocument
from bondlint.syntax.span import Problem

PRIORITY = {storage: rank for rank, (storage, _) in enumerate(PROFILE_DIRS)}
NMCONNECTION = ".nmconnection"
NMMETA = ".nmmeta"
_TEMP_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

MAIN_CONF = "etc/NetworkManager/NetworkManager.conf"
MAIN_CONF_OLD = "etc/NetworkManager/nm-system-settings.conf"
#: Where the ifcfg-rh settings plugin module lives (NMPLUGINDIR = $libdir/NetworkManager/$version).
PLUGIN_LIB_DIRS = ("usr/lib64/NetworkManager", "usr/lib/NetworkManager")
IFCFG_RH_MODULE = "libnm-settings-plugin-ifcfg-rh.so"
#: Version-control markers (a config repository's checkout, or etckeeper's /etc).
VCS_MARKERS = (".git", ".hg", ".svn", ".bzr", "_darcs")


# ---------------------------------------------------------------------------
# File names


def _mkstemp_suffix(name: str) -> bool:
    """``*.XXXXXX`` (six alphanumerics after the last dot): g_file_set_contents' temp files."""
    dot = name.rfind(".")
    return dot != -1 and len(name) - dot - 1 == 6 and all(c in _TEMP_LETTERS for c in name[dot + 1 :])


def nmmeta_uuid(name: str) -> str | None:
    """The UUID of a ``<uuid>.nmmeta`` name (36 or 40 characters before the suffix), else None."""
    if not name.endswith(NMMETA) or len(name) <= len(NMMETA):
        return None
    head = name[: -len(NMMETA)]
    if len(head) not in (36, 40):
        return None
    parts = head.split("-")
    hexdigits = frozenset("0123456789abcdefABCDEF")
    if len(head) == 36 and [len(p) for p in parts] == [8, 4, 4, 4, 12] and all(set(p) <= hexdigits for p in parts):
        return head.lower()
    if len(head) == 40 and set(head) <= hexdigits:
        return head.lower()
    return None


def ignored_reason(storage: str, name: str) -> str | None:
    """Why NetworkManager skips this file name in ``storage`` ("etc", "run", "lib"), or None.

    In /run and /usr/lib a name must end in ``.nmconnection`` (with something
    before it) and not start with a dot; nothing else is checked there. In
    /etc any name is a profile except hidden names, names ending in ``~``,
    mkstemp temp names (``x.AbC123``) and ``*.pem``/``*.der``, so
    ``bond0.nmconnection.bak`` is a live profile.
    """
    if not name:
        return "empty name"
    if name.startswith("."):
        return "hidden file (name starts with '.')"
    if storage != "etc":
        if not (name.endswith(NMCONNECTION) and len(name) > len(NMCONNECTION)):
            return f"name does not end in {NMCONNECTION} (required outside /etc)"
        return None
    if name.endswith("~"):
        return "backup name ending in '~'"
    if _mkstemp_suffix(name):
        return "temporary-file name (six letters or digits after the last '.')"
    lower = name.lower()
    for tag in (".pem", ".der"):
        if lower.endswith(tag) and len(name) > len(tag):
            return f"certificate or key file ({tag})"
    return None


# ---------------------------------------------------------------------------
# stat() as NetworkManager sees it


@attrs.frozen(slots=True)
class FileFacts:
    """What ``stat()`` on the host would say about a path.

    ``kind`` is "regular", "directory", "fifo", "device", "socket", "other", or,
    when the path cannot be followed, "missing" (a dangling link included),
    "outside-root" (a link leaving the audited root: not followed, so what NM
    would see is unknown), "loop" or "unreadable"; ``refusal`` then says why.
    ``mode`` is the permission bits (``st_mode & 0o7777``); ``symlink`` says the
    name itself is a symlink.
    """

    kind: str
    mode: int | None = None
    uid: int | None = None
    gid: int | None = None
    mtime_ns: int | None = None
    symlink: bool = False
    refusal: Problem | None = None

    @property
    def insecure_mode(self) -> bool:
        """Group or other permission bits: NM says "File permissions (%03o) are insecure"."""
        return self.mode is not None and bool(self.mode & 0o077)

    @property
    def insecure_owner(self) -> bool:
        """Not owned by root: NM says "File owner (%lld) is insecure"."""
        return self.uid is not None and self.uid != 0

    @property
    def loadable(self) -> bool:
        """Would NetworkManager's permission check let it load the file?"""
        return self.kind == "regular" and not self.insecure_mode and not self.insecure_owner


_KINDS = (
    (stat.S_ISREG, "regular"), (stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"),
)


def stat_as_nm(root: Root, rel: str) -> FileFacts:
    """``stat()`` of ``rel`` with links followed inside the root (never out of it)."""
    symlink = root.readlink(rel) is not None
    st = root.stat(rel)
    if isinstance(st, Refused):
        message = str(st.problem.details.get("reason", st.problem.kind))
        kind = ("outside-root" if "leaves the audited root" in message
                else "loop" if "loop" in message
                else "missing" if "does not exist" in message
                else "unreadable")
        return FileFacts(kind, symlink=symlink, refusal=st.problem)
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "other")
    return FileFacts(kind, stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, st.st_mtime_ns, symlink)


# ---------------------------------------------------------------------------
# Profiles


@attrs.frozen(slots=True)
class KeyfileCandidate:
    """One entry of a system-connections directory.

    ``ignored_reason`` is why NetworkManager skips the name (None: it tries to
    load it: whether it can is ``facts.loadable``); ``nmmeta_uuid`` is set for ``<uuid>.nmmeta`` metadata in /etc or
    /run (a symlink to /dev/null there is a tombstone: the UUID is deleted for
    that directory and the ones below it).
    """

    rel: str
    storage: str
    name: str
    ignored_reason: str | None
    nmmeta_uuid: str | None
    facts: FileFacts
    tombstone: bool = False

    @property
    def priority(self) -> int:
        """0 = highest (/run), 2 = lowest (/usr/lib)."""
        return PRIORITY[self.storage]

    @property
    def is_profile(self) -> bool:
        """A file NetworkManager tries to load as a connection profile."""
        return self.ignored_reason is None and self.nmmeta_uuid is None

    @property
    def stem(self) -> str:
        """The name without one trailing ``.nmconnection`` (what nmcli derives it from: the id)."""
        return self.name[: -len(NMCONNECTION)] if self.name.endswith(NMCONNECTION) and self.name != NMCONNECTION else self.name

    @property
    def backup_name(self) -> bool:
        """The name looks like a copy of another profile: ``bond0.nmconnection.bak``, ``bond0.orig``,
        ``bond0-copy.nmconnection``, a date suffix (``discover.looks_like_backup``)."""
        return looks_like_backup(self.stem)


def _tombstone(root: Root, rel: str) -> bool:
    """A symlink to /dev/null (the link's text is read, never followed)."""
    return root.readlink(rel) == "/dev/null"


def profile_candidates(root: Root, entries: Iterable[tuple[str, str]] | None = None) -> tuple[KeyfileCandidate, ...]:
    """Every entry of the three directories, /run first, each directory by name; or only
    ``entries`` (storage, path), those ``discover.files`` kept within the per-root file limit."""
    if entries is None:
        entries = [(storage, f"{d}/{n}") for storage, d in PROFILE_DIRS for n in root.listdir(d)]
    out: list[KeyfileCandidate] = []
    for storage, rel in entries:
        name = posixpath.basename(rel)
        reason = ignored_reason(storage, name)
        meta = nmmeta_uuid(name) if storage in ("etc", "run") else None
        facts = stat_as_nm(root, rel)
        tomb = meta is not None and facts.symlink and _tombstone(root, rel)
        out.append(KeyfileCandidate(rel, storage, name, reason if meta is None else None, meta, facts, tomb))
    return tuple(out)


@attrs.frozen(slots=True)
class UuidClaim:
    """A profile file and the UUID NetworkManager gives it (written, or derived from the path)."""

    candidate: KeyfileCandidate
    uuid: str


@attrs.frozen(slots=True)
class Shadowing:
    """For one UUID: the file NetworkManager uses and the ones it hides (K06)."""

    uuid: str
    winner: KeyfileCandidate | None  # None when a tombstone deletes the UUID
    shadowed: tuple[KeyfileCandidate, ...]
    tombstone: KeyfileCandidate | None = None


def uuid_claim(candidate: KeyfileCandidate, written_uuid: str | None) -> UuidClaim:
    """The claim of a profile file: its written UUID, or, without one, the path NetworkManager
    derives it from. That path is the /etc directory's even for files in /run and
    /usr/lib (nms-keyfile-reader.c hashes ``profile_dir/filename`` with profile_dir
    the plugin's /etc directory), so same-named files without uuid in two
    directories get one UUID and shadow each other."""
    if written_uuid:
        return UuidClaim(candidate, written_uuid)
    return UuidClaim(candidate, f"derived:/{PROFILE_DIRS[1][1]}/{candidate.name}")


def resolve_shadowing(claims: Iterable[UuidClaim], candidates: Iterable[KeyfileCandidate]) -> tuple[Shadowing, ...]:
    """Group profile files by UUID and pick what NetworkManager uses (nms-keyfile-storage.c cmp_fcn).

    Within a UUID: the higher-priority directory wins; in one directory the newer
    mtime, then the greater file name. A ``<uuid>.nmmeta`` tombstone in /etc or
    /run hides every profile of that UUID in its own directory and below.
    Only UUIDs with more than one file, or a tombstone, are returned.
    """
    by_uuid: dict[str, list[KeyfileCandidate]] = {}
    for claim in claims:
        by_uuid.setdefault(claim.uuid, []).append(claim.candidate)
    tombs = {c.nmmeta_uuid: c for c in candidates if c.tombstone and c.nmmeta_uuid}
    out: list[Shadowing] = []
    for uuid_, files in by_uuid.items():
        ranked = sorted(files, key=lambda c: (c.priority, -(c.facts.mtime_ns or 0), _neg(c.name)))
        tomb = tombs.get(uuid_)
        if tomb is not None:
            alive = [c for c in ranked if c.priority < tomb.priority]
            hidden = tuple(c for c in ranked if c.priority >= tomb.priority)
            out.append(Shadowing(uuid_, alive[0] if alive else None, tuple(alive[1:]) + hidden, tomb))
        elif len(ranked) > 1:
            out.append(Shadowing(uuid_, ranked[0], tuple(ranked[1:])))
    return tuple(out)


def decided_by(winner: KeyfileCandidate, loser: KeyfileCandidate) -> str:
    """What made ``winner`` beat ``loser`` for one uuid: "directory", "mtime" or "name" (cmp_fcn)."""
    if winner.priority != loser.priority:
        return "directory"
    return "mtime" if (winner.facts.mtime_ns or 0) != (loser.facts.mtime_ns or 0) else "name"


def _neg(name: str) -> tuple[int, ...]:
    """A sort key that puts the strcmp-greater name first."""
    return tuple(-b for b in name.encode("utf-8", "surrogateescape")) + (1,)


# ---------------------------------------------------------------------------
# NetworkManager.conf and plugins


@attrs.frozen(slots=True)
class NmConfigFile:
    """A configuration file in NetworkManager's read order; ``read`` False when NM skips it
    (``skipped`` says why: shadowed by a same-named file, or the old main file wins)."""

    rel: str
    doc: Document
    read: bool
    skipped: str | None = None


def _parse(root: Root, rel: str) -> Document:
    source = root.read(rel)
    if isinstance(source, Refused):
        return refused("keyfile", source)
    return parse_text(source.text, "keyfile", source.path)


def config_files(root: Root, names: Mapping[str, Iterable[str]] | None = None) -> tuple[NmConfigFile, ...]:
    """Every NetworkManager configuration file present, in the order NM merges them; the conf.d
    files only of ``names`` (by storage: those ``discover.files`` kept within the per-root limit)."""
    if names is None:
        names = {k: conf_names(root, d) for k, d in CONF_DIRS.items()}
    names = {k: tuple(names.get(k, ())) for k in CONF_DIRS}
    etc_names, run_names = set(names["etc"]), set(names["run"])
    out: list[NmConfigFile] = []
    for name in names["lib"]:
        rel = f"{CONF_DIRS['lib']}/{name}"
        hidden = "etc" if name in etc_names else "run" if name in run_names else None
        skipped = f"a file of the same name in {CONF_DIRS[hidden]} replaces it" if hidden else None
        out.append(NmConfigFile(rel, _parse(root, rel), skipped is None, skipped))
    for name in names["run"]:
        rel = f"{CONF_DIRS['run']}/{name}"
        skipped = f"a file of the same name in {CONF_DIRS['etc']} replaces it" if name in etc_names else None
        out.append(NmConfigFile(rel, _parse(root, rel), skipped is None, skipped))
    etc_nm = root.listdir("etc/NetworkManager")
    old = None
    if posixpath.basename(MAIN_CONF_OLD) in etc_nm:
        # read_base_config: the old file wins when it loads; when it does not, NM warns
        # ("Old default config file invalid") and reads NetworkManager.conf.
        doc = _parse(root, MAIN_CONF_OLD)
        old = isinstance(doc, KeyfileDocument) and doc.loads
        why = None if old else "GKeyFile refuses it: NetworkManager warns and reads NetworkManager.conf"
        out.append(NmConfigFile(MAIN_CONF_OLD, doc, bool(old), why))
    if posixpath.basename(MAIN_CONF) in etc_nm:
        skipped = f"{MAIN_CONF_OLD} is read instead" if old else None
        out.append(NmConfigFile(MAIN_CONF, _parse(root, MAIN_CONF), skipped is None, skipped))
    for name in names["etc"]:
        rel = f"{CONF_DIRS['etc']}/{name}"
        out.append(NmConfigFile(rel, _parse(root, rel), True))
    return tuple(out)


def plugins(files: Iterable[NmConfigFile], default: tuple[str, ...]) -> Located[tuple[str, ...]]:
    """``[main] plugins`` after merging the files NM reads (``plugins+=``/``-=`` included).

    ``default`` is the build's NM_CONFIG_DEFAULT_MAIN_PLUGINS (see
    ``model.release``). The value is the list as configured, before
    nm-settings.c adds keyfile; see :func:`loaded_plugins`. The span points at
    the last line that changed it; origin "default" when no file sets it.
    A file GKeyFile refuses makes NetworkManager's configuration fail to load
    (read_entire_config), so it is not merged here: its BL704 is the finding.
    """
    value: list[str] | None = None
    where: Located[tuple[str, ...]] | None = None
    for f in files:
        doc = f.doc
        if not f.read or not isinstance(doc, KeyfileDocument) or not doc.loads:
            continue
        for entry in doc.entries("main"):
            if entry.key not in ("plugins", "plugins+", "plugins-"):
                continue
            items = [i.text.strip() for i in entry.items(",")]
            items = [i for i in items if i]
            if entry.key == "plugins":
                value = list(dict.fromkeys(items))
            else:
                base = value if value is not None else list(default)
                if entry.key == "plugins+":
                    value = base + [i for i in items if i not in base]
                else:
                    value = [i for i in base if i not in items]
            where = Located(tuple(value), entry.value_span, "file", entry)
    if where is None:
        return Located(default, None, "default")
    return where


def loaded_plugins(configured: tuple[str, ...], ifcfg_rh_built: bool, keyfile_always: bool = True) -> tuple[str, ...]:
    """The settings plugins NetworkManager loads, in priority order (nm-settings.c).

    An empty list means keyfile, then ifcfg-rh when the build has it; otherwise
    the listed plugins in order (obsolete ones skipped) with keyfile added last
    when not listed. ``ifcfg-rh`` listed on a build without it is skipped
    ("could not load plugin"). ``keyfile_always`` False is NetworkManager 0.7/0.8
    (el5/el6): keyfile is a module like the others, loaded only when listed
    (``Release.keyfile_always_loaded``).
    """
    if not configured:
        if not keyfile_always:
            return ()  # 0.7 exits ("No plugins were specified."); the shipped config lists ifcfg-rh
        return ("keyfile", "ifcfg-rh") if ifcfg_rh_built else ("keyfile",)
    out: list[str] = []
    for name in configured:
        if name in ("ifcfg-suse", "ifnet", "ibft", "no-ibft") or "/" in name or name in out:
            continue
        if name == "ifcfg-rh" and not ifcfg_rh_built:
            continue
        out.append(name)
    if "keyfile" not in out and keyfile_always:
        out.append("keyfile")
    return tuple(out)


def ifcfg_rh_module_present(root: Root) -> bool | None:
    """Is the ifcfg-rh plugin module installed in the tree? None when the tree holds no
    NetworkManager plugin directory at all (a sosreport or config repo: unknown)."""
    seen_dir = False
    for base in PLUGIN_LIB_DIRS:
        for version in root.listdir(base):
            if version in ("conf.d", "system-connections", "dispatcher.d", "VPN"):
                continue
            entries = root.listdir(f"{base}/{version}")
            if entries:
                seen_dir = True
            if IFCFG_RH_MODULE in entries:
                return True
    return False if seen_dir else None


# ---------------------------------------------------------------------------
# Version control


@attrs.frozen(slots=True)
class VcsFact:
    """The audited tree is under version control.

    ``where`` is "above-root" (the root is a folder of a repository checkout:
    file modes and owners are the checkout's, not the deployment's) or
    "in-etc" (etckeeper-style ``etc/.git``: the files are the live ones).
    ``marker`` is the path of the marker found.
    """

    kind: str
    marker: str
    where: str


def version_control(root: Root) -> VcsFact | None:
    """Detect a repository holding the root (its own folder or any parent), or etckeeper's etc/."""
    etc = root.listdir("etc")
    for marker in VCS_MARKERS:
        if marker in etc:
            return VcsFact(marker.strip("._"), root.display_path(f"etc/{marker}"), "in-etc")
    found = root.enclosing(VCS_MARKERS)
    return VcsFact(os.path.basename(found).strip("._"), found, "above-root") if found else None


# ---------------------------------------------------------------------------
# Everything at once


@attrs.frozen(slots=True)
class NmDiscovery:
    """What discovery found for NetworkManager on one root (see the module docstring)."""

    candidates: tuple[KeyfileCandidate, ...]
    config_files: tuple[NmConfigFile, ...]
    plugins: Located[tuple[str, ...]]
    ifcfg_rh_module: bool | None
    vcs: VcsFact | None

    @property
    def profiles(self) -> tuple[KeyfileCandidate, ...]:
        """The files NetworkManager tries to load as profiles, /run first."""
        return tuple(c for c in self.candidates if c.is_profile)


def discover(root: Root, default_plugins: tuple[str, ...] = (), found: HostFiles | None = None) -> NmDiscovery:
    """Discovery for one host root; ``default_plugins`` from ``model.release``;
    ``found`` holds the profile and conf.d entries within the per-root file limit (None: all)."""
    files = config_files(root, dict(found.nm_conf_names) if found else None)
    return NmDiscovery(
        candidates=profile_candidates(root, found.profile_entries if found else None),
        config_files=files,
        plugins=plugins(files, default_plugins),
        ifcfg_rh_module=ifcfg_rh_module_present(root),
        vcs=version_control(root),
    )
