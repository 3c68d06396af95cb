"""An sshd of our own on 127.0.0.1: a free port, a throwaway host key and client key (tests, benchmark)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

SSHD = Path("/usr/sbin/sshd")
SFTP_SERVERS = (Path("/usr/lib/openssh/sftp-server"), Path("/usr/libexec/openssh/sftp-server"))


def missing() -> str | None:
    """Why no sshd can be started here, or None."""
    sftp = next((p for p in SFTP_SERVERS if p.is_file()), None)
    if not SSHD.is_file() or sftp is None or shutil.which("ssh") is None:
        return "openssh-server and openssh-client are not installed (.ci/run installs them as root)"
    if os.geteuid() != 0:
        return "sshd needs root for its privilege separation (run as root, as .ci/run does)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_sshd(folder: Path) -> Iterator[tuple[int, Path]]:
    """(port, client key) of an sshd listening on 127.0.0.1 until the block ends."""
    sftp = next(p for p in SFTP_SERVERS if p.is_file())
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # its privilege-separation folder (made at boot)
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True)
    shutil.copy(folder / "client_key.pub", folder / "authorized_keys")
    port = _free_port()
    (folder / "sshd_config").write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {folder}/host_key\nPidFile {folder}/sshd.pid\n"
        f"AuthorizedKeysFile {folder}/authorized_keys\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
        f"KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nSubsystem sftp {sftp}\n"
        "MaxStartups 100\nMaxSessions 100\nLogLevel VERBOSE\n"
    )
    with open(folder / "sshd.log", "w") as log:
        proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(folder / "sshd_config")], stderr=log)
    try:
        for _ in range(400):  # until it listens (or has died)
            if proc.poll() is not None:
                raise RuntimeError(f"sshd exited: {(folder / 'sshd.log').read_text()}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield port, folder / "client_key"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def ssh_vars(port: int, key: Path, transfer: str) -> dict[str, object]:
    """Inventory variables that reach that sshd as this user."""
    import getpass

    return {
        "ansible_connection": "ssh", "ansible_host": "127.0.0.1", "ansible_port": port,
        "ansible_user": getpass.getuser(), "ansible_ssh_private_key_file": str(key),
        "ansible_ssh_common_args": "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ControlMaster=no",
        "ansible_ssh_transfer_method": transfer,
    }
