"""Hostile and broken archives: each gives BL000 findings, never a write, an escape or a hang.

Archives are built member by member with tarfile (and GNU tar for a sparse member), then
audited through the real CLI in-process.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from bondlint.archive import MAX_RATIO, ArchiveRoot, is_archive, stem
from bondlint.cli import main
from bondlint.identity import host_identity

BOND0 = b'DEVICE=bond0\nBONDING_OPTS="mode=active-backup miimon=100"\nONBOOT=yes\nBOOTPROTO=none\n'
ETH0 = b"DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\nBOOTPROTO=none\n"
SCRIPTS = "etc/sysconfig/network-scripts"


def _file(tar: tarfile.TarFile, name: str, data: bytes, mode: int = 0o644, uid: int = 0) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.uid, info.mtime = len(data), mode, uid, 1_700_000_000
    tar.addfile(info, io.BytesIO(data))


def _special(tar: tarfile.TarFile, name: str, kind: bytes, link: str = "") -> None:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mtime = kind, link, 1_700_000_000
    tar.addfile(info)


def _host(tar: tarfile.TarFile, prefix: str = "") -> None:
    """A small healthy el7 host: a bond of one port."""
    _file(tar, f"{prefix}etc/redhat-release", b"Red Hat Enterprise Linux Server release 7.9 (Maipo)\n")
    _file(tar, f"{prefix}{SCRIPTS}/ifcfg-bond0", BOND0)
    _file(tar, f"{prefix}{SCRIPTS}/ifcfg-eth0", ETH0)


def _audit(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, list[dict]]:
    code = main(["--no-cache", "-j", "1", "--format", "json", *map(str, paths)])
    return code, json.loads(capsys.readouterr().out)["findings"]


def _bl000(findings: list[dict]) -> dict[str, str]:
    return {f["path"]: f["message"] for f in findings if f["code"] == "BL000"}


def _snapshot(folder: Path) -> list[tuple[str, int]]:
    """Every path under ``folder`` with its mtime: the audit must create or change none."""
    return sorted((str(p), p.lstat().st_mtime_ns) for p in folder.rglob("*"))


def test_absolute_and_climbing_member_names_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "web1.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        _host(tar)
        _file(tar, "/etc/sysconfig/network-scripts/ifcfg-eth1", ETH0.replace(b"eth0", b"eth1"))
        _file(tar, "etc/../../escape", b"x\n")
    before = _snapshot(tmp_path)
    code, findings = _audit(capsys, archive)
    assert _snapshot(tmp_path) == before
    refused = _bl000(findings)
    assert refused == {
        f"{archive}:/etc/sysconfig/network-scripts/ifcfg-eth1": "archive member an absolute name or a '..' component: not read",
        f"{archive}:etc/../../escape": "archive member an absolute name or a '..' component: not read",
    }
    assert code == 1
    # the healthy part is audited (bond0 has one slave: BL209), and eth1 is not invented
    assert any(f["code"] == "BL209" and "(eth0)" in f["message"] for f in findings)


def test_symlinks_resolve_inside_the_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "links.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        _host(tar)
        _special(tar, f"{SCRIPTS}/ifcfg-eth1", tarfile.SYMTYPE, "../../../../../../etc/passwd")
        _special(tar, f"{SCRIPTS}/ifcfg-eth2", tarfile.SYMTYPE, "/etc/shadow")  # absolute: inside the archive
        _file(tar, "etc/real-eth3", ETH0.replace(b"eth0", b"eth3"))
        _special(tar, f"{SCRIPTS}/ifcfg-eth3", tarfile.SYMTYPE, "/etc/real-eth3")
    _, findings = _audit(capsys, archive)
    refused = _bl000(findings)
    assert set(refused) == {f"{archive}:{SCRIPTS}/ifcfg-eth1", f"{archive}:{SCRIPTS}/ifcfg-eth2"}
    assert "leaves the audited root" in refused[f"{archive}:{SCRIPTS}/ifcfg-eth1"]
    assert "does not exist" in refused[f"{archive}:{SCRIPTS}/ifcfg-eth2"]
    # the absolute link inside the archive was followed: eth3 is bond0's second port, so no BL209
    assert not any(f["code"] == "BL209" for f in findings)


def test_hard_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "hard.tar"
    with tarfile.open(archive, "w") as tar:
        _host(tar)
        _special(tar, f"{SCRIPTS}/ifcfg-eth1", tarfile.LNKTYPE, "/etc/shadow")
        _special(tar, f"{SCRIPTS}/ifcfg-eth2", tarfile.LNKTYPE, "../outside")
        _special(tar, f"{SCRIPTS}/ifcfg-eth3", tarfile.LNKTYPE, "etc/not-in-the-archive")
        _file(tar, "etc/eth4", ETH0.replace(b"eth0", b"eth4"))
        _special(tar, f"{SCRIPTS}/ifcfg-eth4", tarfile.LNKTYPE, "etc/eth4")  # inside: read
    _, findings = _audit(capsys, archive)
    refused = _bl000(findings)
    assert set(refused) == {f"{archive}:{SCRIPTS}/ifcfg-eth{n}" for n in (1, 2, 3)}
    assert "outside the archive" in refused[f"{archive}:{SCRIPTS}/ifcfg-eth1"]
    assert "no earlier member" in refused[f"{archive}:{SCRIPTS}/ifcfg-eth3"]
    assert not any(f["code"] == "BL209" for f in findings)  # eth4 joined bond0 through the link


def test_devices_and_fifos_are_refused_like_files_on_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "dev.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        _host(tar)
        _special(tar, f"{SCRIPTS}/ifcfg-eth1", tarfile.FIFOTYPE)
        _special(tar, f"{SCRIPTS}/ifcfg-eth2", tarfile.CHRTYPE)
        _special(tar, f"{SCRIPTS}/ifcfg-eth3", tarfile.BLKTYPE)
    _, findings = _audit(capsys, archive)
    refused = _bl000(findings)
    assert "FIFO" in refused[f"{archive}:{SCRIPTS}/ifcfg-eth1"]
    assert "device node" in refused[f"{archive}:{SCRIPTS}/ifcfg-eth2"]
    assert "device node" in refused[f"{archive}:{SCRIPTS}/ifcfg-eth3"]


@pytest.mark.skipif(shutil.which("tar") is None, reason="needs GNU tar to write a sparse member")
def test_a_1gb_sparse_member_is_over_the_cap_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = tmp_path / "tree"
    (tree / "etc/modprobe.d").mkdir(parents=True)
    (tree / "etc/redhat-release").write_text("Red Hat Enterprise Linux Server release 7.9 (Maipo)\n")
    with open(tree / "etc/modprobe.d/huge.conf", "wb") as f:
        f.truncate(1 << 30)
    archive = tmp_path / "sparse.tar.gz"
    subprocess.run(["tar", "-S", "-czf", str(archive), "-C", str(tree), "etc"], check=True, timeout=300)
    assert archive.stat().st_size < 1 << 20  # the member really is stored sparse
    _, findings = _audit(capsys, archive)
    assert _bl000(findings) == {
        f"{archive}:etc/modprobe.d/huge.conf": f"file is {1 << 30} bytes, over the size cap of 262144 bytes: not read"
    }


def _bomb(path: Path) -> None:
    """A tar.gz whose one member expands to 1 GiB of zeros (gzip members concatenated: ~1 MiB on disk)."""
    header = tarfile.TarInfo("etc/modprobe.d/zeros.conf")
    header.size = 1 << 30
    chunk = gzip.compress(bytes(64 << 20), compresslevel=9)
    with open(path, "wb") as out:
        out.write(gzip.compress(_host_bytes() + header.tobuf(format=tarfile.GNU_FORMAT)))
        for _ in range(16):
            out.write(chunk)
        out.write(gzip.compress(bytes(1024)))


def _host_bytes() -> bytes:
    """The host's members as a tar stream without the end-of-archive marker (more follows)."""
    buf = io.BytesIO()
    tar = tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT)
    _host(tar)
    end = tar.offset
    tar.close()
    return buf.getvalue()[:end]


