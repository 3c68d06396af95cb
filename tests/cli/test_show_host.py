"""``bondlint --show-host``: the model a rule reads, with where each effective value came from."""

from __future__ import annotations

import json

from bondlint import cli
from tests.conftest import HOSTS


def _show(capsys, *argv: str) -> str:
    assert cli.main(["--show-host", *argv]) == 0
    return capsys.readouterr().out


def test_text_names_the_module_default_as_the_mode_source(capsys) -> None:
    out = _show(capsys, str(HOSTS / "BL801-module-default-mode-el5"))
    assert "bond bond0, applied by initscripts" in out
    assert "mode: 802.3ad (4) from mode=4 in the module options" in out
    assert "etc/modprobe.conf:2)" in out
    assert "running as bond0: balance-rr, miimon 100, slaves eth0, eth1" in out


def test_json_shows_networkmanager_defaults(capsys) -> None:
    data = json.loads(_show(capsys, str(HOSTS / "BL801-nm-default-mode-el7"), "--format", "json"))
    (bond,) = data["bonds"]
    assert bond["consumer"] == "NetworkManager"
    assert bond["mode"] == {"value": "balance-rr (0)", "valid": True, "from": "default of NetworkManager"}
    assert bond["options"]["miimon"]["from"].endswith("ifcfg-bond0:10")
    assert bond["running"]["mode"] == "802.3ad"
    assert data["release"] == {"name": "el7", "version": "7.9", "from": "etc/redhat-release", "assumed": False}


def test_missing_root_is_a_usage_error(capsys, tmp_path) -> None:
    assert cli.main(["--show-host", str(tmp_path / "absent")]) == 2
    assert "path does not exist" in capsys.readouterr().err


def test_show_host_says_once_that_obfuscated_macs_were_not_judged(capsys) -> None:
    """A report cleaned by sos clean: --show-host names it; BL108 stays silent (fixture BL108-ok-sos-cleaned-macs)."""
    assert cli.main(["--show-host", str(HOSTS / "BL108-ok-sos-cleaned-macs")]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "obfuscated" in ln]
    assert len(lines) == 1 and "not judged (BL108)" in lines[0] and "ifcfg-" in lines[0]


def test_keyfile_bond_shows_its_keyfile_lines_and_nm_defaults(capsys) -> None:
    out = _show(capsys, str(HOSTS / "BL303-ok-keyfile-no-miimon-written"))
    assert "bond bond0, applied by NetworkManager" in out
    assert "mode: 802.3ad (4) from mode=802.3ad in [bond]" in out
    assert "miimon=100  (default of NetworkManager)" in out
    assert "slaves: eth0, eth1" in out and "bridge: br0" in out


def test_networkmanager_says_who_reads_ifcfg_and_what_is_not_loaded(capsys) -> None:
    out = _show(capsys, str(HOSTS / "BL709-el10-ifcfg-only"))
    assert "ifcfg files NOT read (el10's NetworkManager is built without the ifcfg-rh plugin" in out
    data = json.loads(_show(capsys, str(HOSTS / "BL319-keyfile-peer-notif-delay-not-multiple"), "--format", "json"))
    (bond0,) = [k for k in data["networkmanager"]["keyfiles"] if k["id"] == "bond0"]
    assert not bond0["loaded"] and "peer_notif_delay" in bond0["why_not"]


def test_applying_program_and_its_evidence_text(capsys) -> None:
    """An el7 tree masking NetworkManager: initscripts apply the ifcfg bond, and --show-host says why."""
    out = _show(capsys, str(HOSTS / "BL303-el7-networkmanager-disabled-initscripts-apply"))
    assert ("bond bond0, applied by initscripts (NetworkManager disabled: "
            "etc/systemd/system/NetworkManager.service is masked (linked to /dev/null))") in out
    assert "service NetworkManager: disabled" in out
    assert "service network: enabled (etc/rc.d/rc3.d/S10network)" in out


def test_applying_program_and_its_evidence_json(capsys) -> None:
    """Both services enabled on el7: NetworkManager applies, initscripts' ifup is the fallback;
    a tree without service links gets the release's default, marked assumed."""
    data = json.loads(_show(capsys, str(HOSTS / "BL303-ok-el7-networkmanager-and-network-enabled"), "--format", "json"))
    applied = data["bonds"][0]["interface"]["applied_by"]
    assert applied["program"] == "NetworkManager" and applied["fallback_initscripts"] and not applied["assumed"]
    assert applied["evidence"] == [
        "NetworkManager enabled: etc/systemd/system/multi-user.target.wants/NetworkManager.service",
        "network service enabled: etc/rc.d/rc3.d/S10network",
    ]
    assert data["services"]["network"] == {"enabled": True, "evidence": "etc/rc.d/rc3.d/S10network"}
    data = json.loads(_show(capsys, str(HOSTS / "BL303-ok-el8-ifcfg-bond-networkmanager-applies"), "--format", "json"))
    applied = data["bonds"][0]["interface"]["applied_by"]
    assert applied["program"] == "NetworkManager" and applied["assumed"]
    assert applied["text"] == "unknown, the release's default is NetworkManager"


def test_numbered_addresses_as_each_program_reads_them(capsys) -> None:
    # BL508-ifcfg-ipaddr2-network-address: IPADDR and IPADDR2 (IPADDR0/IPADDR1 optional), NM_CONTROLLED=no
    root = str(HOSTS / "BL508-ifcfg-ipaddr2-network-address")
    out = _show(capsys, root)
    assert "the network service adds the addresses: 10.0.0.5/24 (IPADDR), 10.0.3.0/24 (IPADDR2)" in out
    data = json.loads(_show(capsys, root, "--format", "json"))
    text = json.dumps(data)
    assert '"initscripts_addresses": ["10.0.0.5/24 (IPADDR)", "10.0.3.0/24 (IPADDR2)"]' in text
