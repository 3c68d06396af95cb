"""Discovery: what a command-line path is, and which files of a host are in scope."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bondlint.host.discover import HostRoot, Missing, SingleFiles, classify, files, ignored_reason
from bondlint.source import Root
from tests.conftest import HOSTS, code_of, message_of

SEED = HOSTS / "seed-centos52-xen-8023ad"


def test_etc_itself_means_its_parent_is_the_root() -> None:
    target = classify(str(SEED / "etc"))
    assert isinstance(target, HostRoot)
    assert target.kind == "etc"
    assert target.display == str(SEED)
    assert target.root.path == SEED


def test_etc_with_trailing_slash() -> None:
    target = classify(str(SEED / "etc") + "/")
    assert isinstance(target, HostRoot)
    assert target.display == str(SEED)


def test_relative_etc_shows_relative_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SEED)
    target = classify("etc")
    assert isinstance(target, HostRoot)
    assert target.root.display_path("etc/modprobe.conf") == "./etc/modprobe.conf"


def test_directory_holding_etc_is_a_root() -> None:
    target = classify(str(SEED))
    assert isinstance(target, HostRoot)
    assert target.kind == "root"
    assert target.display == str(SEED)


def test_sosreport_shape(tmp_path: Path) -> None:
    for d in ("etc/sysconfig/network-scripts", "proc/net/bonding", "sos_commands/networking"):
        (tmp_path / d).mkdir(parents=True)
    (tmp_path / "proc/net/bonding/bond0").write_text("Bonding Mode: fault-tolerance (active-backup)\n")
    (tmp_path / "etc/sysconfig/network-scripts/ifcfg-bond0").write_text("DEVICE=bond0\n")
    target = classify(str(tmp_path))
    assert isinstance(target, HostRoot)
    assert target.kind == "sosreport"
    found = files(target.root)
    assert found.proc_bonding == ("proc/net/bonding/bond0",)
    assert found.ifcfg == ("etc/sysconfig/network-scripts/ifcfg-bond0",)


def test_file_is_a_single_file_target() -> None:
    path = str(SEED / "etc/sysconfig/network-scripts/ifcfg-eth0")
    assert classify(path) == SingleFiles((path,))


def test_missing_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    target = classify(str(tmp_path / "nope"))
    assert isinstance(target, Missing)
    assert code_of(target.problem) == "BL000"
    assert "does not exist" in message_of(target.problem)


def test_dangling_symlink_is_missing(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    target = classify(str(tmp_path / "link"))
    assert isinstance(target, Missing)
    assert "dangling" in message_of(target.problem)


def test_directory_without_etc_is_refused(tmp_path: Path) -> None:
    target = classify(str(tmp_path))
    assert isinstance(target, Missing)
    assert "without etc/" in message_of(target.problem)


def test_files_of_the_seed() -> None:
    found = files(Root(SEED))
    scripts = "etc/sysconfig/network-scripts/"
    assert found.ifcfg == tuple(scripts + f"ifcfg-{n}" for n in ("bond0", "eth0", "eth1", "eth2", "eth3", "lo"))
    assert found.network == "etc/sysconfig/network"
    assert found.modprobe_conf == "etc/modprobe.conf"
    assert found.modprobe_d == ()
    assert found.xend_config == "etc/xen/xend-config.sxp"
    assert found.network_bridge is None
    assert found.release_files == ("etc/redhat-release",)


def test_escaping_symlink_is_still_listed(tmp_path: Path) -> None:
    """A refused file must be found so that BL000 can report it."""
    (tmp_path / "etc/sysconfig").mkdir(parents=True)
    os.symlink("../../../outside", tmp_path / "etc/sysconfig/network")
    found = files(Root(tmp_path))
    assert found.network == "etc/sysconfig/network"


@pytest.mark.parametrize(
    ("name", "release", "reason"),
    [
        ("ifcfg-eth0", "el5", None),
        ("ifcfg-eth0.bak", "el5", "ignored suffix .bak"),
        ("ifcfg-eth0~", "el5", "ignored suffix ~"),
        ("ifcfg-eth0.rpmsave", "el7", "ignored suffix .rpmsave"),
        ("ifcfg-eth0.old", "el5", None),
        ("ifcfg-eth0.old", "el6", None),
        ("ifcfg-eth0.old", "el7", "ignored suffix .old"),
        ("ifcfg-eth0.save", "el7", None),
        ("ifcfg-eth0-backup", "el5", None),
    ],
)
def test_ignored_suffixes(name: str, release: str, reason: str | None) -> None:
    assert ignored_reason(name, release) == reason