def test_a_gzip_bomb_is_one_bl000(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "bomb.tar.gz"
    _bomb(archive)
    before = _snapshot(tmp_path)
    code, findings = _audit(capsys, archive)
    assert _snapshot(tmp_path) == before  # nothing unpacked, nothing written
    assert code == 1
    assert len(findings) == 1 and findings[0]["code"] == "BL000"
    assert findings[0]["path"] == str(archive)
    assert f"expands more than {MAX_RATIO} times" in findings[0]["message"]


@pytest.mark.parametrize("suffix", [".tar.gz", ".tar.xz", ".tar"])
def test_truncated_archives_are_refused_whole(suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = io.BytesIO()
    mode = {".tar.gz": "w:gz", ".tar.xz": "w:xz", ".tar": "w"}[suffix]
    with tarfile.open(fileobj=whole, mode=mode) as tar:  # type: ignore[call-overload]
        _host(tar)
        _file(tar, "etc/modprobe.d/big.conf", b"# " + os.urandom(60_000).hex().encode() + b"\n")
    data = whole.getvalue()
    cuts = [len(data) // 2]
    if suffix == ".tar":
        cuts.append(3 * 512)  # exactly after the first member: a header boundary, no end marker
    for n, cut in enumerate(cuts):
        archive = tmp_path / f"cut{n}{suffix}"
        archive.write_bytes(data[:cut])
        _, findings = _audit(capsys, archive)
        assert [(f["code"], f["path"]) for f in findings] == [("BL000", str(archive))]
        assert "truncated" in findings[0]["message"] or "corrupt" in findings[0]["message"]


def test_not_an_archive_and_not_a_host(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(os.urandom(4096))
    empty_host = tmp_path / "nohost.tar.gz"
    with tarfile.open(empty_host, "w:gz") as tar:
        _file(tar, "README", b"hello\n")
    _, findings = _audit(capsys, junk, empty_host)
    assert [(f["code"], f["path"]) for f in findings] == [("BL000", str(junk)), ("BL000", str(empty_host))]
    assert "not a host tree" in findings[1]["message"]


def test_sosreport_archive_with_top_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """sos packs the host in one top folder: the root is that folder, named by sos's hostname,
    with the fingerprints of the same sosreport unpacked."""
    archive = tmp_path / "sosreport-web1-2026-01-01-abcdef.tar.xz"
    top = "sosreport-web1-2026-01-01-abcdef/"
    with tarfile.open(archive, "w:xz") as tar:
        _host(tar, top)
        _file(tar, f"{top}sos_commands/host/hostname", b"web1.example.com\n")
        _file(tar, f"{top}proc/net/bonding/bond0", b"Bonding Mode: load balancing (round-robin)\nMII Status: up\n")
    root = ArchiveRoot.open(str(archive))
    assert root.kind == "sosreport" and root.index.prefix == top.rstrip("/")
    _, on_archive = _audit(capsys, archive)
    assert on_archive and all(f["path"].startswith(f"{archive}:") for f in on_archive)
    assert any(f["path"] == f"{archive}:proc/net/bonding/bond0" for f in on_archive)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked)
    _, on_tree = _audit(capsys, unpacked / top)
    assert [f["fingerprint"] for f in on_archive] == [f["fingerprint"] for f in on_tree]


def test_manifest_unreadable_paths_are_bl000_and_hostname(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = (
        b"bondlint-manifest: 1\ncollector-version: 1\nhostname: web1.example.com\nkernel: 5.14\nuid: 1000\n"
        b"time: 2026-01-01T00:00:00Z\nroot: /\n"
        b"unreadable: etc/NetworkManager/system-connections/bond0.nmconnection\n"
        b"unlisted: etc/NetworkManager/conf.d\n"
        b"not-a-file: etc/sysconfig/network-scripts/ifcfg-eth9\n"
    )
    archive = tmp_path / "web1.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        _host(tar)
        _file(tar, "BONDLINT-MANIFEST", manifest)
    _, on_archive = _audit(capsys, archive)
    assert _bl000(on_archive) == {
        f"{archive}:etc/NetworkManager/system-connections/bond0.nmconnection":
            "the collector (uid 1000) could not read it: not audited",
        f"{archive}:etc/NetworkManager/conf.d":
            "the collector (uid 1000) could not list this folder: its files are not audited",
        f"{archive}:etc/sysconfig/network-scripts/ifcfg-eth9":
            "not a regular file on the host (a FIFO, a device or a socket): not collected",
    }
    tree = tmp_path / "web1"
    with tarfile.open(archive) as tar:
        tar.extractall(tree)
    _, on_tree = _audit(capsys, tree)
    assert len(_bl000(on_tree)) == 3
    assert [f["fingerprint"] for f in on_archive] == [f["fingerprint"] for f in on_tree]
    assert host_identity(str(archive), str(tmp_path)) == host_identity(str(tree), str(tmp_path)) == "host:web1.example.com"
    assert host_identity(str(tmp_path), str(tmp_path)) == "."


def test_archive_options_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "web1.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        _host(tar)
    for option in ("--fix", "--diff", "--live", "--whole-host"):
        assert main(["--no-cache", option, str(archive)]) == 2
        assert f"is an archive: {option} does not apply" in capsys.readouterr().err


def test_names() -> None:
    assert is_archive("web1.tar.gz") and is_archive("x.TXZ") and not is_archive("ifcfg-bond0")
    assert stem("/a/web1.tar.gz") == "/a/web1" and stem("s.tar.xz") == "s"


def test_the_pass_is_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Members, kept content and decompressed bytes each have a ceiling (lowered here to meet them)."""
    from bondlint import archive

    path = tmp_path / "web1.tar"
    with tarfile.open(path, "w") as tar:
        _host(tar)
        _file(tar, "etc/modprobe.d/a.conf", b"alias bond0 bonding\n" * 100)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    _, findings = _audit(capsys, path)
    assert [(f["code"], f["message"]) for f in findings] == [("BL000", "archive more than 3 members: not read further")]
    monkeypatch.undo()
    monkeypatch.setattr(archive, "MAX_KEPT", 1000)  # the modprobe file no longer fits: refused, not dropped
    _, findings = _audit(capsys, path)
    assert _bl000(findings) == {f"{path}:etc/modprobe.d/a.conf": "the archive's files to audit exceed 1,000 bytes: not read"}
    monkeypatch.undo()
    monkeypatch.setattr(archive, "MAX_EXPANDED", 4096)
    monkeypatch.setattr(archive, "_last", None)  # not the index this process kept from the run above
    _, findings = _audit(capsys, path)
    assert [f["code"] for f in findings] == ["BL000"] and "decompression bomb" in findings[0]["message"]
