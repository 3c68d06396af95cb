"""Hostile or broken files: the real CLI never crashes, hangs, or strays, and still audits the rest.

Every case builds a tmp root holding the hostile entry beside a known-bad
``ifcfg-bond0`` (unquoted ``BONDING_OPTS`` → BL002) and runs
``python -m bondlint --format json ROOT`` in a subprocess with a timeout.
``audit()`` asserts no traceback, exit 0/1, and that the sibling's BL002 is
still reported; each test then checks the one clear finding for its entry.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import bondlint
from tests.conftest import code_of, message_of, shallow_stack
from tests.robustness._support import (
    SCRIPTS,
    SIBLING_REL,
    audit,
    make_root,
    run_cli_measured,
)

XEND = "etc/xen/xend-config.sxp"


def _write(root: Path, rel: str, data: bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _only_bl000(run, path: Path, fragment: str) -> dict:
    """The entry gives exactly one finding, a BL000 whose message says why."""
    found = run.at(path)
    assert [f["code"] for f in found] == ["BL000"], found
    assert fragment in found[0]["message"], found[0]["message"]
    return found[0]


# name, path in the root, content, expected code, expected line, message fragment
CONTENT_CASES = [
    pytest.param(
        f"{SCRIPTS}/ifcfg-eth1",
        b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8,
        "BL000",
        1,
        "binary content",
        id="binary-file",
    ),
    pytest.param(
        f"{SCRIPTS}/ifcfg-eth1",
        b"DEVICE=eth1\nONBOOT=yes\nNAME=a\x00b\n",
        "BL000",
        1,
        "NUL byte at line 3",
        id="nul-bytes",
    ),
    pytest.param(
        f"{SCRIPTS}/ifcfg-eth1",
        b"DEVICE=eth1\nNAME=caf\xe9\nONBOOT=yes\n",
        "BL000",
        2,
        "not valid UTF-8",
        id="invalid-utf8",
    ),
    pytest.param(f"{SCRIPTS}/ifcfg-eth1", b"", "BL010", 1, "no DEVICE", id="empty-file"),
    pytest.param(
        f"{SCRIPTS}/ifcfg-eth1",
        b"DEVICE=eth1\r\nONBOOT=yes\r\n",
        "BL004",
        1,
        "CR LF",
        id="crlf",
    ),
    pytest.param(
        f"{SCRIPTS}/ifcfg-eth1",
        b'DEVICE=eth1\nNAME="never closed',
        "BL003",
        2,
        "unterminated",
        id="unterminated-quote-at-eof",
    ),
    pytest.param(XEND, b"(" * 200_000, "BL601", 1, "", id="200k-nested-parens"),
]


@pytest.mark.parametrize(("rel", "data", "code", "line", "fragment"), CONTENT_CASES)
def test_hostile_content(tmp_path: Path, rel: str, data: bytes, code: str, line: int, fragment: str) -> None:
    root = make_root(tmp_path)
    path = _write(root, rel, data)
    run = audit(root)
    found = run.at(path, code)
    assert found, run.stdout
    assert found[0]["line"] == line
    assert fragment in found[0]["message"]


def test_deep_nesting_parses_without_recursion() -> None:
    """The parser itself (not only the CLI) takes 20,000 unclosed "(" (BL601) on a stack
    a few hundred frames deep: nothing recurses per level."""
    with shallow_stack():
        doc = bondlint.parse_text("(" * 20_000, "xend")
        assert [code_of(p) for p in doc.problems][:1] == ["BL601"]
        assert doc.render() == "(" * 20_000


def test_sixty_megabyte_file_refused_fast_with_bounded_memory(tmp_path: Path) -> None:
    """A 60 MB ifcfg file is refused from its stat, unread, and the child's RSS stays flat.

    The bound is the same CLI's peak RSS on the same root without the big
    file, plus 16 MiB: reading even the 256 KiB cap's worth stays well inside
    it, reading the file would need 60 MB more.
    """
    root = make_root(tmp_path)
    baseline = audit(root)
    line = b"DEVICE=eth9 # padding padding padding padding padding padding\n"
    big = _write(root, f"{SCRIPTS}/ifcfg-eth9", line * (60_000_000 // len(line) + 1))
    assert big.stat().st_size >= 60_000_000
    run = audit(root)
    _only_bl000(run, big, "over the size cap")  # "not read": refused from its stat (no clock asserted)
    assert run.peak_rss_kib < baseline.peak_rss_kib + 16 * 1024, (run.peak_rss_kib, baseline.peak_rss_kib)


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    """A FIFO named ifcfg-eth8: opening it for reading would block forever without a writer."""
    root = make_root(tmp_path)
    fifo = root / SCRIPTS / "ifcfg-eth8"
    os.mkfifo(fifo)
    run = audit(root)
    _only_bl000(run, fifo, "FIFO")


def test_device_node_is_never_opened(tmp_path: Path) -> None:
    """A character device (/dev/zero's numbers: endless NULs if read) as ifcfg-eth7."""
    root = make_root(tmp_path)
    dev = root / SCRIPTS / "ifcfg-eth7"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("creating a device node needs CAP_MKNOD (CI runs as root)")
    run = audit(root)
    _only_bl000(run, dev, "device node")


def test_symlink_loop(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    a = root / SCRIPTS / "ifcfg-eth5"
    b = root / SCRIPTS / "ifcfg-eth6"
    a.symlink_to("ifcfg-eth6")
    b.symlink_to("ifcfg-eth5")
    run = audit(root)
    _only_bl000(run, a, "loop")
    _only_bl000(run, b, "loop")


def _outside_file(tmp_path: Path) -> Path:
    """A real file beside (not under) the root whose content BL001 would report, marked OUTSIDE."""
    outside = tmp_path / "outside" / "ifcfg-evil"
    outside.parent.mkdir()
    outside.write_text("DEVICE=eth4\nIPADDR=$(echo OUTSIDE_MARKER)\n")
    return outside


def test_absolute_symlink_out_of_root_is_not_followed(tmp_path: Path) -> None:
    """An absolute link is re-rooted (as in a chroot), so the outside file is never read."""
    root = make_root(tmp_path)
    outside = _outside_file(tmp_path)
    link = root / SCRIPTS / "ifcfg-eth4"
    link.symlink_to(outside)
    run = audit(root)
    _only_bl000(run, link, "does not exist")
    assert "OUTSIDE_MARKER" not in run.stdout
    assert not [f for f in run.findings if f["code"] == "BL001"]


def test_relative_symlink_out_of_root_is_not_followed(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    outside = _outside_file(tmp_path)
    link = root / SCRIPTS / "ifcfg-eth4"
    link.symlink_to(os.path.relpath(outside, link.parent))
    assert link.read_text().startswith("DEVICE=eth4")  # the OS would follow it out
    run = audit(root)
    _only_bl000(run, link, "leaves the audited root")
    assert "OUTSIDE_MARKER" not in run.stdout
    assert not [f for f in run.findings if f["code"] == "BL001"]


def test_absolute_symlink_resolves_inside_the_root(tmp_path: Path) -> None:
    """/etc/inroot-only/... exists only under the root: finding its BL001 proves the re-rooting."""
    root = make_root(tmp_path)
    target_rel = "etc/inroot-only-7f3a/ifcfg-real"
    assert not Path("/" + target_rel).exists()
    _write(root, target_rel, b"DEVICE=eth4\nIPADDR=$(echo INSIDE_MARKER)\n")
    link = root / SCRIPTS / "ifcfg-eth4"
    link.symlink_to("/" + target_rel)
    run = audit(root)
    found = run.at(link, "BL001")
    assert [f["line"] for f in found] == [2], run.stdout
    assert not run.at(link, "BL000")


def test_directory_symlink_out_of_root_is_not_listed(tmp_path: Path) -> None:
    """etc/modprobe.d pointing outside the root: the outside directory is never listed or read."""
    root = make_root(tmp_path)
    outside = tmp_path / "outside-modprobe.d"
    outside.mkdir()
    (outside / "bonding.conf").write_text("alias bond0 OUTSIDE_MARKER\ninstal bonding /bin/true\n")
    (root / "etc/modprobe.d").symlink_to(os.path.relpath(outside, root / "etc"))
    run = audit(root)
    assert "OUTSIDE_MARKER" not in run.stdout
    assert not [f for f in run.findings if "outside-modprobe.d" in (f["path"] or "")]


def test_directory_swapped_for_a_symlink_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race Root.resolve's lstat walk cannot see: network-scripts becomes a symlink out of
    the root after it was resolved and before the open. In-process, so the swap happens
    exactly in that window (Root.resolve is wrapped to do it). The resolver reads only where
    the path holds a symlink (etc/sysconfig here); elsewhere see the openat test below."""
    from bondlint.source import Refused, Root

    root = make_root(tmp_path)
    (root / "etc/sysconfig").rename(root / "etc/sysconfig.d")
    (root / "etc/sysconfig").symlink_to("sysconfig.d")
    outside = tmp_path / "outside-scripts"
    outside.mkdir()
    (outside / "ifcfg-bond0").write_text("DEVICE=bond0\nIPADDR=$(echo OUTSIDE_MARKER)\n")
    scripts = root / SCRIPTS
    real_resolve = Root.resolve

    def resolve_then_swap(self: Root, rel: str):
        resolved = real_resolve(self, rel)
        if rel == SIBLING_REL and scripts.is_dir() and not scripts.is_symlink():
            scripts.rename(root / "etc/sysconfig/old-scripts")
            scripts.symlink_to(outside)
        return resolved

    monkeypatch.setattr(Root, "resolve", resolve_then_swap)
    result = Root(root).read(SIBLING_REL)
    assert isinstance(result, Refused), result
    assert "changed while being read" in message_of(result.problem)


@pytest.mark.parametrize("opened_before_the_swap", [False, True])
def test_directory_swapped_for_a_symlink_between_reads(tmp_path: Path, opened_before_the_swap: bool) -> None:
    """Root.read opens each directory with O_NOFOLLOW relative to its parent's descriptor and
    keeps it: network-scripts swapped for a symlink out of the root after a first read, either
    after its descriptor was opened (reads go on in the real directory, inside the root) or
    before (the open refuses the symlink and the resolver refuses to leave the root)."""
    from bondlint.source import Root

    root = make_root(tmp_path)
    outside = tmp_path / "outside-scripts"
    outside.mkdir()
    (outside / "ifcfg-bond0").write_text("DEVICE=bond0\nIPADDR=$(echo OUTSIDE_MARKER)\n")
    scripts = root / SCRIPTS
    reader = Root(root)
    first = reader.read(SIBLING_REL if opened_before_the_swap else "etc/sysconfig/network")
    assert "OUTSIDE_MARKER" not in getattr(first, "text", "")
    scripts.rename(root / "etc/sysconfig/old-scripts")
    scripts.symlink_to(os.path.relpath(outside, scripts.parent))
    second = reader.read(SIBLING_REL)
    assert "OUTSIDE_MARKER" not in getattr(second, "text", "")
    if opened_before_the_swap:
        assert getattr(second, "text", second) == (root / "etc/sysconfig/old-scripts/ifcfg-bond0").read_text()
    else:
        assert "leaves the audited root" in message_of(second.problem)  # type: ignore[union-attr]
    assert reader.listdir(SCRIPTS) == (["ifcfg-bond0"] if opened_before_the_swap else [])


def test_directory_named_like_a_config_file(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    d = root / SCRIPTS / "ifcfg-eth3"
    d.mkdir()
    (d / "ifcfg-eth3").write_text("DEVICE=eth3\n")
    run = audit(root)
    _only_bl000(run, d, "directory")


def _python_reachable_as_nobody() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
         sys.executable, "-c", "import bondlint.rules"],
        check=False, cwd="/", capture_output=True, timeout=60,
    )
    return probe.returncode == 0


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the auditing user may not read gives BL000 "permission denied"; the rest is audited.

    We run as root, which reads anything. When this python and bondlint are
    reachable for ``nobody``, the real CLI runs as nobody (setpriv) on a 0o000
    file. Otherwise (the usual case here: python lives under /root, 0700) the
    denial is simulated in-process: ``os.open`` raises PermissionError for
    that one path and ``bondlint.lint()`` audits the root.
    """
    denied_name = "ifcfg-eth2"
    if _python_reachable_as_nobody():
        top = Path(tempfile.mkdtemp())  # pytest's tmp_path is 0700 root's: nobody cannot enter it
        try:
            root = make_root(top)
            scripts = root / SCRIPTS
            for d in (scripts, *scripts.parents):
                if d.is_relative_to(top):
                    d.chmod(0o755)
            (root / SIBLING_REL).chmod(0o644)
            denied = _write(root, f"{SCRIPTS}/{denied_name}", b"DEVICE=eth2\n")
            denied.chmod(0o000)
            proc = subprocess.run(
                ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                 sys.executable, "-m", "bondlint", "--format", "json", "--jobs", "1", str(root)],
                check=False, cwd="/", capture_output=True, text=True, timeout=60,
            )
            assert "Traceback" not in proc.stderr
            findings = json.loads(proc.stdout)["findings"]
        finally:
            shutil.rmtree(top)
        found = [f for f in findings if f["path"] == str(denied)]
        assert [(f["code"], f["message"]) for f in found] == [("BL000", "permission denied")]
        assert [f["line"] for f in findings if f["path"] == str(root / SIBLING_REL) and f["code"] == "BL002"] == [2]
        return

    root = make_root(tmp_path)
    denied = _write(root, f"{SCRIPTS}/{denied_name}", b"DEVICE=eth2\n")
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        name = os.fspath(path)
        if name == denied_name or name.endswith("/" + denied_name):  # by name beside a dir_fd, or by path
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    report = bondlint.lint(str(root), jobs=1)
    at_denied = [f for f in report.findings if f.path == str(denied)]
    assert [(f.code, f.message) for f in at_denied] == [("BL000", "permission denied")]
    sibling = [f for f in report.findings if f.path == str(root / SIBLING_REL) and f.code == "BL002"]
    assert [f.line for f in sibling] == [2]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_hostile_file_names_and_terminal_escapes(tmp_path: Path, fmt: str) -> None:
    """Names that are not UTF-8 or hold a newline or ESC, and content with terminal escapes:
    every format reports them, and no raw control character reaches the text output."""
    root = make_root(tmp_path)
    scripts = os.fsencode(root / SCRIPTS)
    Path(os.fsdecode(scripts + b"/ifcfg-eth\xff")).write_bytes(b"DEVICE=eth1\nNAME=a b\n")
    Path(os.fsdecode(scripts + b"/ifcfg-eth\nX")).write_bytes(b"DEVICE=eth2\x00\n")
    Path(os.fsdecode(scripts + b"/ifcfg-\x1b[2Jeth3")).write_bytes(b"DEVICE=eth3\nNAME=x\x1b]0;pwned\x07 \x1b[2J\n")
    run = run_cli_measured("--format", fmt, str(root))
    assert run.returncode == 1
    if fmt == "json":
        names = {Path(f["path"]).name for f in run.findings}
        assert {"ifcfg-bond0", "ifcfg-eth\udcff", "ifcfg-eth\nX", "ifcfg-\x1b[2Jeth3"} <= names
    if fmt == "text":
        assert "\x1b" not in run.stdout and "\x07" not in run.stdout
        assert "ifcfg-eth\u240aX" in run.stdout  # the newline shown as a picture, on one line


def test_root_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-host"
    run = run_cli_measured("--format", "json", str(missing))
    assert run.returncode == 1
    assert [(f["code"], f["path"]) for f in run.findings] == [("BL000", str(missing))]
    assert "does not exist" in run.findings[0]["message"]


def test_every_hostile_entry_in_one_root(tmp_path: Path) -> None:
    """All of the above at once: one BL000 per refused entry, the sibling still audited, no hang."""
    root = make_root(tmp_path)
    scripts = root / SCRIPTS
    os.mkfifo(scripts / "ifcfg-eth8")
    (scripts / "ifcfg-eth5").symlink_to("ifcfg-eth5")
    (scripts / "ifcfg-eth3").mkdir()
    _write(root, f"{SCRIPTS}/ifcfg-eth1", b"DEVICE=eth1\x00\n")
    _write(root, f"{SCRIPTS}/ifcfg-eth2", b"DEVICE=eth2\nNAME=\xff\xfe\n")
    _write(root, XEND, b"(" * 50_000)
    run = audit(root)
    refused = sorted(Path(f["path"]).name for f in run.findings if f["code"] == "BL000")
    assert refused == ["ifcfg-eth1", "ifcfg-eth2", "ifcfg-eth3", "ifcfg-eth5", "ifcfg-eth8"]
