"""Running the real CLI on a hostile root, with a timeout and a peak-RSS figure."""

from __future__ import annotations

import atexit
import json
import os
import select
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


#: A fork server: imports bondlint once, then for each request (a JSON line on stdin)
#: forks a child that runs ``cli.main(args)`` in its own session, with its own cwd,
#: stdin from /dev/null and stdout/stderr to files, and reports the child's pid, then
#: its exit code and peak RSS (wait4). A real process per hostile input (its memory
#: and a hang are measured and killed apart from pytest's), without starting and
#: importing a new interpreter each time. The child's peak RSS includes the imported
#: bondlint it inherits, as a fresh ``python -m bondlint`` would.
_SERVER = """
import json, os, sys, traceback
from bondlint import cli
from bondlint.engine import registry
registry()
requests, replies = sys.stdin, sys.stdout
for line in requests:
    req = json.loads(line)
    replies.flush()
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            os.setsid()
            os.chdir(req["cwd"])
            os.environ.update(req["env"])
            for fd, (path, flags) in enumerate(((os.devnull, os.O_RDONLY), (req["stdout"], os.O_WRONLY), (req["stderr"], os.O_WRONLY))):
                os.dup2(os.open(path, flags), fd)
            sys.stdin = open(0, closefd=False)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            code = cli.main(req["args"])
            sys.stdout.flush()
        except BaseException:
            traceback.print_exc()
        finally:
            try:
                sys.stderr.flush()
            finally:
                os._exit(code)
    replies.write(json.dumps({"pid": pid}) + "\\n")
    replies.flush()
    _, status, usage = os.wait4(pid, 0)
    replies.write(json.dumps({"code": os.waitstatus_to_exitcode(status), "rss": usage.ru_maxrss}) + "\\n")
    replies.flush()
"""


class _ForkServer:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"}
        )
        self.pending = b""

    def _reply(self, timeout: float) -> dict | None:
        fd = self.proc.stdout.fileno()
        end = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = end - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                raise AssertionError("the fork server died")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)

    def run(self, args: list[str], cwd: Path, out: Path, err: Path, timeout: float) -> tuple[int, int] | None:
        """(exit code, peak RSS in KiB), or None when the child was killed after ``timeout``."""
        request = {"args": args, "cwd": str(cwd), "env": {"NO_COLOR": "1"}, "stdout": str(out), "stderr": str(err)}
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()
        pid = self._reply(10)["pid"]
        done = self._reply(timeout)
        if done is None:
            os.killpg(pid, signal.SIGKILL)  # its own session: workers too
            self._reply(10)
            return None
        return done["code"], done["rss"]


_server: _ForkServer | None = None


def _fork_server() -> _ForkServer:
    global _server
    if _server is None or _server.proc.poll() is not None:
        _server = _ForkServer()
        atexit.register(_server.proc.kill)
    return _server


def run_cli_measured(*args: str, cwd: Path = REPO, timeout: float = CLI_TIMEOUT) -> Run:
    """``bondlint --jobs 1 ARGS`` in a child process of its own, killed after ``timeout``.

    Also checks what holds for every input: no traceback, no internal error,
    exit code 0 or 1.
    """
    with tempfile.TemporaryDirectory() as scratch:
        out, err = Path(scratch) / "out", Path(scratch) / "err"
        out.touch()
        err.touch()
        start = time.monotonic()
        result = _fork_server().run(["--jobs", "1", *args], cwd, out, err, timeout)
        if result is None:
            raise AssertionError(f"bondlint {' '.join(args)} hung: killed after {timeout}s")
        seconds = time.monotonic() - start
        code, rss = result
        run = Run(
            code,
            out.read_bytes().decode("utf-8", errors="surrogateescape"),  # file names are bytes
            err.read_bytes().decode("utf-8", errors="replace"),
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


#: The unprivileged user tests run the CLI as when they run as root (nobody).
UNPRIVILEGED = 65534


def unprivileged_tree() -> Path:
    """A scratch folder an unprivileged user can reach and own (pytest's tmp_path is root's, 0700)."""
    top = Path(tempfile.mkdtemp(prefix="bondlint-unpriv-", dir="/tmp"))
    os.chmod(top, 0o755)
    if os.geteuid() == 0:
        os.chown(top, UNPRIVILEGED, UNPRIVILEGED)
    return top


def chown_tree(top: Path) -> None:
    """Give ``top`` and all below it to the unprivileged user (when root), so its modes are what count."""
    if os.geteuid() != 0:
        return
    for dirpath, dirs, files in os.walk(top):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(dirpath, name), UNPRIVILEGED, UNPRIVILEGED)
    os.lchown(top, UNPRIVILEGED, UNPRIVILEGED)


def run_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m bondlint ARGS`` as a user without privileges: this user when not root, else
    ``nobody`` through setpriv (root reads past every permission, so the test would prove nothing)."""
    import pytest
    import shutil

    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv(1): cannot run the CLI as an unprivileged user")
        prefix = ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups", "--inh-caps=-all"]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO), "HOME": str(cwd), "BONDLINT_CACHE_DIR": str(cwd / ".cache")}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bondlint", "--no-cache", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )
