"""docs/new_rule.py: the chores of adding a rule, and its refusal of a code that exists."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("new_rule", REPO / "docs" / "new_rule.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_refuses_a_code_that_exists(capsys) -> None:
    before = (REPO / "rules" / "topology.py").read_text(encoding="utf-8")
    assert _script().main(["BL208", "anything-else"]) == 1
    assert "BL208 exists" in capsys.readouterr().err
    assert (REPO / "rules" / "topology.py").read_text(encoding="utf-8") == before


def test_adds_the_stub_and_the_fixture_pair(tmp_path: Path, capsys) -> None:
    script = _script()
    (tmp_path / "rules").mkdir()
    shutil.copy(REPO / "rules" / "topology.py", tmp_path / "rules" / "topology.py")
    (tmp_path / "fixtures" / "hosts").mkdir(parents=True)
    script.REPO = tmp_path
    assert script.main(["BL299", "bond-port-is-loopback", "--shows", "lo-as-port"]) == 0
    module = (tmp_path / "rules" / "topology.py").read_text(encoding="utf-8")
    assert '@rule("BL299", "bond-port-is-loopback", Severity.WARNING)\ndef bond_port_is_loopback(' in module
    compile(module, "topology.py", "exec")
    for folder in ("BL299-lo-as-port", "BL299-ok-lo-as-port"):
        assert (tmp_path / "fixtures" / "hosts" / folder / "etc" / "sysconfig" / "network-scripts" / "ifcfg-bond0").is_file()
    assert "--snapshot-update" in capsys.readouterr().out
