"""Release strings of the RHEL family, and who reads which files on each release."""

from __future__ import annotations

import pytest

from bondlint.host.releases import ReleaseInfo, parse_release
from bondlint.model.release import NAMES as RELEASES
from bondlint.model.release import TABLE, UNKNOWN, release


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n", ReleaseInfo("el9", "rhel", "9.4")),
        ("etc/redhat-release", "Red Hat Enterprise Linux release 10.0 (Coughlan)\n", ReleaseInfo("el10", "rhel", "10.0")),
        ("etc/redhat-release", "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n", ReleaseInfo("el7", "rhel", "7.9")),
        ("etc/redhat-release", "CentOS release 5.2 (Final)\n", ReleaseInfo("el5", "centos", "5.2")),
        ("etc/centos-release", "CentOS Linux release 8.5.2111\n", ReleaseInfo("el8", "centos", "8.5.2111")),
        ("etc/redhat-release", "CentOS Stream release 9\n", ReleaseInfo("el9", "centos-stream", "9")),
        ("etc/redhat-release", "Rocky Linux release 9.3 (Blue Onyx)\n", ReleaseInfo("el9", "rocky", "9.3")),
        ("etc/redhat-release", "AlmaLinux release 10.0 (Purple Lion)\n", ReleaseInfo("el10", "almalinux", "10.0")),
        ("etc/system-release", "Oracle Linux Server release 8.9\n", ReleaseInfo("el8", "ol", "8.9")),
        ("etc/redhat-release", "Fedora release 40 (Forty)\n", ReleaseInfo("el10", "fedora", "40", True)),
        ("etc/redhat-release", "Fedora release 36 (Thirty Six)\n", ReleaseInfo("el9", "fedora", "36", True)),
        ("etc/os-release", 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\n',
         ReleaseInfo("el9", "rocky", "9.3")),
        ("etc/os-release", 'NAME="CentOS Stream"\nID="centos"\nVERSION_ID="10"\n', ReleaseInfo("el10", "centos-stream", "10")),
        ("etc/os-release", 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=41\n', ReleaseInfo("el10", "fedora", "41", True)),
        ("etc/os-release", 'ID="eurolinux"\nID_LIKE="rhel fedora centos"\nVERSION_ID="9.2"\n', ReleaseInfo("el9", "rhel", "9.2")),
    ],
)
def test_release_strings(rel: str, text: str, expected: ReleaseInfo) -> None:
    assert parse_release(rel, text) == expected


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("etc/redhat-release", "Red Hat Enterprise Linux release 4 (Nahant)\n"),
        ("etc/redhat-release", "Red Hat Enterprise Linux release 11.0\n"),
        ("etc/os-release", 'ID=debian\nVERSION_ID="12"\n'),
        ("etc/os-release", 'ID=rhel\nVERSION_ID=""\n'),
        ("etc/redhat-release", "garbage\n"),
    ],
)
def test_unknown_releases(rel: str, text: str) -> None:
    assert parse_release(rel, text) is None


def test_consumer_columns() -> None:
    assert [release(r).ifcfg_rh_plugin for r in RELEASES] == [
        "default", "default", "default", "default", "available", "absent",
    ]
    assert [release(r).network_scripts for r in RELEASES] == ["default", "default", "default", "optional", "absent", "absent"]
    assert release("el7").keyfile_always_loaded and release("el10").keyfile_always_loaded
    assert not release("el10").ifcfg_read and release("el9").ifcfg_read
    assert release("el8").default_plugins == ("ifcfg-rh",) and release("el9").default_plugins == ()
    assert release(None) is UNKNOWN and not UNKNOWN.known


def test_one_row_per_release_and_every_row_complete() -> None:
    """The table is the one place releases are named: every row names a distinct release."""
    assert RELEASES == ("el5", "el6", "el7", "el8", "el9", "el10")
    assert [r.name for r in TABLE] == list(RELEASES)
    with pytest.raises(KeyError):
        release("el11")


def test_fedora_packaging_overrides() -> None:
    assert release("el10", fedora=40).ifcfg_rh_plugin == "available"
    assert release("el10", fedora=41).ifcfg_rh_plugin == "absent"
    assert release("el8", fedora=30).default_plugins == ("ifcfg-rh",)
