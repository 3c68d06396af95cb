"""Where a report goes: a regular file replaced atomically, or a stream written as it is.

A report for a regular file (or a new path) streams into bondlint.atomic's
temporary file beside its target and replaces the target only when the run has
written all of it; an interrupted or failed run leaves the target as it was
and no temporary file behind. A device, a FIFO, ``/dev/stdout`` and the like
are written into as a stream, never replaced: renaming over ``/dev/null``
would turn it into a regular file. ``-`` is standard output. A symlink is
followed: the file it points to is replaced (the link stays a link).
"""

from __future__ import annotations

import os
import re
import stat
from abc import ABC, abstractmethod
from typing import Callable, TextIO

from bondlint import atomic


class OutputError(Exception):
    """A report file that cannot be written (a missing folder, a full disk): exit 2, with its name."""

    def __init__(self, path: str, error: OSError | str) -> None:
        reason = error if isinstance(error, str) else (error.strerror or str(error))
        super().__init__(f"cannot write report {path}: {reason}")
        self.path = path


#: Names of a descriptor this process already has: written to that descriptor.
_OWN_DESCRIPTOR = re.compile(r"^/(?:dev/(?:std(?:in|out|err)|fd/(\d+))|proc/self/fd/(\d+))$")
_STD_FDS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def destination(path: str) -> tuple:
    """What ``path`` writes to, so that two reports to one place can be told apart:
    ``("fd", N)`` for ``-``, ``/dev/stdout`` and the other descriptors this process has,
    ``("inode", dev, ino)`` for an existing file or device (through symlinks),
    ``("new", real path)`` for a file to be created."""
    fd = _descriptor(path)
    if fd is not None:
        return ("fd", fd)
    try:
        st = os.stat(path)
    except OSError:
        return ("new", os.path.realpath(path))
    return ("inode", st.st_dev, st.st_ino)


def _descriptor(path: str) -> int | None:
    """The descriptor ``-``, ``/dev/stdout``, ``/dev/fd/N`` or ``/proc/self/fd/N`` names, else None."""
    if path == "-":
        return 1
    m = _OWN_DESCRIPTOR.match(os.path.normpath(path)) if path.startswith("/") else None
    if m is None:
        return None
    return int(m.group(1) or m.group(2) or _STD_FDS[os.path.normpath(path)])


class ReportFile(ABC):
    """A report destination: ``stream`` to write to, ``commit()`` when whole, ``discard()`` on failure."""

    stream: TextIO

    @abstractmethod
    def commit(self) -> None:
        """The report is whole: make it the destination's content."""

    @abstractmethod
    def discard(self) -> None:
        """The run failed: leave the destination as it was."""


def open_report(path: str, stdout: TextIO | None = None) -> ReportFile:
    """The right writer for ``path``: atomic for a regular file or a new path, a stream otherwise.

    ``stdout`` is the stream ``-`` (and ``/dev/stdout``) write to; OutputError
    for what no report can be written to (a directory, a socket).
    """
    fd = _descriptor(path)
    if fd == 1 and stdout is not None:
        return _Stream(path, stdout, close=False)
    if fd is not None:
        try:
            return _Stream(path, os.fdopen(os.dup(fd), "w", encoding="utf-8", errors="surrogateescape", newline=""))
        except OSError as exc:
            raise OutputError(path, exc) from None
    try:
        st = os.stat(path)  # a symlink is followed: its target is what gets written
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(path, exc) from None
    if st is None or stat.S_ISREG(st.st_mode):
        target = os.path.realpath(path) if os.path.islink(path) else path
        return AtomicFile(path, target)
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        try:
            raw = atomic.open_node(path)
            opened = os.fstat(raw)
            if stat.S_ISREG(opened.st_mode):  # swapped for a file since the stat: replace that atomically
                os.close(raw)
                return AtomicFile(path, path)
            return _Stream(path, os.fdopen(raw, "w", encoding="utf-8", errors="surrogateescape", newline=""))
        except OSError as exc:
            raise OutputError(path, exc) from None
    kind = "a directory" if stat.S_ISDIR(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a file"
    raise OutputError(path, f"{kind}, not a file or a device")


class AtomicFile(ReportFile):
    """A report that becomes ``target`` (``path``, or the file its symlink names) on ``commit()``."""

    def __init__(self, path: str, target: str | None = None) -> None:
        self.path = path
        try:
            self._file = atomic.AtomicFile(target or path)
            stream = self._file.text()
        except OSError as exc:
            raise OutputError(path, exc) from None
        self.stream = GuardedStream(stream, lambda exc: OutputError(path, exc))  # type: ignore[assignment]

    def commit(self) -> None:
        try:
            self._file.commit()
        except OSError as exc:
            raise OutputError(self.path, exc) from None

    def discard(self) -> None:
        self._file.discard()


class _Stream(ReportFile):
    """A device, a FIFO or standard output: written as the run goes; nothing to replace or remove."""

    def __init__(self, path: str, stream: TextIO, close: bool = True) -> None:
        self.path = path
        self._raw = stream
        self._close = close
        # standard output (not closed) is the CLI's, already guarded: its errors say "the output"
        self.stream = GuardedStream(stream, lambda exc: OutputError(path, exc)) if close else stream  # type: ignore[assignment]

    def commit(self) -> None:
        try:
            self.stream.flush()
        finally:
            self.discard()

    def discard(self) -> None:
        if self._close:
            self._close = False
            try:
                self._raw.close()
            except (OSError, ValueError):
                pass


class GuardedStream:
    """A stream whose write failures (a full disk, a dead terminal) are raised as ``error(exc)``.

    A closed pipe stays BrokenPipeError: the CLI treats a reader that has had
    enough apart from a failed write. Used for report files and for stdout.
    """

    def __init__(self, stream: TextIO, error: Callable[[OSError], Exception]) -> None:
        self._stream = stream
        self._error = error

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._error(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._error(exc) from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
