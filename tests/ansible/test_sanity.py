"""ansible-test sanity on the collection: the checks that run offline always; the whole set where
ansible-test can bootstrap pip for its virtual environments (it downloads get-pip.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.ansible._fleet import BIN, COLLECTION

#: The sanity tests that need no virtual environment of their own (nothing downloaded).
OFFLINE = (
    "action-plugin-docs", "compile", "empty-init", "ignores", "line-endings", "no-assert", "no-get-exception",
    "no-illegal-filenames", "no-smart-quotes", "replace-urlopen", "shebang", "symlinks",
    "use-argspec-type-path", "use-compat-six",
)


def _sanity(tmp_path: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    ansible_test = BIN / "ansible-test"
    if not ansible_test.is_file():
        pytest.skip(f"ansible-test not in {BIN} (pip install -e '.[test]' installs ansible-core)")
    work = tmp_path / "ansible_collections" / "bondlint" / "audit"  # a copy: ansible-test writes tests/output
    shutil.copytree(COLLECTION, work, ignore=shutil.ignore_patterns("output", "__pycache__"))
    args = [str(ansible_test), "sanity", "--python", "3.11", *(a for t in tests for a in ("--test", t))]
    env = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}", "HOME": str(tmp_path / "home")}
    return subprocess.run(args, cwd=work, capture_output=True, text=True, env=env, timeout=900)


def test_offline_sanity_checks_pass(tmp_path: Path) -> None:
    proc = _sanity(tmp_path, *OFFLINE)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_sanity_check_where_ansible_test_can_bootstrap_pip(tmp_path: Path) -> None:
    proc = _sanity(tmp_path)
    if proc.returncode != 0 and "get-pip" in proc.stdout + proc.stderr and "Download failed" in proc.stdout + proc.stderr:
        pytest.skip("ansible-test sanity needs get-pip.py from ci-files.testing.ansible.com for its venvs, "
                    "which this machine cannot reach (the offline checks ran above)")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_collection_builds_and_holds_its_plugins_and_role(tmp_path: Path) -> None:
    import tarfile

    galaxy = BIN / "ansible-galaxy"
    if not galaxy.is_file():
        pytest.skip(f"ansible-galaxy not in {BIN} (pip install -e '.[test]' installs ansible-core)")
    proc = subprocess.run([str(galaxy), "collection", "build", "--output-path", str(tmp_path)], cwd=COLLECTION,
                          capture_output=True, text=True, env={**os.environ, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with tarfile.open(tmp_path / "bondlint-audit-0.1.0.tar.gz") as tar:
        names = set(tar.getnames())
    assert {"plugins/action/collect.py", "plugins/modules/collect.py", "plugins/filter/host_summary.py",
            "roles/fleet_audit/tasks/main.yml", "MANIFEST.json"} <= names
    assert not any("__pycache__" in n or n.startswith("tests/output") for n in names)
