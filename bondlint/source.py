"""Reading files safely, optionally inside an audited root as a chroot would.

bondlint runs as root on production hosts and reads trees from other machines
(sosreports, chroots, config repos). So: stat before open, never open FIFOs
or devices, cap the size, never follow a symlink out of the root, and never
write anything. Every refusal is an "unreadable" problem (BL000's), not an exception.

Inside a root, files are opened with ``openat`` relative to directory
descriptors the root keeps open, every component with ``O_NOFOLLOW``: no
symlink can be followed on that path, so no per-component ``lstat`` walk and
no ``/proc`` re-check are needed. At a symlink (or any other surprise) the read
falls back to the resolver, which follows links as a chroot would.

What a run reads can be observed (``observing()``): the content cache keys a
root's findings on exactly what its audit looked at.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import posixpath
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import attrs

from bondlint.syntax.span import LineIndex, Problem, whole_file_span

#: Files larger than this are refused unread. The largest real configuration
#: file seen (a xend-config.sxp) is 11.5 KiB; parsing a hostile file costs
#: about 1 s and 0.5 GB per MiB, so the cap bounds a worker at ~0.3 s.
MAX_FILE_SIZE = 256 * 1024
#: Symlink hops before a chain counts as a loop (Linux uses 40 too).
MAX_SYMLINK_HOPS = 40


@attrs.frozen(slots=True)
class SourceText:
    """A file's decoded text, with the problems met while reading it.

    ``mode``, ``uid`` and ``gid`` are the opened file's (fstat), for rules about
    permissions and ownership; None where not read from a file.
    """

    path: str
    text: str
    problems: tuple[Problem, ...] = ()
    mode: int | None = attrs.field(default=None, kw_only=True)
    uid: int | None = attrs.field(default=None, kw_only=True)
    gid: int | None = attrs.field(default=None, kw_only=True)


#: Where observations go while a run is observed (one list per process); None: not observed.
_observations: list[tuple] | None = None


@contextmanager
def observing() -> Iterator[list[tuple]]:
    """Record what is read until the block ends: ``(operation, root, argument, result digest)``.

    ``operation`` is "list" (a directory listing in a root), "read" (a file in
    a root), "file" (a file named directly), "enclosing" (a marker above the root),
    "mtime" (a file's modification time), "stat" and "readlink" (a file's metadata and a
    link's target, as NetworkManager looks at them); ``Replayer`` does the same again.
    """
    global _observations
    outer, _observations = _observations, []
    try:
        yield _observations
    finally:
        _observations = outer


def outcome_digest(result: SourceText | Refused | list[str]) -> str:
    """What a read or a listing gave, as a digest: the text, the problems, the metadata."""
    h = hashlib.sha256()
    if isinstance(result, list):
        h.update(b"L" + "\0".join(result).encode("utf-8", "surrogateescape"))
    elif isinstance(result, Refused):
        h.update(b"X" + repr(result.problem.details).encode("utf-8", "surrogateescape"))
    else:
        h.update(f"F{result.mode}:{result.uid}:{result.gid}:{len(result.problems)}".encode())
        for problem in result.problems:
            h.update(f"\0{problem.kind}\0{problem.details!r}\0{problem.span.start}".encode("utf-8", "surrogateescape"))
        h.update(b"\0" + result.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _observe(
    operation: str, root: str, argument: str, result: SourceText | Refused | list[str], meta: str | None = None
) -> None:
    if _observations is not None:
        _observations.append((operation, root, argument, outcome_digest(result), meta))


def file_key(st: os.stat_result) -> str:
    """A regular file's metadata key (git's stat data: what changes when the bytes can have)."""
    return (f"F {st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"
            f" {st.st_mode} {st.st_uid} {st.st_gid}")


def _dir_key(st: os.stat_result) -> str:
    """A directory's metadata key: an entry added, removed or renamed changes its mtime and ctime."""
    return f"D {st.st_dev} {st.st_ino} {st.st_mtime_ns} {st.st_ctime_ns}"


#: The metadata key of a path found absent in a plain directory chain (no timestamps: never racy).
ABSENT = "absent"


def key_times(meta: str) -> tuple[int, int] | None:
    """A metadata key's (mtime_ns, ctime_ns); None for an absent path."""
    fields = meta.split(" ")
    if fields[0] == "F":
        return int(fields[4]), int(fields[5])
    if fields[0] == "D":
        return int(fields[3]), int(fields[4])
    return None


