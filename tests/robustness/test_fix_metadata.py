"""--fix keeps setuid/setgid, drops an inherited ACL the old file lacked, says when it could not see
trusted.* xattrs (issue 24 item 4)."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

import bondlint
from bondlint.fixing.write import has_cap_sys_admin
from tests.conftest import REPO, run_cli
from tests.robustness._support import UNPRIVILEGED, unprivileged_tree

SCRIPTS = "etc/sysconfig/network-scripts"
CRLF = b"DEVICE=eth0\r\nONBOOT=yes\r\n"  # BL004's fix: the line ends


def _host(tmp_path: Path) -> Path:
    root = tmp_path / "h"
    (root / SCRIPTS).mkdir(parents=True)
    (root / SCRIPTS / "ifcfg-eth0").write_bytes(CRLF)
    return root


def _fix(root: Path) -> None:
    report = bondlint.fix(str(root), write=True, select=["BL004"])
    assert [c.written for c in report.changes] == [True], report.refused


def test_setuid_and_setgid_survive_a_change_of_owner(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("keeping another user's ownership needs root")
    root = _host(tmp_path)
    f = root / SCRIPTS / "ifcfg-eth0"
    os.chown(f, 65534, 65534)
    os.chmod(f, 0o6640)  # after the chown: chown clears the bits
    _fix(root)
    after = f.stat()
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (0o6640, 65534, 65534)
    assert f.read_bytes() == b"DEVICE=eth0\nONBOOT=yes\n"


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """acl(5)'s xattr form: version 2, then (tag, permissions, id) for each entry."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


USER_OBJ, USER, GROUP_OBJ, MASK, OTHER = 0x01, 0x02, 0x04, 0x10, 0x20
UNDEFINED = 0xFFFFFFFF


def test_an_acl_inherited_from_the_directory_is_not_added(tmp_path: Path) -> None:
    root = _host(tmp_path)
    scripts = root / SCRIPTS
    f = scripts / "ifcfg-eth0"
    os.chmod(f, 0o640)
    default = _acl((USER_OBJ, 6, UNDEFINED), (USER, 6, 4242), (GROUP_OBJ, 4, UNDEFINED), (MASK, 6, UNDEFINED), (OTHER, 4, UNDEFINED))
    try:
        os.setxattr(scripts, "system.posix_acl_default", default)
    except OSError as exc:
        pytest.skip(f"this filesystem has no POSIX ACLs ({exc.strerror})")
    assert "system.posix_acl_access" not in os.listxattr(f)
    _fix(root)
    assert "system.posix_acl_access" not in os.listxattr(f), "user 4242 was granted access to the fixed file"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640


# -- trusted.* xattrs: invisible without CAP_SYS_ADMIN, so --fix says when it could not see them --

TRUSTED_NOTE = "without CAP_SYS_ADMIN"


@pytest.fixture
def foreign_host() -> Iterator[Path]:
    """A host whose ifcfg-eth0 belongs to nobody (another user than root) and carries a trusted.* xattr."""
    _needs_root_and_setpriv()
    top = unprivileged_tree()
    try:
        yield _foreign(top)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _foreign(top: Path) -> Path:
    root = _host(top)
    f = root / SCRIPTS / "ifcfg-eth0"
    os.chown(f, UNPRIVILEGED, UNPRIVILEGED)
    try:
        os.setxattr(f, "trusted.bondlint-test", b"kept?")
    except OSError as exc:
        pytest.skip(f"this filesystem takes no trusted.* xattrs ({exc.strerror})")
    return root


def _fix_as_root(root: Path, *caps: str) -> subprocess.CompletedProcess[str]:
    """``bondlint --fix`` as root, in its own process (capabilities are the process's), through setpriv ``caps``."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [*caps, sys.executable, "-m", "bondlint", "--no-cache", "--fix", "--select", "BL004", str(root)],
        env=env, capture_output=True, text=True, timeout=300,
    )


def _needs_root_and_setpriv() -> None:
    if os.geteuid() != 0:
        pytest.skip("rewriting another user's file keeping its owner needs root")
    if shutil.which("setpriv") is None:
        pytest.skip("no setpriv(1): cannot drop CAP_SYS_ADMIN for the run")


def test_fix_without_cap_sys_admin_on_another_users_file_says_trusted_xattrs_are_not_kept(foreign_host: Path) -> None:
    """Run as root without CAP_SYS_ADMIN (setpriv drops it from the bounding set, as a container's
    root often runs), in a subprocess: an unprivileged user (setpriv --reuid=nobody) cannot rewrite
    another user's file at all (--fix refuses: it cannot keep the owner), so the note's case is root
    without the capability. The note is true: the trusted.* xattr is gone from the rewritten file."""
    root = foreign_host
    f = root / SCRIPTS / "ifcfg-eth0"
    result = _fix_as_root(root, "setpriv", "--bounding-set=-sys_admin", "--inh-caps=-sys_admin")
    assert result.returncode == 0, result.stderr
    assert f.read_bytes() == b"DEVICE=eth0\nONBOOT=yes\n" and f.stat().st_uid == UNPRIVILEGED
    notes = [line for line in result.stderr.splitlines() if TRUSTED_NOTE in line]
    assert len(notes) == 1 and notes[0].endswith(f": {f}") and "trusted.*" in notes[0], result.stderr
    assert "trusted.bondlint-test" not in os.listxattr(f)


def test_fix_with_cap_sys_admin_keeps_trusted_xattrs_and_says_nothing(foreign_host: Path) -> None:
    if not has_cap_sys_admin():
        pytest.skip("this test process itself lacks CAP_SYS_ADMIN")
    root = foreign_host
    f = root / SCRIPTS / "ifcfg-eth0"
    result = _fix_as_root(root)
    assert result.returncode == 0, result.stderr
    assert TRUSTED_NOTE not in result.stderr
    assert os.getxattr(f, "trusted.bondlint-test") == b"kept?"


def test_own_files_need_no_note(tmp_path: Path, monkeypatch) -> None:
    """In-process, the capability probe patched to say "absent": a file of this user's own loses nothing."""
    import bondlint.fixing.write as fix_write  # fixing.cli imports it when it writes its notes

    monkeypatch.setattr(fix_write, "has_cap_sys_admin", lambda: False)
    root = _host(tmp_path)
    result = run_cli("--no-cache", "--fix", "--select", "BL004", str(root))
    assert result.returncode == 0 and "fixed 1 finding(s) in 1 file(s)" in result.stderr, result.stderr
    assert TRUSTED_NOTE not in result.stderr


def test_the_capability_probe_reads_bit_21_of_capeff(tmp_path: Path) -> None:
    status = tmp_path / "status"
    status.write_text("Name:\tx\nCapEff:\t000001fffeffffff\n")
    assert has_cap_sys_admin(str(status))
    status.write_text("Name:\tx\nCapEff:\t000001fffedfffff\n")
    assert not has_cap_sys_admin(str(status))
