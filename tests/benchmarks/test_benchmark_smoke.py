"""The benchmark's smoke: its generator and its peer runs, on a few hosts, never timed.

The trees must be deterministic (figures from different days compare), the seeded faults
must really be in the files `faults.json` names, and both peers must parse every file of a
clean tree (if augeas or insights-core cannot, our trees are not realistic).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "benchmarks" / "generate_hosts.py"
BENCH = REPO / "benchmarks" / "bench.py"
VENV_PYTHON = REPO / "benchmarks" / ".venv-peers" / "bin" / "python"
FAULT_CODES = {"BL002", "BL102", "BL201", "BL302", "BL402", "BL512", "BL602"}


def generate(out: Path, *args: str) -> dict:
    subprocess.run([sys.executable, str(GENERATOR), str(out), *args], check=True, capture_output=True)
    return json.loads((out / "faults.json").read_text())


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def values(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of an ifcfg-style file, quotes kept (the faults are about quoting)."""
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key: value for key, value in pairs}


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", "--hosts", "3", "--seed", "7")
    second = generate(tmp_path / "b", "--hosts", "3", "--seed", "7")
    other = generate(tmp_path / "c", "--hosts", "3", "--seed", "8")
    assert first == second
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")
    assert other["seed"] == 8
    hosts = sorted(p.name for p in (tmp_path / "a").iterdir() if p.is_dir())
    assert hosts == ["host-00000", "host-00001", "host-00002"]


def test_clean_hosts_hold_their_invariants(tmp_path: Path) -> None:
    manifest = generate(tmp_path, "--hosts", "30", "--seed", "3", "--fault-rate", "0")
    assert manifest["faults"] == []
    macs: list[str] = []
    for host in sorted(p for p in tmp_path.iterdir() if p.is_dir()):
        scripts = host / "etc/sysconfig/network-scripts"
        files = {p.name[len("ifcfg-"):]: values(p) for p in scripts.glob("ifcfg-*")}
        nics = [name for name in files if name.startswith("eth")]
        assert 4 <= len(nics) <= 8
        bonds = [name for name in files if "BONDING_OPTS" in files[name]]
        assert 1 <= len(bonds) <= 2
        for name, keys in files.items():
            assert keys["DEVICE"] == name
            if "MASTER" in keys:
                assert keys["MASTER"] in bonds and keys["SLAVE"] == "yes" and "BOOTPROTO=dhcp" not in keys
            opts = keys.get("BONDING_OPTS", "")
            assert not opts or (opts[0] in "\"'" and opts[-1] == opts[0] and "miimon=" in opts)
            macs += [keys["HWADDR"].upper()] if "HWADDR" in keys else []
        network = values(host / "etc/sysconfig/network")
        assert network["GATEWAYDEV"] in bonds
        release = (host / "etc/redhat-release").read_text()
        modprobe_conf = host / "etc/modprobe.conf"
        assert modprobe_conf.exists() == (" 5." in release)
        if modprobe_conf.exists():
            aliases = modprobe_conf.read_text().splitlines()
            assert aliases[: len(bonds)] == [f"alias {bond} bonding" for bond in sorted(bonds)]
    assert len(macs) == len(set(macs)), "a MAC is reused in the fleet"


