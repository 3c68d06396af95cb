"""Model facts: NetworkManager per release, the file names NM writes, kmod's modprobe.d directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.release import networkmanager_version
from bondlint.model.host import nm_file_names


@pytest.mark.parametrize(
    ("release", "version", "nm"),
    [("el6", "6.10", (0, 8)), ("el6", None, (0, 8)), ("el7", "7.1", (1, 0)), ("el7", "7.3", (1, 4)),
     ("el7", "7.4", (1, 8)), ("el7", "7.9", (1, 18)), ("el7", "7.9.2009", (1, 18)), ("el7", None, None),
     ("el8", "8.2", (1, 22)), ("el8", None, (1, 14)), ("el9", "9.4", (1, 46)), (None, None, None)],
)
def test_networkmanager_version_from_the_minor_release(release, version, nm) -> None:
    assert networkmanager_version(release, version) == nm


@pytest.mark.parametrize(
    ("conn_id", "suffix", "match"),
    [("System eth0", "System_eth0", True), ("System eth0", "System_eth0-2", True), ("a:b (c)", "a-b_-c-", True),
     ("System eth0", "eth0", False), ("System eth0", "System_eth0-0", False)],
)
def test_nm_file_names_escape_as_the_writer_does(conn_id: str, suffix: str, match: bool) -> None:
    assert bool(nm_file_names(conn_id).fullmatch(suffix)) == match


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


@pytest.mark.parametrize("release", ["7.9", "6.10"])
def test_kmod_directories_read_on_el7_with_same_name_shadowing(tmp_path: Path, release: str) -> None:
    root = _tree(tmp_path, {
        "etc/redhat-release": f"Red Hat Enterprise Linux Server release {release} (x)\n",
        "etc/modprobe.d/a.conf": "options bonding miimon=1\n",
        "usr/lib/modprobe.d/a.conf": "options bonding miimon=2\n",
        "lib/modprobe.d/b.conf": "options bonding miimon=3\n",
        "run/modprobe.d/c.txt": "options bonding miimon=4\n",
    })
    host = build_host(classify(str(root)))
    read = {f.rel: f.read for f in host.modules.files}
    if release.startswith("7"):
        assert read == {"etc/modprobe.d/a.conf": True, "usr/lib/modprobe.d/a.conf": False, "lib/modprobe.d/b.conf": True}
        assert [w.word for o in host.modules.options for w in o.words] == ["miimon=1", "miimon=3"]
    else:  # module-init-tools reads /etc only
        assert read == {"etc/modprobe.d/a.conf": True}
