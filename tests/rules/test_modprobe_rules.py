"""BL4xx triggers on real host trees: which modprobe lines count, per release."""

from __future__ import annotations

from pathlib import Path

import pytest

from bondlint import Severity
from tests.rules._hosts import findings, write_host

BOND0 = "DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nIPADDR=10.10.10.119\nNETMASK=255.255.255.0\n"
BOND0_OPTS = BOND0 + 'BONDING_OPTS="mode=4 miimon=100"\n'
SLAVES = {
    "ifcfg-eth0": "DEVICE=eth0\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n",
    "ifcfg-eth1": "DEVICE=eth1\nMASTER=bond0\nSLAVE=yes\nONBOOT=yes\n",
}
NICS = "alias eth0 e1000\nalias eth1 e1000\n"


def host(tmp_path: Path, conf: str | None, *, bond: str = BOND0_OPTS, release: str = "el5", extra: dict | None = None) -> Path:
    files = {"ifcfg-bond0": bond, **SLAVES, **(extra or {})}
    if conf is not None:
        files["etc/modprobe.conf"] = conf
    return write_host(tmp_path, files, release)


@pytest.mark.parametrize(
    ("bond", "severity"),
    [(BOND0, Severity.ERROR), (BOND0_OPTS, Severity.WARNING)],
    ids=["without-bonding-opts", "with-bonding-opts"],
)
def test_bl401_severity_follows_bonding_opts(tmp_path: Path, bond: str, severity: Severity) -> None:
    (f,) = findings(host(tmp_path, NICS + "options bond0 mode=4 miimon=100\n", bond=bond), "BL401")
    assert f.severity == severity
    assert f.path.endswith("ifcfg-bond0") and (f.line, f.column, f.end_column) == (1, 8, 13)


def test_bl401_alias_in_modprobe_d_counts_on_el5(tmp_path: Path) -> None:
    root = host(tmp_path, NICS, extra={"etc/modprobe.d/bonding": "alias bond0 bonding\n"})
    assert findings(root, "BL401") == []
    assert len(findings(root, "BL407")) == 1


def test_bl401_off_alias_is_bl404s(tmp_path: Path) -> None:
    root = host(tmp_path, "alias bond0 off\n" + NICS)
    assert findings(root, "BL401") == []
    (f,) = findings(root, "BL404")
    assert (f.line, f.column) == (1, 1) and "alias bond0 off" in f.message


def test_bl402_only_for_slaves_of_that_bond(tmp_path: Path) -> None:
    conf = "alias eth2 e1000\nalias bond0 bonding\n" + NICS
    assert findings(host(tmp_path, conf, extra={"ifcfg-eth2": "DEVICE=eth2\nBOOTPROTO=dhcp\n"}), "BL402") == []


def test_bl402_names_every_earlier_slave(tmp_path: Path) -> None:
    (f,) = findings(host(tmp_path, NICS + "alias bond0 bonding\n"), "BL402")
    assert f.line == 3 and "slaves eth0, eth1 (line 1)" in f.message
    assert f.related[0].span.line == 1


@pytest.mark.parametrize(
    ("lines", "count"),
    [
        ("alias eth0 e1000\nalias eth0 e1000e\n", 1),
        ("alias eth0 ata-piix\nalias eth0 ata_piix\n", 0),  # '-' and '_' are one character to modprobe
        ("alias nic0 e1000\nalias eth0 nic0\n", 1),  # an alias to an alias
        ("alias eth0 e1000\nalias eth1 e1000\n", 0),
    ],
    ids=["two-drivers", "dash-underscore", "alias-to-alias", "distinct-names"],
)
def test_bl403_conflicts(tmp_path: Path, lines: str, count: int) -> None:
    assert len(findings(host(tmp_path, "alias bond0 bonding\n" + lines), "BL403")) == count


def test_bl403_across_modprobe_d_files(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        None,
        release="el7",
        extra={
            "etc/modprobe.d/a.conf": "alias eth0 e1000\n",
            "etc/modprobe.d/b.conf": "alias eth0 igb\n",
        },
    )
    (f,) = findings(root, "BL403")
    assert f.path.endswith("b.conf") and "etc/modprobe.d/a.conf" in f.message


