"""One uuid in two profiles (K06), backup-named keyfiles (K04) and the el5/el6 keyfile plugin,
through the real pipeline on our own fixture trees (copied where modes or mtimes matter)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bondlint.host import nm_discover
from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.host import HostModel, IfcfgFile, KeyfileProfile
from bondlint.source import Root
from tests.conftest import HOSTS, run_json

SC = nm_discover.PROFILE_DIRS[1][1]
NEW, OLD = 1_800_000_000_000_000_000, 1_700_000_000_000_000_000


def build(path: Path) -> HostModel:
    return build_host(classify(str(path)))


def findings(path: Path, code: str) -> list[dict]:
    return [f for f in run_json(str(path))["findings"] if f["code"] == code]


def deployed(tmp_path: Path, fixture: str) -> Path:
    """A copy laid out as on the host (root-owned 0600 keyfiles, no checkout), so mtimes count."""
    if os.geteuid() != 0:
        pytest.skip("NetworkManager loads only root-owned keyfiles: making them needs root")
    if nm_discover.version_control(Root(str(tmp_path))) is not None:
        pytest.skip("the temporary directory is inside a version-control checkout")
    copy = tmp_path / fixture
    shutil.copytree(HOSTS / fixture, copy)
    for f in (copy / SC).iterdir():
        f.chmod(0o600)
    return copy


def checkout(tmp_path: Path, fixture: str) -> Path:
    """A copy inside a (marker-only) checkout: modes and mtimes are not judged."""
    (tmp_path / ".git").mkdir()
    copy = tmp_path / fixture
    shutil.copytree(HOSTS / fixture, copy)
    return copy


def test_same_uuid_in_etc_names_the_newer_file(tmp_path: Path) -> None:
    host_dir = deployed(tmp_path, "BL011-keyfile-same-uuid-in-etc")
    eth2, uplink = host_dir / SC / "eth2.nmconnection", host_dir / SC / "uplink-eth2.nmconnection"
    os.utime(eth2, ns=(OLD, OLD))
    os.utime(uplink, ns=(NEW, NEW))
    (shadow,) = build(host_dir).nm.shadows
    assert (shadow.used.name, shadow.hidden.name, shadow.by) == ("uplink-eth2.nmconnection", "eth2.nmconnection", "mtime")
    (f,) = findings(host_dir, "BL011")
    assert f["path"].endswith("/eth2.nmconnection") and f["severity"] == "error"
    assert "it uses uplink-eth2.nmconnection, the newer file by the modification times here" in f["message"]
    # the same root again with the mtimes swapped: the content cache sees mtimes, so no stale replay
    os.utime(eth2, ns=(NEW, NEW))
    os.utime(uplink, ns=(OLD, OLD))
    (f,) = findings(host_dir, "BL011")
    assert f["path"].endswith("/uplink-eth2.nmconnection")
    assert "it uses eth2.nmconnection, the newer file" in f["message"]
    os.utime(eth2, ns=(NEW, NEW))
    os.utime(uplink, ns=(NEW, NEW))
    (f,) = findings(host_dir, "BL011")
    assert "it uses uplink-eth2.nmconnection: the modification times are equal, and the greater file name wins" in f["message"]


def test_in_a_checkout_the_winner_is_not_asserted_and_the_place_is_stable() -> None:
    (f,) = findings(HOSTS / "BL011-keyfile-same-uuid-in-etc", "BL011")
    assert "not known from these files" in f["message"]
    assert f["path"].endswith("/eth2.nmconnection")  # the lesser name, whatever the checkout's mtimes


def test_a_newer_backup_copy_is_the_profile_networkmanager_uses(tmp_path: Path) -> None:
    host_dir = deployed(tmp_path, "BL008-keyfile-bak-copy-same-uuid")
    os.utime(host_dir / SC / "eth0.nmconnection", ns=(OLD, OLD))
    os.utime(host_dir / SC / "eth0.nmconnection.bak", ns=(NEW, NEW))
    host = build(host_dir)
    assert host.interfaces["eth0"].file.name == "eth0.nmconnection.bak"
    (f,) = findings(host_dir, "BL008")
    assert f["severity"] == "error" and "it uses eth0.nmconnection.bak, the newer file" in f["message"]


@pytest.mark.parametrize("fixture", ["BL008-keyfile-bak-copy-same-uuid", "BL008-keyfile-orig-copy-same-device"])
def test_a_backup_copy_is_one_finding_bl008(fixture: str) -> None:
    """One root cause: not also BL011 (one uuid, or two autoconnecting profiles of bond0) nor BL102."""
    codes = {f["code"] for f in run_json(str(HOSTS / fixture))["findings"]}
    assert codes == {"BL008", "BL703"}


def test_a_clone_named_by_its_id_and_a_vlan_are_not_backups() -> None:
    host = build(HOSTS / "BL008-ok-keyfile-vlan-and-clone-names")
    names = {k.name: k.looks_like_backup for k in host.keyfiles}
    assert names["br0.2012.nmconnection"] is False and names["eth2-copy.nmconnection"] is False
    assert build(HOSTS / "BL008-keyfile-rpmsave-own-device").keyfiles[-1].looks_like_backup


def test_a_keyfile_listed_first_hides_the_ifcfg_file_of_its_uuid() -> None:
    host = build(HOSTS / "BL011-keyfile-and-ifcfg-same-uuid")
    (shadow,) = host.nm.shadows
    assert isinstance(shadow.used, KeyfileProfile) and isinstance(shadow.hidden, IfcfgFile) and shadow.by == "plugin"
    assert [type(p) for p in host.interfaces["eth2"].profiles] == []  # eth2.nmconnection: autoconnect=false
    assert isinstance(host.interfaces["eth2"].file, KeyfileProfile)


def test_ifcfg_rh_listed_first_hides_the_keyfile(tmp_path: Path) -> None:
    host_dir = checkout(tmp_path, "BL011-keyfile-and-ifcfg-same-uuid")
    (host_dir / "etc/redhat-release").write_text("Red Hat Enterprise Linux release 8.10 (Ootpa)\n")
    (host_dir / "etc/NetworkManager/NetworkManager.conf").write_text("[main]\nplugins=ifcfg-rh\n")
    host = build(host_dir)
    eth2 = next(k for k in host.keyfiles if k.name == "eth2.nmconnection")
    assert (eth2.loaded, eth2.rejection) == (False, "shadowed") and "ifcfg-eth2" in eth2.why_not
    assert isinstance(host.interfaces["eth2"].file, IfcfgFile)
    (f,) = findings(host_dir, "BL011")
    assert f["path"].endswith("/eth2.nmconnection") and "it uses ifcfg-eth2, because the ifcfg-rh plugin" in f["message"]


def test_usr_lib_profile_overridden_in_etc_is_silent_and_run_is_info() -> None:
    assert build(HOSTS / "BL011-ok-keyfile-etc-overrides-usr-lib").nm.shadows[0].by == "directory"
    (f,) = findings(HOSTS / "BL011-keyfile-run-profile-overrides-etc", "BL011")
    assert f["severity"] == "info" and f["path"].endswith("etc/NetworkManager/system-connections/eth2.nmconnection")


@pytest.mark.parametrize(("plugins", "loaded"), [("ifcfg-rh", False), ("ifcfg-rh,keyfile", True)])
def test_el6_reads_keyfiles_only_when_plugins_lists_keyfile(tmp_path: Path, plugins: str, loaded: bool) -> None:
    """NetworkManager 0.8 (RHEL 6) loads each listed plugin as a module, keyfile too (releases.py)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / SC).mkdir(parents=True)
    (tmp_path / "etc/redhat-release").write_text("Red Hat Enterprise Linux Server release 6.10 (Santiago)\n")
    (tmp_path / "etc/NetworkManager/NetworkManager.conf").write_text(f"[main]\nplugins={plugins}\n")
    (tmp_path / SC / "bond0").write_text("[connection]\nid=bond0\ntype=bond\ninterface-name=bond0\n\n[bond]\nmode=active-backup\n")
    host = build(tmp_path)
    assert host.nm.plugins == tuple(plugins.split(","))
    assert host.keyfiles[0].loaded is loaded and ("bond0" in host.bonds) is loaded
    if not loaded:
        assert host.keyfiles[0].rejection == "plugin" and "only when plugins= lists it" in host.keyfiles[0].why_not


