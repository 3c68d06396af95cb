"""The content cache's record store: one append-only log per settings digest.

A warm run over a thousand roots opens one file, not a thousand: every root's
record for one set of settings (``bondlint.cache.Settings``) is a line of framed
bytes in ``<settings>.log``, so a run over A and B and a later run over A alone
share it. The format::

    bondlint-cache <schema> <settings>\\n                 the header, checked on open
    R <key> <length> <crc32>\\n<payload>\\n               one record, repeated

``key`` names a root (``bondlint.cache``), the payload is its JSON entry. The
last record of a key wins; superseded ones are dropped when the dead bytes
outweigh the live ones (compaction: the live records copied one by one into a
fresh file renamed over the log).

Reading scans the headers once (a ``pread`` each, payloads untouched) into an
index of key → (offset, length, crc), then reads one payload per root as the
run asks for it: memory holds the index, never the log (about 200 bytes per root).

Two writers at once: records are buffered and appended in batches under an
exclusive ``flock`` of the log, each batch one ``pwrite`` at the end of the last
whole record, so two runs' records never interleave. A writer that finds, under
the lock, that the file at the path is no longer the one it locked (compacted
by the other run) reopens it and locks again. Readers take no lock: a record
being written, torn by a crash or damaged fails its length or its CRC and is a
miss; the next writer, under the lock, cuts the log back to its last whole record.
A run that compacts while another reads leaves the reader on the old file: it
sees the records as they were when it opened the log, as if it had started first.
"""

from __future__ import annotations

import os
import stat
import zlib