@pytest.mark.parametrize(
    ("line", "fires"),
    [
        ("install bonding /bin/true\n", True),
        ("install bonding :\n", True),
        ("install bond0 /bin/true\n", True),
        ("blacklist bonding\n", True),
        ("install pcspkr /bin/true\n", False),
        ("blacklist e1000e\n", False),
    ],
)
def test_bl404_disabling_lines(tmp_path: Path, line: str, fires: bool) -> None:
    assert bool(findings(host(tmp_path, "alias bond0 bonding\n" + NICS + line), "BL404")) == fires


def test_bl404_silent_without_configured_bonds(tmp_path: Path) -> None:
    root = write_host(tmp_path, {"ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=dhcp\n", "etc/modprobe.conf": "install bonding /bin/true\n"})
    assert findings(root, "BL404") == []


def test_bl405_spans_the_comment_to_the_end(tmp_path: Path) -> None:
    conf = "alias bond0 bonding  # LACP\noptions bonding mode=4 miimon=100 # LACP to core\n"
    (f,) = findings(host(tmp_path, conf), "BL405")  # the alias line's comment is not passed anywhere
    assert (f.line, f.column, f.end_column) == (2, 35, 49)
    assert "`# LACP to core` is passed to bonding" in f.message


@pytest.mark.parametrize(
    ("release", "files", "expected"),
    [
        ("el6", {"etc/modprobe.conf": "alias bond0 bonding\n"}, [Severity.WARNING]),
        ("el7", {"etc/modprobe.conf": "alias bond0 bonding\n"}, [Severity.ERROR]),
        ("el7", {"etc/modprobe.d/bonding": "alias bond0 bonding\n"}, [Severity.ERROR]),
        ("el6", {"etc/modprobe.d/bonding.alias": "alias bond0 bonding\n"}, []),
        ("el7", {"etc/modprobe.d/dist.conf.rpmnew": "alias bond0 bonding\n"}, []),
        ("el5", {"etc/modprobe.conf": "alias bond0 bonding\n"}, []),
    ],
    ids=["el6-conf", "el7-conf", "el7-no-suffix", "el6-alias-suffix", "el7-rpmnew", "el5"],
)
def test_bl406_per_release(tmp_path: Path, release: str, files: dict, expected: list) -> None:
    root = host(tmp_path, None, release=release, extra=files)
    assert [f.severity for f in findings(root, "BL406")] == expected


def test_bl407_options_only_in_modprobe_d(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        "alias bond0 bonding\n" + NICS,
        bond=BOND0,
        extra={"etc/modprobe.d/bonding.conf": "options bond0 mode=4 miimon=100\nalias bond0 bonding\n"},
    )
    (f,) = findings(root, "BL407")  # the alias is in modprobe.conf too; the options are not
    assert f.line == 1 and f.path.endswith("bonding.conf")


@pytest.mark.parametrize(("release", "fires"), [("el5", False), ("el7", True)])
def test_bl408_include_only_under_kmod(tmp_path: Path, release: str, fires: bool) -> None:
    files = {"etc/modprobe.d/local.conf": "include /etc/modprobe.d/site\nalias bond0 bonding\n"}
    root = host(tmp_path, None, release=release, extra=files)
    assert bool(findings(root, "BL408")) == fires


def test_bl408_skips_files_kmod_never_reads(tmp_path: Path) -> None:
    root = host(tmp_path, "alais bond0 bonding\n", release="el7", extra={"etc/modprobe.d/b.conf": "alias bond0 bonding\n"})
    assert findings(root, "BL408") == []
    assert len(findings(root, "BL406")) == 1


@pytest.mark.parametrize(
    ("line", "fires"),
    [
        ("install e1000 /sbin/modprobe --ignore-install e1000; /sbin/ethtool -K eth0 tso off\n", True),
        ("remove bonding /sbin/ifdown bond0; /sbin/modprobe -r --ignore-remove bonding\n", True),
        ("install bonding /bin/true\n", False),  # BL404's
        ("install ipv6 /bin/true\n", False),
    ],
    ids=["slave-driver", "remove-bonding", "no-op-is-bl404", "unrelated"],
)
def test_bl409_install_lines(tmp_path: Path, line: str, fires: bool) -> None:
    assert bool(findings(host(tmp_path, "alias bond0 bonding\n" + NICS + line), "BL409")) == fires
