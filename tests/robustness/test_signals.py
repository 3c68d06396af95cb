"""SIGTERM/SIGHUP during -o or --fix leave no temporary file; the stale sweep takes only ours (issue 24 item 6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bondlint.cache import STALE_TEMP_AGE
from bondlint.fixing.write import remove_stale_temps, temp_name
from tests.conftest import REPO, run_cli
from tests.robustness._support import make_root


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_a_report_is_written_leaves_no_temporary(tmp_path: Path, signum: int) -> None:
    root = make_root(tmp_path)
    out = tmp_path / "out" / "report.txt"
    out.parent.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no reader: opening it blocks, with report.txt's temporary already made
    proc = subprocess.Popen(
        [sys.executable, "-m", "bondlint", "--no-cache", "-o", str(out), "--report", f"json={fifo}", str(root)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not os.listdir(out.parent) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert os.listdir(out.parent), "the run never started its report"
        proc.send_signal(signum)
        assert proc.wait(60) == 128 + signum, proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()
    assert os.listdir(out.parent) == []


def test_a_signal_during_fix_leaves_the_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path)
    modprobe = root / "etc/modprobe.conf"
    modprobe.write_text("alias eth0 e1000\nalias bond0 bonding\n")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    real_fsync = os.fsync

    def killed_at_fsync(fd: int) -> None:  # the moment a temporary exists and is not yet renamed
        monkeypatch.setattr(os, "fsync", real_fsync)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", killed_at_fsync)
    result = run_cli("--no-cache", "-j", "1", "--fix", str(root))
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    leftovers = [p for p in root.rglob(".*") if p.is_file()]
    assert leftovers == []
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before  # killed before the rename


def test_the_stale_sweep_takes_only_our_old_temporaries(tmp_path: Path) -> None:
    old = time.time() - STALE_TEMP_AGE - 60
    ours_old, ours_live = tmp_path / temp_name("ifcfg-eth0"), tmp_path / temp_name("ifcfg-eth1")
    users = tmp_path / ".notes.bondlint-draft~"  # a user's file of a similar shape
    for p in (ours_old, ours_live, users):
        p.write_text("x")
    for p in (ours_old, users):
        os.utime(p, (old, old))
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        remove_stale_temps(fd)
    finally:
        os.close(fd)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ours_live.name, users.name])


def test_the_stale_sweep_leaves_another_users_temporary(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    theirs = tmp_path / temp_name("ifcfg-eth0")
    theirs.write_text("x")
    old = time.time() - STALE_TEMP_AGE - 60
    os.utime(theirs, (old, old))
    os.chown(theirs, 65534, 65534)
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        remove_stale_temps(fd)
    finally:
        os.close(fd)
    assert theirs.exists()
