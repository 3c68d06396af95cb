"""--fix keeps setuid/setgid, drops an inherited ACL the old file lacked (issue 24 item 4)."""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

import pytest

import bondlint

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
