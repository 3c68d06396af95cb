"""The collector script (bondlint/collect/collect.sh) under every shell fleets have, on fixture trees.

Each shell runs the real script with ``BONDLINT_ROOT`` at a tree built in tmp_path; the
archive is then read with tarfile: the right members, modes, owners and symlinks, runtime
files with their content, nothing outside the list, and the temporary folder gone.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from bondlint.cli import main
from bondlint.collect import MANIFEST_NAME, script

SHELLS = {
    "dash": ["dash"],
    "busybox": ["busybox", "sh"],
    "bash-posix": ["bash", "--posix"],
}


@pytest.fixture(params=sorted(SHELLS))
def shell(request: pytest.FixtureRequest) -> list[str]:
    argv = SHELLS[request.param]
    if shutil.which(argv[0]) is None:
        pytest.skip(f"{argv[0]} is not installed (.ci/run installs dash, busybox and shellcheck)")
    return argv


@pytest.fixture()
def script_file(tmp_path: Path) -> Path:
    path = tmp_path / "collect.sh"
    path.write_text(script())
    return path


def _write(root: Path, rel: str, text: str, mode: int = 0o644) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


@pytest.fixture()
def host(tmp_path: Path) -> Path:
    """A host tree with every kind of file the collector takes, and some it must leave."""
    root = tmp_path / "host"
    _write(root, "etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n")
    _write(root, "etc/hostname", "web1.example.com\n")
    _write(root, "etc/sysconfig/network", "NETWORKING=yes\n")
    _write(root, "etc/sysconfig/network-scripts/ifcfg-bond0", 'DEVICE=bond0\nBONDING_OPTS="mode=1 miimon=100"\n')
    _write(root, "etc/sysconfig/network-scripts/route-bond0", "10.0.0.0/8 via 192.0.2.1\n")
    _write(root, "etc/sysconfig/network-scripts/ifup-eth", "#!/bin/sh\n", 0o755)  # not read by bondlint
    _write(root, "etc/sysconfig/network-scripts/ifcfg-a\nb", "DEVICE=ab\n")  # cannot be listed for tar: noted
    _write(root, "etc/modprobe.d/bonding.conf", "alias bond0 bonding\n")
    _write(root, "usr/lib/modprobe.d/dist.conf", "options bonding max_bonds=0\n")
    _write(root, "usr/lib/modprobe.d/README", "not a .conf\n")
    _write(root, "etc/xen/xend-config.sxp", "(network-script network-bridge)\n")
    _write(root, "etc/NetworkManager/NetworkManager.conf", "[main]\nplugins=keyfile\n")
    _write(root, "etc/NetworkManager/system-connections/bond0.nmconnection", "[connection]\nid=bond0\n", 0o600)
    _write(root, "etc/NetworkManager/dispatcher.d/10-x", "#!/bin/sh\n", 0o755)  # not read
    _write(root, "etc/shadow", "root:*:1::::::\n", 0o600)  # never
    _write(root, "proc/net/bonding/bond0", "Bonding Mode: fault-tolerance (active-backup)\n")
    _write(root, "proc/net/dev", "Inter-|   Receive\n")
    _write(root, "proc/cpuinfo", "processor : 0\n")  # not read
    _write(root, "sys/class/net/bonding_masters", "bond0\n")
    _write(root, "sys/class/net/bond0/bonding/mode", "active-backup 1\n")
    _write(root, "sys/class/net/eth0/bonding_slave/state", "active\n")
    _write(root, "sys/class/net/eth0/address", "52:54:00:00:00:01\n")  # not read
    os.mkfifo(root / "etc/sysconfig/network-scripts/ifcfg-eth9")  # never opened: noted
    os.mkfifo(root / "proc/net/bonding/bond9")
    (root / "lib").symlink_to("usr/lib")
    (root / "etc/os-release").symlink_to("../usr/lib/os-release")
    _write(root, "usr/lib/os-release", 'ID="rhel"\nVERSION_ID="9.4"\n')
    wants = root / "etc/systemd/system/multi-user.target.wants"
    wants.mkdir(parents=True)
    (wants / "NetworkManager.service").symlink_to("/usr/lib/systemd/system/NetworkManager.service")
    (wants / "sshd.service").symlink_to("/usr/lib/systemd/system/sshd.service")  # not read
    os.chown(root / "etc/sysconfig/network-scripts/ifcfg-bond0", 1234, 5678) if os.geteuid() == 0 else None
    return root


def _collect(shell: list[str], script_file: Path, root: Path, out: Path, tmpdir: Path) -> subprocess.CompletedProcess[bytes]:
    tmpdir.mkdir(exist_ok=True)
    env = {"PATH": os.environ["PATH"], "BONDLINT_ROOT": str(root), "TMPDIR": str(tmpdir)}
    return subprocess.run([*shell, str(script_file), str(out)], env=env, capture_output=True, timeout=120)


EXPECTED = {
    "etc/redhat-release", "etc/hostname", "etc/os-release", "usr/lib/os-release",
    "etc/sysconfig/network", "etc/sysconfig/network-scripts/ifcfg-bond0",
    "etc/sysconfig/network-scripts/route-bond0", "etc/modprobe.d/bonding.conf",
    "usr/lib/modprobe.d/dist.conf", "lib", "etc/xen/xend-config.sxp",
    "etc/NetworkManager/NetworkManager.conf", "etc/NetworkManager/system-connections/bond0.nmconnection",
    "etc/systemd/system/multi-user.target.wants/NetworkManager.service",
    "proc/net/bonding/bond0", "proc/net/dev", "sys/class/net/bonding_masters",
    "sys/class/net/bond0/bonding/mode", "sys/class/net/eth0/bonding_slave/state",
    MANIFEST_NAME,
}


def test_archive_holds_exactly_what_bondlint_reads(shell: list[str], script_file: Path, host: Path, tmp_path: Path) -> None:
    out = tmp_path / "web1.tar.gz"
    done = _collect(shell, script_file, host, out, tmp_path / "tmp")
    assert done.returncode == 0, done.stderr
    with tarfile.open(out, "r:gz") as tar:
        members = {m.name: m for m in tar.getmembers()}
        non_dirs = {name for name, m in members.items() if not m.isdir()}
        assert non_dirs == EXPECTED
        # folders on the way are members too, and nothing is absolute or climbs
        assert {"etc", "etc/sysconfig/network-scripts", "sys/class/net/eth0"} <= set(members)
        assert not any(n.startswith("/") or ".." in n.split("/") for n in members)
        keyfile = members["etc/NetworkManager/system-connections/bond0.nmconnection"]
        assert keyfile.mode & 0o777 == 0o600
        assert members["etc/sysconfig/network"].mode & 0o777 == 0o644
        if os.geteuid() == 0:
            ifcfg = members["etc/sysconfig/network-scripts/ifcfg-bond0"]
            assert (ifcfg.uid, ifcfg.gid) == (1234, 5678)
        assert members["lib"].issym() and members["lib"].linkname == "usr/lib"
        assert members["etc/os-release"].linkname == "../usr/lib/os-release"
        proc = tar.extractfile("proc/net/bonding/bond0")
        assert proc is not None and proc.read() == b"Bonding Mode: fault-tolerance (active-backup)\n"
        sysfs = tar.extractfile("sys/class/net/bond0/bonding/mode")
        assert sysfs is not None and sysfs.read() == b"active-backup 1\n"
        manifest = tar.extractfile(MANIFEST_NAME).read().decode()  # type: ignore[union-attr]
    assert "not-a-file: etc/sysconfig/network-scripts/ifcfg-eth9" in manifest.splitlines()
    assert "not-a-file: proc/net/bonding/bond9" in manifest.splitlines()
    lines = dict(line.split(": ", 1) for line in manifest.splitlines())
    assert lines["bondlint-manifest"] == "1"
    assert lines["hostname"] == "web1.example.com"
    assert lines["root"] == str(host)
    assert lines["uid"] == str(os.geteuid())
    assert lines["unreadable"] == "etc/sysconfig/network-scripts/ifcfg-a... (a name holding a newline)"
    assert out.stat().st_mode & 0o777 == 0o600
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary folder is gone


def test_proc_files_are_copied_by_content(shell: list[str], script_file: Path, tmp_path: Path) -> None:
    """On the real /proc (files that stat as empty) the runtime state is still in the archive."""
    if not Path("/proc/net/dev").exists():
        pytest.skip("no /proc/net/dev on this machine")
    (tmp_path / "tmp").mkdir()
    done = subprocess.run([*shell, str(script_file)], env={"PATH": os.environ["PATH"], "TMPDIR": str(tmp_path / "tmp")}, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with tarfile.open(fileobj=io.BytesIO(done.stdout), mode="r:gz") as tar:
        dev = tar.getmember("proc/net/dev")
        assert dev.size > 0 and b"Receive" in tar.extractfile(dev).read()  # type: ignore[union-attr]
        assert "hostname: " in tar.extractfile(MANIFEST_NAME).read().decode()  # type: ignore[union-attr]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the collector as another user")
def test_unreadable_paths_are_in_the_manifest(shell: list[str], script_file: Path, host: Path) -> None:
    """An unprivileged collector cannot read a 0600 keyfile nor list a 0700 folder: the manifest says so."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bondlint-test-") as base_name:
        base = Path(base_name)
        base.chmod(0o755)  # pytest's tmp_path is private to root: nobody could not reach it
        tree = base / "host"
        shutil.copytree(host, tree, symlinks=True, ignore=shutil.ignore_patterns("ifcfg-eth9", "bond9"))  # no FIFOs
        (tree / "etc/NetworkManager/conf.d").mkdir(mode=0o700)
        (tree / "etc/NetworkManager/conf.d/10-x.conf").write_text("[main]\n")
        (tree / "etc/xen").chmod(0o700)  # a folder on the way to xend-config.sxp
        shutil.copy(script_file, base / "collect.sh")
        (base / "tmp").mkdir(mode=0o777)
        (base / "tmp").chmod(0o777)
        out = base / "tmp" / "out.tar.gz"

        def drop() -> None:
            os.setgid(65534)
            os.setuid(65534)

        env = {"PATH": os.environ["PATH"], "BONDLINT_ROOT": str(tree), "TMPDIR": str(base / "tmp")}
        done = subprocess.run([*shell, str(base / "collect.sh"), str(out)], env=env, capture_output=True, timeout=120, preexec_fn=drop)
        assert done.returncode == 0, done.stderr
        with tarfile.open(out) as tar:
            names = set(tar.getnames())
            manifest = tar.extractfile(MANIFEST_NAME).read().decode().splitlines()  # type: ignore[union-attr]
    assert "etc/NetworkManager/system-connections/bond0.nmconnection" not in names
    assert "etc/sysconfig/network-scripts/ifcfg-bond0" in names
    assert "unreadable: etc/NetworkManager/system-connections/bond0.nmconnection" in manifest
    assert "unlisted: etc/NetworkManager/conf.d" in manifest
    assert "unlisted: etc/xen" in manifest and "etc/xen" not in names
    assert "uid: 65534" in manifest


