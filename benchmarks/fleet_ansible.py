"""A fleet run through the Ansible role over real ssh: time per host for each step.

Run from the repo root, as root (sshd):  python benchmarks/fleet_ansible.py [--hosts N] [--forks F]
Copies N fixture host trees (cycling through fixtures/hosts/) into a temporary folder, starts an
sshd on 127.0.0.1 (tests/ansible/_sshd.py), and times, each in a process of its own:
  collect  a play of the bondlint.audit.collect action alone over ssh (sftp), F forks
  audit    bondlint --no-cache -j J over the N archives, JSON + HTML + JUnit (what the role runs)
  role     the whole bondlint.audit.fleet_audit role, end to end (collect, audit with a cold
           cache: the archives are new files, set_stats)
Prints wall seconds per step and per host, and checks every archive was audited.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.ansible._fleet import BIN, BONDLINT, COLLECTIONS, HOSTS, inventory, run_role  # noqa: E402
from tests.ansible._sshd import missing, running_sshd, ssh_vars  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--forks", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    why = missing()
    if why:
        print(f"cannot run: {why}", file=sys.stderr)
        return 2
    sources = sorted(p for p in HOSTS.iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        roots = {}
        for i in range(args.hosts):
            roots[f"host{i + 1}"] = tmp / "trees" / f"host{i + 1}"
            shutil.copytree(sources[i % len(sources)], roots[f"host{i + 1}"], symlinks=True)
        (tmp / "sshd").mkdir()
        env = {**os.environ, "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_FORKS": str(args.forks),
               "ANSIBLE_HOST_KEY_CHECKING": "false", "HOME": str(tmp), "BONDLINT_CACHE_DIR": str(tmp / "cache"),
               "ANSIBLE_REMOTE_TEMP": str(tmp / "remote")}
        with running_sshd(tmp / "sshd") as (port, key):
            inv = inventory(roots, ssh_vars(port, key, "sftp"))
            (tmp / "inv.json").write_text(json.dumps(inv))
            play = [{"hosts": "fleet", "gather_facts": False, "tasks": [
                {"bondlint.audit.collect": {"dest": str(tmp / "collected" / "{{ inventory_hostname }}.tar.gz")}}]}]
            (tmp / "collect.yml").write_text(json.dumps(play))
            t0 = time.perf_counter()
            subprocess.run([str(BIN / "ansible-playbook"), "-i", str(tmp / "inv.json"), str(tmp / "collect.yml")],
                           check=True, env=env, capture_output=True, text=True)
            collect = time.perf_counter() - t0
            archives = sorted(str(p) for p in (tmp / "collected").iterdir())
            t0 = time.perf_counter()
            audit = subprocess.run([str(BONDLINT), "--no-cache", "-j", str(args.jobs), "--format", "json",
                                    "-o", str(tmp / "a.json"), "--report", f"html={tmp}/a.html",
                                    "--report", f"junit={tmp}/a.xml", *archives], env=env, capture_output=True, text=True)
            audit_s = time.perf_counter() - t0
            assert audit.returncode in (0, 1), audit.stderr
            audited = len(json.loads((tmp / "a.json").read_text())["hosts"])
            os.environ.update({k: env[k] for k in ("ANSIBLE_FORKS", "BONDLINT_CACHE_DIR")})
            t0 = time.perf_counter()
            (tmp / "role").mkdir()
            proc, reports = run_role(tmp / "role", inv, {"bondlint_jobs": args.jobs})
            role = time.perf_counter() - t0
            assert proc.returncode == 0, proc.stdout + proc.stderr
            role_hosts = len(json.loads((reports / "bondlint.json").read_text())["hosts"])
    n = args.hosts
    print(f"{n} hosts over ssh to 127.0.0.1 (sftp), {args.forks} forks, bondlint -j {args.jobs}, {os.cpu_count()} CPUs")
    print(f"{'step':<10}{'wall s':>9}{'ms/host':>10}")
    for name, secs in (("collect", collect), ("audit", audit_s), ("role", role)):
        print(f"{name:<10}{secs:>9.2f}{secs / n * 1000:>10.0f}")
    print(f"archives audited: {audited} (collect + audit), {role_hosts} (role)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
