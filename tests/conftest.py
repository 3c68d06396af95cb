"""Shared test helpers: where things are, and running the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
HOSTS = FIXTURES / "hosts"
CORPUS = REPO.parent / "shared" / "corpus"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bondlint`` as a user would, in a subprocess."""
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