def test_cleans_up_when_killed(shell: list[str], script_file: Path, host: Path, tmp_path: Path) -> None:
    """A TERM while tar waits on its output leaves no temporary folder and no output."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {"PATH": os.environ["PATH"], "BONDLINT_ROOT": str(host), "TMPDIR": str(tmpdir)}
    # an archive larger than a pipe's buffer, on a pipe nobody reads: the script blocks writing it
    _write(host, "etc/modprobe.d/big.conf", "# " + os.urandom(150_000).hex() + "\n")
    with subprocess.Popen([*shell, str(script_file)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        for _ in range(600):
            if any(tmpdir.iterdir()):
                break
            time.sleep(0.05)
        assert any(tmpdir.iterdir())
        proc.send_signal(signal.SIGTERM)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.wait(timeout=60)
    assert proc.returncode != 0
    assert list(tmpdir.iterdir()) == []


def test_script_read_from_stdin(shell: list[str], host: Path, tmp_path: Path) -> None:
    """`ssh host 'sh -s' < collect.sh > host.tar.gz`: the script on stdin, the archive on stdout."""
    env = {"PATH": os.environ["PATH"], "BONDLINT_ROOT": str(host), "TMPDIR": str(tmp_path)}
    done = subprocess.run([*shell, "-s"], input=script().encode(), env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with tarfile.open(fileobj=io.BytesIO(done.stdout), mode="r:gz") as tar:
        assert {m.name for m in tar.getmembers() if not m.isdir()} == EXPECTED


def test_refusals(shell: list[str], script_file: Path, tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "BONDLINT_ROOT": str(tmp_path / "absent"), "TMPDIR": str(tmp_path)}
    done = subprocess.run([*shell, str(script_file), str(tmp_path / "x.tar.gz")], env=env, capture_output=True, timeout=60)
    assert done.returncode == 2 and b"not a directory" in done.stderr
    assert not (tmp_path / "x.tar.gz").exists()


def test_shellcheck_clean() -> None:
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed (.ci/run installs it)")
    path = Path(__file__).parents[2] / "bondlint" / "collect" / "collect.sh"
    done = subprocess.run(["shellcheck", "-s", "sh", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout


def test_cli_print_script_and_run(host: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collect", "--print-script"]) == 0
    assert capsys.readouterr().out == script()
    out = tmp_path / "web1.tar.gz"
    assert main(["collect", "-o", str(out), "--root", str(host)]) == 0
    with tarfile.open(out) as tar:
        assert {m.name for m in tar.getmembers() if not m.isdir()} == EXPECTED
    assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert main(["collect", "-o", str(tmp_path / "y.tar.gz"), "--root", str(tmp_path / "absent")]) == 2
    assert not (tmp_path / "y.tar.gz").exists()
    assert main(["collect", "-o", str(tmp_path / "no-such-folder" / "z.tar.gz"), "--root", str(host)]) == 2
    assert "cannot write" in capsys.readouterr().err


FIXTURES = Path(__file__).parents[2] / "fixtures" / "hosts"


@pytest.mark.skipif(shutil.which("dash") is None, reason="dash is not installed (.ci/run installs it)")
def test_collected_fixtures_audit_as_the_whole_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The collector takes every file bondlint reads on a live host: on each fixture host (sosreports
    aside), its archive gives the findings of an archive of the whole tree (the same name in another folder)."""
    import json

    from tests.archive.test_archive_roots import pack

    script_path = tmp_path / "collect.sh"
    script_path.write_text(script())
    (tmp_path / "collected").mkdir()
    (tmp_path / "whole").mkdir()
    differ = []
    # A sosreport-shaped fixture (sos_commands/) is audited as it is: the collector runs on live
    # hosts, which have no sos_commands to take.
    hosts = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and not (p / "sos_commands").exists())
    for host in hosts:
        collected = tmp_path / "collected" / f"{host}.tar.gz"
        whole = tmp_path / "whole" / f"{host}.tar.gz"
        done = _collect(["dash"], script_path, FIXTURES / host, collected, tmp_path / "tmp")
        assert done.returncode == 0, (host, done.stderr)
        pack(FIXTURES / host, whole)
        reports = []
        for archive in (collected, whole):
            main(["--no-cache", "-j", "1", "--format", "json", str(archive)])
            found = json.loads(capsys.readouterr().out)["findings"]
            for f in found:
                del f["fingerprint"]  # the host is named after the archive's folder: compared in tests/archive
            reports.append(json.loads(json.dumps(found).replace(str(archive), "ARCHIVE")))
        if reports[0] != reports[1]:
            differ.append(host)
    assert differ == []
