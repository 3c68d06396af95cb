"""Archives as roots: a collector's tarball or a sosreport audited without unpacking it.

An archive extracted by a normal user loses its owners (every keyfile-permission check
would be wrong) and xz cannot be read out of order, so an archive is read once, front to
back, into an index: each member's type, mode, owner, mtime and link target from its tar
header, and the content of the files a host root is read at (within the size cap and a
total budget). ``ArchiveRoot`` then answers reads and listings from the index exactly as
``bondlint.source.Root`` answers them from disk: symlinks resolve inside the archive as a
chroot would, FIFOs and devices are refused, the same size cap applies.

Nothing is ever written. The pass is bounded: decompressed bytes (a bomb is one refusal
of the whole archive, not a full memory), members, and kept content. An archive that is
truncated or corrupt is refused whole; a member with an absolute name, a ``..`` or a hard
link leaving the archive is refused alone (a BL000 each, through ``ArchiveRoot.refusals``).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import posixpath
import stat
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

import attrs

from bondlint.source import (
    MAX_FILE_SIZE,
    MAX_SYMLINK_HOPS,
    Refused,
    Root,
    SourceText,
    _check_kind,
    _observe,
    _refuse,
    decode,
    stat_key,
)

#: Names an archive root is recognised by (a single file to lint never ends so).
SUFFIXES: tuple[str, ...] = (".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tbz", ".tar")
#: Decompressed bytes read at most: far above a sosreport's few hundred MiB.
MAX_EXPANDED = 4 << 30
#: Past this many decompressed bytes, an archive expanding more than MAX_RATIO times is a bomb
#: (text compresses 5–20 times; gzip of zeros ~1000 times, xz far more).
RATIO_FLOOR = 64 << 20
MAX_RATIO = 100
#: Members indexed at most (a sosreport holds a few thousand to tens of thousands).
MAX_MEMBERS = 200_000
#: File content kept in memory at most, over all members.
MAX_KEPT = 64 << 20
#: Hostile members reported one by one at most (then one finding says how many more).
MAX_REFUSALS = 100
#: What a host root is read at (relative to it): only these members' content is kept.
KEPT_PREFIXES: tuple[str, ...] = (
    "etc/", "run/", "usr/lib/", "usr/lib64/", "usr/local/lib/", "lib/", "proc/net/", "sys/class/net/",
    "sos_commands/host/hostname", "sos_commands/general/hostname",
    "sos_commands/networking/",  # the interface lists BL814 reads (host.discover.INTERFACE_LISTS)
    # the services' enablement the applying program is decided from (host.services.SOS_RECORDS)
    "sos_commands/systemd/systemctl_list-unit-files", "sos_commands/services/chkconfig_--list",
    "sos_commands/startup/chkconfig_--list",
)
KEPT_NAMES = frozenset({"hostname", "BONDLINT-MANIFEST"})


def is_archive(path: str | os.PathLike[str]) -> bool:
    """Is ``path`` named like an archive (and not a directory)? Decided by the name alone."""
    name = os.fspath(path).lower()
    return name.endswith(SUFFIXES) and not os.path.isdir(path)


def stem(path: str) -> str:
    """The archive's path without its suffix (``web1.tar.gz`` → ``web1``): as if unpacked beside it."""
    lower = path.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return path[: -len(suffix)]
    return path


class ArchiveError(Exception):
    """The archive as a whole cannot be audited (not a tar, truncated, corrupt, a bomb, too big)."""


@attrs.frozen(slots=True)
class Member:
    """One tar member as the index keeps it. ``mode`` carries the type bits, as st_mode does."""

    mode: int
    uid: int
    gid: int
    mtime_ns: int
    size: int
    link: str | None = None  # a symlink's target, or a hard link's member name
    hard: bool = False
    data: bytes | None = None
    #: why ``data`` is None for a regular file within the cap
    unkept: str | None = None


@attrs.frozen(slots=True)
class Index:
    """An archive's members by normalised name, every folder's entries, and the refused members."""

    members: dict[str, Member]
    children: dict[str, set[str]]
    refusals: tuple[tuple[str, str], ...]  # (member name, why)
    refused_more: int
    #: the folder holding the host (a sosreport's top folder), "" for the archive's top
    prefix: str


# --------------------------------------------------------------------------- reading the stream


