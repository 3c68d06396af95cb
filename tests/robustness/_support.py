"""Running the real CLI on a hostile root, with a timeout and a peak-RSS figure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

from tests.conftest import REPO

#: The audited tree's known-bad sibling: every hostile root holds it, and its
#: BL002 must still be reported, proving one bad file never stops the audit.
SIBLING_REL = "etc/sysconfig/network-scripts/ifcfg-bond0"
SIBLING_TEXT = "DEVICE=bond0\nBONDING_OPTS=mode=4 miimon=100\nONBOOT=yes\n"
SCRIPTS = "etc/sysconfig/network-scripts"

CLI_TIMEOUT = 60.0


@attrs.frozen
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_kib: int

    @property
    def findings(self) -> list[dict]:
        return json.loads(self.stdout)["findings"]

    def at(self, path: Path | str, code: str | None = None) -> list[dict]:
        return [
            f
            for f in self.findings
            if f["path"] == str(path) and (code is None or f["code"] == code)
        ]


def make_root(tmp_path: Path) -> Path:
    """A host root holding only the known-bad sibling; tests add their hostile file."""
    root = tmp_path / "root"
    sibling = root / SIBLING_REL
    sibling.parent.mkdir(parents=True)
    sibling.write_text(SIBLING_TEXT)
    return root


#: Runs argv[2:] and writes its exit code and peak RSS (KiB) to the file argv[1].
#: A small middle process, because a child's ru_maxrss starts from the memory
#: of whoever forked it (vfork shares the parent's mm until exec): measured
#: straight from pytest, it would report pytest's own high-water mark.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run_cli_measured(*args: str, cwd: Path = REPO, timeout: float = CLI_TIMEOUT) -> Run:
    """``python -m bondlint --jobs 1 ARGS`` in a subprocess, killed after ``timeout``.

    Also checks what holds for every input: no traceback, no internal error,
    exit code 0 or 1.
    """
    env = {**os.environ, "NO_COLOR": "1"}
    cli = [sys.executable, "-m", "bondlint", "--jobs", "1", *args]
    with tempfile.TemporaryDirectory() as scratch:
        result = Path(scratch) / "result"
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(result), *cli],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: a hang is killed whole
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise AssertionError(f"bondlint {' '.join(args)} hung: killed after {timeout}s") from None
        seconds = time.monotonic() - start
        code, rss = (int(x) for x in result.read_text().split())
    run = Run(
        code,
        stdout.decode("utf-8", errors="surrogateescape"),  # file names are bytes
        stderr.decode("utf-8", errors="replace"),
        seconds,
        rss,
    )
    assert "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr, run.stderr
    assert run.returncode in (0, 1), (run.returncode, run.stderr)
    return run


def audit(root: Path) -> Run:
    """Audit ``root`` as JSON and check the known-bad sibling was still audited."""
    run = run_cli_measured("--format", "json", str(root))
    sibling = run.at(root / SIBLING_REL, "BL002")
    assert [f["line"] for f in sibling] == [2], run.stdout
    return run
