"""Report files written atomically: readers see the old file or the whole new one, never half.

A report streams into bondlint.atomic's temporary file beside its target and
replaces the target only when the run has written all of it; an interrupted or
failed run leaves the target as it was and no temporary file behind. This
module only names the report in the errors.
"""

from __future__ import annotations

from typing import Callable, TextIO

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
        self.stream: TextIO = GuardedStream(stream, lambda exc: OutputError(path, exc))  # type: ignore[assignment]

    def commit(self) -> None:
        try:
            self._file.commit()
        except OSError as exc:
            raise OutputError(self.path, exc) from None

    def discard(self) -> None:
        self._file.discard()


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
