"""Release strings of the RHEL family, and who reads which files on each release."""

from __future__ import annotations

import pytest

from bondlint.host.releases import RELEASES, ReleaseInfo, consumers_for, parse_release


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


def test_consumer_table() -> None:
    assert [consumers_for(r).ifcfg_rh_plugin for r in RELEASES] == [
        "default", "default", "default", "default", "available", "absent",
    ]
    assert [consumers_for(r).initscripts for r in RELEASES] == ["yes", "yes", "yes", "optional", "no", "no"]
    assert consumers_for("el7").keyfile and consumers_for("el10").keyfile
    assert not consumers_for("el10").ifcfg_read and consumers_for("el9").ifcfg_read
    assert consumers_for("el8").default_plugins == ("ifcfg-rh",) and consumers_for("el9").default_plugins == ()
    assert consumers_for(None) is None and consumers_for("el11") is None


def test_fedora_packaging_overrides() -> None:
    assert consumers_for("el10", fedora=40).ifcfg_rh_plugin == "available"
    assert consumers_for("el10", fedora=41).ifcfg_rh_plugin == "absent"
    assert consumers_for("el8", fedora=30).default_plugins == ("ifcfg-rh",)
