"""Read-only: auditing a root changes no byte, no mtime, no mode, and creates nothing.

The root is the seed host copied to tmp_path plus hostile entries (a FIFO, a
device node when allowed, symlinks in and out, a directory named like a
config file, NUL bytes, invalid UTF-8, an oversize file, a payload). Access
times are left out on purpose: reading a file may update them (relatime).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import FIXTURES as REPO_FIXTURES
from tests.conftest import HOSTS
from tests.robustness._support import SCRIPTS, make_root, run_cli_measured

SEED = HOSTS / "seed-centos52-xen-8023ad"

State = dict[str, tuple]


def snapshot(top: Path) -> State:
    """Every entry under ``top`` (symlinks not followed): type, mode, size, mtime, ctime, bytes or target."""
    state: State = {}
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        for name in [".", *dirnames, *filenames]:
            path = Path(dirpath) / name if name != "." else Path(dirpath)
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode):
                content: object = path.read_bytes()
            elif stat.S_ISLNK(st.st_mode):
                content = os.readlink(path)
            else:
                content = None  # directories, FIFOs and devices are never opened here either
            key = str(path.relative_to(top))
            state[key] = (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_nlink, content)
    return state


def _hostile_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(SEED, root, symlinks=True)
    scripts = root / SCRIPTS
    os.mkfifo(scripts / "ifcfg-eth8")
    try:
        os.mknod(scripts / "ifcfg-eth7", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        pass  # not root: the rest of the root still proves the point
    (scripts / "ifcfg-eth5").symlink_to("ifcfg-eth5")
    (scripts / "ifcfg-eth6").symlink_to("/etc/sysconfig/network-scripts/ifcfg-eth0")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ifcfg-evil").write_text("DEVICE=eth4\n")
    (scripts / "ifcfg-eth4").symlink_to(os.path.relpath(outside / "ifcfg-evil", scripts))
    (scripts / "ifcfg-eth9").mkdir()
    (scripts / "ifcfg-eth10").write_bytes(b"DEVICE=eth10\x00\n")
    (scripts / "ifcfg-eth11").write_bytes(b"DEVICE=eth11\nNAME=\xff\n")
    (scripts / "ifcfg-eth12").write_text(f"DEVICE=eth12\nIPADDR=$(touch {tmp_path}/pwned)\n")
    with open(scripts / "ifcfg-eth13", "wb") as big:
        big.truncate(8 * 1024 * 1024)
    unreadable = scripts / "ifcfg-eth14"
    unreadable.write_text("DEVICE=eth14\n")
    unreadable.chmod(0o000)
    return root


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github"])
def test_audit_changes_nothing(tmp_path: Path, fmt: str) -> None:
    root = _hostile_root(tmp_path)
    before = snapshot(tmp_path)
    run = run_cli_measured("--format", fmt, str(root), cwd=root)
    if fmt == "json":
        refused = {Path(f["path"]).name for f in run.findings if f["code"] == "BL000"}
        assert {"ifcfg-eth4", "ifcfg-eth5", "ifcfg-eth8", "ifcfg-eth9", "ifcfg-eth10", "ifcfg-eth11", "ifcfg-eth13"} <= refused
        assert {f["code"] for f in run.findings if Path(f["path"]).name == "ifcfg-eth12"} >= {"BL001"}
    assert not (tmp_path / "pwned").exists()
    after = snapshot(tmp_path)
    assert sorted(after) == sorted(before), "entries appeared or vanished"
    changed = [k for k in before if before[k] != after[k]]
    assert changed == []


def test_the_cache_directory_is_the_only_thing_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the content cache on (a miss, then a hit), the CLI writes in its cache directory and
    nowhere else: the hostile root and everything beside it are unchanged; and in-process, every
    open for writing is inside the cache directory."""
    from bondlint import cli

    root = _hostile_root(tmp_path)
    cache = tmp_path / "cache"
    # named on the command line: the measuring fork server may predate this test's environment
    before = snapshot(tmp_path)
    runs = [run_cli_measured("--cache-dir", str(cache), "--format", "json", str(root), cwd=root) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    after = snapshot(tmp_path)
    written = sorted(k for k in after if k not in before or before[k] != after[k])
    assert [k for k in sorted(before) if k not in after] == []
    written.remove(".")  # tmp_path itself: it gained the entry "cache"
    assert written and all(k == "cache" or k.startswith("cache/") for k in written), written
    monkeypatch.chdir(root)  # config discovery climbs from here: the user's own files, read only
    opened = _record_opens(monkeypatch)
    (root / SCRIPTS / "ifcfg-eth1").write_text("DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\n")  # a miss: entries written
    assert cli.main(["--cache-dir", str(cache), "--format", "json", "--jobs", "1", str(root)]) in (0, 1)
    writes = [p for p, flags in opened if flags & WRITE_FLAGS]
    assert writes and all(p.startswith(str(cache) + "/") for p in writes), writes
    config_names = ("pyproject.toml", ".bondlint.toml")  # discovery above the root: read, never written
    # the cache directory is reached level by level from "/" through directory descriptors
    ancestors = {str(parent) for parent in cache.parents} | {str(cache)}
    outside = [
        p
        for p, flags in opened
        if not (p == str(root) or p.startswith((str(root) + "/", str(cache) + "/")) or Path(p).name in config_names)
        and not (p in ancestors and flags & os.O_DIRECTORY and not flags & WRITE_FLAGS)
        and p != "/proc/self/mountinfo"  # the file system type: metadata or content verification
    ]
    assert outside == []


def test_snapshot_notices_changes(tmp_path: Path) -> None:
    """The snapshot sees a rewrite with the same size, a touch, a chmod and a new file."""
    root = make_root(tmp_path)
    f = root / "etc/sysconfig/network-scripts/ifcfg-bond0"
    base = snapshot(tmp_path)
    f.write_text(f.read_text().replace("bond0", "bond1"))
    os.utime(f, ns=(base[str(f.relative_to(tmp_path))][2],) * 2)  # same mtime: bytes must catch it
    assert snapshot(tmp_path) != base
    for change in (lambda: os.utime(f), lambda: f.chmod(0o600), lambda: (root / "new").write_text("")):
        current = snapshot(tmp_path)
        change()
        assert snapshot(tmp_path) != current


WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _record_opens(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every os.open from here on, as (absolute path, flags); bondlint.source opens only with it."""
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def recording_open(path, flags, *args, **kwargs):
        name = os.fspath(path)
        dir_fd = kwargs.get("dir_fd")
        if dir_fd is not None and not os.path.isabs(name):  # openat: relative to that directory
            name = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), name)
        opened.append((os.path.abspath(name), flags))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    return opened


def test_lint_opens_only_inside_the_root_and_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process, every open of a whole lint() is O_RDONLY, inside the root, and never
    of the FIFO, the device node or the directory."""
    import bondlint

    root = _hostile_root(tmp_path)
    opened = _record_opens(monkeypatch)
    report = bondlint.lint(str(root), jobs=1)
    assert report.findings
    assert opened, "lint() read nothing: the recorder is not where files are opened"
    outside = [p for p, _ in opened if not (p == str(root) or p.startswith(str(root) + "/"))]
    assert outside == []
    assert [p for p, flags in opened if flags & WRITE_FLAGS] == []
    scripts = root / SCRIPTS
    never = {str(scripts / n) for n in ("ifcfg-eth7", "ifcfg-eth8", "ifcfg-eth9", "ifcfg-eth13")}
    assert never.isdisjoint(p for p, _ in opened)


def test_live_reader_opens_only_proc_and_sys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--live`` reads /proc/net/bonding and /sys/class/net only; here both are fake trees,
    with a link in each that would lead to the real /etc/passwd if it were followed."""
    from bondlint.host.runtime import live_runtime

    proc_root, sys_root = tmp_path / "p", tmp_path / "s"
    bonding = proc_root / "proc/net/bonding"
    bonding.mkdir(parents=True)
    sample = min((REPO_FIXTURES / "syntax/bonding").iterdir())
    (bonding / "bond0").write_bytes(sample.read_bytes())
    (bonding / "bond9").symlink_to("/etc/passwd")
    net = sys_root / "sys/class/net"
    (net / "bond1/bonding").mkdir(parents=True)
    (net / "bonding_masters").write_text("bond0 bond1 bond9\n")
    (net / "bond1/bonding/mode").write_text("active-backup 1\n")
    (net / "bond1/bonding/slaves").symlink_to("../../../../../../../../etc/passwd")
    before = snapshot(tmp_path)
    opened = _record_opens(monkeypatch)
    runtime = live_runtime(str(proc_root), str(sys_root))
    assert sorted(runtime) == ["bond0", "bond1"]
    assert opened
    roots = (str(proc_root) + "/", str(sys_root) + "/")
    assert [p for p, _ in opened if not (p + "/").startswith(roots)] == []  # the roots themselves, or below
    assert [p for p, flags in opened if flags & WRITE_FLAGS] == []
    assert snapshot(tmp_path) == before
