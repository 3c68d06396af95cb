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