def stat_key(path: str) -> str:
    """An archive file's own stat tuple: what the content cache keys an archive root on (here,
    beside the cache's other observations, so that the archive reader and this module do not
    import each other)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"error:{exc.errno}"
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def enclosing_marker(here: str, names: tuple[str, ...], memo: dict | None = None) -> str | None:
    """The first of ``names`` in ``here`` or the nearest folder above it, as a path; None when none is.

    ``memo``: answers for folders already walked (a run's roots in one folder share its parents'),
    for as long as the caller deems the tree unchanged (one run's cache lookups)."""
    walked: list[tuple[str, tuple[str, ...]]] = []
    found: str | None = None
    while True:  # a loop, not recursion: a path may have thousands of components
        key = (here, names)
        if memo is not None and key in memo:
            found = memo[key]
            break
        walked.append(key)
        found = next((c for c in (os.path.join(here, name) for name in names) if os.path.lexists(c)), None)
        parent = os.path.dirname(here)
        if found is not None or parent == here:
            break
        here = parent
    if memo is not None:
        for key in walked:
            memo[key] = found
    return found


class Replayer:
    """Does observed operations again, sharing one Root (and its descriptors) per root.

    ``memo``: walks above the roots (``enclosing_marker``) shared by the replayers of one run."""

    def __init__(self, memo: dict | None = None) -> None:
        self._roots: dict[str, Root] = {}
        self._memo = memo

    def _root(self, path: str) -> Root:
        root = self._roots.get(path)
        if root is None:
            root = self._roots[path] = Root(path)
        return root

    def digest(self, operation: str, root: str, argument: str) -> str | None:
        """The digest the observed operation gives now (None: not an operation of this module)."""
        if operation == "file":
            return outcome_digest(_read_file(argument))
        if operation == "single":
            return outcome_digest(_read_single(argument))
        if operation == "read":
            return outcome_digest(self._root(root)._read(argument))
        if operation == "list":
            return outcome_digest(self._root(root)._listing(argument))
        if operation == "enclosing":
            return outcome_digest([self._root(root)._enclosing(tuple(argument.split("\0")), self._memo) or ""])
        if operation == "mtime":
            return outcome_digest([self._root(root)._mtime_ns(argument)])
        if operation == "stat":
            return outcome_digest([_stat_text(self._root(root)._stat(argument))])
        if operation == "readlink":
            found = self._root(root)._readlink(argument)
            return outcome_digest(["" if found is None else "\0" + found])
        if operation == "archive":  # an archive root is keyed on the archive file's own stat tuple
            return outcome_digest([stat_key(root)])
        return None

    def meta(self, operation: str, root: str, argument: str) -> str | None:
        """The metadata key the observed operation has now (None: it has none; verify by content)."""
        if operation == "read":
            return self._root(root).read_key(argument)
        if operation == "list":
            return self._root(root).list_key(argument)
        return None


def _stat_text(found: os.stat_result | Refused) -> str:
    """What an observed ``Root.stat`` gave: the file's type, mode, owner and mtime, or the refusal."""
    if isinstance(found, Refused):
        return "\0" + repr(found.problem.details)
    return f"{found.st_mode} {found.st_uid} {found.st_gid} {found.st_mtime_ns}"


@attrs.frozen(slots=True)
class Refused:
    """A file that was not read, and why (an "unreadable" problem: BL000's)."""

    path: str
    problem: Problem


def _refuse(display: str, message: str) -> Refused:
    return Refused(display, Problem("unreadable", whole_file_span(display), {"reason": message}))


def decode(data: bytes, display: str, st: os.stat_result | None = None) -> SourceText | Refused:
    """Bytes → text: UTF-8, else Latin-1 with a problem; NUL bytes are refused."""
    nul = data.find(b"\0")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        return _refuse(
            display,
            f"binary content (NUL byte at line {line}): not a text configuration file",
        )
    meta = {} if st is None else {"mode": st.st_mode, "uid": st.st_uid, "gid": st.st_gid}
    try:
        return SourceText(display, data.decode("utf-8"), **meta)
    except UnicodeDecodeError as exc:
        text = data.decode("latin-1")
        bad = len(data[: exc.start].decode("utf-8", errors="replace"))
        index = LineIndex(text, display)
        span = index.span(bad, bad + 1)
        problem = Problem("not-utf8", span, {"byte": data[exc.start]})
        return SourceText(display, text, (problem,), **meta)


def _opened_elsewhere(fd: int, expected: str) -> bool:
    """Did the kernel open something other than ``expected``?

    Root.resolve lstat's every component, but a directory on the way could be
    swapped for a symlink before the open; /proc tells where the open really
    went. Without /proc the lstat walk is the only check.
    """
    try:
        return os.readlink(f"/proc/self/fd/{fd}") != expected
    except OSError:
        return False


def _read_regular(
    real: str, display: str, max_size: int, expected: str | None = None
) -> SourceText | Refused:
    """Open a path already known not to be a symlink; re-check type (and place) after open."""
    try:
        st = os.lstat(real)
    except FileNotFoundError:
        return _refuse(display, "file does not exist")
    except OSError as exc:
        return _refuse(display, f"cannot stat file: {exc.strerror}")
    refusal = _check_kind(st, display, max_size)
    if refusal is not None:
        return refusal
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except PermissionError:
        return _refuse(display, "permission denied")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _refuse(display, "symlink where a file was expected")
        return _refuse(display, f"cannot open file: {exc.strerror}")
    return _read_opened(fd, display, max_size, expected)


def read_capped(fd: int, limit: int, size: int | None = None) -> bytes:
    """At most ``limit`` bytes from ``fd`` (read ``cap + 1`` to tell "over the cap").

    ``size`` (from fstat) lets a regular file be read in one call: a read shorter than
    asked is its end, so no second read is spent finding it.
    """
    chunks = []
    want = min(limit, size + 1 if size is not None else 1 << 16)
    while limit > 0:
        chunk = os.read(fd, want)
        chunks.append(chunk)
        limit -= len(chunk)
        if len(chunk) < want:
            break
        want = min(limit, 1 << 16)
    return b"".join(chunks)


def _read_opened(fd: int, display: str, max_size: int, expected: str | None = None) -> SourceText | Refused:
    """Check and read an open file descriptor (closing it): a regular file within the cap."""
    try:
        st = os.fstat(fd)
        refusal = _check_kind(st, display, max_size)
        if refusal is not None:
            return refusal
        if expected is not None and _opened_elsewhere(fd, expected):
            return _refuse(display, "path changed while being read (a directory became a symlink): not read")
        data = read_capped(fd, max_size + 1, st.st_size)
    except OSError as exc:
        return _refuse(display, f"cannot read file: {exc.strerror}")
    finally:
        os.close(fd)
    if len(data) > max_size:
        return _refuse(display, f"file grew past the size cap of {max_size} bytes while read")
    return decode(data, display, st)


def _check_kind(st: os.stat_result, display: str, max_size: int) -> Refused | None:
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        return _refuse(display, "a directory where a configuration file was expected")
    if stat.S_ISFIFO(mode):
        return _refuse(display, "a FIFO (named pipe), not a file: not opened")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _refuse(display, "a device node, not a file: not opened")
    if stat.S_ISSOCK(mode):
        return _refuse(display, "a socket, not a file: not opened")
    if not stat.S_ISREG(mode):
        return _refuse(display, "not a regular file: not opened")
    if st.st_size > max_size:
        return _refuse(
            display,
            f"file is {st.st_size} bytes, over the size cap of {max_size} bytes: not read",
        )
    return None


def read_file(path: str | os.PathLike[str], max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
    """Read a file named directly by the user (symlinks followed, as any tool would)."""
    display = os.fspath(path)
    result = _read_file(display, max_size)
    _observe("file", "", display, result)
    return result


def _read_file(display: str, max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
    try:
        real = os.path.realpath(display, strict=True)
    except FileNotFoundError:
        return _refuse(display, "file does not exist")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _refuse(display, "symlink loop")
        return _refuse(display, f"cannot resolve path: {exc.strerror}")
    return _read_regular(real, display, max_size)


def read_single(path: str | os.PathLike[str], max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
    """Read a configuration file the user gave alone, confined as its host would read it.

    Inside a host tree (a path through an ``etc`` folder) it is read as
    ``Root(tree).read("etc/...")``: a symlink resolves inside that root, as
    ``--whole-host`` would read it. Elsewhere it is read inside the directory
    given: a symlink may not leave it (an absolute one resolves from there).
    So ``HOST/etc/.../ifcfg-x -> /etc/shadow`` never prints this machine's shadow.
    """
    display = os.fspath(path)
    result = _read_single(display, max_size)
    _observe("single", "", display, result)
    return result


def _read_single(display: str, max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
    parts = os.path.normpath(display).split("/")
    cut = max((i for i, part in enumerate(parts[:-1]) if part == "etc"), default=None)
    if cut is None:
        tree, rel = os.path.dirname(display) or ".", os.path.basename(display)
    else:
        tree, rel = "/".join(parts[:cut]) or ("/" if display.startswith("/") else "."), "/".join(parts[cut:])
    if not rel or rel in (".", ".."):
        return _refuse(display, "a directory where a configuration file was expected")
    root = Root(tree, display[: -len(rel) - 1] if display.endswith("/" + rel) else tree)
    try:
        result = root._read(rel, max_size)
    finally:
        root.close()
    if result.path == display:
        return result
    if isinstance(result, Refused):
        return _refuse(display, result.problem.details["reason"])
    return attrs.evolve(result, path=display)


class Root:
    """A directory read as a chroot: absolute symlinks resolve inside it.

    ``display`` is the root as the user gave it; paths reported for files
    under it are ``display/<relative path>``, so findings point where the
    user looked.
    """

    #: Directory descriptors kept open per root (discovery meets about six directories).
    MAX_OPEN_DIRS = 32

    def __init__(self, path: str | os.PathLike[str], display: str | None = None) -> None:
        self.path = Path(os.path.abspath(os.fspath(path)))
        self.display = display if display is not None else os.fspath(path)
        self._key = os.fspath(self.path)
        #: relative directory ("" for the root) → an O_NOFOLLOW descriptor, or None once
        #: it proved not a plain directory (the resolver takes over below it)
        self._dirs: dict[str, int | None] = {}
        #: directories listed that exist but could not be listed (relative path → why): BL000's,
        #: or their files would vanish from the audit unsaid
        self.unlistable: dict[str, str] = {}

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        """Close the directory descriptors (they are reopened if the root is read again)."""
        dirs, self._dirs = getattr(self, "_dirs", {}), {}
        for fd in dirs.values():
            if fd is not None and fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass

    @functools.cached_property
    def real(self) -> str:
        """The root's real path (the resolver's /proc check compares with it)."""
        return os.path.realpath(self.path)

    def display_path(self, rel: str) -> str:
        return os.path.join(self.display, rel)

    def resolve(self, rel: str) -> str | Refused:
        """Resolve ``rel`` (relative to the root) to a real path inside the root.

        Every component is lstat'ed; an absolute link target restarts at the
        root, a relative one is followed unless it climbs out of the root.
        """
        display = self.display_path(rel)
        pending = list(PurePosixPath(rel).parts)
        if pending and pending[0] == "/":
            pending = pending[1:]
        current: list[str] = []
        hops = 0
        while pending:
            part = pending.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if not current:
                    return _refuse(display, "path leaves the audited root: not followed")
                current.pop()
                continue
            candidate = os.path.join(self.path, *current, part)
            try:
                st = os.lstat(candidate)
            except FileNotFoundError:
                return _refuse(display, "file does not exist")
            except PermissionError:
                return _refuse(display, "permission denied")
            except OSError as exc:
                return _refuse(display, f"cannot stat path: {exc.strerror}")
            if not stat.S_ISLNK(st.st_mode):
                current.append(part)
                continue
            hops += 1
            if hops > MAX_SYMLINK_HOPS:
                return _refuse(display, "symlink loop: not followed")
            try:
                target = os.readlink(candidate)
            except OSError as exc:
                return _refuse(display, f"cannot read symlink: {exc.strerror}")
            target_parts = list(PurePosixPath(target).parts)
            if target.startswith("/"):
                current = []
                target_parts = target_parts[1:]
            else:
                # A relative link may not climb above the root.
                depth = len(current)
                for tp in target_parts:
                    if tp == "..":
                        depth -= 1
                        if depth < 0:
                            return _refuse(
                                display,
                                f"symlink to {target!r} leaves the audited root: not followed",
                            )
                    elif tp not in ("", "."):
                        depth += 1
            pending = target_parts + pending
        return os.path.join(self.path, *current)

    # -- the openat path: plain directories only, every component O_NOFOLLOW --------------

    def _dir_fd(self, parts: tuple[str, ...]) -> int | None:
        """A descriptor of the plain directory ``parts`` below the root; ``_MISSING`` when a
        component is absent from a plain directory; None where the resolver must decide."""
        key = "/".join(parts)
        if key in self._dirs:
            return self._dirs[key]
        flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
        fd: int | None
        try:
            if not parts:
                fd = os.open(self._key, flags)  # the root itself, as the user named it
            else:
                parent = self._dir_fd(parts[:-1])
                if parent is None or parent == _MISSING:
                    return parent
                fd = os.open(parts[-1], flags | os.O_NOFOLLOW, dir_fd=parent)
        except FileNotFoundError:  # as the resolver's lstat would find it: absent
            fd = _MISSING if parts else None
        except OSError:  # a symlink (ELOOP), not a directory, denied: the resolver says which
            fd = None
        if len(self._dirs) >= self.MAX_OPEN_DIRS:
            self.close()
        self._dirs[key] = fd
        return fd

    @staticmethod
    def _plain_parts(rel: str) -> tuple[str, ...] | None:
        parts = tuple(rel.split("/"))
        if "" in parts or "." in parts:  # rare: a doubled, leading or trailing slash, a "."
            parts = tuple(p for p in parts if p not in ("", "."))
        return None if not parts or ".." in parts else parts

    def _lstat_plain(self, rel: str) -> tuple[int, str, os.stat_result] | str | None:
        """``rel``'s lstat through plain directory descriptors (every component O_NOFOLLOW):
        (parent descriptor, name, stat), ``ABSENT`` when it is not there, or None where the
        resolver must decide (a symlink on the way, an error)."""
        parts = self._plain_parts(rel)
        if parts is None or not _HAS_DIR_FD:
            return None
        parent = self._dir_fd(parts[:-1])
        if parent is None:
            return None
        if parent == _MISSING:
            return ABSENT
        try:
            return parent, parts[-1], os.stat(parts[-1], dir_fd=parent, follow_symlinks=False)
        except FileNotFoundError:
            return ABSENT
        except OSError:
            return None

    def _read_fast(self, rel: str, max_size: int) -> SourceText | Refused | None:
        """Read through directory descriptors; None where the resolver must decide."""
        found = self._lstat_plain(rel)
        if found is None:
            return None
        display = self.display_path(rel)
        if isinstance(found, str):
            return _refuse(display, "file does not exist")
        parent, name, st = found
        if stat.S_ISLNK(st.st_mode):
            return None
        refusal = _check_kind(st, display, max_size)
        if refusal is not None:
            return refusal
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(name, flags, dir_fd=parent)
        except OSError:  # swapped for a symlink since the stat, or denied: the resolver says which
            return None
        return _read_opened(fd, display, max_size)

    def read(self, rel: str, max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
        result = self._read(rel, max_size)
        if _observations is not None:
            _observe("read", self._key, rel, result, self.read_key(rel))
        return result

    def read_key(self, rel: str) -> str | None:
        """``rel``'s metadata key, taken through plain directories only (every component
        O_NOFOLLOW): a regular file's stat data, ``ABSENT``, or None (a symlink on the way,
        not a regular file, an error: such a read is verified by its content)."""
        found = self._lstat_plain(rel)
        if found is None or isinstance(found, str):
            return found
        st = found[2]
        return file_key(st) if stat.S_ISREG(st.st_mode) else None

    def list_key(self, rel: str) -> str | None:
        """A listed directory's metadata key (plain directories only), ``ABSENT``, or None."""
        parts = self._plain_parts(rel) if rel not in ("", ".") else ()
        if parts is None or not _HAS_DIR_FD:
            return None
        fd = self._dir_fd(parts)
        if fd is None:
            return None
        if fd == _MISSING:
            return ABSENT
        try:
            return _dir_key(os.fstat(fd))
        except OSError:
            return None

    def _read(self, rel: str, max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
        fast = self._read_fast(rel, max_size)
        if fast is not None:
            return fast
        real = self.resolve(rel)
        if isinstance(real, Refused):
            return real
        expected = os.path.normpath(os.path.join(self.real, os.path.relpath(real, self.path)))
        return _read_regular(real, self.display_path(rel), max_size, expected)

    def enclosing(self, names: tuple[str, ...]) -> str | None:
        """The first of ``names`` found in the root's own folder or the nearest folder above it
        (a version-control checkout holding the tree: ``.git``), as a path; None when none is.
        Observed, so the content cache sees a checkout appear or go."""
        found = self._enclosing(names)
        _observe("enclosing", self._key, "\0".join(names), [found or ""])
        return found

    def _enclosing(self, names: tuple[str, ...], memo: dict | None = None) -> str | None:
        return enclosing_marker(self._key, names, memo)

    def mtime_ns(self, rel: str) -> int | None:
        """The modification time of ``rel`` (links followed inside the root), None when it has none.
        Observed: NetworkManager picks between two profiles of one uuid by it, so a finding may
        depend on it (nm_discover.resolve_shadowing)."""
        found = self._mtime_ns(rel)
        _observe("mtime", self._key, rel, [found])
        return int(found) if found else None

    def _mtime_ns(self, rel: str) -> str:
        real = self.resolve(rel)
        if isinstance(real, Refused):
            return ""
        try:
            return str(os.stat(real).st_mtime_ns)
        except OSError:
            return ""

    def stat(self, rel: str) -> os.stat_result | Refused:
        """``rel``'s metadata, links followed inside the root (never out of it). Observed (its
        kind, mode, owner and mtime, or why not): NetworkManager's view of a profile is in them."""
        found = self._stat(rel)
        if _observations is not None:
            _observe("stat", self._key, rel, [_stat_text(found)])
        return found

    def _stat(self, rel: str) -> os.stat_result | Refused:
        real = self.resolve(rel)
        if isinstance(real, Refused):
            return real
        try:
            return os.lstat(real)  # resolve() returns a path free of symlinks
        except OSError as exc:
            return _refuse(self.display_path(rel), f"cannot stat file: {exc.strerror}")

    def readlink(self, rel: str) -> str | None:
        """The text of ``rel``'s own entry when it is a symlink (its folder resolved inside the
        root, the link itself read, never followed); None when it is not one. Observed: a
        ``.nmmeta`` retargeted changes neither a listing nor a file's bytes."""
        found = self._readlink(rel)
        if _observations is not None:
            _observe("readlink", self._key, rel, ["" if found is None else "\0" + found])
        return found

    def _readlink(self, rel: str) -> str | None:
        parent = self.resolve(posixpath.dirname(rel))
        if isinstance(parent, Refused):
            return None
        try:
            return os.readlink(os.path.join(parent, posixpath.basename(rel)))
        except OSError:
            return None

    def refusals(self) -> tuple[Refused, ...]:
        """Problems of the root itself, beyond its files' (an archive's hostile members): none on disk."""
        return ()

    def listdir(self, rel: str) -> list[str]:
        """Sorted entry names of a directory inside the root ([] when absent)."""
        names = self._listdir(rel)
        if _observations is not None:
            _observe("list", self._key, rel, self._observed(rel, names), self.list_key(rel))
        return names

    def _listing(self, rel: str) -> list[str]:
        """What ``listdir`` observes: the names, or why the directory could not be listed."""
        return self._observed(rel, self._listdir(rel))

    def _observed(self, rel: str, names: list[str]) -> list[str]:
        return ["\0" + self.unlistable[rel]] if rel in self.unlistable else names

    def _listdir(self, rel: str) -> list[str]:
        self.unlistable.pop(rel, None)
        parts = self._plain_parts(rel)
        if parts is not None and _HAS_DIR_FD:
            fd = self._dir_fd(parts)
            if fd == _MISSING:
                return []
            if fd is not None:
                try:
                    return sorted(os.listdir(fd))
                except OSError:
                    pass
        real = self.resolve(rel)
        if isinstance(real, Refused):
            reason = real.problem.details["reason"]
            if reason == "permission denied":  # a directory on the way cannot be searched
                self.unlistable[rel] = "permission denied on a directory above it"
            return []
        try:
            return sorted(os.listdir(real))
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            self.unlistable[rel] = exc.strerror or str(exc)
            return []


#: Root._dir_fd's answer for a directory that is not there
_MISSING = -1


def _has_dir_fd() -> bool:
    """openat, fstatat and fdopendir where the platform has them (Linux, the BSDs, macOS).

    Asked of the posix module, so that a wrapped os.open (a test's recorder) does not hide them.
    """
    try:
        import posix
    except ImportError:
        return False
    return {posix.open, posix.stat} <= os.supports_dir_fd and posix.listdir in os.supports_fd


_HAS_DIR_FD = _has_dir_fd()
