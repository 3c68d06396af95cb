"""Report files written atomically: readers see the old file or the whole new one, never half.

A report streams into a temporary file beside its target (same directory, so
the final rename cannot cross filesystems) and replaces the target only when
the run has written all of it; an interrupted or failed run leaves the target
as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from typing import Iterator, TextIO


class OutputError(Exception):
    """A report file that cannot be written (a missing folder, a full disk): exit 2, with its name."""

    def __init__(self, path: str, error: OSError) -> None:
        super().__init__(f"cannot write report {path}: {error.strerror or error}")
        self.path = path


class AtomicFile:
    """A text file that becomes ``path`` on ``commit()``, or vanishes on ``discard()``."""

    def __init__(self, path: str) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        try:
            fd, self._temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
        except OSError as exc:
            raise OutputError(path, exc) from None
        # Paths and values from audited files may be undecodable bytes: keep them as they are.
        self._file = os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="")
        self.stream: TextIO = _Named(self._file, path)  # type: ignore[assignment]

    def commit(self) -> None:
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.chmod(self._temp, 0o666 & ~_umask())  # as open() would have made it, not mkstemp's 0600
            os.replace(self._temp, self.path)
        except OSError as exc:
            self.discard()
            raise OutputError(self.path, exc) from None

    def discard(self) -> None:
        try:
            self._file.close()
        except OSError:
            pass  # a full disk fails the close's flush too: the file goes anyway
        try:
            os.unlink(self._temp)
        except FileNotFoundError:
            pass


class _Named:
    """A stream whose write errors (a full disk) name the report they were writing."""

    def __init__(self, stream: TextIO, path: str) -> None:
        self._stream = stream
        self._path = path

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise OutputError(self._path, exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputError(self._path, exc) from None

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(path: str) -> Iterator[TextIO]:
    """Write ``path`` through a stream; it appears only if the block ends normally."""
    out = AtomicFile(path)
    try:
        yield out.stream
    except BaseException:
        out.discard()
        raise
    out.commit()