def test_el9_ifcfg_findings_state_the_ifcfg_rh_assumption(tmp_path: Path) -> None:
    """On el9 only the optional ifcfg-rh package reads ifcfg files: a tree without NetworkManager's
    plugin directory cannot say whether it is installed, and findings in ifcfg files say so."""
    host_dir = checkout(tmp_path, "BL011-keyfile-and-ifcfg-for-eth2")
    (f,) = findings(host_dir, "BL011")
    assert f["path"].endswith("/ifcfg-eth2") and f["message"].endswith(
        "(ifcfg-rh plugin assumed installed: no NetworkManager plugin directory in the tree shows whether el9's "
        "optional NetworkManager-initscripts-ifcfg-rh is)")
    assert build(host_dir).nm.ifcfg_assumed is not None
    plugin_dir = host_dir / "usr/lib64/NetworkManager/1.46.0"
    plugin_dir.mkdir(parents=True)
    (plugin_dir / nm_discover.IFCFG_RH_MODULE).write_bytes(b"")
    (f,) = findings(host_dir, "BL011")
    assert "assumed installed" not in f["message"] and build(host_dir).nm.ifcfg_assumed is None


@pytest.mark.parametrize(
    ("name", "backup"),
    [
        ("ifcfg-eth0.old", True), ("eth0.nmconnection.bak", True), ("ifcfg-eth0.bak2", True),
        ("ifcfg-eth0.original", True), ("bond0-copy", True), ("ifcfg-eth0.bak_20240101", True),
        ("eth0.20240301", True), ("bond0~1", True),
        ("Test_MAC_Old_Format", False),  # NetworkManager's own test profile: a word after the backup word
        ("bond0-copy_of_lab", False), ("eth0.nmconnection", False), ("br0.2012", True),  # VLAN: the profile guard
    ],
)
def test_backup_names(name: str, backup: bool) -> None:
    from bondlint.host.discover import looks_like_backup

    assert looks_like_backup(name) is backup
