"""The cache's record log: records by key, appends under a lock, torn tails cut, compaction.

Real files in a temporary folder; two writers at once are two real processes.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from pathlib import Path

import pytest

from bondlint import cachelog
from bondlint.cachelog import Log

HEADER = b"bondlint-cache 0 test\n"


def _log(path: Path) -> Log:
    return Log(str(path), HEADER, 1 << 20)


def _payload(key: str, version: int) -> bytes:
    return f'{{"key": "{key}", "version": {version}, "pad": "{"x" * 300}"}}'.encode()


def test_records_round_trip_and_the_last_of_a_key_wins(tmp_path: Path) -> None:
    path = tmp_path / "v" / "a.log"
    writer = _log(path)
    assert writer.get("k1") is None  # no log yet: a miss
    writer.put("k1", b"one")
    writer.put("k2", b"two")
    writer.flush()
    writer.put("k1", b"one again")
    writer.flush()
    assert writer.get("k1") == b"one again"  # this process sees its own appends
    reader = _log(path)
    assert (reader.get("k1"), reader.get("k2"), reader.get("k3")) == (b"one again", b"two", None)
    assert path.read_bytes().startswith(HEADER)


def test_a_reader_keeps_the_log_as_it_was_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    first = _log(path)
    first.put("k", b"old")
    first.flush()
    reader = _log(path)
    assert reader.get("k") == b"old"
    other = _log(path)
    other.put("k", b"new")
    other.flush()
    assert reader.get("k") == b"old"  # a snapshot: the later record is a miss until the next run
    assert _log(path).get("k") == b"new"


def test_a_torn_tail_is_ignored_then_cut_by_the_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    log = _log(path)
    log.put("good", b"kept")
    log.flush()
    whole = path.stat().st_size
    with open(path, "ab") as f:  # a writer killed mid-write: a header promising more than is there
        f.write(b"R torn 500 %08x\n{\"half\": " % zlib.crc32(b"x"))
    reader = _log(path)
    assert reader.get("good") == b"kept" and reader.get("torn") is None
    writer = _log(path)
    writer.put("after", b"appended")
    writer.flush()
    fresh = _log(path)
    assert (fresh.get("good"), fresh.get("after"), fresh.get("torn")) == (b"kept", b"appended", None)
    assert path.stat().st_size == whole + len(b"R after 8 %08x\nappended\n" % zlib.crc32(b"appended"))


def test_a_damaged_record_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    log = _log(path)
    log.put("k", b"the payload")
    log.flush()
    data = bytearray(path.read_bytes())
    data[-3] ^= 0x20
    path.write_bytes(bytes(data))
    assert _log(path).get("k") is None


def test_a_foreign_file_is_no_log_and_is_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    path.write_bytes(b"R k 3 00000000\nabc\n")  # records, but no header of ours
    assert _log(path).get("k") is None
    writer = _log(path)
    writer.put("k", b"mine")
    writer.flush()
    assert path.read_bytes().startswith(HEADER) and _log(path).get("k") == b"mine"


@pytest.mark.parametrize("kind", ["symlink", "directory", "fifo"])
def test_no_log_through_a_symlink_a_directory_or_a_fifo(tmp_path: Path, kind: str) -> None:
    real = tmp_path / "elsewhere.log"
    good = _log(real)
    good.put("k", b"planted")
    good.flush()
    before = real.read_bytes()
    path = tmp_path / "a.log"
    if kind == "symlink":
        path.symlink_to(real)
    elif kind == "directory":
        path.mkdir()
    else:
        os.mkfifo(path)
    log = _log(path)
    assert log.get("k") is None
    log.put("k", b"x")
    log.flush()  # not written, never an error
    assert real.read_bytes() == before and _log(real).get("k") == b"planted"


def test_superseded_records_are_compacted_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachelog, "COMPACT_MIN_BYTES", 0)
    path = tmp_path / "a.log"
    log = _log(path)
    for version in range(5):
        for i in range(20):
            log.put(f"k{i}", _payload(f"k{i}", version))
        log.flush()
    live = len(HEADER) + sum(len(b"R k%d %d %08x\n" % (i, len(_payload(f"k{i}", 4)), 0)) + len(_payload(f"k{i}", 4)) + 1 for i in range(20))
    assert path.stat().st_size <= 2 * live  # never more dead bytes than live ones
    reader = _log(path)
    assert all(reader.get(f"k{i}") == _payload(f"k{i}", 4) for i in range(20))


def _write_many(path: str, name: str, rounds: int) -> None:
    cachelog.COMPACT_MIN_BYTES = 0  # compact as often as possible: the other writer meets it mid-way
    cachelog.BATCH_BYTES = 2000
    log = Log(path, HEADER, 1 << 20)
    for version in range(rounds):
        for i in range(30):
            log.put(f"{name}{i}", _payload(f"{name}{i}", version))
            log.put(f"shared{i}", _payload(f"shared{i}", version))
    log.flush()


def test_two_writers_at_once_lose_nothing_and_interleave_nothing(tmp_path: Path) -> None:
    """Two processes appending (and compacting) the same log: every record whole, every key's
    last record readable afterwards, the shared keys holding one of the two writers' last."""
    path = str(tmp_path / "a.log")
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_write_many, args=(path, name, 20)) for name in ("a", "b")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
        assert w.exitcode == 0
    reader = _log(Path(path))
    for name in ("a", "b"):
        for i in range(30):
            assert reader.get(f"{name}{i}") == _payload(f"{name}{i}", 19)
    for i in range(30):
        assert reader.get(f"shared{i}") == _payload(f"shared{i}", 19)
    data = Path(path).read_bytes()  # every record framed whole, end to end
    position = len(HEADER)
    while position < len(data):
        head, _, _ = data[position:].partition(b"\n")
        tag, key, length, crc = head.split(b" ")
        start = position + len(head) + 1
        assert zlib.crc32(data[start : start + int(length)]) == int(crc, 16)
        position = start + int(length) + 1
    assert position == len(data)


def test_a_record_longer_than_the_bound_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    big = b"x" * 2000
    writer = Log(str(path), HEADER, 4096)
    writer.put("fits", b"small")
    writer.put("too-big-to-store", b"y" * 5000)  # never written
    writer.flush()
    with open(path, "ab") as f:  # a record of another writer's bound: not read by this one
        f.write(b"R big %d %08x\n%s\n" % (len(big), zlib.crc32(big), big))
    reader = Log(str(path), HEADER, 1024)
    assert (reader.get("fits"), reader.get("too-big-to-store"), reader.get("big")) == (b"small", None, None)
