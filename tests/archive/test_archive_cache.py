"""The content cache keys an archive root on the archive file's own stat tuple.

(The host identity of an archive is still read from it in the main process on a cache hit:
bondlint.identity._archive_identity; the per-process memo in bondlint.archive spares it only
when the same process has just audited the archive.)"""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest

from bondlint.cli import main

BOND = b'DEVICE=bond0\nBONDING_OPTS="mode=active-backup miimon=100"\nONBOOT=yes\nBOOTPROTO=none\n'


def _write(path: Path, ports: int) -> None:
    with tarfile.open(path, "w:gz") as tar:
        files = {"etc/redhat-release": b"Red Hat Enterprise Linux Server release 7.9 (Maipo)\n",
                 "etc/sysconfig/network-scripts/ifcfg-bond0": BOND}
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