#: Records buffered before a batch is appended (bounded memory; one lock per batch).
BATCH_BYTES = 1 << 20
#: A record header's longest: "R", a 32-character key, a length, a crc (with room to spare).
MAX_HEADER = 96
#: Logs smaller than this are never compacted (copying them costs more than the dead bytes).
COMPACT_MIN_BYTES = 1 << 20
#: Times a writer reopens a log another run compacted meanwhile before it gives the batch up
#: (a miss next time, never an error); each time, that other run made progress.
REOPEN_ATTEMPTS = 100
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Log:
    """One log file: lookups by key, appends in batches. One per process (``bondlint.cache`` opens
    its own in a forked worker: a lock and an index are not shared)."""

    def __init__(self, path: str, header: bytes, max_record: int) -> None:
        self.path = path
        self.header = header
        self.max_record = max_record
        self._fd: int | None = None
        self._file: tuple[int, int] | None = None  # (st_dev, st_ino) of the file the index describes
        self._index: dict[str, tuple[int, int, int]] | None = None
        self._end = 0  # where the last whole record seen ends; 0: no valid header seen
        self._dead = 0  # bytes of superseded records
        self._pending: list[bytes] = []
        self._pending_size = 0

    # -- reading ---------------------------------------------------------------------------

    def get(self, key: str) -> bytes | None:
        """The last record stored under ``key`` when the log was opened (or since, by this process)."""
        if self._index is None:
            self._open_for_reading()
        found = self._index.get(key) if self._index else None
        if found is None or self._fd is None:
            return None
        start, length, crc = found
        try:
            data = os.pread(self._fd, length, start)
        except OSError:
            return None
        return data if len(data) == length and zlib.crc32(data) == crc else None

    def _open_for_reading(self) -> None:
        self._index = {}
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | _CLOEXEC)
        except OSError:
            return
        if not self._adopt(fd):
            os.close(fd)
            return
        try:  # in use: the cache's housekeeping prunes the least recently used logs first
            os.utime(fd)
        except OSError:
            pass

    def _adopt(self, fd: int) -> bool:
        """Index the log open on ``fd`` (ours: a regular file of this user); False when it is not."""
        try:
            st = os.fstat(fd)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            return False
        self._forget()
        self._fd, self._file = fd, (st.st_dev, st.st_ino)
        self._reindex(st.st_size)
        return True

    def _reindex(self, size: int) -> None:
        """Index the open log from its header (none valid: ``_end`` 0, the next writer starts afresh)."""
        assert self._fd is not None
        self._index, self._end, self._dead = {}, 0, 0
        try:
            if os.pread(self._fd, len(self.header), 0) == self.header:
                self._end = self._scan(len(self.header), size)
        except OSError:
            pass

    def _scan(self, position: int, size: int) -> int:
        """Index the whole records from ``position`` up to ``size``; where they end."""
        assert self._fd is not None and self._index is not None
        while position < size:
            head = os.pread(self._fd, MAX_HEADER, position)
            newline = head.find(b"\n")
            fields = head[:newline].split(b" ") if newline > 0 else []
            if len(fields) != 4 or fields[0] != b"R" or not fields[2].isdigit():
                break
            try:
                key, length, crc = fields[1].decode("ascii"), int(fields[2]), int(fields[3], 16)
            except (UnicodeDecodeError, ValueError):
                break
            start = position + newline + 1
            end = start + length + 1
            if end > size or length > self.max_record:  # torn at the end (or being written), or not ours
                break
            old = self._index.get(key)
            if old is not None:
                self._dead += old[1]
            self._index[key] = (start, length, crc)
            position = end
        return position

    def close(self) -> None:
        """Close the log (records not flushed are dropped: ``flush`` first)."""
        self._pending, self._pending_size = [], 0
        self._forget()

    def _forget(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
        self._fd, self._file, self._index, self._end, self._dead = None, None, None, 0, 0

    # -- writing ---------------------------------------------------------------------------

    def put(self, key: str, payload: bytes) -> None:
        """Store ``payload`` under ``key`` (appended with the next batch)."""
        if len(payload) > self.max_record:
            return
        self._pending.append(b"R %s %d %08x\n%s\n" % (key.encode("ascii"), len(payload), zlib.crc32(payload), payload))
        self._pending_size += len(self._pending[-1])
        if self._pending_size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Append the pending records (given up on any error: an entry not stored is only a miss)."""
        if not self._pending:
            return
        batch = b"".join(self._pending)
        self._pending, self._pending_size = [], 0
        try:
            self._append(batch)
        except OSError:
            pass

    def _append(self, batch: bytes) -> None:
        import fcntl

        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | _CLOEXEC
        for _ in range(REOPEN_ATTEMPTS):  # replaced (compacted) between our open and our lock: again
            try:
                fd = os.open(self.path, flags, 0o600)
            except FileNotFoundError:  # the first log of this schema: its folder too
                os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
                fd = os.open(self.path, flags, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                st = os.fstat(fd)
                here = os.stat(self.path, follow_symlinks=False)
            except BaseException:
                os.close(fd)
                raise
            if (here.st_dev, here.st_ino) != (st.st_dev, st.st_ino):
                os.close(fd)
                continue
            if (st.st_dev, st.st_ino) == self._file:
                self._swap_fd(fd)  # the file we indexed: the index holds, read through the locked descriptor
            elif not self._adopt(fd):
                os.close(fd)
                return
            self._write_locked(batch)
            return

    def _swap_fd(self, fd: int) -> None:
        old, self._fd = self._fd, fd
        if old is not None:
            os.close(old)

    def _write_locked(self, batch: bytes) -> None:
        """Append ``batch`` after the last whole record (cutting a torn tail), holding the lock."""
        import fcntl

        assert self._fd is not None and self._index is not None
        fd = self._fd
        try:
            size = os.fstat(fd).st_size
            if self._end > size:  # cut behind our back (not by a writer of ours): index it again
                self._reindex(size)
            if self._end == 0:  # empty, foreign or of another schema: started afresh
                os.ftruncate(fd, 0)
                self._index, self._dead = {}, 0
                os.pwrite(fd, self.header, 0)
                self._end = size = len(self.header)
            self._end = self._scan(self._end, size)  # other runs' records since we read
            if self._end < size:
                os.ftruncate(fd, self._end)
            written = os.pwrite(fd, batch, self._end)
            if written != len(batch):
                os.ftruncate(fd, self._end)
                return
            self._end = self._scan(self._end, self._end + written)
            if self._dead > max(self._end - self._dead, COMPACT_MIN_BYTES):
                self._compact()
        finally:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _compact(self) -> None:
        """Rewrite the log with its live records only, one at a time (under the lock)."""
        from bondlint.atomic import AtomicFile

        assert self._fd is not None and self._index is not None
        out = AtomicFile(self.path, 0o600, sync_dir=False)
        try:
            out.write_all(self.header)
            for key, (start, length, crc) in sorted(self._index.items(), key=lambda item: item[1][0]):
                data = os.pread(self._fd, length, start)
                if len(data) == length and zlib.crc32(data) == crc:
                    out.write_all(b"R %s %d %08x\n%s\n" % (key.encode("ascii"), length, crc, data))
            out.commit()
        except BaseException:
            out.discard()
            raise
        self._forget()  # the next lookup indexes the new file; closing releases the old one's lock
