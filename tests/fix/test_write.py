"""Writing fixes: refusals (symlink, hard link, BL000), metadata kept, --diff writes nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import bondlint
from bondlint.cache import STALE_TEMP_AGE
from bondlint.fixing.write import WriteRefused, is_temp_name, temp_name, write_fixed
from tests.fix._support import ignored_by_every_consumer, tree_bytes
from tests.fix.test_fixes import main

SCRIPTS = "etc/sysconfig/network-scripts"
CRLF = b"DEVICE=eth0\r\nONBOOT=yes\r\n"


def _host(tmp_path: Path, data: bytes = CRLF, name: str = "ifcfg-eth0") -> Path:
    root = tmp_path / "h"
    (root / SCRIPTS).mkdir(parents=True)
    (root / SCRIPTS / name).write_bytes(data)
    return root


def _fix(root: Path):
    return bondlint.fix(str(root), write=True, select=["BL004"])


def test_mode_owner_group_and_xattrs_survive(tmp_path: Path) -> None:
    root = _host(tmp_path)
    f = root / SCRIPTS / "ifcfg-eth0"
    os.chmod(f, 0o640)
    if os.geteuid() == 0:
        os.chown(f, 1234, 5678)
    try:
        os.setxattr(f, "user.bondlint-test", b"kept")
    except OSError as exc:
        pytest.skip(f"this filesystem has no user xattrs ({exc.strerror})")
    before = f.stat()
    report = _fix(root)
    assert [c.written for c in report.changes] == [True]
    after = f.stat()
    assert f.read_bytes() == b"DEVICE=eth0\nONBOOT=yes\n"
    assert after.st_ino != before.st_ino, "replaced by rename, not rewritten in place"
    assert (after.st_mode, after.st_uid, after.st_gid) == (before.st_mode, before.st_uid, before.st_gid)
    assert os.getxattr(f, "user.bondlint-test") == b"kept"
    assert not [n for n in os.listdir(root / SCRIPTS) if n != "ifcfg-eth0"], "no temporary file left"


def test_a_symlinked_file_is_not_written_through(tmp_path: Path) -> None:
    root = _host(tmp_path, name="ifcfg-eth0.real")
    os.symlink("ifcfg-eth0.real", root / SCRIPTS / "ifcfg-eth0")
    report = _fix(root)
    refused = {r.path.rsplit("/", 1)[-1]: r.reason for r in report.refused}
    assert "symlink" in refused["ifcfg-eth0"]
    assert (root / SCRIPTS / "ifcfg-eth0").is_symlink()


def test_a_symlinked_directory_is_not_written_through(tmp_path: Path) -> None:
    root = tmp_path / "h"
    (root / "etc/sysconfig").mkdir(parents=True)
    (root / "real-scripts").mkdir()
    (root / "real-scripts/ifcfg-eth0").write_bytes(CRLF)
    os.symlink("../../real-scripts", root / SCRIPTS)
    report = _fix(root)
    assert report.refused and "network-scripts/ is a symlink" in report.refused[0].reason
    assert (root / "real-scripts/ifcfg-eth0").read_bytes() == CRLF


def test_a_file_with_hard_links_is_not_split(tmp_path: Path) -> None:
    root = _host(tmp_path)
    devices = root / "etc/sysconfig/networking/devices"
    devices.mkdir(parents=True)
    os.link(root / SCRIPTS / "ifcfg-eth0", devices / "ifcfg-eth0")
    report = _fix(root)
    assert "2 hard links" in report.refused[0].reason
    assert [f.code for f in report.remaining] == ["BL004"], "what remains is what is on disk"
    assert (root / SCRIPTS / "ifcfg-eth0").read_bytes() == CRLF
    assert os.stat(devices / "ifcfg-eth0").st_nlink == 2



def test_the_fix_summary_on_stdout_says_what_was_refused_and_why(tmp_path: Path) -> None:
    root = _host(tmp_path)
    devices = root / "etc/sysconfig/networking/devices"
    devices.mkdir(parents=True)
    os.link(root / SCRIPTS / "ifcfg-eth0", devices / "ifcfg-eth0")
    _, out, _ = main("--fix", str(root))
    last = out.splitlines()[-1]
    assert last.startswith("bondlint --fix: 0 fixed, 1 remaining, 1 refused (") and "2 hard links" in last
    assert "fixable with --fix" not in out  # the refused fix is not offered again


def test_a_file_bondlint_could_not_read_safely_is_not_edited(tmp_path: Path) -> None:
    root = _host(tmp_path, b"DEVICE=eth0\r\nNAME=caf\xe9\r\n")  # Latin-1: BL000 and BL004
    report = _fix(root)
    assert report.changes == () and "BL000" in report.refused[0].reason
    _, _, err = main("--fix", str(root))
    assert "not fixed:" in err and "BL000" in err


def test_the_writer_refuses_a_file_changed_meanwhile(tmp_path: Path) -> None:
    root = _host(tmp_path)
    with pytest.raises(WriteRefused, match="changed on disk"):
        write_fixed(str(root), f"{SCRIPTS}/ifcfg-eth0", "ifcfg-eth0", b"something else", b"new")
    with pytest.raises(WriteRefused, match="outside the audited root"):
        write_fixed(str(root), "../x", "x", None, b"new")
    assert (root / SCRIPTS / "ifcfg-eth0").read_bytes() == CRLF


def test_temporary_names_are_skipped_by_every_consumer_and_tidied(tmp_path: Path) -> None:
    name = temp_name("ifcfg-eth0")
    assert is_temp_name(name) and ignored_by_every_consumer(name)
    root = _host(tmp_path)
    (root / SCRIPTS / name).write_text("DEVICE=eth9\nONBOOT=yes\n")  # as a killed --fix may leave it
    (root / "etc/modprobe.d").mkdir()
    (root / "etc/modprobe.d" / temp_name("bonding.conf")).write_text("options bonding mode=junk\n")
    killed = time.time() - STALE_TEMP_AGE - 60  # a killed run's: a live one is milliseconds old
    os.utime(root / SCRIPTS / name, (killed, killed))
    paths = {f.path for f in bondlint.lint(str(root)).findings}
    assert not any(is_temp_name(os.path.basename(p)) for p in paths if p), "bondlint read a temporary file"
    _fix(root)
    assert os.listdir(root / SCRIPTS) == ["ifcfg-eth0"], "the next --fix in that directory removes it"


def test_diff_writes_nothing(tmp_path: Path) -> None:
    root = _host(tmp_path)
    (root / "etc/modprobe.conf").write_text("alias eth0 e1000\nalias bond0 bonding\n")

    def stats() -> dict[str, tuple]:
        out = {}
        for dirpath, dirs, files in os.walk(root):
            for n in [*dirs, *files, "."]:
                st = os.lstat(os.path.join(dirpath, n))
                out[os.path.join(dirpath, n)] = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)
        return out

    before, data = stats(), tree_bytes(root)
    status, diff, _ = main("--diff", "--unsafe-fixes", str(root))
    assert status == 1 and "+ONBOOT=yes\n" in diff
    assert stats() == before and tree_bytes(root) == data


def test_a_refused_write_is_not_counted_as_fixed(tmp_path: Path) -> None:
    root = _host(tmp_path)
    devices = root / "etc/sysconfig/networking/devices"
    devices.mkdir(parents=True)
    os.link(root / SCRIPTS / "ifcfg-eth0", devices / "ifcfg-eth0")
    code, _, err = main("--fix", "--select", "BL004", str(root))
    assert "fixed 0 finding(s) in 0 file(s)" in err and "2 hard links" in err and code == 1


def test_parallel_fix_computes_in_workers_and_writes_as_the_serial_one(tmp_path: Path) -> None:
    """-j 2 gives the same files, report and notes as -j 1; a root given twice is written once."""
    from tests.conftest import HOSTS
    from tests.fix._support import copy_host

    names = ["BL002-bonding-opts-unquoted", "BL004-crlf-slave", "BL013-bonding-opt-and-nm-controler-el7",
             "BL303-no-link-monitoring", "example-broken-host"]
    outputs = {}
    for jobs in ("1", "2"):
        base = tmp_path / f"j{jobs}"
        roots = [str(copy_host(HOSTS / n, base / n)) for n in names]
        code, out, err = main("--fix", "--unsafe-fixes", "--show-fixes", "-j", jobs, *roots)
        outputs[jobs] = (code, out.replace(str(base), "B"), err.replace(str(base), "B"), tree_bytes(base))
    assert outputs["1"] == outputs["2"]
    assert "fixed 0 finding" not in outputs["2"][2]

    root = str(copy_host(HOSTS / "BL002-bonding-opts-unquoted", tmp_path / "twice"))
    _, _, err = main("--fix", "-j", "2", "--select", "BL002", root, root + "/")
    assert "fixed 1 finding(s) in 1 file(s)" in err and "changed on disk while fixing: not written" in err
    assert 'BONDING_OPTS="mode=4 miimon=100"' in (Path(root) / SCRIPTS / "ifcfg-bond0").read_text()
