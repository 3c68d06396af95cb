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


def _host(tmp_path: Path, release: str, bond: str = BOND, links: dict[str, str] | None = None):
    scripts = tmp_path / "etc" / "sysconfig" / "network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-bond0").write_text(bond)
    (tmp_path / "etc" / "redhat-release").write_text(RELEASE[release])
    for rel, target in (links or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, tmp_path / rel)
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
