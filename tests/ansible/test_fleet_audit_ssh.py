"""The role over real ssh: sshd on 127.0.0.1 (a free port, a throwaway host key and authorized_keys),
with sftp and with piped transfer; the findings equal a direct run's."""

from __future__ import annotations

import getpass
import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest

from tests.ansible._fleet import direct, findings_by_host, fixture_hosts, inventory, run_role

SSHD = Path("/usr/sbin/sshd")
SFTP_SERVERS = (Path("/usr/lib/openssh/sftp-server"), Path("/usr/libexec/openssh/sftp-server"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    sftp = next((p for p in SFTP_SERVERS if p.is_file()), None)
    if not SSHD.is_file() or sftp is None or shutil.which("ssh") is None:
        pytest.skip("openssh-server and openssh-client are not installed (.ci/run installs them as root)")
    if os.geteuid() != 0:
        pytest.skip("sshd needs root for its privilege separation (run as root, as .ci/run does)")
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # its privilege-separation folder (made at boot)
    d = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(d / key)], check=True)
    shutil.copy(d / "client_key.pub", d / "authorized_keys")
    port = _free_port()
    (d / "sshd_config").write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n"
        f"AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
        f"KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nSubsystem sftp {sftp}\n"
    )
    proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(d / "sshd_config")], stderr=open(d / "sshd.log", "w"))
    try:
        for _ in range(200):  # until it listens (or has died)
            if proc.poll() is not None:
                pytest.fail(f"sshd exited: {(d / 'sshd.log').read_text()}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield {"port": port, "key": d / "client_key"}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("transfer", ["sftp", "piped"])
def test_the_role_over_ssh_finds_what_a_direct_run_finds(sshd: dict[str, object], transfer: str, tmp_path: Path) -> None:
    roots = fixture_hosts(tmp_path, ["BL002-bonding-opts-unquoted", "seed-centos52-xen-8023ad"])
    common = {
        "ansible_connection": "ssh", "ansible_host": "127.0.0.1", "ansible_port": sshd["port"],
        "ansible_user": getpass.getuser(), "ansible_ssh_private_key_file": str(sshd["key"]),
        "ansible_ssh_common_args": "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ControlMaster=no",
        "ansible_ssh_transfer_method": transfer,
    }
    proc, reports = run_role(tmp_path, inventory(roots, common), {"bondlint_formats": ["junit"]})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((reports / "bondlint.json").read_text())
    archives = {str(reports / "archives" / f"{name}.tar.gz"): name for name in roots}
    assert findings_by_host(report, archives) == direct(roots)
    assert (reports / "bondlint.xml").is_file()
    remote = tmp_path / "ansible-remote"
    assert not remote.exists() or not any(remote.iterdir())  # the host's temp removed
