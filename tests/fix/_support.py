"""Helpers of the fix tests: copies of host trees, their bytes, and what a consumer would read."""

from __future__ import annotations

import fnmatch
import os
import shutil
from pathlib import Path

from bondlint.fixing.write import is_temp_name


def copy_host(src: Path, dst: Path) -> Path:
    """A copy laid out as deployed: keyfiles 0600 (NetworkManager loads no other; a checkout
    keeps 0644, which only the checkout's one BL703 info forgives)."""
    shutil.copytree(src, dst, symlinks=True)
    for d in ("etc", "run", "usr/lib"):
        for f in (dst / d / "NetworkManager/system-connections").glob("*"):
            if f.is_file() and not f.is_symlink():
                f.chmod(0o600)
    return dst


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every regular file under root (symlinks not followed), by path relative to root."""
    out: dict[str, bytes] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            if p.is_file() and not p.is_symlink():
                out[str(p.relative_to(root))] = p.read_bytes()
    return out


#: (directory, glob) pairs consumers read: initscripts' ifcfg-*, kmod/module-init-tools'
#: modprobe.d (dot-files skipped by both), NetworkManager's system-connections.
CONSUMED = (
    ("etc/sysconfig/network-scripts", "ifcfg-*"),
    ("etc/sysconfig/network-scripts", "route-*"),
    ("etc/modprobe.d", "[!.]*"),
    ("etc/NetworkManager/system-connections", "[!.]*"),
    ("etc/xen", "*"),
    ("etc/sysconfig", "*"),
    ("etc", "modprobe.conf"),
)


def consumed_names(root: Path) -> set[str]:
    """The files a consumer of these directories would read (glob rules, dot-files excluded)."""
    found = set()
    for folder, pattern in CONSUMED:
        d = root / folder
        if d.is_dir():
            for name in os.listdir(d):
                if fnmatch.fnmatch(name, pattern) and not name.startswith("."):
                    found.add(f"{folder}/{name}")
    return found


def temp_files(root: Path) -> list[str]:
    return [
        str(Path(dirpath, n).relative_to(root))
        for dirpath, _d, files in os.walk(root)
        for n in files
        if is_temp_name(n)
    ]


def ignored_by_every_consumer(name: str) -> bool:
    """initscripts and NM ifcfg-rh skip '~'; kmod, module-init-tools and NM keyfile skip dot-files."""
    return name.startswith(".") and name.endswith("~") and not fnmatch.fnmatch(name, "ifcfg-*")
