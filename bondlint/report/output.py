"""Report files written atomically: readers see the old file or the whole new one, never half.

A report streams into bondlint.atomic's temporary file beside its target and
replaces the target only when the run has written all of it; an interrupted or
failed run leaves the target as it was and no temporary file behind. This
module only names the report in the errors.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, TextIO

from bondlint import atomic


class OutputError(Exception):
    """A report file that cannot be written (a missing folder, a full disk): exit 2, with its name."""

    def __init__(self, path: str, error: OSError) -> None:
        super().__init__(f"cannot write report {path}: {error.strerror or error}")
        self.path = path


class AtomicFile:
    """A report that becomes ``path`` on ``commit()``, or vanishes on ``discard()``."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self._file = atomic.AtomicFile(path)
            stream = self._file.text()
        except OSError as exc:
            raise OutputError(path, exc) from None
        self.stream: TextIO = _Named(stream, path)  # type: ignore[assignment]

    def commit(self) -> None:
        try:
            self._file.commit()
        except OSError as exc:
            raise OutputError(self.path, exc) from None

    def discard(self) -> None:
        self._file.discard()


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
