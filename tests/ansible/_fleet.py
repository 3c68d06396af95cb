"""Running the bondlint.audit collection's role with ansible-playbook over fixture hosts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS = REPO / "ansible"
COLLECTION = COLLECTIONS / "ansible_collections" / "bondlint" / "audit"
HOSTS = REPO / "fixtures" / "hosts"
BIN = Path(sys.executable).parent
BONDLINT = BIN / "bondlint"


def ansible_playbook() -> Path:
    found = BIN / "ansible-playbook"
    if not found.is_file():
        pytest.skip(f"ansible-playbook not in {BIN} (pip install -e '.[test]' installs ansible-core)")
    return found


def inventory(hosts: dict[str, Path], common: dict[str, object]) -> dict:
    """A YAML-able inventory: fixture roots as hosts, with a Python that does not exist."""
    return {"fleet": {"hosts": {
        name: {"bondlint_root": str(root), "ansible_python_interpreter": "/nonexistent/bin/python", **common}
        for name, root in hosts.items()
    }}}


def run_role(tmp: Path, inv: dict, role_vars: dict[str, object], env: dict[str, str] | None = None,
             become: bool = False) -> tuple[subprocess.CompletedProcess[str], Path]:
    reports = tmp / "reports"
    (tmp / "inventory.json").write_text(json.dumps(inv))
    play = [{
        "hosts": "fleet", "gather_facts": False, "become": become,
        "roles": [{"role": "bondlint.audit.fleet_audit", "vars": {
            "bondlint_report_dir": str(reports), "bondlint_command": str(BONDLINT), **role_vars}}],
    }]
    (tmp / "play.yml").write_text(json.dumps(play))
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    full_env = {
        **os.environ, "HOME": str(home), "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_LOCAL_TEMP": str(tmp / "ansible-local"), "ANSIBLE_REMOTE_TEMP": str(tmp / "ansible-remote"),
        "ANSIBLE_SHOW_CUSTOM_STATS": "true", "ANSIBLE_NOCOLOR": "1", "ANSIBLE_HOST_KEY_CHECKING": "false",
        "ANSIBLE_RETRY_FILES_ENABLED": "false", "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        **(env or {}),
    }
    proc = subprocess.run([str(ansible_playbook()), "-i", str(tmp / "inventory.json"), str(tmp / "play.yml")],
                          capture_output=True, text=True, env=full_env, cwd=tmp, timeout=600)
    return proc, reports


def fixture_hosts(tmp: Path, names: list[str]) -> dict[str, Path]:
    """Copies of fixture hosts, named host1…: the inventory name is what the archives are called."""
    out = {}
    for i, name in enumerate(names, 1):
        root = tmp / "trees" / name
        shutil.copytree(HOSTS / name, root, symlinks=True)
        out[f"host{i}"] = root
    return out


def findings_by_host(report: dict, name_of: dict[str, str]) -> dict[str, list[tuple]]:
    """Each host's findings as (code, severity, file under the root, line, column, message):
    what must not depend on whether the tree was audited in place or as an archive."""
    out: dict[str, list[tuple]] = {name: [] for name in name_of.values()}
    for f in report["findings"]:
        root = f["root"]
        rel = f["path"][len(root) + 1:] if f["path"] else None
        message = f["message"].replace(root + ":", "").replace(root + "/", "")
        out[name_of[root]].append((f["code"], f["severity"], rel, f["line"], f["column"], message))
    return {k: sorted(v) for k, v in out.items()}


def direct(roots: dict[str, Path]) -> dict[str, list[tuple]]:
    proc = subprocess.run([str(BONDLINT), "--format", "json", *map(str, roots.values())], capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return findings_by_host(json.loads(proc.stdout), {str(r): n for n, r in roots.items()})
