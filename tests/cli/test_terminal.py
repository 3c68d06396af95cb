"""What a person at a terminal sees: colour and the progress bar, and what a pipe never gets."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import copy_seed
from tests.conftest import REPO

PROGRESS = b"auditing"


def _run_with_pty(args: list[str], *, stdout_tty: bool, stderr_tty: bool, extra_env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """Run the CLI with stdout and/or stderr on a pseudo-terminal; returns (code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(COLUMNS="100", TERM="xterm-256color", **(extra_env or {}))
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bondlint", *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=slave if stdout_tty else subprocess.PIPE,
        stderr=slave if stderr_tty else subprocess.PIPE,
    )
    os.close(slave)
    on_tty = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        on_tty += chunk
    os.close(master)
    piped_out = proc.stdout.read() if proc.stdout else b""
    piped_err = proc.stderr.read() if proc.stderr else b""
    code = proc.wait(timeout=60)
    return code, (on_tty if stdout_tty else piped_out), (on_tty if stderr_tty else piped_err)


def _roots(tmp_path: Path, n: int = 6) -> list[str]:
    return [str(copy_seed(tmp_path / f"host{i}")) for i in range(n)]


def test_progress_bar_on_a_terminal_stderr_only(tmp_path: Path) -> None:
    code, out, err = _run_with_pty(["--select", "BL0,BL4", *_roots(tmp_path)], stdout_tty=False, stderr_tty=True)
    assert code == 0
    assert PROGRESS in err and b"/6" in err  # "n/6 roots"
    assert PROGRESS not in out
    assert out == b"No findings in 6 roots.\n"  # stdout is piped: plain


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    code, out, err = _run_with_pty(["--select", "BL0,BL4", *_roots(tmp_path)], stdout_tty=True, stderr_tty=False)
    assert code == 0 and err == b""
    assert PROGRESS not in out
    assert b"\x1b[" in out  # stdout is a terminal: the summary is coloured


def test_no_progress_bar_for_one_root(tmp_path: Path) -> None:
    _, _, err = _run_with_pty(["--select", "BL0,BL4", *_roots(tmp_path, 1)], stdout_tty=False, stderr_tty=True)
    assert PROGRESS not in err


def test_terminal_output_is_coloured() -> None:
    code, out, _ = _run_with_pty(["fixtures/hosts/example-broken-host"], stdout_tty=True, stderr_tty=False)
    assert code == 1
    assert b"\x1b[1;31mBL201" in out  # an error's code in bold red
    assert b"\x1b[1;33mBL402" in out  # a warning's in bold yellow


def test_no_color_means_no_styling_at_all_on_a_terminal() -> None:
    for args in (["fixtures/hosts/example-broken-host"], ["--list-rules"], ["--explain", "BL402"]):
        code, out, _ = _run_with_pty(args, stdout_tty=True, stderr_tty=False, extra_env={"NO_COLOR": "1"})
        assert code in (0, 1)
        assert b"BL402" in out and b"\x1b[" not in out  # not even bold
