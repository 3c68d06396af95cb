"""-o/--report write into a device, a FIFO or standard output, never replace them (issue 24 item 1)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from bondlint.atomic import AtomicFile
from tests.conftest import run_cli, run_process
from tests.robustness._support import make_root


def test_a_character_device_stays_a_device(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    root = make_root(tmp_path)
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    before = os.lstat(null)
    result = run_cli("--no-cache", "-o", str(null), "--report", f"json={tmp_path / 'r.json'}", str(root))
    assert result.returncode == 1, result.stderr
    after = os.lstat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert (tmp_path / "r.json").read_text().startswith("{")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_a_fifo_gets_the_report_as_a_stream(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run_cli("--no-cache", "-o", str(fifo), str(root))
    reader.join(30)
    assert result.returncode == 1, result.stderr
    assert b"BL002" in got[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dash_and_dev_stdout_are_standard_output(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    for name in ("-", "/dev/stdout"):
        result = run_process("--no-cache", "-o", name, str(root))
        assert result.returncode == 1 and "BL002" in result.stdout, (name, result.stderr)
    assert not Path("-").exists()


def test_a_symlink_is_followed_to_the_file_it_names(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (tmp_path / "real.txt").write_text("old\n")
    (tmp_path / "link.txt").symlink_to("real.txt")
    result = run_cli("--no-cache", "-o", str(tmp_path / "link.txt"), str(root))
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "link.txt").is_symlink()
    assert "BL002" in (tmp_path / "real.txt").read_text()


@pytest.mark.parametrize("second", ["same", "link", "stdout"])
def test_two_reports_to_one_destination_are_refused(tmp_path: Path, second: str) -> None:
    root = make_root(tmp_path)
    out = tmp_path / "out.txt"
    out.write_text("kept\n")
    (tmp_path / "alias").symlink_to(out)
    args = {
        "same": ["-o", str(out), "--report", f"json={out}"],
        "link": ["-o", str(out), "--report", f"json={tmp_path / 'alias'}"],
        "stdout": ["--report", "json=/dev/stdout"],
    }[second]
    result = run_cli("--no-cache", *args, str(root))
    assert result.returncode == 2 and "named twice" in result.stderr, result.stderr
    assert out.read_text() == "kept\n"


def test_a_directory_is_refused_with_its_name(tmp_path: Path) -> None:
    result = run_cli("--no-cache", "-o", str(tmp_path), str(make_root(tmp_path)))
    assert result.returncode == 2
    assert f"cannot write report {tmp_path}: a directory" in result.stderr


def test_temporary_names_fit_name_max(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 255)
    out = AtomicFile(target)
    assert len(os.fsencode(os.path.basename(out.temp))) <= 255
    out.write_all(b"x")
    out.commit()
    assert target.read_bytes() == b"x"