class _Counting:
    """The archive file, counting compressed bytes read (for the expansion ratio)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.count += len(data)
        return data

    def readable(self) -> bool:
        return True


class _Forward:
    """Decompressed bytes as a forward-only file for ``tarfile`` (seeks forward by reading),
    bounded in total and in expansion ratio; remembers the last block read (the end marker)."""

    def __init__(self, stream: BinaryIO, counting: _Counting) -> None:
        self.stream = stream
        self.counting = counting
        self.pos = 0
        self.last = b""

    def _check(self) -> None:
        if self.pos > MAX_EXPANDED:
            raise ArchiveError(f"expands past {MAX_EXPANDED:,} bytes: not read further (a decompression bomb?)")
        if self.pos > RATIO_FLOOR and self.pos > MAX_RATIO * max(self.counting.count, 1):
            raise ArchiveError(
                f"expands more than {MAX_RATIO} times ({self.pos:,} bytes from {self.counting.count:,}): "
                "a decompression bomb, not read further"
            )

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = 1 << 20
        data = _decompress(self.stream, n)
        self.pos += len(data)
        self._check()
        if data:
            self.last = data[-512:]
        return data

    def tell(self) -> int:
        return self.pos

    def seek(self, pos: int, whence: int = 0) -> int:
        if whence == 1:
            pos += self.pos
        if whence not in (0, 1) or pos < self.pos:
            raise ArchiveError("needs reading out of order: not a plain tar stream")
        while self.pos < pos:
            if not self.read(min(pos - self.pos, 1 << 20)):
                break
        return self.pos


def _decompress(stream: BinaryIO, n: int) -> bytes:
    try:
        return stream.read(n)
    except EOFError:
        raise ArchiveError("truncated: the compressed stream ends early") from None
    except (OSError, lzma.LZMAError, zlib.error, ValueError) as exc:
        raise ArchiveError(f"corrupt compressed data: {exc}") from None


def _open_stream(raw: BinaryIO, counting: _Counting) -> BinaryIO:
    """The decompressed stream, by the file's magic bytes (the name may lie)."""
    head = raw.read(6)
    raw.seek(0)
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=counting, mode="rb")  # type: ignore[arg-type]
    if head.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(counting)  # type: ignore[arg-type]
    if head.startswith(b"BZh"):
        return bz2.BZ2File(counting)  # type: ignore[arg-type]
    return counting  # type: ignore[return-value]


def _normal(name: str) -> str | None:
    """A member name relative to the archive's top, or None when it is absolute or climbs."""
    if name.startswith("/"):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    return "/".join(parts)


def _kept(name: str) -> bool:
    """Is this member's content read by an audit (at the top or under one top folder)?"""
    tails = [name]
    if "/" in name:
        tails.append(name.split("/", 1)[1])
    return any(t in KEPT_NAMES or t.startswith(KEPT_PREFIXES) for t in tails)


_TYPES = {
    tarfile.DIRTYPE: stat.S_IFDIR, tarfile.SYMTYPE: stat.S_IFLNK, tarfile.FIFOTYPE: stat.S_IFIFO,
    tarfile.CHRTYPE: stat.S_IFCHR, tarfile.BLKTYPE: stat.S_IFBLK,
}


