"""The process boundary itself: signals, worker processes, closed and full stdout (subprocesses)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bondlint.runner import max_jobs
from tests.cli.conftest import copy_seed
from tests.conftest import REPO, run_process

SEED = REPO / "fixtures" / "hosts" / "seed-centos52-xen-8023ad"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_for(predicate, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to see worker processes")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_main_process_ends_its_workers(tmp_path: Path, signum: int) -> None:
    """systemd's KillMode=process and Popen.terminate() signal the main process only."""
    (tmp_path / "roots.txt").write_text(f"{SEED}\n" * 20_000)
    main = subprocess.Popen(
        [sys.executable, "-m", "bondlint", "-j", "400", "--format", "json", "@roots.txt"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        assert _wait_for(lambda: len(_children(main.pid)) >= 2), "no workers started"
        time.sleep(0.5)  # the pool is complete: fork starts every worker at once
        workers = _children(main.pid)
        assert len(workers) <= max_jobs() + 1  # -j 400 clamped (plus the pool's manager helpers, if any)
        main.send_signal(signum)
        main.wait(timeout=30)
        assert _wait_for(lambda: not _alive(workers), timeout=10), f"workers left running: {_alive(workers)}"
    finally:
        if main.poll() is None:
            main.kill()
            main.wait()


def test_closed_stdout_is_one_line_exit_2() -> None:
    proc = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m bondlint "{SEED}" >&-'],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )
    assert (proc.returncode, proc.stderr) == (2, "bondlint: error: standard output is closed; redirect it (to /dev/null if need be)\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], [str(SEED)], ["--format", "json", str(SEED)]])
def test_a_full_stdout_is_exit_2_not_success(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "bondlint", *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, cwd=REPO)
    assert (proc.returncode, proc.stderr) == (2, "bondlint: error: cannot write the output: No space left on device\n")


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    for args in (["--jobs", "0"], ["--format", "xml"], ["--no-such-option"]):
        proc = run_process(*args, str(copy_seed(tmp_path / f"h{len(args[0])}{args[0][2:4]}")))
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and proc.stderr.startswith("bondlint: error: ")
