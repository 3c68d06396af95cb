"""Shared test helpers: where things are, and running the real CLI."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
HOSTS = FIXTURES / "hosts"
CORPUS = REPO.parent / "shared" / "corpus"


def texts_under(top: Path) -> list[tuple[str, str]]:
    """Every regular file under ``top`` as (path, text), bytes kept as surrogate escapes (scanner tests)."""
    return [
        (str(p), p.read_bytes().decode("utf-8", "surrogateescape"))
        for p in sorted(top.rglob("*"))
        if p.is_file() and not p.is_symlink()
    ]


def run_process(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bondlint`` as a user would, in a subprocess: for tests whose
    subject is the process boundary (exit status, signals, pipes, closed streams)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bondlint", *args],
        cwd=cwd or REPO,
        env=full_env,
        capture_output=True,
        text=True,
        input=input,
        timeout=300,
    )


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI, ``bondlint.cli.main(args)``, in this process with its streams captured.

    Everything a subprocess would see is set the same way (working directory,
    environment, stdin, fresh stdout/stderr with bondlint's encoding), without
    the start-up of a new interpreter per call.
    """
    from bondlint import cli

    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    streams = {name: _stream() for name in ("stdout", "stderr")}
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode()), encoding="utf-8")
    saved = (os.getcwd(), dict(os.environ), sys.stdin, sys.stdout, sys.stderr)
    try:
        os.chdir(cwd or REPO)
        os.environ.clear()
        os.environ.update(full_env)
        sys.stdin, sys.stdout, sys.stderr = stdin, streams["stdout"], streams["stderr"]
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse's --help
            code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(saved[0])
        os.environ.clear()
        os.environ.update(saved[1])
        sys.stdin, sys.stdout, sys.stderr = saved[2:]
    out, err = (_text(streams[name]) for name in ("stdout", "stderr"))
    return subprocess.CompletedProcess(["bondlint", *args], code, out, err)


class _Captured(io.BytesIO):
    def close(self) -> None:
        """Kept readable after the CLI closes its stdout (a closed pipe)."""


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(_Captured(), encoding="utf-8", errors="surrogateescape", newline="\n", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    """What was written, decoded as ``subprocess.run(text=True)`` would (undecodable bytes kept)."""
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", errors="surrogateescape")


def run_json(*args: str, **kwargs) -> dict:
    proc = run_cli("--format", "json", *args, **kwargs)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every CLI run of the suite (in-process or a subprocess) uses one cache directory of its
    own, never the user's: hermetic, and every later run over the same tree replays a hit."""
    os.environ["BONDLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("bondlint-cache"))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the repo in CI)")
    return CORPUS


@contextlib.contextmanager
def shallow_stack(frames: int = 300) -> Iterator[None]:
    """Allow only ``frames`` more Python frames than the caller has: anything that
    recurses per nesting level or per line raises RecursionError, whatever the
    machine's speed (a clock-free way to assert "no recursion")."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


def call_count(work: Callable[[], object]) -> int:
    """Python and C function calls made by ``work()``: an operation count that does not
    depend on how loaded the machine is (for linear-growth assertions)."""
    calls = 0

    def profile(frame, event, arg) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


def code_of(problem) -> str:  # type: ignore[no-untyped-def]
    """The code the built-in rules report a reading/parsing problem under (bondlint.describe_problem)."""
    from bondlint import describe_problem

    described = describe_problem(problem)
    assert described is not None, f"no rule declares the problem kind {problem.kind!r}"
    return described[0]


def message_of(problem) -> str:  # type: ignore[no-untyped-def]
    """The message of the finding the built-in rules make of a reading/parsing problem."""
    from bondlint import describe_problem

    described = describe_problem(problem)
    assert described is not None, f"no rule declares the problem kind {problem.kind!r}"
    return described[1]