def scan(path: str) -> Index:
    """Read the archive at ``path`` once into an Index; ArchiveError when it cannot be audited."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ArchiveError(f"cannot open: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as raw:
        st = os.fstat(raw.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ArchiveError("not a regular file: not opened")
        counting = _Counting(raw)
        forward = _Forward(_open_stream(raw, counting), counting)
        try:
            return _index(forward)
        except tarfile.TarError as exc:
            if "unexpected end of data" in str(exc):
                raise ArchiveError("truncated: the archive ends inside a member") from None
            raise ArchiveError(f"not a readable tar archive: {exc}") from None
        except (EOFError, zlib.error, lzma.LZMAError) as exc:
            raise ArchiveError(f"truncated or corrupt: {exc}") from None


def _index(forward: _Forward) -> Index:
    members: dict[str, Member] = {}
    refusals: list[tuple[str, str]] = []
    refused_more = 0
    kept = 0
    tar = tarfile.open(fileobj=forward, mode="r:")  # type: ignore[call-overload]
    for info in _members(tar):
        if len(members) >= MAX_MEMBERS:
            raise ArchiveError(f"more than {MAX_MEMBERS:,} members: not read further")
        name = _normal(info.name)
        why = None
        if name is None:
            why = "an absolute name or a '..' component: not read"
        elif info.islnk() and _normal(info.linkname) is None:
            why = f"a hard link to {info.linkname!r}, outside the archive: not read"
        elif info.islnk() and _normal(info.linkname) not in members:
            why = f"a hard link to {info.linkname!r}, which no earlier member is: not read"
        if why is not None:
            if len(refusals) < MAX_REFUSALS:
                refusals.append((info.name, why))
            else:
                refused_more += 1
            continue
        if not name:
            continue
        mode = info.mode & 0o7777
        data = unkept = None
        link = None
        if info.islnk():
            link = _normal(info.linkname)
            mode |= stat.S_IFREG
        elif info.isreg():
            mode |= stat.S_IFREG
            if info.size <= MAX_FILE_SIZE and _kept(name):
                if kept + info.size > MAX_KEPT:
                    unkept = f"the archive's files to audit exceed {MAX_KEPT:,} bytes: not read"
                else:
                    got = tar.extractfile(info)
                    data = got.read(info.size + 1) if got is not None else b""
                    kept += len(data)
        else:
            mode |= _TYPES.get(info.type, 0)
            if info.issym():
                link = info.linkname
        members[name] = Member(mode, info.uid, info.gid, int(info.mtime * 1_000_000_000), info.size,
                               link, info.islnk(), data, unkept)
    if forward.pos < tar.offset + tarfile.BLOCKSIZE or forward.last.count(0) != len(forward.last):
        raise ArchiveError("truncated: the archive ends before its end-of-archive marker")
    children: dict[str, set[str]] = {"": set()}
    for name in list(members):
        parent, _, base = name.rpartition("/")
        while True:
            children.setdefault(parent, set()).add(base)
            if not parent or parent in members:
                break
            members[parent] = Member(stat.S_IFDIR | 0o755, 0, 0, 0, 0)  # implied by its entries
            parent, _, base = parent.rpartition("/")
    return Index(members, children, tuple(refusals), refused_more, _host_prefix(members, children))


def _members(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    while True:
        info = tar.next()
        if info is None:
            return
        yield info


def _host_prefix(members: dict[str, Member], children: dict[str, set[str]]) -> str:
    """The folder holding the host: the top, or the one top folder a sosreport packs it in."""
    if {"etc", "proc", "sos_commands"} & children[""]:
        return ""
    tops = children[""]
    if len(tops) == 1:
        (top,) = tops
        if stat.S_ISDIR(members[top].mode) and {"etc", "proc", "sos_commands"} & children.get(top, set()):
            return top
    return ""


# --------------------------------------------------------------------------- the root


#: The last archive scanned in this process, (path, stat_key, index): the host identity of an
#: archive just audited reads it again (bondlint.identity) without a second pass.
_last: tuple[str, str, Index] | None = None


class ArchiveRoot(Root):
    """An archive read as a host root; paths shown as ``ARCHIVE:member`` (``web1.tar.gz:etc/x``).

    Reads are not observed one by one: the content cache sees the archive's stat tuple
    (``stat_key``) once, when the root is opened.
    """

    def __init__(self, path: str, index: Index, display: str | None = None) -> None:
        super().__init__(path, display)
        self.index = index
        self.kind = "sosreport" if "sos_commands" in self._entries("") else "root"

    @classmethod
    def open(cls, path: str, display: str | None = None) -> ArchiveRoot:
        """Scan the archive (ArchiveError when it cannot be audited); observed as its stat tuple."""
        key = stat_key(path)
        _observe("archive", os.path.abspath(path), "", [key])
        global _last
        if _last is None or _last[:2] != (os.path.abspath(path), key):
            _last = None  # the old index goes before the new one is read: one in memory at most
            _last = (os.path.abspath(path), key, scan(path))
        return cls(path, _last[2], display)

    def display_path(self, rel: str) -> str:
        return f"{self.display}:{rel}"

    def _member_name(self, rel: str) -> str:
        return f"{self.index.prefix}/{rel}" if self.index.prefix and rel else (self.index.prefix or rel)

    def _entries(self, rel: str) -> set[str]:
        return self.index.children.get(self._member_name(rel), set())

    def _lookup(self, current: list[str]) -> Member | None:
        return self.index.members.get(self._member_name("/".join(current)))

    def resolve(self, rel: str) -> str | Refused:
        """``rel`` with every symlink followed inside the archive (a chroot at the host's folder)."""
        display = self.display_path(rel)
        pending = [p for p in PurePosixPath(rel).parts if p != "/"]
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
            if current:
                parent = self._lookup(current)
                if parent is not None and not stat.S_ISDIR(parent.mode):
                    return _refuse(display, "cannot stat path: Not a directory")
            member = self._lookup([*current, part])
            if member is None:
                return _refuse(display, "file does not exist")
            if not stat.S_ISLNK(member.mode):
                current.append(part)
                continue
            hops += 1
            if hops > MAX_SYMLINK_HOPS:
                return _refuse(display, "symlink loop: not followed")
            target = member.link or ""
            target_parts = [p for p in PurePosixPath(target).parts if p != "/"]
            if target.startswith("/"):
                current = []
            else:
                depth = len(current)
                for tp in target_parts:
                    if tp == "..":
                        depth -= 1
                        if depth < 0:
                            return _refuse(display, f"symlink to {target!r} leaves the audited root: not followed")
                    elif tp not in ("", "."):
                        depth += 1
            pending = target_parts + pending
        return "/".join(current)

    def _stat_of(self, member: Member) -> os.stat_result:
        """A member as lstat would give it unpacked (a hard link has its target's size)."""
        size = member.size
        if member.hard:
            target = self.index.members.get(member.link or "")
            size = target.size if target is not None else 0
        seconds = member.mtime_ns // 10**9
        return os.stat_result((member.mode, 0, 0, 1, member.uid, member.gid, size, seconds, seconds, seconds),
                              {"st_mtime_ns": member.mtime_ns})

    def stat(self, rel: str) -> os.stat_result | Refused:
        found = self.resolve(rel)
        if isinstance(found, Refused):
            return found
        return self._stat_of(self.index.members[self._member_name(found)]) if found else os.stat_result(
            (stat.S_IFDIR | 0o755, 0, 0, 1, 0, 0, 0, 0, 0, 0))

    def readlink(self, rel: str) -> str | None:
        parent = self.resolve(posixpath.dirname(rel))
        if isinstance(parent, Refused):
            return None
        member = self.index.members.get(self._member_name(posixpath.join(parent, posixpath.basename(rel))))
        return member.link if member is not None and stat.S_ISLNK(member.mode) else None

    def read(self, rel: str, max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
        return self._read(rel, max_size)

    def _read(self, rel: str, max_size: int = MAX_FILE_SIZE) -> SourceText | Refused:
        display = self.display_path(rel)
        found = self.resolve(rel)
        if isinstance(found, Refused):
            return found
        member = self.index.members[self._member_name(found)] if found else None
        if member is None:
            return _refuse(display, "a directory where a configuration file was expected")
        content: Member | None = member
        if member.hard:
            content = self.index.members.get(member.link or "")
            if content is None or not stat.S_ISREG(content.mode):
                return _refuse(display, "a hard link to a member that is not a file: not read")
        st = self._stat_of(member)
        refusal = _check_kind(st, display, max_size)
        if refusal is not None:
            return refusal
        if content.data is None:
            return _refuse(display, content.unkept or "not read from the archive")
        return decode(content.data, display, st)

    def listdir(self, rel: str) -> list[str]:
        return self._listdir(rel)

    def _listdir(self, rel: str) -> list[str]:
        found = self.resolve(rel)
        if isinstance(found, Refused):
            return []
        return sorted(self._entries(found))

    def mtime_ns(self, rel: str) -> int | None:
        found = self.resolve(rel)
        if isinstance(found, Refused):
            return None
        member = self.index.members.get(self._member_name(found))
        return member.mtime_ns or None if member is not None else None

    def enclosing(self, names: tuple[str, ...]) -> str | None:
        """None: the archive's modes and owners are the host's, whatever folder holds the file."""
        return None

    def refusals(self) -> tuple[Refused, ...]:
        """The members refused as hostile, one each (then one saying how many more)."""
        out = [_refuse(f"{self.display}:{name}", f"archive member {why}") for name, why in self.index.refusals]
        if self.index.refused_more:
            out.append(_refuse(self.display, f"{self.index.refused_more:,} more archive members refused as above"))
        return tuple(out)
