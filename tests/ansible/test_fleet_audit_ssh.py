"""The role over real ssh: sshd on 127.0.0.1 (a free port, a throwaway host key and authorized_keys),
with sftp and with piped transfer; the findings equal a direct run's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from tests.ansible._fleet import direct, findings_by_host, fixture_hosts, inventory, run_role
from tests.ansible._sshd import missing, running_sshd, ssh_vars


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, Path]]:
    why = missing()
    if why:
        pytest.skip(why)
    folder = tmp_path_factory.mktemp("sshd")
    with running_sshd(folder) as (port, key):
        yield port, key, folder / "sshd.log"


@pytest.mark.parametrize(("transfer", "become"), [("sftp", False), ("piped", False), ("sftp", True)],
                         ids=["sftp", "piped", "sftp-become"])
def test_the_role_over_ssh_finds_what_a_direct_run_finds(sshd: tuple[int, Path, Path], transfer: str, become: bool, tmp_path: Path) -> None:
    """With become (su, the login user being root here) the collector, the hand-over (chown) and
    the cleanup run through the become wrapper; a non-root login user with sudo is not tested."""
    port, key, log = sshd
    before = log.read_text()
    roots = fixture_hosts(tmp_path, ["BL002-bonding-opts-unquoted", "seed-centos52-xen-8023ad"])
    host_vars = {**ssh_vars(port, key, transfer), **({"ansible_become_method": "su"} if become else {})}
    proc, reports = run_role(tmp_path, inventory(roots, host_vars), {"bondlint_formats": ["junit"]}, become=become)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    during = log.read_text()[len(before):]
    assert "Accepted publickey" in during  # it went through our sshd, by the transfer asked for
    assert ("subsystem 'sftp'" in during) == (transfer == "sftp"), during
    report = json.loads((reports / "bondlint.json").read_text())
    archives = {str(reports / "archives" / f"{name}.tar.gz"): name for name in roots}
    assert findings_by_host(report, archives) == direct(roots)
    assert (reports / "bondlint.xml").is_file()
    remote = tmp_path / "ansible-remote"
    assert not remote.exists() or not any(remote.iterdir())  # the host's temp removed
