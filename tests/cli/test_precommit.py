"""The pre-commit hook in a real git repository of host trees, and the path logic behind it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from bondlint.host.discover import host_root_of
from tests.cli.conftest import SCRIPTS, copy_seed
from tests.conftest import REPO, run_cli

HOOKS = REPO / ".pre-commit-hooks.yaml"


def _hook() -> dict[str, str]:
    """The hook's entry and files regex as .pre-commit-hooks.yaml declares them."""
    import yaml  # pre-commit depends on PyYAML

    hook = next(h for h in yaml.safe_load(HOOKS.read_text()) if h["id"] == "bondlint")
    return hook


@pytest.mark.parametrize(
    ("path", "root"),
    [
        ("hosts/web1/etc/sysconfig/network-scripts/ifcfg-eth0", "hosts/web1"),
        ("hosts/web1/etc/modprobe.conf", "hosts/web1"),
        ("etc/modprobe.d/bonding.conf", "."),
        ("./etc/xen/xend-config.sxp", "."),
        ("/etc/sysconfig/network", "/"),
        ("/srv/etc/hosts/db1/etc/modprobe.conf", "/srv/etc/hosts/db1"),  # the nearest etc/ wins
        ("hosts/web1/../web2/etc/redhat-release", "hosts/web2"),
        ("README.md", None),
        ("hosts/web1", None),
        ("etc", None),
    ],
)
def test_host_root_of(path: str, root: str | None) -> None:
    assert host_root_of(path) == root


def test_every_file_the_hook_matches_has_a_host_root() -> None:
    files = re.compile(_hook()["files"])
    for rel in (
        "etc/sysconfig/network-scripts/ifcfg-bond0",
        "etc/sysconfig/network",
        "etc/modprobe.conf",
        "etc/modprobe.d/bonding.conf",
        "etc/xen/xend-config.sxp",
        "etc/xen/scripts/network-bridge",
        "etc/redhat-release",
        "etc/os-release",
    ):
        path = f"hosts/web1/{rel}"
        assert files.search(path), path
        assert host_root_of(path) == "hosts/web1"
    assert not files.search("hosts/web1/etc/hosts")
    assert not files.search("docs/etc-notes.txt")


def test_whole_host_lints_the_root_of_each_file(tmp_path: Path) -> None:
    host = copy_seed(tmp_path / "hosts" / "web1")
    bond0 = host / SCRIPTS / "ifcfg-bond0"
    bond0.write_text(bond0.read_text().replace("ONBOOT=yes", "ONBOOT=Yes"))
    eth0 = host / SCRIPTS / "ifcfg-eth0"
    # eth0 is the file changed; the finding is in ifcfg-bond0, found because the whole host is linted.
    proc = run_cli("--whole-host", "--select", "BL0,BL4", f"hosts/web1/{SCRIPTS}/ifcfg-eth0", "hosts/web1/etc/modprobe.conf", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"hosts/web1/{SCRIPTS}/ifcfg-bond0:7:8: BL007 warning")
    assert proc.stdout.endswith("Found 1 finding (0 errors, 1 warning, 0 info) in 1 root.\n")  # one root, once
    assert eth0.is_file()


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def test_pre_commit_refuses_a_bad_change_and_passes_a_clean_one(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hook = _hook()
    repo = tmp_path / "fleet"
    copy_seed(repo / "hosts" / "web1")
    copy_seed(repo / "hosts" / "web2")
    (repo / "README").write_text("host configs\n")
    config = (
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        f"      - id: {hook['id']}\n"
        f"        name: {hook['name']}\n"
        f"        entry: {hook['entry']}\n"
        "        language: system\n"
        f"        files: '{hook['files']}'\n"
        f"        require_serial: {str(hook['require_serial']).lower()}\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(config)
    scripts = sysconfig.get_path("scripts")  # where this interpreter's `bondlint` and `pre-commit` live
    env = {
        **os.environ,
        "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    assert _git(repo, "init", "-q", "-b", "main", env=env).returncode == 0
    assert _git(repo, "add", "-A", env=env).returncode == 0
    assert _git(repo, "commit", "-q", "-m", "fleet", env=env).returncode == 0
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, capture_output=True, text=True)
    assert install.returncode == 0, install.stderr

    # The seed's classic mistake: BONDING_OPTS unquoted, bash keeps only "mode=4".
    bond0 = repo / "hosts/web1" / SCRIPTS / "ifcfg-bond0"
    good = bond0.read_text()
    bond0.write_text(good.replace('BONDING_OPTS="mode=4 miimon=100"', "BONDING_OPTS=mode=4 miimon=100"))
    _git(repo, "add", "-A", env=env)
    refused = _git(repo, "commit", "-m", "unquote", env=env)
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "Failed" in output
    assert f"hosts/web1/{SCRIPTS}/ifcfg-bond0:10:21: BL002 error [unquoted-whitespace-value]" in output
    assert "hosts/web2" not in output  # only the changed host is linted

    # `pre-commit run --files` says the same.
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", f"hosts/web1/{SCRIPTS}/ifcfg-bond0"],
        cwd=repo, env=env, capture_output=True, text=True,
    )
    assert run.returncode == 1 and "BL002 error" in run.stdout

    # The fix, plus an unrelated clean change: accepted.
    bond0.write_text(good)
    eth2 = repo / "hosts/web1" / SCRIPTS / "ifcfg-eth2"
    eth2.write_text(eth2.read_text() + "USERCTL=no\n")
    _git(repo, "add", "-A", env=env)
    accepted = _git(repo, "commit", "-m", "document eth2", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
