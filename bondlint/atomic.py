"""Writing a file so that it is either the old one or the whole new one, never half.

The one writer of every file bondlint writes (baselines, reports, cache entries).
A full disk, a crash or a signal mid-write must not leave a truncated file where
a good one was: the data goes to a temporary file in the same directory (so the
rename stays on one filesystem), is fsynced, then renamed over the target with
``os.replace``; the directory is fsynced so the rename survives a crash. On any
failure the temporary file is removed and the old file is intact.

``AtomicFile`` streams text (a report is written as the run goes);
``write_atomic`` is one ``AtomicFile`` given all its bytes at once. A device or a
FIFO is the exception: it is written into (``open_node``), never renamed over.
``unnamed_scratch`` is no file anyone sees: scratch space with no name, gone when closed.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

#: Temporary files are named ``.NAME.PID-RANDOM.tmp`` beside their target; see ``is_temporary``.
TEMP_SUFFIX = ".tmp"
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


_TEMP_NAME = re.compile(r"\..*\.[0-9]+-[0-9a-f]+\.tmp", re.DOTALL)
#: A file name's longest, in bytes (NAME_MAX on Linux and the BSDs).
NAME_MAX = 255


def is_temporary(name: str) -> bool:
    """Whether a directory entry's name is one of our temporary files (for housekeeping):
    exactly ``_temporary``'s shape, not any dotted name ending in .tmp."""
    return _TEMP_NAME.fullmatch(name) is not None


def fitting(prefix: str, base: str, suffix: str) -> str:
    """``prefix + base + suffix``, ``base`` cut (in bytes) so that the name fits NAME_MAX."""
    room = NAME_MAX - len(os.fsencode(prefix + suffix))
    raw = os.fsencode(base)
    return prefix + (base if len(raw) <= room else os.fsdecode(raw[:room])) + suffix


def _temporary(path: str, mode: int) -> tuple[int, str]:
    """A new file beside ``path``, created exclusively, never through a symlink."""
    folder, base = os.path.split(path)
    while True:
        tmp = os.path.join(folder, fitting(".", base, f".{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}"))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC, mode), tmp
        except FileExistsError:  # 48 random bits taken: try another name
            continue


class AtomicFile:
    """A file that becomes ``path`` on ``commit()``, or vanishes on ``discard()``.

    ``mode`` None gives the new file the old one's permissions, or the umask's
    for a new file (as ``open()`` would); an int (0o600 for the cache) fixes
    them. ``sync_dir`` False skips the directory fsync, for files whose loss in
    a crash costs nothing but a recomputation (cache entries): the rename
    itself is still atomic.
    """

    def __init__(self, path: str | os.PathLike[str], mode: int | None = None, sync_dir: bool = True) -> None:
        self.path = os.fspath(path)
        self._mode = mode
        self._sync_dir = sync_dir
        fd, self.temp = _temporary(self.path, 0o600 if mode is None else mode)
        self._fd: int | None = fd
        self._file: TextIO | None = None

    def text(self) -> TextIO:
        """The temporary file as UTF-8 text; undecodable bytes of paths and values kept as they are."""
        if self._file is None:
            assert self._fd is not None, "text() is for a file not written with write_all()"
            self._file = os.fdopen(self._fd, "w", encoding="utf-8", errors="surrogateescape", newline="")
            self._fd = None
        return self._file

    def write_all(self, data: bytes) -> None:
        """Write all of ``data`` straight to the descriptor (no stream, no copy)."""
        assert self._fd is not None, "write_all is for a file with no stream"
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]

    def commit(self) -> None:
        """Make the temporary file ``path``; OSError (old file kept, temporary gone) on failure."""
        try:
            if self._file is not None:
                self._file.flush()
                os.fsync(self._file.fileno())
                self._file.close()
            else:
                assert self._fd is not None
                fd, self._fd = self._fd, None
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            if self._mode is None:
                os.chmod(self.temp, _mode_for(self.path))
            os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise
        if self._sync_dir:
            _fsync_dir(os.path.dirname(self.path) or ".")

    def discard(self) -> None:
        """Close and remove the temporary file; the target stays as it was. Never raises OSError."""
        if self._file is not None:
            try:
                self._file.close()
            except (OSError, ValueError):
                pass  # a full disk fails the close's flush too: the file goes anyway
        elif self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.unlink(self.temp)
        except OSError:
            pass


def open_node(path: str) -> int:
    """A write descriptor of an existing device or FIFO: written into, never replaced (renaming
    over /dev/null would make it a regular file); no O_CREAT, no O_TRUNC. OSError on failure."""
    return os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | _CLOEXEC)


def write_atomic(
    path: str | os.PathLike[str], data: bytes, mode: int | None = None, sync_dir: bool = True
) -> None:
    """Replace ``path`` with ``data`` atomically (OSError on failure, old file kept)."""
    out = AtomicFile(path, mode, sync_dir)
    try:
        out.write_all(data)
    except BaseException:
        out.discard()
        raise
    out.commit()


def _mode_for(path: str) -> int:
    """The old file's permissions, else what ``open()`` gives a new file under the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # not every platform opens directories; the rename itself is done
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unnamed_scratch() -> int | None:
    """A read-write file with no name in the temporary folder (``O_TMPFILE``: nothing to clean up,
    nothing another process can open), or None where the system or the folder has none."""
    if not hasattr(os, "O_TMPFILE"):
        return None
    try:
        return os.open(os.environ.get("TMPDIR") or "/tmp", os.O_TMPFILE | os.O_RDWR | _CLOEXEC, 0o600)
    except OSError:  # no such folder, or a file system without O_TMPFILE
        return None
