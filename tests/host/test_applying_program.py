"""The applying program of an ifcfg file, decided once from the tree's evidence (host/services.py,
build._applier): service links, NM_CONTROLLED, the release's default; never UUID=."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bondlint.host.build import build_host
from bondlint.host.discover import classify

BOND = "DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"
RELEASE = {
    "el6": "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n",
    "el7": "CentOS Linux release 7.9.2009 (Core)\n",
    "el8": "Red Hat Enterprise Linux release 8.8 (Ootpa)\n",
}


def _host(tmp_path: Path, release: str, bond: str = BOND, links: dict[str, str] | None = None,
          files: dict[str, str] | None = None):
    scripts = tmp_path / "etc" / "sysconfig" / "network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-bond0").write_text(bond)
    (tmp_path / "etc" / "redhat-release").write_text(RELEASE[release])
    for rel, target in (links or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, tmp_path / rel)
    for rel, text in (files or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return build_host(classify(str(tmp_path))).interfaces["bond0"].applier


WANTS = "etc/systemd/system/multi-user.target.wants"
NM_ON = {f"{WANTS}/NetworkManager.service": "/usr/lib/systemd/system/NetworkManager.service"}
NM_MASKED = {"etc/systemd/system/NetworkManager.service": "/dev/null",
             f"{WANTS}/sshd.service": "/usr/lib/systemd/system/sshd.service"}
NETWORK_ON = {"etc/rc.d/rc3.d/S10network": "../init.d/network"}


@pytest.mark.parametrize(
    ("release", "bond", "links", "program", "fallback", "assumed"),
    [
        # no service links: the release's default, said to be assumed
        ("el7", BOND, {}, "NetworkManager", False, True),
        ("el8", BOND, {}, "NetworkManager", False, True),
        ("el6", BOND, {}, "initscripts", False, True),
        # UUID= is no evidence either way
        ("el6", BOND + "UUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\n", {}, "initscripts", False, True),
        # NetworkManager disabled (masked), though the file says NM_CONTROLLED=yes: nothing runs it
        ("el7", BOND + "NM_CONTROLLED=yes\n", NM_MASKED | NETWORK_ON, "initscripts", False, False),
        # NetworkManager enabled, NM_CONTROLLED=no: initscripts
        ("el7", BOND + "NM_CONTROLLED=no\n", NM_ON | NETWORK_ON, "initscripts", False, False),
        # both enabled: NetworkManager, initscripts' ifup as the fallback
        ("el7", BOND, NM_ON | NETWORK_ON, "NetworkManager", True, False),
        # el6 with NetworkManager's SysV link: NetworkManager applies it
        ("el6", BOND, {"etc/rc.d/rc3.d/S23NetworkManager": "../init.d/NetworkManager"}, "NetworkManager", False, False),
    ],
    ids=["el7-default", "el8-default", "el6-default", "el6-uuid-no-evidence", "el7-nm-masked-nm-controlled-yes",
         "el7-nm-controlled-no", "el7-both-enabled", "el6-nm-sysv-link"],
)
def test_applying_program_from_evidence(tmp_path, release, bond, links, program, fallback, assumed) -> None:
    applier = _host(tmp_path, release, bond, links)
    assert (applier.program, applier.fallback, applier.assumed) == (program, fallback, assumed)
    assert applier.evidence  # always said why


def test_masked_networkmanager_is_named_as_the_evidence(tmp_path) -> None:
    applier = _host(tmp_path, "el7", links=NM_MASKED)
    assert applier.evidence == ("NetworkManager disabled: etc/systemd/system/NetworkManager.service is masked (linked to /dev/null)",)


UNITS = "sos_commands/systemd/systemctl_list-unit-files"
CHKCONFIG = "sos_commands/services/chkconfig_--list"
OLD_CHKCONFIG = "sos_commands/startup/chkconfig_--list"  # sos before 3.0 (el5, el6)


def _unit_files(nm_state: str) -> str:
    """``systemctl list-unit-files`` as sos records it (NetworkManager-dispatcher must not be taken for it)."""
    rows = [("UNIT FILE", "STATE"), ("NetworkManager-dispatcher.service", "enabled"),
            ("NetworkManager.service", nm_state), ("sshd.service", "enabled")]
    return "".join(f"{unit:<46}{state} \n" for unit, state in rows) + "\n4 unit files listed.\n"


def _chkconfig(**services: bool) -> str:
    """``chkconfig --list``: each service on in runlevels 2-5, or off in all."""
    return "".join(
        f"{name:<15}\t" + "\t".join(f"{n}:{'on' if on and 2 <= n <= 5 else 'off'}" for n in range(7)) + "\n"
        for name, on in services.items()
    ) + "xinetd based services:\n\tchargen-dgram:\toff\n"


@pytest.mark.parametrize(
    ("release", "links", "files", "program", "fallback", "evidence"),
    [
        # the sosreport's record decides over the tree's links (they miss vendor links, or a copy is partial)
        ("el7", NM_ON, {UNITS: _unit_files("disabled")}, "initscripts", False,
         f"NetworkManager disabled: {UNITS}:3 records NetworkManager.service disabled"),
        ("el7", NM_MASKED, {UNITS: _unit_files("enabled")}, "NetworkManager", False,
         f"NetworkManager enabled: {UNITS}:3 records NetworkManager.service enabled"),
        # a state that says nothing of boot (static, indirect, *-runtime) leaves it to the links
        ("el7", NM_MASKED, {UNITS: _unit_files("enabled-runtime")}, "initscripts", False,
         "NetworkManager disabled: etc/systemd/system/NetworkManager.service is masked (linked to /dev/null)"),
        # no links at all: the record alone, and chkconfig's record of the network service (fallback)
        ("el7", {}, {UNITS: _unit_files("enabled"), CHKCONFIG: _chkconfig(netconsole=False, network=True)},
         "NetworkManager", True, f"network service enabled: {CHKCONFIG}:2 records network on in runlevel 2"),
        # el6: chkconfig records both services (older sos keeps it under startup/)
        ("el6", {}, {OLD_CHKCONFIG: _chkconfig(NetworkManager=True, network=False)}, "NetworkManager", False,
         f"NetworkManager enabled: {OLD_CHKCONFIG}:1 records NetworkManager on in runlevel 2"),
        ("el6", {"etc/rc.d/rc3.d/S23NetworkManager": "../init.d/NetworkManager"},
         {CHKCONFIG: _chkconfig(NetworkManager=False, network=True)}, "initscripts", False,
         f"NetworkManager disabled: {CHKCONFIG}:1 records NetworkManager off in runlevels 2-5"),
    ],
    ids=["record-disabled-over-wants-link", "record-enabled-over-mask", "runtime-state-leaves-it-to-links",
         "records-only-both-enabled", "el6-old-sos-chkconfig", "el6-chkconfig-off-over-rc-link"],
)
def test_a_sosreports_own_records_of_services(tmp_path, release, links, files, program, fallback, evidence) -> None:
    applier = _host(tmp_path, release, links=links, files=files)
    assert (applier.program, applier.fallback) == (program, fallback)
    assert evidence in applier.evidence
