"""The bondlint-fix hook under real pre-commit: it edits, pre-commit fails and shows it, the next commit passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml  # pre-commit depends on PyYAML

from tests.cli.conftest import SCRIPTS, copy_seed
from tests.conftest import REPO


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def test_fix_hook_edits_and_pre_commit_shows_the_change(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "bondlint-fix")
    lint_hook = next(h for h in hooks if h["id"] == "bondlint")
    assert hook["files"] == lint_hook["files"] and hook["entry"] == lint_hook["entry"] + " --fix"
    repo = tmp_path / "fleet"
    copy_seed(repo / "hosts" / "web1")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n"
        f"      - id: {hook['id']}\n        name: {hook['name']}\n        entry: {hook['entry']}\n"
        f"        language: system\n        files: '{hook['files']}'\n        require_serial: true\n"
    )
    env = {
        **os.environ,
        "PATH": f"{sysconfig.get_path('scripts')}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-q", "-m", "fleet")):
        assert _git(repo, *args, env=env).returncode == 0
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, capture_output=True, text=True)
    assert install.returncode == 0, install.stderr

    bond0 = repo / "hosts/web1" / SCRIPTS / "ifcfg-bond0"
    good = bond0.read_text()
    wanted = "# bond of web1\n" + good  # the change the admin meant, plus the classic mistake
    bond0.write_text(wanted.replace('BONDING_OPTS="mode=4 miimon=100"', "BONDING_OPTS=mode=4 miimon=100"))
    _git(repo, "add", "-A", env=env)
    refused = _git(repo, "commit", "-m", "unquote", env=env)
    assert refused.returncode != 0
    assert "files were modified by this hook" in refused.stdout + refused.stderr
    assert bond0.read_text() == wanted, "the hook put the quotes back, and changed nothing else"
    _git(repo, "add", "-A", env=env)
    accepted = _git(repo, "commit", "-q", "-m", "unquote, fixed", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