def test_seeded_faults_are_well_formed(tmp_path: Path) -> None:
    manifest = generate(tmp_path, "--hosts", "40", "--seed", "5", "--fault-rate", "1")
    faults = manifest["faults"]
    assert len(faults) == 40 and len({f["host"] for f in faults}) == 40
    assert {f["code"] for f in faults} == FAULT_CODES
    for fault in faults:
        host = tmp_path / fault["host"]
        path = host / fault["path"]
        assert path.is_file(), fault
        text = path.read_text()
        code = fault["code"]
        if code == "BL002":
            assert re.search(r"^BONDING_OPTS=mode=4 miimon=100$", text, re.M)
        elif code == "BL302":
            assert re.search(r"^BONDING_OPTS=[\"']mode=7 ", text, re.M)
        elif code == "BL201":
            assert values(path)["MASTER"] == "bond7"
            assert not (host / "etc/sysconfig/network-scripts/ifcfg-bond7").exists()
        elif code == "BL102":
            mac = values(path)["HWADDR"]
            twins = [
                values(p)["HWADDR"] for p in host.glob("etc/sysconfig/network-scripts/ifcfg-eth*")
                if p != path and values(p).get("HWADDR", "").lower() == mac.lower()
            ]
            assert twins and all(twin != mac for twin in twins)
        elif code == "BL402":
            lines = text.splitlines()
            assert lines.index("alias bond0 bonding") > min(i for i, l in enumerate(lines) if l.startswith("alias eth"))
        elif code == "BL512":
            assert "GATEWAYDEV" not in values(path) and "GATEWAY" in values(path)
            dhcp_up = [
                p for p in host.glob("etc/sysconfig/network-scripts/ifcfg-eth*")
                if values(p).get("BOOTPROTO") == "dhcp" and values(p).get("ONBOOT") == "yes"
            ]
            assert len(dhcp_up) == 1
        elif code == "BL602":
            assert "(network-script network-bridge netdev=bond0)" in text.splitlines()


def peer_missing(peer: str) -> str | None:
    if peer == "augtool":
        return None if shutil.which("augtool") else "augtool not installed (apt-get install augeas-tools)"
    if not VENV_PYTHON.exists():
        return "no benchmarks/.venv-peers (python benchmarks/bench.py installs insights-core there)"
    probe = subprocess.run([str(VENV_PYTHON), "-c", "import insights.parsers.ifcfg"], capture_output=True)
    return None if probe.returncode == 0 else "insights-core not importable in benchmarks/.venv-peers"


@pytest.mark.parametrize("peer", ["augtool", "insights"])
def test_peer_parses_every_generated_file(tmp_path: Path, peer: str) -> None:
    if reason := peer_missing(peer):
        pytest.skip(reason)
    command = [
        sys.executable, str(BENCH), "--hosts", "3", "--reps", "1", "--rss-hosts", "0", "--fault-rate", "0",
        "--tools", peer, "--no-install", "--work", str(tmp_path),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    for scenario in ("fleet", "one_host"):
        outcome = results[scenario][peer]
        assert outcome["ok"] and outcome["median_s"] > 0
        expected = "0 files augeas failed to parse" if peer == "augtool" else " parsed, 0 failed"
        assert expected in outcome["detail"]
    assert results["hosts"] == 3


def test_fault_check_reads_bondlint_json(tmp_path: Path) -> None:
    """The checker behind 'bondlint flagged every seeded fault', on JSON in the reporter's shape."""
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench
    finally:
        sys.path.remove(str(BENCH.parent))
    root = tmp_path / "host-00004"
    faults = [
        {"host": "host-00004", "code": "BL302", "path": "etc/sysconfig/network-scripts/ifcfg-bond0"},
        {"host": "host-00004", "code": "BL402", "path": "etc/modprobe.conf"},
    ]
    clean = str(tmp_path / "host-00005")
    findings = [
        {"code": "BL302", "severity": "error", "root": str(root), "path": "etc/sysconfig/network-scripts/ifcfg-bond0"},
        {"code": "BL402", "severity": "warning", "root": str(root), "path": str(root / "etc/sysconfig/network")},
        {"code": "BL108", "severity": "info", "root": clean, "path": "etc/sysconfig/network-scripts/ifcfg-bond0"},
        {"code": "BL512", "severity": "warning", "root": clean, "path": "etc/sysconfig/network"},
    ]
    check = bench.check_faults(json.dumps({"findings": findings}), faults)
    assert [f["code"] for f in check["missed"]] == ["BL402"]  # right code, wrong file
    assert check["clean_host_findings"] == {"BL512": 1}  # info findings are not false positives
