"""The content cache keys an archive root on the archive file's own stat tuple; the hostname
the archive records travels with the cached result, so a hit (or a run with workers) does not
open the archive in the main process to name its host."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest

from bondlint.cli import main

BOND = b'DEVICE=bond0\nBONDING_OPTS="mode=active-backup miimon=100"\nONBOOT=yes\nBOOTPROTO=none\n'


def _write(path: Path, ports: int, hostname: str | None = None) -> None:
    with tarfile.open(path, "w:gz") as tar:
        files = {"etc/redhat-release": b"Red Hat Enterprise Linux Server release 7.9 (Maipo)\n",
                 "etc/sysconfig/network-scripts/ifcfg-bond0": BOND}
        if hostname:
            files["BONDLINT-MANIFEST"] = f"hostname: {hostname}\n".encode()
        for n in range(ports):
            files[f"etc/sysconfig/network-scripts/ifcfg-eth{n}"] = f"DEVICE=eth{n}\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n".encode()
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _codes(capsys: pytest.CaptureFixture[str], path: Path, cache: Path) -> list[str]:
    main(["--cache-dir", str(cache), "-j", "1", "--format", "json", str(path)])
    return [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]


def test_a_cached_archive_is_not_read_again_until_it_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fleet").mkdir()
    web1 = tmp_path / "fleet" / "web1.tar.gz"
    _write(web1, ports=1)
    cache = tmp_path / "cache"
    first = _codes(capsys, web1, cache)
    assert "BL209" in first  # one port
    from bondlint import runner

    def no_audit(*args: object) -> None:
        raise AssertionError("the cached archive was audited again")

    monkeypatch.setattr(runner, "audit", no_audit)
    assert _codes(capsys, web1, cache) == first  # answered by the cache entry keyed on the archive's stat
    monkeypatch.undo()
    _write(web1, ports=2)  # re-collected: another stat tuple
    os.utime(web1, ns=(1, 1))
    assert "BL209" not in _codes(capsys, web1, cache)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_recorded_hostname_travels_with_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """Named from its manifest cold and warm; warm (and with workers, cold too) the main process
    never opens an archive: the audit read the hostname and its result carries it."""
    from bondlint.archive import ArchiveRoot

    (tmp_path / "fleet").mkdir()
    archives = [tmp_path / "fleet" / f"web{i}.tar.gz" for i in (1, 2)]
    for i, archive in enumerate(archives, 1):
        _write(archive, ports=1, hostname=f"web{i}.example.com")
    main_pid = os.getpid()
    real_open = ArchiveRoot.open.__func__

    def counted(cls: type, *args: object, **kwargs: object) -> ArchiveRoot:
        if os.getpid() == main_pid:
            opened.append(args[0])
        return real_open(cls, *args, **kwargs)

    opened: list[object] = []
    monkeypatch.setattr(ArchiveRoot, "open", classmethod(counted))
    args = ["--cache-dir", str(tmp_path / "cache"), "-j", jobs, "--format", "json", *map(str, archives)]
    reports = []
    for _ in range(2):
        main(args)
        reports.append(json.loads(capsys.readouterr().out))
    for report in reports:
        assert [h["host"] for h in report["hosts"]] == ["host:web1.example.com", "host:web2.example.com"]
    assert reports[0]["findings"] == reports[1]["findings"]
    assert len(opened) == (2 if jobs == "1" else 0)  # the cold audits' own opening, in-process
