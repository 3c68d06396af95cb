"""Typing for library users: ``mypy --strict`` on a script using the public API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import bondlint
from tests.conftest import REPO

SCRIPT = '''\
from bondlint import Severity, fix, lint, parse_file

report = lint("/etc")
print(fix("/srv/hosts/web1").diffs, Severity.ERROR, report, parse_file("/etc/modprobe.conf"))
'''


def test_all_is_static_and_lists_every_export() -> None:
    assert sorted(bondlint.__all__) == sorted([*bondlint._EXPORTS, "__version__"])
    assert (REPO / "bondlint" / "py.typed").is_file()


def test_mypy_strict_accepts_a_script_importing_the_public_names(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extras: pip install -e '.[test]'")
    (tmp_path / "use.py").write_text(SCRIPT)
    # The package as an installed, typed (py.typed) package is seen: its own code is not checked here.
    env = {**os.environ, "MYPYPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental", "--cache-dir", str(tmp_path / "c"), "use.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found in 1 source file" in proc.stdout
